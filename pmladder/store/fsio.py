"""Safe file writes: a failed write never leaves a truncated file behind.

`atomic_write` writes a temp file (`.NAME.XXXXXXXX.tmp`) in the target's folder, fsyncs
it, sets its mode and renames it over the target (or hard-links it, refusing to clobber).
A cache passes `durable=False`: no fsync (a lost or torn entry is only a miss, rebuilt).
On any failure, Ctrl-C included, the temp file is removed and the old file stays intact.
A run that was killed cannot remove its temp file; the next write into the same folder does
(`sweep_stale_temps`), once the file is an hour old.

Modes: a file written for the user (an export: a plan, a team report) follows the umask,
as any file the user's tools create (`0o666 & ~umask`), and replacing one never makes it
readable by more people than before. Private files (profiles, the pseudonym key, caches)
pass an exact mode (0600).

`read_regular` is the one way a user's file is read: a regular file of bounded size, never a
pipe, device or folder, so a FIFO named `x.yaml` is refused at once instead of blocking.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from contextlib import suppress

__all__ = ["FileReadError", "FileWriteError", "WouldOverwrite", "atomic_write", "export_mode", "read_regular",
           "sweep_stale_temps"]


def N_(message: str) -> str:
    """A reason for the message catalog: English here, translated where it is shown (errors.py)."""
    return message


_REASONS = {
    errno.ENOENT: N_("folder does not exist"),
    errno.ENOTDIR: N_("a parent path is not a folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("no space left on device"),
    errno.EDQUOT: N_("disk quota exceeded"),
    errno.EISDIR: N_("is a directory"),
    errno.EROFS: N_("read-only file system"),
    errno.ENAMETOOLONG: N_("file name too long"),
}

# os.link errors meaning "this file system has no hard links", not "you may not write".
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


class FileWriteError(Exception):
    """A file could not be written; `reason` is short and meant for humans."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {os.fspath(self.path)}: {self.reason}"


class WouldOverwrite(FileWriteError):
    """The target exists and overwriting was not allowed."""

    def __init__(self, path: str | os.PathLike[str], reason: str = N_("file already exists")) -> None:
        super().__init__(path, reason)


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__


def _link_no_clobber(tmp: str, dest: str) -> None:
    """Publish tmp as dest unless dest exists; atomic where hard links work.

    The caller removes tmp afterwards (it may already be gone after the fallback).
    """
    try:
        os.link(tmp, dest)
    except FileExistsError:
        if os.path.isdir(dest):
            raise FileWriteError(dest, N_("is a directory")) from None
        raise WouldOverwrite(dest) from None
    except (OSError, AttributeError) as exc:
        if isinstance(exc, OSError) and exc.errno not in _NO_LINKS:
            raise
        # Best effort for file systems without hard links: a racing writer may slip
        # in between the check and the rename.
        if os.path.lexists(dest):
            raise WouldOverwrite(dest) from None
        os.replace(tmp, dest)


def _fsync_folder(folder: str) -> None:
    """Make the rename durable; best effort (not possible on every platform)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(
    path: str | os.PathLike[str],
    data,
    *,
    overwrite: bool = True,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Write data (str is encoded UTF-8; bytes; or an iterable of str pieces, written as they come) to path atomically.

    `mode` None (an export) follows the umask and never loosens the file it replaces
    (`export_mode`); a private file passes its exact mode (0o600). Stale temp files of
    killed runs are swept from the folder first (`sweep_stale_temps`). `durable` False skips
    both fsyncs (for a cache, whose lost or torn entry is checked and rebuilt on the next read);
    the write is as atomic as ever.

    Raises WouldOverwrite if path exists and not overwrite, FileWriteError on any OS
    error; in both cases the old file is untouched and no temp file is left behind.
    """
    dest = os.fspath(path)
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            raise FileWriteError(path, N_("text is not valid UTF-8")) from None
    folder, name = os.path.split(dest)
    folder = folder or "."
    sweep_stale_temps(folder, None if os.path.realpath(folder) in _own_folders() else name)
    tmp: str | None = None
    try:
        if mode is None:
            mode = export_mode(dest)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            for piece in ((data,) if isinstance(data, bytes) else _encoded(data)):
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, dest)
            tmp = None
        else:
            _link_no_clobber(tmp, dest)  # tmp is unlinked below
    except FileWriteError as exc:
        exc.path = path
        raise
    except OSError as exc:
        raise FileWriteError(path, _reason(exc)) from exc
    finally:  # also runs on KeyboardInterrupt, which then propagates
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    if durable:
        _fsync_folder(folder)


def _encoded(pieces):
    for piece in pieces:
        try:
            yield piece.encode("utf-8")
        except UnicodeEncodeError:
            raise FileWriteError("", N_("text is not valid UTF-8")) from None


