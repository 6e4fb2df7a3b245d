"""sqlite-utils, imported without its optional numpy and pandas (docs/architecture.md#start-up).

When numpy or pandas is installed, ``sqlite_utils.db`` imports it at once, only to name
numpy's number types in its column-type guesses. rmdesk writes its tables with hand-made SQL
and never stores numpy values, and that import is half of what opening a file costs (about
55 ms of 120). So the first import of sqlite-utils is made with both hidden; they import
normally afterwards (the assignment's numpy, when a suggestion needs it). When numpy is loaded
already, sqlite-utils gets it as usual: hiding it then would save nothing.
"""

from __future__ import annotations

import sys

_OPTIONAL = ("numpy", "pandas")


def _import_without_optional_extras() -> None:
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in _OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


_import_without_optional_extras()

from sqlite_utils import Database, Migrations  # noqa: E402

__all__ = ["Database", "Migrations"]
