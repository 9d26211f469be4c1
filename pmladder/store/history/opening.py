"""Opening the history file: made 0600 in a 0700 folder when missing, recognised as ours (or refused,
untouched, with the reason), switched to WAL, and migrated in one transaction.

MIGRATIONS and BUSY_TIMEOUT_MS are read from `schema` at each use (tests change them for a moment)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from ...exits import Message, N_
from . import schema
from .errors import (_DAMAGE_CODES, _IO_CODES, HistoryError, _cannot, _move_away, _os_reason, _primary, _problem, _read_only_fs,
                     _sqlite_error)
from .queries import History
from .schema import _SQLITE_MAGIC, APPLICATION_ID


def _make_folder(folder: Path) -> None:
    """Create `folder` (mode 0700) and any missing parents (default modes)."""
    if folder.is_dir():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    if os.name == "posix":
        os.chmod(folder, 0o700)  # the umask may have taken bits away; set exactly 0700


def _create_file(path: Path) -> None:
    """Create an empty database file with mode 0600 unless it exists."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        return
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # exactly 0600, whatever the umask
    finally:
        os.close(fd)


def _read_header(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read(100)


def _header_int(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset : offset + 4], "big")


def _tables(db: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _identify(db: sqlite3.Connection) -> tuple[int, int, list[str]]:
    """(application_id, user_version, tables) read without writing anything.

    All three come from one snapshot: read one at a time, another process initialising the
    file in between would make it look like a foreign database with our tables in it.
    """
    outer = db.in_transaction
    if not outer:
        db.execute("BEGIN")
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = _tables(db)
    finally:
        if not outer and db.in_transaction:
            db.execute("COMMIT")
    return app_id, version, tables


def _use_wal(db: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL (a no-op when the file already is).

    Changing the journal mode answers SQLITE_BUSY at once, without the busy handler, while
    another process holds a lock (as when two open a new file together), so retry here
    for as long as the busy timeout.
    """
    deadline = time.monotonic() + schema.BUSY_TIMEOUT_MS / 1000
    pause = 0.002
    while True:
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            break
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in (5, 6) or (
                time.monotonic() >= deadline
            ):
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
    if str(mode).lower() != "wal":
        raise HistoryError(path, _problem(N_("cannot use write-ahead logging here (journal mode {mode})"), mode=mode), io=True)


def _check_ours(path: Path, app_id: int, version: int, tables: list[str]) -> None:
    """Return for a file that is ours or new and empty; raise HistoryError otherwise."""
    if app_id == APPLICATION_ID:
        if version > len(schema.MIGRATIONS):
            raise HistoryError(
                path,
                _problem(N_("written by a newer pmladder (history schema version {version}; this pmladder reads up to "
                            "{known}); upgrade pmladder, or {move_away}"),
                         version=version, known=len(schema.MIGRATIONS), move_away=_move_away(path)),
            )
        return
    if app_id == 0 and version == 0 and not tables:
        return
    if app_id != 0:
        what = _problem(N_("application id {id}"), id=f"0x{app_id & 0xFFFFFFFF:08X}")
    elif tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        what = _problem(N_("with tables: {tables}"), tables=shown)
    else:
        what = _problem(N_("user version {version}"), version=version)
    raise HistoryError(
        path,
        _problem(N_("not a pmladder history database (an SQLite database of another program, {what}); {move_away}"),
                 what=what, move_away=_move_away(path)),
    )


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date in one write transaction (re-checked under the lock)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        app_id, version, tables = _identify(db)
        _check_ours(path, app_id, version, tables)
        if version < len(schema.MIGRATIONS):
            if app_id != APPLICATION_ID:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version + 1, len(schema.MIGRATIONS) + 1):
                try:
                    schema.MIGRATIONS[number - 1](db)
                except sqlite3.Error as exc:
                    if _primary(exc) in _IO_CODES:
                        raise  # a full or read-only disk: said as such by the caller
                    raise HistoryError(
                        path,
                        _problem(N_("cannot update the history database to schema version {number} ({detail}); {move_away}"),
                                 number=number, detail=str(exc), move_away=_move_away(path)),
                    ) from None
            db.execute(f"PRAGMA user_version = {len(schema.MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def open_history(path: str | os.PathLike[str], *, create: bool = True) -> History:
    """Open the history database at `path`, migrating it to the current schema.

    With `create` (the default) a missing folder (0700) and file (0600) are made. Without
    it, a missing file gives an empty view (`exists` False) and nothing is created.
    Raises `HistoryError` for a file that is damaged, foreign, newer or cannot be opened.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            return History(path, None)
        try:
            _make_folder(path.parent)
            _create_file(path)
        except OSError as exc:
            raise HistoryError(path, _cannot("create", _os_reason(exc)), io=True) from None
    try:
        header = _read_header(path)
    except OSError as exc:
        raise HistoryError(path, _cannot("open", _os_reason(exc)), io=True) from None
    if header and not header.startswith(_SQLITE_MAGIC):
        raise HistoryError(
            path, _problem(N_("not a pmladder history database (not an SQLite file); {move_away}"), move_away=_move_away(path))
        )
    # Whose it is, from the header itself, for a clearer message if SQLite cannot read it.
    raw_ours = len(header) >= 72 and _header_int(header, 68) == APPLICATION_ID

    db: sqlite3.Connection | None = None
    try:
        db = sqlite3.connect(
            os.fspath(path), timeout=schema.BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        db.execute(f"PRAGMA busy_timeout = {schema.BUSY_TIMEOUT_MS}")
        try:
            app_id, version, tables = _identify(db)  # reads only
        except sqlite3.DatabaseError as exc:
            if header and not raw_ours and _primary(exc) in _DAMAGE_CODES:
                raise HistoryError(
                    path,
                    _problem(N_("not a readable pmladder history database ({detail}); {move_away}"),
                             detail=str(exc), move_away=_move_away(path)),
                ) from None
            raise
        _check_ours(path, app_id, version, tables)
        # Ours (or new and empty) from here on: now it may be written.
        _use_wal(db, path)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        if version < len(schema.MIGRATIONS) or app_id != APPLICATION_ID:
            _migrate(db, path)
    except HistoryError:
        if db is not None:
            db.close()
        raise
    except sqlite3.Error as exc:
        if db is not None:
            db.close()
        if not create and _primary(exc) in (8, 14) and _read_only_fs(path):
            return _open_immutable(path)
        raise _sqlite_error(path, exc, "open") from None
    return History(path, db)


def _open_immutable(path: Path) -> History:
    """Open for reading a history on a read-only file system, where SQLite cannot make the
    shared-memory file WAL mode needs: as an immutable file (nothing can change it there).

    A write-ahead log left with content by a crash would be ignored, so that case is refused.
    """
    problem = _cannot("read", Message(N_("read-only file system")))
    wal = Path(os.fspath(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise HistoryError(path, _problem(N_("{problem}; its write-ahead log needs a writable folder"), problem=problem), io=True)
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc, "read") from None
    try:
        app_id, version, tables = _identify(db)
        _check_ours(path, app_id, version, tables)
        if app_id != APPLICATION_ID or version < len(schema.MIGRATIONS):
            raise HistoryError(path, _problem(N_("{problem}; it needs an update this pmladder cannot write"), problem=problem), io=True)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error):
            raise _sqlite_error(path, exc, "read") from None
        raise
    return History(path, db)
