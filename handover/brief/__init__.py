"""The handover brief: sanitised Markdown, and the brief as HTML and PDF (QtGui only)."""
