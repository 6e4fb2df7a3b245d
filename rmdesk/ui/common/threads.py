"""Background threads that outlive nobody: each is held here until it finishes, and the
process waits for the ones still running before it exits (docs/architecture.md#the-gui).

Qt aborts the process when a ``QThread`` object is destroyed while its thread runs. That
happens when a window closes, or a script ends, in the middle of a background roster read or
import. So the threads have no Qt parent that could take them down: this registry holds them
until ``finished``, and at exit it asks each to stop (a job sees its cancel flag) and waits.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread

#: thread -> (the object working in it, how to ask it to stop)
_held: dict[QThread, tuple[QObject, Callable[[], None]]] = {}


def _nothing() -> None:
    return None


def hold(thread: QThread, worker: QObject, stop: Callable[[], None] = _nothing) -> None:
    """Keep ``thread`` and its ``worker`` alive until the thread has finished; ``stop`` asks
    the work to end early. The thread must have no Qt parent. Finished threads are let go
    here, on the GUI thread, never from inside their own ``finished``."""
    if thread.parent() is not None:
        raise ValueError("a held thread must not have a Qt parent that could delete it")
    for done in [t for t in _held if t.isFinished()]:
        del _held[done]
    _held[thread] = (worker, stop)


def wait_for_all(timeout_ms: int = 30_000) -> None:
    """Ask every held thread to stop and wait for it (the process is about to end)."""
    for thread, (_worker, stop) in list(_held.items()):
        stop()
        thread.requestInterruption()
        thread.quit()
        thread.wait(timeout_ms)
    _held.clear()


atexit.register(wait_for_all)
