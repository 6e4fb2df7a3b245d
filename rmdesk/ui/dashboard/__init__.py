"""The programme dashboard view (object name ``dashboard``)."""

from rmdesk.ui.dashboard.view import DashboardView

__all__ = ["DashboardView"]
