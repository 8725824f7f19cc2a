"""The window and what every screen shares: the main window and its pages, the session and its
undo stack, background tasks, the one dialogs module, words, colours, icons, tables, charts
and text."""
