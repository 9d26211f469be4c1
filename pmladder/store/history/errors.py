"""What can go wrong with the history, in the catalog's words: HistoryError (a damaged, foreign, busy or
unwritable file; `io` when the file system failed) and UnknownAssessment, and SQLite's and the OS's errors
mapped onto them."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from ...exits import Message, N_
from . import schema

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
                     seconds=f"{schema.BUSY_TIMEOUT_MS / 1000:g}"),
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
