"""``ws.safety``: backups (SQLite's online backup API), restoring one, erasing a person, and
the one-writer lock. See docs/architecture.md#safety and README "Your data".

Backups go to a ``backups`` folder beside the database, each file readable by its owner only;
the automatic ones made on opening rotate (the last N kept, a setting) and are skipped when
the database has not changed since the last one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rmdesk.errors import StorageError
from rmdesk.storage import APPLICATION_ID, SCHEMA_VERSION, check_rmdesk_file, migrations
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.erasure import ErasureReport, erase_person
from rmdesk.workspace.events import DatabaseReplaced
from rmdesk.workspace.store import Store
from rmdesk.workspace.writer_lock import LockHeld, LockHolder, WriterLock

KEEP_KEY = "backups_kept"
DEFAULT_KEEP = 10
BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One backup file of this database."""

    path: Path
    made_at: datetime
    size: int


def _write_private(path: Path) -> None:
    """Create ``path`` empty at 0600, refusing to follow or replace anything already there."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.close(fd)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database into the new file ``target`` with the online backup API, as one
    self-contained file (rollback journal, no -wal beside it).

    The copy is made under a hidden name and given ``target``'s name only once whole: a
    backup cut short (the process killed, the disk full) never sits among the backups
    looking like one. ``target`` is never overwritten."""
    part = target.with_name(f".{target.name}.part")
    for leftover in (part, Path(f"{part}-journal")):
        leftover.unlink(missing_ok=True)  # a copy cut short before
    _write_private(part)
    try:
        dest = sqlite3.connect(part)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        _claim(part, target)
    except sqlite3.Error as exc:
        raise StorageError(f"the backup to {target} failed: {exc}") from exc
    except FileExistsError as exc:
        raise StorageError(f"{target} already exists; choose a new file for the backup.") from exc
    finally:
        part.unlink(missing_ok=True)


