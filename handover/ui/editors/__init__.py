"""The modal editors the screens open through the dialogs module."""