def check_writable(path: str | os.PathLike[str], *, overwrite: bool) -> None:
    """Raise now what `atomic_write` would raise later: an existing file (without overwrite), a missing or unwritable folder."""
    dest = os.fspath(path)
    folder = os.path.dirname(dest) or "."
    if os.path.isdir(dest):
        raise FileWriteError(path, N_("is a directory"))
    if os.path.lexists(dest) and not overwrite:
        raise WouldOverwrite(path)
    if not os.path.isdir(folder):
        raise FileWriteError(path, N_("folder does not exist") if not os.path.exists(folder) else N_("a parent path is not a folder"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileWriteError(path, N_("permission denied"))


# --- modes and stale temp files (the write side) --------------------------------------------


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux).

    Elsewhere it is read by setting it and setting it back, which another thread could
    observe in between; pmladder writes from one thread.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8) & 0o777
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)
    os.umask(mask)
    return mask & 0o777


def export_mode(dest: str) -> int:
    """The mode for a file written for the user: what the umask allows, and never more than
    the file it replaces allowed (`--force` over a 0600 file keeps it 0600)."""
    mode = 0o666 & ~current_umask()
    try:
        st = os.stat(dest)
    except (OSError, ValueError):
        return mode
    return mode & stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else mode


STALE_AFTER = 3600  # seconds: a temp file this old belongs to a run that was killed
# tempfile.mkstemp(prefix=".NAME.", suffix=".tmp"): eight characters of [a-z0-9_] in between
_TEMP = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp\Z", re.DOTALL)


def _own_folders() -> set[str]:
    """pmladder's own folders, where any of its temp files may be swept (elsewhere only those
    of the file being written)."""
    from . import paths

    try:
        return {os.path.realpath(f()) for f in (paths.data_dir, paths.cache_dir, paths.config_dir)}
    except Exception:  # noqa: BLE001 - no home to resolve: nothing is pmladder's own
        return set()


def sweep_stale_temps(folder: str, name: str | None = None, *, now: float | None = None) -> list[str]:
    """Remove temp files that killed runs left in `folder`; return the names removed.

    Only pmladder's own pattern (`.NAME.XXXXXXXX.tmp`, for `name` only when given), only
    regular files (never a link or a folder), owned by the user, unchanged for an hour.
    Best effort: anything that cannot be read or removed is left alone.
    """
    removed: list[str] = []
    limit = (time.time() if now is None else now) - STALE_AFTER
    uid = os.getuid() if hasattr(os, "getuid") else None
    prefix = "." if name is None else f".{name}."
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return removed
    for found in names:
        match = _TEMP.match(found)
        if not match or (name is not None and match["name"] != name):
            continue
        path = os.path.join(folder, found)
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid) or st.st_mtime > limit:
                continue
            os.unlink(path)
        except OSError:
            continue
        removed.append(found)
    return removed


# --- reading -------------------------------------------------------------------------------------

NOT_REGULAR = N_("not a regular file (a pipe, a device or a socket)")
_READ_REASONS = {
    errno.ENOENT: N_("file not found"),
    errno.ENOTDIR: N_("a parent path is not a folder"),
    errno.EISDIR: N_("is a folder, not a file"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.ENXIO: NOT_REGULAR,  # a socket, or a device with nothing behind it, cannot even be opened
}
TOO_LARGE = N_("file is larger than {n} KiB")

# Opening a FIFO for reading blocks until a writer comes, unless O_NONBLOCK; O_NOCTTY: a terminal
# device never becomes ours; O_CLOEXEC: a worker process started later does not inherit it.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))


class FileReadError(Exception):
    """A file could not be read as a file; `reason` is a catalog message, `values` fill its fields.

    `missing`: it does not exist (exit 66 like any unreadable input; callers may word it apart).
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, *, missing: bool = False, **values) -> None:
        super().__init__(path, reason)
        self.path, self.reason, self.missing, self.values = path, reason, missing, values

    def __str__(self) -> str:
        return f"cannot read {os.fspath(self.path)}: {self.reason.format(**self.values)}"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileReadError for anything else.

    Never blocks: the file is opened non-blocking and checked with fstat on the open descriptor
    (no race between a check and the open) before a byte is read.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise FileReadError(path, _READ_REASONS.get(exc.errno or 0) or _reason(exc), missing=exc.errno == errno.ENOENT) from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise FileReadError(path, _READ_REASONS[errno.EISDIR])
        if not stat.S_ISREG(mode):
            raise FileReadError(path, NOT_REGULAR)
        chunks, size = [], 0
        step = max(info.st_size + 1, 8192)  # the whole file in one read, without a buffer of `limit` bytes for each small file
        while size <= limit:  # a file that grows while read is still cut at limit + 1
            want = min(limit + 1 - size, step)
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < want:  # a regular file reads short only at its end: no second read to find it
                break
    except OSError as exc:
        raise FileReadError(path, _READ_REASONS.get(exc.errno or 0) or _reason(exc)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileReadError(path, TOO_LARGE, n=limit // 1024)
    return b"".join(chunks)
