"""The handovers list, the outgoing manager's stepper, the incoming manager's review, the team
lead's review page and a leaver's handovers."""
