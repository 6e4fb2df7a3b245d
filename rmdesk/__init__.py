"""rmdesk: the reverse-mentoring programme desk for one HR officer."""

__version__ = "0.1.0"
