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

Modules
-------
schema.py (the mark, the migrations, the columns), errors.py (HistoryError and what SQLite's and the
OS's errors mean), rows.py (Entry in, Row out, each checked), queries.py (History: record, forget,
list, get), opening.py (open_history: make, recognise, WAL, migrate). Every public name is here.
"""

from __future__ import annotations

from .errors import HistoryError, UnknownAssessment
from .opening import open_history
from .queries import History
from .rows import Entry, Row, _to_row  # noqa: F401 - _to_row: tests read rows as the history does
from .schema import _SUMMARY, APPLICATION_ID, BUSY_TIMEOUT_MS, MIGRATIONS, schema_version  # noqa: F401

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
