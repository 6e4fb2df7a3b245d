"""Roster files: reading CSV/Excel/ODS exports, placing their columns, validating their rows."""

from rmdesk.roster_files.file_input import check_regular_file
from rmdesk.roster_files.headers import FIELD_CHOICES, Mapping, detect_mapping
from rmdesk.roster_files.limits import DEFAULT_LIMITS, ReadLimits
from rmdesk.roster_files.readers import Table, read_table
from rmdesk.roster_files.validate import ParsedRoster, parse_roster

__all__ = [
    "DEFAULT_LIMITS",
    "FIELD_CHOICES",
    "Mapping",
    "ParsedRoster",
    "ReadLimits",
    "Table",
    "check_regular_file",
    "detect_mapping",
    "parse_roster",
    "read_table",
]
