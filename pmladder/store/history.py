"""The assessment history: every saved assessment, dated, in one local SQLite file.

    with open_history(paths.history_path()) as history:
        history.record(Entry(recorded_at=..., assessed_on=..., ...))
        for row in history.list(ladder="pmo-career"):
            ...

Only the standard library (`sqlite3`, `json`) is used. The module never reads the date or
the time of day: the caller passes both the moment of recording and the date of the
assessment (a monotonic timer only paces retries while another process holds the file).

Every failure a user could meet (a damaged, truncated or foreign file, a file written by a
newer pmladder, a folder that cannot be written, a database held too long by another
process) is raised as one `HistoryError` whose message names the file and never quotes what
is stored in it; no `sqlite3` exception leaves the public functions. `HistoryError.io` tells
a file system failure (read-only, full, unreadable, busy: try again or elsewhere) from a
file whose content cannot be used (damaged, foreign, newer: move it away). A file that is
not ours, or that we cannot read, is never written to: it is identified with reads only,
before any pragma that would change it. (One exception is SQLite's own: a foreign
rollback-journal database left with a hot `-journal` by a crash is rolled back by the first
read, as any SQLite reader would.) A damaged file is never written to either: every write
first runs `PRAGMA quick_check` in its transaction (once per open; a few milliseconds for
years of history) and is refused when SQLite finds the structure broken.

On a read-only file system a history opened without `create` is read as an immutable file
(nothing could change it), so listing still works where recording cannot.

Opening with `create=False` where there is no file gives an empty view (`History.exists`
is False): it lists nothing, counts 0, and raises `HistoryError` on `record`. Nothing is
created on disk for it, so read-only commands leave no file behind.

Files and modes: a folder that `open_history` creates gets mode 0700, the database file
0600 whatever the umask (it is created with `os.open(..., 0o600)` and `fchmod` before
SQLite opens it). SQLite gives its side files (`-wal`, `-shm`) the mode of the database
file, so they are 0600 too. On platforms without POSIX modes these are no-ops.

Concurrency: the database is in WAL mode with `synchronous=NORMAL` and a busy timeout of
5 s; every write is one `BEGIN IMMEDIATE` transaction, so two pmladder processes recording
at once simply take turns. Deletes use `secure_delete`, and `forget_all` ends with `VACUUM`
and a truncating WAL checkpoint, so forgotten profiles do not linger in the file.

Schema and migrations
---------------------
The file is marked as ours by `PRAGMA application_id` = 0x504D4C44 ("PMLD"), and its
schema version is `PRAGMA user_version`: the number of migrations applied. `MIGRATIONS` is
an ordered list of functions; migration N (1-based) takes the schema from version N-1 to N.
Opening a file runs the missing ones, all inside one `BEGIN IMMEDIATE` transaction together
with the new `user_version`, so a migration either happens completely or not at all, and
two processes opening an old file at once migrate it once. A file whose version is higher
than `len(MIGRATIONS)` was written by a newer pmladder and is refused, untouched.

The rule for changing the schema: never edit, reorder or remove a migration that has been
released; append a new function that moves from the last version to the next (it gets the
connection inside the open transaction, must not commit, and cannot VACUUM). Migration 1
creates the `assessments` table (one row per recorded assessment, the two JSON documents
last so that listing never reads them) and its index on (assessed_on, id). Ids come from
AUTOINCREMENT, so an id that was forgotten is never given to another assessment. Migration 2
turns the plan each row stored (the plan's JSON output, worded in the language of the run)
into a snapshot of its data (`views/snapshot.py`): the column `plan_json` keeps its name and
now holds the snapshot, which the reader words from the installed ladder.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..exits import Message, N_

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "Entry",
    "History",
    "HistoryError",
    "Row",
    "UnknownAssessment",
    "open_history",
    "schema_version",
]

APPLICATION_ID = 0x504D4C44  # "PMLD", in the SQLite header at offset 68
BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_NO_FILE = N_("there is no history database here yet (it was opened without create)")


def _move_away(path: str | os.PathLike[str]) -> Message:
    """How to set a file aside so that the next run starts a new history."""
    import shlex

    return Message(N_("move it away (mv {path} {old}) and pmladder will start a new history"),
                   path=shlex.quote(os.fspath(path)), old=shlex.quote(os.fspath(path) + ".old"))


def _problem(problem: str, /, **params) -> Message:
    """A problem in the catalog's terms (`problem` is marked with N_ where it is written)."""
    return Message(problem, **params)


