"""Incidents out: RFC 7946 GeoJSON, the snapshot of many incidents, and CSV."""
