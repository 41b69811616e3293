"""The incident store (SQLite by default), the two frames the dashboard and export read, and their filters."""