class HistoryError(Exception):
    """The history database cannot be used: `message` names the file and the problem in the
    catalog's terms (the CLI words it in the language of the run); `str()` is its English.

    `io` is True for a failure of the file system (read-only, full, busy, unreadable), False
    for a file whose content cannot be used (damaged, foreign, newer).
    """

    def __init__(self, path: str | os.PathLike[str], problem: Message, *, io: bool = False) -> None:
        super().__init__(path, problem)
        self.path = Path(path)
        self.problem = problem if isinstance(problem, Message) else Message(problem)
        self.io = io

    @property
    def message(self) -> Message:
        return Message(N_("{path}: {problem}"), path=os.fspath(self.path), problem=self.problem)

    def __str__(self) -> str:
        return str(self.message)


class UnknownAssessment(LookupError):
    """No recorded assessment has this id; `message` in the catalog's terms, `str()` its English."""

    def __init__(self, path: str | os.PathLike[str], assessment_id: object) -> None:
        super().__init__(path, assessment_id)
        self.path = Path(path)
        self.id = assessment_id

    @property
    def message(self) -> Message:
        return Message(N_("no assessment with id {id} in {path}"), id=self.id, path=os.fspath(self.path))

    def __str__(self) -> str:
        return str(self.message)


class Entry(NamedTuple):
    """One assessment to record. Dates may be `date`/`datetime` objects or ISO strings."""

    recorded_at: _dt.datetime | str  # when it was recorded (ISO 8601), from the caller
    assessed_on: _dt.date | str  # the assessment date, YYYY-MM-DD; earlier for imports
    ladder_id: str
    ladder_version: str
    profile: Mapping[str, Any]  # the profile as answered
    plan: Mapping[str, Any]  # the plan's snapshot (views/snapshot.py): data, no wording
    fit_met: int  # requirements met for the next title (or the target)
    fit_total: int  # requirements of the next title (or the target)
    best_fit: str | None = None
    best_fit_title: str | None = None
    target: str | None = None
    eta_months: int | None = None
    source: str = "assess"  # "assess", "import:FILE", ...


class Row(NamedTuple):
    """One recorded assessment; `profile` and `plan` are None unless they were asked for."""

    id: int
    recorded_at: _dt.datetime
    assessed_on: _dt.date
    ladder_id: str
    ladder_version: str
    best_fit: str | None
    best_fit_title: str | None
    target: str | None
    fit_met: int
    fit_total: int
    eta_months: int | None
    source: str
    profile: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None


# --- schema -------------------------------------------------------------------------------


