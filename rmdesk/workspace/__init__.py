"""The Workspace: the one door to an rmdesk database, used by both the GUI and the CLI."""

from rmdesk.workspace.roster import ImportPlan, ImportReport, Progress, RosterOps


class Workspace(RosterOps):
    """Facade over every capability; see the mixins for each part."""


__all__ = ["ImportPlan", "ImportReport", "Progress", "Workspace"]
