"""The cache of the validated ladder library (issue 7, point 4; issue 17, point 5).

It is keyed on everything the cached value depends on (pmladder's version, the bytes of every
module of the package, the Python and pydantic versions, the ladder folders and the bytes of
their files) and keeps one entry per set of folders. What it does with files it cannot trust
is in test_hardening_cache.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS
from pmladder.inputs import cache
from pmladder.store import paths
from pmladder.inputs import loader

MINIMAL = TESTS / "good_ladders" / "minimal.yaml"
PACKAGE = Path(cache.__file__).resolve().parent.parent


@pytest.fixture
def loads(monkeypatch) -> list:
    """Count the real loads (parse and validate every file); a cache hit makes none."""
    calls: list = []
    real = loader._load
    monkeypatch.setattr(cache, "recall", lambda same: None)  # every library not read from a cache file is a real load

    def counting(dirs):
        calls.append(list(dirs))
        return real(dirs)

    monkeypatch.setattr(loader, "_load", counting)
    return calls


@pytest.fixture
def tiny_dir(tmp_path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "tiny.yaml")
    return folder


def entries() -> list[Path]:
    return sorted(paths.cache_dir().glob(f"{cache.PREFIX}*"))


def key_now(extra=None) -> str:
    dirs = loader.search_dirs(extra)
    files = [loader.builtin_dir() / loader.CATALOG_NAME] + [p for d in dirs for p in loader.ladder_files(d)]
    return cache.key(dirs, files)


# --- what the key depends on ------------------------------------------------------------------


@pytest.fixture
def copied_package(tmp_path, monkeypatch) -> Path:
    """cache.key() hashing a copy of the package's modules (so a test may edit, add or rename them)."""
    folder = tmp_path / "pkg"
    shutil.copytree(PACKAGE, folder, ignore=shutil.ignore_patterns("__pycache__", "locale", "_ladders"))
    monkeypatch.setattr(cache, "_package", lambda: str(folder))
    cache._code_digest.cache_clear()
    yield folder
    cache._code_digest.cache_clear()


def same_size_same_time_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as long) and put the modification time back: only the bytes differ."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


@pytest.mark.parametrize("module", ["inputs/loader.py", "inputs/model.py", "engine/types.py", "inputs/library.py",
                                    "engine/implications.py", "inputs/yamlsafe.py", "inputs/cache.py", "inputs/quickyaml.py",
                                    "views/plan_data.py"])
def test_key_changes_with_the_bytes_of_each_module(copied_package, module):
    """An edit of any module that keeps its size and modification time still gives another key."""
    before = key_now()
    cache._code_digest.cache_clear()
    same_size_same_time_edit(copied_package / module, "\n", "\r")
    assert key_now() != before


def test_key_changes_when_a_module_is_renamed_or_added(copied_package):
    """The key covers every .py file by name: renaming one (same bytes) or adding one changes it."""
    before = key_now()
    (copied_package / "engine" / "implications.py").rename(copied_package / "engine" / "implications2.py")
    cache._code_digest.cache_clear()
    renamed = key_now()
    assert renamed != before
    (copied_package / "render" / "extra.py").write_text("X = 1\n", encoding="utf-8")
    cache._code_digest.cache_clear()
    assert key_now() not in (before, renamed)


def test_the_key_of_an_unchanged_package_is_stable(copied_package):
    """Touching a module without changing its bytes keeps the key (and so keeps the cache)."""
    before = key_now()
    path = copied_package / "inputs" / "model.py"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    cache._code_digest.cache_clear()
    assert key_now() == before


def test_every_module_that_shapes_the_library_is_under_the_hashed_folder(tmp_path):
    """The pmladder modules a fresh load imports all live under the folder whose .py files the key hashes."""
    code = (
        "import sys, json\n"
        "from pmladder.inputs import cache\nfrom pmladder.inputs import loader\n"
        "lib = loader._load(loader.search_dirs())\n"
        "cache.dumps(lib)\n"
        "print(json.dumps([cache._package(), sorted(getattr(m, '__file__', '') or '' for n, m in sys.modules.items()"
        " if n == 'pmladder' or n.startswith('pmladder.'))]))\n"
    )
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    package, files = json.loads(proc.stdout)
    assert len(files) > 5
    outside = [f for f in files if not f.startswith(package + os.sep) or not f.endswith(".py")]
    assert outside == []


