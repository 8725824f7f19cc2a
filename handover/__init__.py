"""Handover: hand a customer account safely from one account manager to the next."""

__version__ = "0.1.0"
