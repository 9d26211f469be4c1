"""Tests for pmladder.store.fsio: atomic writes that never leave a broken or half-written file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from pmladder.store import fsio
from pmladder.store.fsio import FileWriteError, WouldOverwrite, atomic_write


def oserror(code: int):
    """A replacement for an os function that always fails with errno `code`."""

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """An existing file with known content."""
    path = tmp_path / "profile.yaml"
    path.write_text("old content\n", encoding="utf-8")
    return path


def assert_untouched(path: Path) -> None:
    """The old file is intact and the folder holds nothing else (no temp file left)."""
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(os.listdir(path.parent)) == [path.name]


def test_writes_str_as_utf8_with_mode(tmp_path):
    """A str is written as UTF-8 and the file gets exactly the requested mode."""
    path = tmp_path / "out.md"
    atomic_write(path, "项目经理 – ok\n", mode=0o600)
    assert path.read_bytes() == "项目经理 – ok\n".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["out.md"]


def test_writes_bytes_default_mode_and_str_path(tmp_path):
    """Bytes are written as-is to a str path; by default (an export) with the mode the umask gives."""
    path = tmp_path / "out.bin"
    old = os.umask(0o022)
    try:
        atomic_write(str(path), b"\x00\xff" * 100_000)
    finally:
        os.umask(old)
    assert path.read_bytes() == b"\x00\xff" * 100_000
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_relative_path_uses_current_folder(tmp_path, monkeypatch):
    """A bare file name is written in the current folder."""
    monkeypatch.chdir(tmp_path)
    atomic_write("plain.txt", "x")
    assert (tmp_path / "plain.txt").read_text() == "x"
    assert os.listdir(tmp_path) == ["plain.txt"]


def test_overwrite_replaces_existing(old):
    """overwrite=True (the default) replaces the old content."""
    atomic_write(old, "new")
    assert old.read_text() == "new"
    assert os.listdir(old.parent) == [old.name]


def test_no_overwrite_on_existing_raises_and_keeps_old(old):
    """overwrite=False on an existing file raises WouldOverwrite; the old file is intact."""
    with pytest.raises(WouldOverwrite) as info:
        atomic_write(old, "new", overwrite=False)
    assert info.value.path == old
    assert str(info.value) == f"cannot write {old}: file already exists"
    assert isinstance(info.value, FileWriteError)
    assert_untouched(old)


def test_no_overwrite_on_new_file_writes(tmp_path):
    """overwrite=False on a free path writes the file and leaves no temp file."""
    path = tmp_path / "new.md"
    atomic_write(path, "fresh", overwrite=False, mode=0o640)
    assert path.read_text() == "fresh"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["new.md"]


def test_no_overwrite_fallback_without_hard_links(old, tmp_path, monkeypatch):
    """Where hard links are unsupported, the best-effort check still refuses and still writes."""
    monkeypatch.setattr(os, "link", oserror(errno.EPERM))
    with pytest.raises(WouldOverwrite):
        atomic_write(old, "new", overwrite=False)
    assert_untouched(old)
    atomic_write(tmp_path / "other.md", "fresh", overwrite=False)
    assert (tmp_path / "other.md").read_text() == "fresh"
    assert sorted(os.listdir(tmp_path)) == ["other.md", "profile.yaml"]


def test_missing_folder(tmp_path):
    """A missing folder gives FileWriteError 'folder does not exist'."""
    path = tmp_path / "nope" / "out.md"
    with pytest.raises(FileWriteError) as info:
        atomic_write(path, "x")
    assert info.value.reason == "folder does not exist"
    assert str(info.value) == f"cannot write {path}: folder does not exist"
    assert not (tmp_path / "nope").exists()


def test_target_is_a_directory(tmp_path):
    """Writing over a directory fails with 'is a directory', with or without overwrite."""
    (tmp_path / "d").mkdir()
    for overwrite in (True, False):
        with pytest.raises(FileWriteError) as info:
            atomic_write(tmp_path / "d", "x", overwrite=overwrite)
        assert type(info.value) is FileWriteError
        assert info.value.reason == "is a directory"
    assert os.listdir(tmp_path) == ["d"]


@pytest.mark.parametrize("func", ["write", "fsync", "chmod", "replace"])
def test_disk_full_keeps_old_file(old, monkeypatch, func):
    """ENOSPC at any step leaves the old file intact and no temp file in the folder."""
    monkeypatch.setattr(os, func, oserror(errno.ENOSPC))
    with pytest.raises(FileWriteError) as info:
        atomic_write(old, "new content that will not fit")
    monkeypatch.undo()
    assert info.value.reason == "no space left on device"
    assert isinstance(info.value.__cause__, OSError)
    assert_untouched(old)


def test_link_failure_keeps_old_file(tmp_path, monkeypatch):
    """An OSError from os.link (overwrite=False) is reported and leaves no temp file."""
    monkeypatch.setattr(os, "link", oserror(errno.ENOSPC))
    with pytest.raises(FileWriteError, match="no space left on device"):
        atomic_write(tmp_path / "x.md", "x", overwrite=False)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "read-only file system"),
        (errno.EISDIR, "is a directory"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_errno_reasons(old, monkeypatch, code, reason):
    """Each errno maps to a short human reason (EACCES injected: root ignores chmod)."""
    monkeypatch.setattr(fsio.tempfile, "mkstemp", oserror(code))
    with pytest.raises(FileWriteError) as info:
        atomic_write(old, "new")
    monkeypatch.undo()
    assert info.value.reason == reason
    assert_untouched(old)


@pytest.mark.parametrize("func", ["write", "fsync", "replace"])
def test_keyboard_interrupt_cleans_up_and_propagates(old, monkeypatch, func):
    """Ctrl-C during the write is re-raised after the temp file is removed."""
    monkeypatch.setattr(os, func, interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(old, "new")
    monkeypatch.undo()
    assert_untouched(old)


def test_a_write_that_need_not_be_durable_is_as_atomic_without_fsync(old, monkeypatch):
    """durable=False (a cache) calls no fsync, and still replaces the file whole, with its mode, or not at all."""
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    atomic_write(old, "new", mode=0o600, durable=False)
    assert synced == [] and old.read_text() == "new" and stat.S_IMODE(old.stat().st_mode) == 0o600
    assert os.listdir(old.parent) == [old.name]
    atomic_write(old, "newer", mode=0o600)
    assert len(synced) == 2, "a durable write syncs the file and its folder"
    monkeypatch.setattr(os, "replace", oserror(errno.ENOSPC))
    with pytest.raises(FileWriteError):
        atomic_write(old, "lost", mode=0o600, durable=False)
    monkeypatch.undo()
    assert old.read_text() == "newer" and os.listdir(old.parent) == [old.name]


def test_folder_fsync_failure_is_ignored(tmp_path, monkeypatch):
    """The folder fsync is best effort: failing to open the folder does not fail the write."""
    real_open = os.open

    def no_dirs(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise OSError(errno.EINVAL, "not supported")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_dirs)
    atomic_write(tmp_path / "x.md", "x")
    assert (tmp_path / "x.md").read_text() == "x"


def test_unencodable_text_is_a_write_error(tmp_path):
    """A str with lone surrogates raises FileWriteError before any file is created."""
    with pytest.raises(FileWriteError, match="not valid UTF-8"):
        atomic_write(tmp_path / "x.md", "bad \ud800")
    assert os.listdir(tmp_path) == []


def test_write_error_str_and_attributes():
    """FileWriteError carries path and reason and reads 'cannot write PATH: REASON'."""
    err = FileWriteError(Path("/a/b.md"), "permission denied")
    assert (err.path, err.reason) == (Path("/a/b.md"), "permission denied")
    assert str(err) == "cannot write /a/b.md: permission denied"
    assert WouldOverwrite("x").reason == "file already exists"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_folder_real(old):
    """Without monkeypatching, a read-only folder gives 'permission denied' (non-root only)."""
    old.parent.chmod(0o500)
    try:
        with pytest.raises(FileWriteError, match="permission denied"):
            atomic_write(old, "new")
    finally:
        old.parent.chmod(0o700)
    assert_untouched(old)