def test_key_changes_with_the_python_version(monkeypatch):
    before = key_now()
    monkeypatch.setattr(cache.sys, "version", sys.version + " (another build)")
    assert key_now() != before


def test_key_changes_with_the_pydantic_version(monkeypatch):
    before = key_now()
    monkeypatch.setattr(cache, "_pydantic_version", lambda: "0.0.1")
    assert key_now() != before


def test_key_changes_with_pmladders_version(monkeypatch):
    before = key_now()
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    assert key_now() != before


def test_key_and_entry_change_with_the_set_of_folders(tiny_dir, tmp_path):
    """Another set of folders is another key and another file; the same set is the same file."""
    plain, extra = key_now(), key_now([tiny_dir])
    assert plain != extra
    dirs, more = loader.search_dirs(), loader.search_dirs([tiny_dir])
    assert cache.entry(dirs) != cache.entry(more)
    assert cache.entry(loader.search_dirs()) == cache.entry(dirs)
    other = tmp_path / "other"
    other.mkdir()
    assert cache.entry(loader.search_dirs([tiny_dir, other])) not in (cache.entry(dirs), cache.entry(more))


def test_key_changes_when_a_ladder_file_changes_or_appears(tiny_dir):
    before = key_now([tiny_dir])
    same_size_same_time_edit(tiny_dir / "tiny.yaml", "name: Tiny ladder", "name: Tony ladder")
    edited = key_now([tiny_dir])
    assert edited != before
    shutil.copy(MINIMAL, tiny_dir / "tiny2.yaml")
    assert key_now([tiny_dir]) != edited


# --- one entry per set of folders, each a hit ----------------------------------------------------


def test_with_and_without_ladders_dir_keep_two_entries_and_both_hit(invoke, loads, tiny_dir):
    """Switching between runs with and without --ladders-dir keeps two cache files; a re-run of either loads nothing."""
    assert invoke("ladders").exit_code == 0
    assert invoke("ladders", "--ladders-dir", tiny_dir).exit_code == 0
    assert len(loads) == 2
    assert len(entries()) == 2
    for _ in range(2):
        plain = invoke("ladders", "--format", "json")
        extra = invoke("ladders", "--format", "json", "--ladders-dir", tiny_dir)
        assert plain.exit_code == extra.exit_code == 0
        assert '"tiny"' in extra.stdout and '"tiny"' not in plain.stdout
    assert len(loads) == 2, "a re-run read the files again instead of the cache"
    assert len(entries()) == 2


def test_a_changed_ladder_file_is_read_again(invoke, loads, tiny_dir):
    """A ladder file edited since the cache was written makes the next run read the files."""
    invoke("ladders", "--ladders-dir", tiny_dir)
    text = (tiny_dir / "tiny.yaml").read_text(encoding="utf-8").replace("name: Tiny ladder", "name: Tiny ladder, edited")
    (tiny_dir / "tiny.yaml").write_text(text, encoding="utf-8")
    result = invoke("ladders", "--format", "json", "--ladders-dir", tiny_dir)
    assert "Tiny ladder, edited" in result.stdout
    assert len(loads) == 2


def test_no_cache_setting_reads_the_files_and_writes_nothing(invoke, loads):
    """PMLADDER_NO_CACHE=1 reads the files every time and leaves no cache file."""
    for _ in range(2):
        assert invoke("ladders", env={"PMLADDER_NO_CACHE": "1"}).exit_code == 0
    assert len(loads) == 2
    assert entries() == []


# --- a cache that cannot be written costs only speed ---------------------------------------


def test_an_unwritable_cache_folder_is_ignored(invoke, loads, monkeypatch, tmp_path):
    """A cache folder that cannot be made (a file is in its way) costs only speed: every run succeeds."""
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        result = invoke("ladders")
        assert result.exit_code == 0 and result.stderr == ""
    assert len(loads) == 2


def test_the_cache_folder_and_files_are_private(invoke):
    """The cache folder is made 0700 and its entries 0600."""
    invoke("ladders")
    assert paths.cache_dir().stat().st_mode & 0o077 == 0
    [entry] = entries()
    assert entry.stat().st_mode & 0o777 == 0o600
