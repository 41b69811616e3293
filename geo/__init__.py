"""incident-map: incidents reported in news articles, geocoded offline."""

__version__ = "0.1.0"
