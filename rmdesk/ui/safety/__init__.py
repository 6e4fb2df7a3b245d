"""The GUI of rmdesk's safety features: backups, restore, erasure, the audit log, and the
confirmation a re-import needs before it marks many people as having left."""

from rmdesk.ui.safety.actions import SafetyActions
from rmdesk.ui.safety.audit_dialog import AuditLogDialog
from rmdesk.ui.safety.backup_dialogs import BackupTarget, ConfirmRestore, RestoreDialog
from rmdesk.ui.safety.confirm_deactivation import ConfirmDeactivation
from rmdesk.ui.safety.erase_dialog import EraseChoice, EraseDialog, ErasureDone

__all__ = [
    "AuditLogDialog",
    "BackupTarget",
    "ConfirmDeactivation",
    "ConfirmRestore",
    "EraseChoice",
    "EraseDialog",
    "ErasureDone",
    "RestoreDialog",
    "SafetyActions",
]
