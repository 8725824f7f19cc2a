"""The modal editors the screens open through the dialogs module, and the undoable edits
they save through the session."""
