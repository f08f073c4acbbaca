"""Incident pages: reporting, list, detail and map (pages.py); import and export (transfer.py)."""