def _claim(part: Path, target: Path) -> None:
    """Give the finished copy its name, never over another file. A hard link refuses a taken
    name by itself; a drive without hard links (a FAT USB stick) gets a checked rename."""
    try:
        os.link(part, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists() or target.is_symlink():
            raise FileExistsError(target) from None
        os.replace(part, target)


class SafetyService:
    """Backups, restore, erasure and the writer lock of one workspace."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock: WriterLock | None = None

    # -- where backups live --------------------------------------------------------------------
    def backup_folder(self) -> Path:
        if self.store.path is None:
            raise StorageError("an in-memory workspace has no file to back up")
        return self.store.path.resolve().parent / BACKUP_FOLDER

    def _prefix(self) -> str:
        assert self.store.path is not None
        return f"{self.store.path.stem}-"

    def keep(self) -> int:
        """How many automatic backups are kept (a setting, default 10)."""
        try:
            return max(1, int(self.store.setting(KEEP_KEY, str(DEFAULT_KEEP))))
        except ValueError:
            return DEFAULT_KEEP

    def set_keep(self, count: int) -> None:
        if count < 1:
            raise ValueError("at least one backup is kept")
        self.store.set_setting(KEEP_KEY, str(count))

    def backups(self) -> list[Backup]:
        """This database's backups in its backup folder, newest first."""
        if self.store.path is None:
            return []
        folder = self.backup_folder()
        if not folder.is_dir():
            return []
        pattern = re.compile(re.escape(self._prefix()) + r"(\d{8}-\d{6})(?:-(\d+))?\.db$")
        found = []
        for p in folder.iterdir():
            m = pattern.match(p.name)
            if m and p.is_file():
                made = datetime.strptime(m.group(1), _STAMP)
                found.append((made, int(m.group(2) or 0), Backup(p, made, p.stat().st_size)))
        return [b for *_order, b in sorted(found, key=lambda f: f[:2], reverse=True)]

    # -- making them -----------------------------------------------------------------------------
    def backup(self, to: Path | str | None = None, record: bool = False) -> Path:
        """Copy the database now, to ``to`` or a new file in the backup folder; returns it.
        ``record``: the officer asked for it, and the audit log says where it went (the
        automatic backups made on opening and before a restore are not logged)."""
        if to is not None:
            target = Path(to).expanduser()
            if target.exists() or target.is_symlink():
                raise StorageError(f"{target} already exists; choose a new file for the backup.")
        else:
            target = self._new_backup_path()
            self._clear_cut_short()
        copy_database(self.store.db.conn, target)
        if record and not self.store.read_only:
            record_in(self.store, "backup", f"Backed up to {target.resolve()}")
        if to is None:
            self._remember_state()
        return target

    def backup_on_open(self) -> Path | None:
        """The automatic backup when a workspace is opened: skipped (None) when nothing changed
        since the last one; then only the newest ``keep()`` are kept."""
        if self.store.path is None or self._state() == self._remembered_state():
            return None
        made = self.backup()
        self._rotate()
        return made

    def _clear_cut_short(self) -> None:
        """Remove hidden copies left by backups cut short an hour ago or more (a process
        killed mid-copy); a younger one may be another rmdesk's copy in progress."""
        folder = self.backup_folder()
        if not folder.is_dir():
            return
        old = datetime.now().timestamp() - 3600
        ours = re.compile(r"\." + re.escape(self._prefix()) + r"\d{8}-\d{6}(?:-\d+)?\.db\.part$")
        for part in folder.iterdir():
            if not ours.match(part.name):
                continue  # another database's, sharing the folder
            with contextlib.suppress(OSError):
                if part.stat().st_mtime < old:
                    part.unlink()
                    Path(f"{part}-journal").unlink(missing_ok=True)

    def _new_backup_path(self) -> Path:
        folder = self.backup_folder()
        stamp = datetime.now().strftime(_STAMP)
        # numbered after the newest of the same second, even when rotation removed older ones
        taken = [int(m.group(1) or 0) for m in self._numbers(folder, stamp)]
        if not taken:
            return folder / f"{self._prefix()}{stamp}.db"
        return folder / f"{self._prefix()}{stamp}-{max(taken) + 1}.db"

    def _numbers(self, folder: Path, stamp: str) -> list[re.Match[str]]:
        if not folder.is_dir():
            return []
        pattern = re.compile(re.escape(f"{self._prefix()}{stamp}") + r"(?:-(\d+))?\.db$")
        return [m for p in folder.iterdir() if (m := pattern.match(p.name))]

    def _rotate(self) -> None:
        for old in self.backups()[self.keep() :]:
            old.path.unlink(missing_ok=True)

    def _state(self) -> list[int]:
        """Size and modification time of the database and its WAL: unchanged, no writes."""
        assert self.store.path is not None
        out: list[int] = []
        for p in (self.store.path, Path(f"{self.store.path}-wal")):
            try:
                st = p.stat()
                out += [st.st_size, st.st_mtime_ns]
            except FileNotFoundError:
                out += [0, 0]
        return out

    def _state_file(self) -> Path:
        return self.backup_folder() / f".{self._prefix()}last.json"

    def _remembered_state(self) -> list[int] | None:
        try:
            value = json.loads(self._state_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, list) else None

    def _remember_state(self) -> None:
        path = self._state_file()
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        _write_private(tmp)
        tmp.write_text(json.dumps(self._state()), encoding="utf-8")
        tmp.replace(path)

    # -- restoring -------------------------------------------------------------------------------
    def check_backup(self, path: Path | str) -> None:
        """Raise StorageError unless ``path`` looks like an rmdesk database this version can
        open (a quick look, before the officer is asked to confirm a restore)."""
        check_rmdesk_file(Path(path).expanduser(), every_page=False)

    def restore(self, path: Path | str) -> Path:
        """Replace the database's contents with the backup ``path`` (checked to be an rmdesk
        database first). The current contents are backed up before; returns that backup."""
        source = Path(path).expanduser()
        check_rmdesk_file(source)
        if self.store.read_only:
            raise StorageError("this window opened the database read-only; nothing was restored")
        before = self.backup()
        conn = self.store.db.conn
        if conn.in_transaction:
            raise StorageError("a change is still being written; restore when it is done")
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if _page_size(src) != _page_size(conn):
                # a WAL database cannot take pages of another size: copy through memory
                mem = sqlite3.connect(":memory:")
                src.backup(mem)
                mem.execute(f"PRAGMA page_size = {_page_size(conn)}")
                mem.execute("VACUUM")
                src.close()
                src = mem
            src.backup(conn)
        except sqlite3.Error as exc:
            raise StorageError(f"{source} could not be restored: {exc}") from exc
        finally:
            src.close()
        # a backup from an older rmdesk is brought up to date like any file it opens
        conn.execute("PRAGMA foreign_keys = ON")
        migrations.apply(self.store.db)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with self.store.atomic():
            record_in(
                self.store,
                "restore",
                f"Restored from {source.name}; the contents before are in {before.name}",
            )
            self.store.emit(DatabaseReplaced())
        return before

    # -- erasing a person --------------------------------------------------------------------------
    def erase(self, employee_id: str, keep_backups: bool = False) -> ErasureReport:
        """Remove a person's personal data everywhere in the database (see erasure.py), then
        prune the backups made before (or list them, when ``keep_backups``)."""
        if self.store.read_only:
            raise StorageError("this window opened the database read-only; nothing was erased")
        older = self.backups()
        report = erase_person(self.store, employee_id)
        if keep_backups:
            return report.with_backups(kept=[b.path for b in older])
        for b in older:
            _shred(b.path)
        return report.with_backups(pruned=[b.path for b in older])

    # -- one writer ----------------------------------------------------------------------------
    def take_lock(self, wait: float = 0.0) -> None:
        """Hold this database's writer lock until ``release_lock`` (or close); raises LockHeld
        naming the holder when another live process has it."""
        if self.store.path is None:
            return
        if self.lock is None:
            self.lock = WriterLock(self.store.path)
        self.lock.acquire(wait)

    def lock_holder(self) -> LockHolder | None:
        """Who holds the writer lock of this database, if anybody."""
        if self.store.path is None:
            return None
        return WriterLock(self.store.path).holder()

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()


def _page_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _shred(path: Path) -> None:
    """Overwrite a backup with zeros before removing it (best effort on modern disks)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as fh:
            fh.write(b"\0" * size)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


__all__ = ["Backup", "LockHeld", "LockHolder", "SafetyService", "WriterLock", "copy_database"]