def _m001_assessments(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at TEXT NOT NULL,
            assessed_on TEXT NOT NULL
                CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            ladder_id TEXT NOT NULL,
            ladder_version TEXT NOT NULL,
            best_fit TEXT,
            best_fit_title TEXT,
            target TEXT,
            fit_met INTEGER NOT NULL,
            fit_total INTEGER NOT NULL,
            eta_months INTEGER,
            source TEXT NOT NULL,
            profile_json TEXT NOT NULL,
            plan_json TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX assessments_by_date ON assessments (assessed_on, id)")


def _pick(data: object, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: data.get(k) for k in keys} if isinstance(data, dict) else {}


def _items(data: Mapping[str, Any], key: str) -> list[dict]:
    value = data.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _ident(data: object) -> Any:
    return data.get("id") if isinstance(data, dict) else None


def _snapshot_of_plan_json(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Snapshot version 1 (see views/snapshot.py) from the plan JSON that releases before it
    stored: the same data, the wording left behind. Frozen with migration 2."""
    placement = _pick(plan.get("placement"), ("best_fit", "fully_met"))
    return {
        "snapshot_version": 1,
        "ladder": _pick(plan.get("ladder"), ("id", "version")),
        "today": plan.get("today"),
        "pace": plan.get("pace"),
        "placement": {"best_fit": _ident(placement.get("best_fit")), "fully_met": _ident(placement.get("fully_met"))},
        "target": _ident(plan.get("target")),
        "already_met": plan.get("already_met"),
        "eta_months": plan.get("eta_months"),
        "fit": [_pick(f, ("level", "met", "short", "missing", "unknown", "total", "reached", "fully_met"))
                for f in _items(plan, "fit")],
        "gaps": [_pick(g, ("level", "kind", "key", "need", "gate", "state", "have", "done_month", "step"))
                 for g in _items(plan, "gaps")],
        "roadmap": [_pick(s, ("id", "level", "kind", "key", "have", "need", "start_month", "done_month", "done_by"))
                    for s in _items(plan, "roadmap")],
    }


def _m002_snapshots(db: sqlite3.Connection) -> None:
    """Rows hold a snapshot of the plan's data, not the plan's JSON with its wording.

    A row whose plan is not a JSON object is left as it is (reading it says it is damaged)."""
    rows = db.execute("SELECT id, plan_json FROM assessments").fetchall()
    for rid, text in rows:
        try:
            plan = json.loads(text) if isinstance(text, str) else None
        except (ValueError, RecursionError):
            continue
        if not isinstance(plan, dict) or "snapshot_version" in plan:
            continue
        snap = json.dumps(_snapshot_of_plan_json(plan), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        db.execute("UPDATE assessments SET plan_json = ? WHERE id = ?", (snap, rid))


# Append only: migration N takes user_version N-1 to N (see the module docstring).
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_assessments, _m002_snapshots]


def schema_version() -> int:
    """The schema version this pmladder writes (the number of migrations)."""
    return len(MIGRATIONS)


_SUMMARY = (
    "id, recorded_at, assessed_on, ladder_id, ladder_version, best_fit, best_fit_title,"
    " target, fit_met, fit_total, eta_months, source"
)
_FULL = _SUMMARY + ", profile_json, plan_json"
_INSERT = (
    "INSERT INTO assessments (recorded_at, assessed_on, ladder_id, ladder_version, best_fit,"
    " best_fit_title, target, fit_met, fit_total, eta_months, source, profile_json, plan_json)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# --- errors -------------------------------------------------------------------------------

_OS_REASONS = {
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "ENOSPC": N_("no space left on device"),
    "EROFS": N_("read-only file system"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("a parent path is not a folder"),
    "EEXIST": N_("a parent path is not a folder"),  # only mkdir meets it: O_EXCL's is caught
    "ENAMETOOLONG": N_("file name too long"),
}


def _os_reason(exc: OSError) -> Message | str:
    name = errno.errorcode.get(exc.errno or 0, "")
    known = _OS_REASONS.get(name)
    return Message(known) if known else exc.strerror or str(exc)


# SQLite's primary result codes that mean the file system, not the file's content, failed:
# PERM, BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL, NOLFS, AUTH
_IO_CODES = {3, 5, 6, 7, 8, 10, 13, 14, 15, 22, 23}
_DAMAGE_CODES = {11, 26}  # CORRUPT, NOTADB


def _primary(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _damaged(path: Path, detail: str) -> HistoryError:
    return HistoryError(path, _problem(N_("the history database is damaged ({detail}); {move_away}"),
                                       detail=detail, move_away=_move_away(path)))


def _sqlite_error(path: Path, exc: sqlite3.Error, doing: str) -> HistoryError:
    """One HistoryError for a SQLite error met while `doing` (e.g. 'read', 'write')."""
    primary = _primary(exc)
    detail = str(exc) or type(exc).__name__
    if primary in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return HistoryError(
            path,
            _problem(N_("the history database is busy (another pmladder held it for over {seconds} s); try again"),
                     seconds=f"{BUSY_TIMEOUT_MS / 1000:g}"),
            io=True,
        )
    if primary in _DAMAGE_CODES:
        return _damaged(path, detail)
    if primary == 13 or (primary in (10, 14) and _disk_full(path)):  # FULL, or IOERR/CANTOPEN on a full disk
        return HistoryError(path, _cannot(doing, Message(N_("the disk is full"))), io=True)
    if primary in (8, 14) and _read_only_fs(path):
        return HistoryError(path, _cannot(doing, Message(N_("read-only file system"))), io=True)
    return HistoryError(path, _cannot(doing, detail), io=primary in _IO_CODES)


_CANNOT = {
    "create": N_("cannot create the history database"),
    "open": N_("cannot open the history database"),
    "read": N_("cannot read the history database"),
    "write": N_("cannot write the history database"),
    "compact": N_("cannot compact the history database"),
}


def _cannot(doing: str, reason: Message | str) -> Message:
    """`cannot read the history database (the disk is full)`: what failed, and why."""
    return _problem(N_("{cannot} ({reason})"), cannot=Message(_CANNOT[doing]), reason=reason)


def _disk_full(path: Path) -> bool:
    """True when the file system holding `path` has no free block left for this user."""
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except (OSError, AttributeError):
        return False


def _read_only_fs(path: Path) -> bool:
    """True when the file system holding `path` is mounted read-only."""
    try:
        return bool(os.statvfs(path.parent).f_flag & getattr(os, "ST_RDONLY", 0))
    except (OSError, AttributeError):
        return False


# --- opening ------------------------------------------------------------------------------


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
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
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
        if version > len(MIGRATIONS):
            raise HistoryError(
                path,
                _problem(N_("written by a newer pmladder (history schema version {version}; this pmladder reads up to "
                            "{known}); upgrade pmladder, or {move_away}"),
                         version=version, known=len(MIGRATIONS), move_away=_move_away(path)),
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
        if version < len(MIGRATIONS):
            if app_id != APPLICATION_ID:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for number in range(version + 1, len(MIGRATIONS) + 1):
                try:
                    MIGRATIONS[number - 1](db)
                except sqlite3.Error as exc:
                    if _primary(exc) in _IO_CODES:
                        raise  # a full or read-only disk: said as such by the caller
                    raise HistoryError(
                        path,
                        _problem(N_("cannot update the history database to schema version {number} ({detail}); {move_away}"),
                                 number=number, detail=str(exc), move_away=_move_away(path)),
                    ) from None
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
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
            os.fspath(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
        if version < len(MIGRATIONS) or app_id != APPLICATION_ID:
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
        if app_id != APPLICATION_ID or version < len(MIGRATIONS):
            raise HistoryError(path, _problem(N_("{problem}; it needs an update this pmladder cannot write"), problem=problem), io=True)
    except BaseException as exc:
        db.close()
        if isinstance(exc, sqlite3.Error):
            raise _sqlite_error(path, exc, "read") from None
        raise
    return History(path, db)


# --- reading rows -------------------------------------------------------------------------


def _damaged_row(path: Path, row_id: object, what: str) -> HistoryError:
    return HistoryError(
        path, _problem(N_("assessment {id} is damaged ({what}); forget it with 'pmladder history forget {id}'"), id=row_id, what=what)
    )


def _text(path: Path, rid: object, name: str, value: object, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _damaged_row(path, rid, _problem(N_("{name} is not text"), name=name))
    return value


def _int(path: Path, rid: object, name: str, value: object, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, int):
        raise _damaged_row(path, rid, _problem(N_("{name} is not a whole number"), name=name))
    return value


def _json(path: Path, rid: object, name: str, value: object) -> dict[str, Any]:
    if not isinstance(value, str):
        raise _damaged_row(path, rid, _problem(N_("{name} is not text"), name=name))
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise _damaged_row(path, rid, _problem(N_("{name} is not valid JSON"), name=name)) from None
    if not isinstance(data, dict):
        raise _damaged_row(path, rid, _problem(N_("{name} is not a JSON object"), name=name))
    return data


def _to_row(path: Path, raw: tuple, full: bool) -> Row:
    rid = raw[0]
    if not isinstance(rid, int):
        raise HistoryError(path, _problem(N_("an assessment id is not a whole number; {move_away}"), move_away=_move_away(path)))
    try:
        recorded_at = _dt.datetime.fromisoformat(_text(path, rid, "recorded_at", raw[1]))
    except ValueError:
        raise _damaged_row(path, rid, _problem(N_("{name} is not an ISO timestamp"), name="recorded_at")) from None
    try:
        assessed_on = _dt.date.fromisoformat(_text(path, rid, "assessed_on", raw[2]))
    except ValueError:
        raise _damaged_row(path, rid, _problem(N_("{name} is not a date"), name="assessed_on")) from None
    return Row(
        id=rid,
        recorded_at=recorded_at,
        assessed_on=assessed_on,
        ladder_id=_text(path, rid, "ladder_id", raw[3]),
        ladder_version=_text(path, rid, "ladder_version", raw[4]),
        best_fit=_text(path, rid, "best_fit", raw[5], optional=True),
        best_fit_title=_text(path, rid, "best_fit_title", raw[6], optional=True),
        target=_text(path, rid, "target", raw[7], optional=True),
        fit_met=_int(path, rid, "fit_met", raw[8]),
        fit_total=_int(path, rid, "fit_total", raw[9]),
        eta_months=_int(path, rid, "eta_months", raw[10], optional=True),
        source=_text(path, rid, "source", raw[11]),
        profile=_json(path, rid, "profile_json", raw[12]) if full else None,
        plan=_json(path, rid, "plan_json", raw[13]) if full else None,
    )


# --- checking entries ---------------------------------------------------------------------


def _need_str(name: str, value: object, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise TypeError(f"Entry.{name} must be a non-empty string, not {value!r}")
    return value


def _need_int(name: str, value: object, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError(f"Entry.{name} must be a whole number >= 0, not {value!r}")
    return value


def _iso_day(value: object) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if day.isoformat() == value:
                return value
    raise ValueError(f"Entry.assessed_on must be a date or 'YYYY-MM-DD', not {value!r}")


def _iso_moment(value: object) -> str:
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"Entry.recorded_at is not an ISO timestamp: {value!r}") from None
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    raise ValueError(f"Entry.recorded_at must be a datetime or an ISO timestamp, not {value!r}")


def _dump(name: str, value: object) -> str:
    if not isinstance(value, Mapping):
        raise TypeError(f"Entry.{name} must be a mapping, not {type(value).__name__}")
    try:
        return json.dumps(dict(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"Entry.{name} cannot be stored as JSON: {exc}") from None


def _params(entry: Entry) -> tuple:
    return (
        _iso_moment(entry.recorded_at),
        _iso_day(entry.assessed_on),
        _need_str("ladder_id", entry.ladder_id),
        _need_str("ladder_version", entry.ladder_version),
        _need_str("best_fit", entry.best_fit, optional=True),
        _need_str("best_fit_title", entry.best_fit_title, optional=True),
        _need_str("target", entry.target, optional=True),
        _need_int("fit_met", entry.fit_met),
        _need_int("fit_total", entry.fit_total),
        _need_int("eta_months", entry.eta_months, optional=True),
        _need_str("source", entry.source),
        _dump("profile", entry.profile),
        _dump("plan", entry.plan),
    )


def _need_id(assessment_id: object) -> int:
    if isinstance(assessment_id, bool) or not isinstance(assessment_id, int):
        raise TypeError(f"an assessment id is a whole number, not {assessment_id!r}")
    return assessment_id


# --- the history --------------------------------------------------------------------------


class History:
    """An open history database (or, with `exists` False, an empty view of a missing one).

    Use `open_history` to get one; close it with `close()` or a `with` block.
    """

    def __init__(self, path: Path, db: sqlite3.Connection | None) -> None:
        self.path = path
        self._db = db
        self._closed = False
        self._sound = False  # quick_check passed on this connection: it may be written

    # context manager and lifetime

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("open" if self._db else "empty view")
        return f"<History {os.fspath(self.path)!r} {state}>"

    @property
    def exists(self) -> bool:
        """False for the empty view of a missing file (`open_history(..., create=False)`)."""
        return self._db is not None

    def close(self) -> None:
        """Close the database; closing again does nothing. Errors here are not raised."""
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        self._closed = True

    def _conn(self) -> sqlite3.Connection | None:
        if self._closed:
            raise ValueError(f"the history {os.fspath(self.path)} is closed")
        return self._db

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        db = self._conn()
        if db is None:
            return []
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc, "read") from None

    def _write(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        db = self._conn()
        if db is None:
            raise HistoryError(self.path, _NO_FILE)
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                self._check_sound(db)
                cursor = db.execute(sql, params)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc, "write") from None
        return cursor

    def _check_sound(self, db: sqlite3.Connection) -> None:
        """Refuse to write into a file whose structure SQLite finds broken (it would spread)."""
        if self._sound:
            return
        found = db.execute("PRAGMA quick_check(1)").fetchone()
        if not found or found[0] != "ok":
            raise _damaged(self.path, Message(N_("SQLite's check of the file failed")))
        self._sound = True

    # writing

    def record(self, entry: Entry) -> int:
        """Store one assessment and return its id. Bad field types raise TypeError/ValueError."""
        if self._conn() is None:
            raise HistoryError(self.path, _NO_FILE)
        cursor = self._write(_INSERT, _params(entry))
        return int(cursor.lastrowid)

    def forget(self, assessment_id: int) -> None:
        """Delete one assessment (its bytes are overwritten); `UnknownAssessment` if absent."""
        assessment_id = _need_id(assessment_id)
        if self._db is None:
            self._conn()
            raise UnknownAssessment(self.path, assessment_id)
        cursor = self._write("DELETE FROM assessments WHERE id = ?", (assessment_id,))
        if cursor.rowcount == 0:
            raise UnknownAssessment(self.path, assessment_id)
        self._checkpoint()

    def forget_all(self) -> int:
        """Delete every assessment, compact the file, and return how many were deleted."""
        db = self._conn()
        if db is None:
            return 0
        deleted = self._write("DELETE FROM assessments").rowcount
        try:
            db.execute("VACUUM")
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc, "compact") from None
        self._checkpoint()
        return deleted

    def _checkpoint(self) -> None:
        """Copy the WAL into the file and empty it, so old page images go; best effort."""
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # another process is reading; the WAL is emptied at its next checkpoint

    # reading

    def count(self, ladder: str | None = None) -> int:
        """How many assessments are recorded (on one ladder, if given)."""
        if ladder is None:
            rows = self._query("SELECT count(*) FROM assessments")
        else:
            rows = self._query("SELECT count(*) FROM assessments WHERE ladder_id = ?", (ladder,))
        return rows[0][0] if rows else 0

    def list(
        self,
        ladder: str | None = None,
        since: _dt.date | None = None,
        limit: int | None = None,
        *,
        with_data: bool = False,
    ) -> list[Row]:
        """Assessments oldest first (by assessed_on, then id).

        `ladder` keeps one ladder's; `since` keeps those assessed on or after that date;
        `limit` keeps the most recent `limit` of those (still oldest first). The profile
        and plan are read only `with_data`.
        """
        where, params = self._where(ladder, since=since)
        columns = _FULL if with_data else _SUMMARY
        if limit is None:
            sql = f"SELECT {columns} FROM assessments{where} ORDER BY assessed_on, id"
        else:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise ValueError(f"limit must be a whole number >= 0, not {limit!r}")
            sql = (
                f"SELECT * FROM (SELECT {columns} FROM assessments{where}"
                " ORDER BY assessed_on DESC, id DESC LIMIT ?) ORDER BY assessed_on, id"
            )
            params = (*params, limit)
        return [_to_row(self.path, raw, with_data) for raw in self._query(sql, params)]

    def get(self, assessment_id: int) -> Row:
        """One assessment with its profile and plan; `UnknownAssessment` if there is none."""
        assessment_id = _need_id(assessment_id)
        rows = self._query(f"SELECT {_FULL} FROM assessments WHERE id = ?", (assessment_id,))
        if not rows:
            raise UnknownAssessment(self.path, assessment_id)
        return _to_row(self.path, rows[0], True)

    def latest(
        self,
        ladder: str | None = None,
        before: _dt.date | None = None,
        *,
        with_data: bool = True,
    ) -> Row | None:
        """The most recent assessment (by assessed_on, then id), or None.

        `ladder` keeps one ladder's; `before` keeps those assessed strictly before that date.
        """
        where, params = self._where(ladder, before=before)
        columns = _FULL if with_data else _SUMMARY
        rows = self._query(
            f"SELECT {columns} FROM assessments{where} ORDER BY assessed_on DESC, id DESC LIMIT 1",
            params,
        )
        return _to_row(self.path, rows[0], with_data) if rows else None

    @staticmethod
    def _where(
        ladder: str | None,
        *,
        since: _dt.date | None = None,
        before: _dt.date | None = None,
    ) -> tuple[str, tuple]:
        clauses: list[str] = []
        params: list[object] = []
        if ladder is not None:
            clauses.append("ladder_id = ?")
            params.append(ladder)
        if since is not None:
            clauses.append("assessed_on >= ?")
            params.append(_day_param("since", since))
        if before is not None:
            clauses.append("assessed_on < ?")
            params.append(_day_param("before", before))
        return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), tuple(params)


def _day_param(name: str, value: object) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        raise TypeError(f"{name} must be a date, not {value!r}")
    return value.isoformat()
