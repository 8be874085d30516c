"""What every SQLite store of the reader (analysis cache, read state, feeds) does when its file is not as expected.

A store's file may be damaged (bytes overwritten, a torn copy), of another shape (a table with other columns),
made by a newer version, or on a disk that is full or read-only. Each calls for something different: damage and
a foreign shape are set aside (renamed beside the file, never deleted) after what can be read is kept; a newer
version is read but not written; a full or read-only disk keeps the file as it is, since nothing is wrong with it.
"""

from __future__ import annotations

import errno
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# What went wrong, in the few kinds that call for different handling.
DAMAGED = "damaged"  # the file is not a database, or its pages are malformed
NO_ROOM = "no room"  # the disk is full (SQLite may say "disk I/O error" when a write hits ENOSPC)
READ_ONLY = "read-only"  # the file or its folder cannot be written
BUSY = "busy"  # another process holds a lock
UNUSABLE = "unusable"  # anything else: cannot be opened at all

# SQLite's primary result codes (the low byte of an extended code).
_KINDS = {
    11: DAMAGED,  # SQLITE_CORRUPT
    26: DAMAGED,  # SQLITE_NOTADB
    13: NO_ROOM,  # SQLITE_FULL
    10: NO_ROOM,  # SQLITE_IOERR: on a full disk, what a WAL write most often reports
    8: READ_ONLY,  # SQLITE_READONLY
    23: READ_ONLY,  # SQLITE_AUTH
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
}
# Python before 3.11 gives only the message.
_MESSAGES = (
    ("malformed", DAMAGED),
    ("not a database", DAMAGED),
    ("is full", NO_ROOM),
    ("disk i/o error", NO_ROOM),
    ("readonly", READ_ONLY),
    ("read-only", READ_ONLY),
    ("locked", BUSY),
    ("busy", BUSY),
)


def problem(error: BaseException) -> str:
    """Which kind of trouble `error` (from sqlite3 or the file system) is."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return NO_ROOM
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return READ_ONLY
        return UNUSABLE
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _KINDS:
        return _KINDS[code & 0xFF]
    message = str(error).lower()
    return next((kind for words, kind in _MESSAGES if words in message), UNUSABLE)


def intact(db: sqlite3.Connection) -> bool:
    """Whether SQLite finds the file whole (`quick_check`: every page readable, no index checks)."""
    try:
        return bool(db.execute("PRAGMA quick_check").fetchone() == ("ok",))
    except sqlite3.DatabaseError:
        return False


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    """The columns `table` has (none when there is no such table)."""
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def readable_rows(db: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    """The rows `sql` gives before it meets damage: as much of a damaged table as can still be read."""
    rows: list[tuple[Any, ...]] = []
    try:
        for row in db.execute(sql):
            rows.append(row)
    except sqlite3.DatabaseError:
        pass
    return rows


def set_aside(path: Path) -> Path:
    """Rename the store at `path` (and its WAL files) beside it, so a new one can start; where it went.

    The user can still look into it, or send it with a bug report; nothing of it is deleted.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def open_read_only(path: Path) -> sqlite3.Connection:
    """`path` opened for reading only, also where its folder cannot be written (no WAL index can be made
    there, so the file is read as it stands)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.DatabaseError:
        db = sqlite3.connect(f"{uri}&immutable=1", uri=True, check_same_thread=False)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db


def copy_rows(db: sqlite3.Connection, table: str, names: Iterable[str], rows: list[tuple[Any, ...]]) -> None:
    """Put rows kept from a set-aside store into its new one (a row that no longer fits is left out)."""
    names = list(names)
    statement = f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    with db:
        for row in rows:
            try:
                db.execute(statement, row)
            except sqlite3.DatabaseError:
                continue
