"""Exceptions the library raises; the CLI and the pages turn them into messages."""


class IncidentMapError(Exception):
    """Base class for every error this package raises on purpose."""


class GazetteerError(IncidentMapError):
    """The gazetteer's inputs are missing or malformed."""


class BadInput(IncidentMapError):
    """An input file or value is not usable; the message names the file, row and field."""


class StoreError(IncidentMapError):
    """The store could not be read or written."""


class TimeLimitExceeded(IncidentMapError):
    """Work given a time limit (the dashboard's preview of a long article) ran past it."""
