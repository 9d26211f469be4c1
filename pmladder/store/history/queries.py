"""An open history: record, forget, count, list, get and the latest assessment, each one statement in
its own transaction (a write re-checks the file first)."""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from ...exits import Message, N_
from .errors import _NO_FILE, HistoryError, UnknownAssessment, _damaged, _sqlite_error
from .rows import Entry, Row, _day_param, _need_id, _params, _to_row
from .schema import _FULL, _INSERT, _SUMMARY


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
