"""Roster files: reading CSV/Excel/ODS exports, placing their columns, validating their rows."""

from rmdesk.roster_files.headers import FIELD_CHOICES, Mapping, detect_mapping
from rmdesk.roster_files.readers import Table, read_table
from rmdesk.roster_files.validate import ParsedRoster, parse_roster

__all__ = [
    "FIELD_CHOICES",
    "Mapping",
    "ParsedRoster",
    "Table",
    "detect_mapping",
    "parse_roster",
    "read_table",
]
