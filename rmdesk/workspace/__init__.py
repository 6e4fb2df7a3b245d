"""The Workspace: the one door to an rmdesk database, used by both the GUI and the CLI."""

from rmdesk.workspace.pairing import PairingOps
from rmdesk.workspace.roster import ImportPlan, ImportReport, Progress, RosterOps


class Workspace(PairingOps, RosterOps):
    """Facade over every capability; each mixin module holds one of them."""


__all__ = ["ImportPlan", "ImportReport", "Progress", "Workspace"]
