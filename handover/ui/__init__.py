"""The PySide6 screens: windows, pages, table models and the one module of dialogs."""
