"""The domain: records, validation, the handover and its rules. Standard library only."""
