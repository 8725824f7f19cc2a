"""What the record tabs of an account (people, history, promises) share."""
