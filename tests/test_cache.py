"""The cache of the validated ladder library (issue 7, point 4).

It is keyed on everything the cached value depends on (pmladder's version, the source of every
module that shapes it, the Python and pydantic versions, the ladder folders and their files),
keeps one entry per set of folders, and ignores silently anything it cannot trust: a damaged,
truncated or foreign file, or one another user could have written.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS
from pmladder import cache, loader, paths

MINIMAL = TESTS / "good_ladders" / "minimal.yaml"
PACKAGE = Path(cache.__file__).resolve().parent


@pytest.fixture
def loads(monkeypatch) -> list:
    """Count the real loads (parse and validate every file); a cache hit makes none."""
    calls: list = []
    real = loader._load

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


def key_now(extra=None) -> tuple:
    dirs = loader.search_dirs(extra)
    files = [loader.builtin_dir() / loader.CATALOG_NAME] + [p for d in dirs for p in loader.ladder_files(d)]
    return cache.key(dirs, files)


# --- what the key depends on ------------------------------------------------------------------


@pytest.fixture
def copied_package(tmp_path, monkeypatch) -> Path:
    """cache.key() reading a copy of the modules that shape the library (so a test may edit them)."""
    folder = tmp_path / "pkg"
    folder.mkdir()
    for name in cache.SHAPERS:
        shutil.copy2(PACKAGE / name, folder / name)
    monkeypatch.setattr(cache, "__file__", str(folder / "cache.py"))
    return folder


@pytest.mark.parametrize("module", cache.SHAPERS)
def test_key_changes_with_the_source_of_each_shaping_module(copied_package, module):
    """Editing any module that shapes the cached library (here: a copy of it) gives another key."""
    before = key_now()
    path = copied_package / module
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert key_now() != before


def test_key_changes_when_a_module_is_touched_only(copied_package):
    """Even an edit that keeps the size (only the modification time moves) gives another key."""
    before = key_now()
    path = copied_package / "model.py"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert key_now() != before


def test_every_module_that_shapes_the_library_is_in_the_key(tmp_path):
    """The pmladder modules a fresh load imports (and whose classes the pickle holds) are all in SHAPERS;
    __init__ is covered by the version in the key, paths only says where the folders are."""
    code = (
        "import sys, pickle\n"
        "from pmladder import loader\n"
        "lib = loader._load(loader.search_dirs())\n"
        "pickle.dumps(lib)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('pmladder'))))\n"
    )
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    modules = {m.split(".", 1)[1] + ".py" for m in proc.stdout.split() if "." in m}
    assert modules - {"paths.py"} <= set(cache.SHAPERS), sorted(modules - set(cache.SHAPERS))


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
    assert cache.entry(plain) != cache.entry(extra)
    assert cache.entry(key_now()) == cache.entry(plain)
    other = tmp_path / "other"
    other.mkdir()
    assert cache.entry(key_now([tiny_dir, other])) not in (cache.entry(plain), cache.entry(extra))


def test_key_changes_when_a_ladder_file_changes_or_appears(tiny_dir):
    before = key_now([tiny_dir])
    (tiny_dir / "tiny.yaml").write_text(MINIMAL.read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
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


# --- a cache file that cannot be trusted is ignored silently ------------------------------------


class Boom:
    """A pickle that runs code when loaded: it must never be loaded from a file someone else could write."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def damaged(entry: Path, good: bytes, tmp_path: Path) -> None:
    entry.write_bytes(os.urandom(4096))


def truncated(entry: Path, good: bytes, tmp_path: Path) -> None:
    entry.write_bytes(good[: len(good) // 2])


def empty(entry: Path, good: bytes, tmp_path: Path) -> None:
    entry.write_bytes(b"")


def foreign_pickle(entry: Path, good: bytes, tmp_path: Path) -> None:
    entry.write_bytes(pickle.dumps({"not": "a library"}))


def stale_key(entry: Path, good: bytes, tmp_path: Path) -> None:
    key, library = pickle.loads(good)
    entry.write_bytes(pickle.dumps((("old",) + key[1:], library)))


def wrong_shape(entry: Path, good: bytes, tmp_path: Path) -> None:
    key, _library = pickle.loads(good)
    entry.write_bytes(pickle.dumps((key, "a string, not a library")))


def world_writable(entry: Path, good: bytes, tmp_path: Path) -> None:
    """A valid entry, but mode 0666: anybody could have written it."""
    key, _library = pickle.loads(good)
    entry.write_bytes(pickle.dumps((key, Boom(tmp_path / "ran"))))
    os.chmod(entry, 0o666)


def group_writable(entry: Path, good: bytes, tmp_path: Path) -> None:
    key, _library = pickle.loads(good)
    entry.write_bytes(pickle.dumps((key, Boom(tmp_path / "ran"))))
    os.chmod(entry, 0o620)


def another_users(entry: Path, good: bytes, tmp_path: Path) -> None:
    """A valid-looking entry owned by another user (needs root to make)."""
    if os.geteuid() != 0:
        pytest.skip("making a file of another user needs root")
    key, _library = pickle.loads(good)
    entry.write_bytes(pickle.dumps((key, Boom(tmp_path / "ran"))))
    os.chmod(entry, 0o600)
    os.chown(entry, 65534, 65534)


@pytest.mark.parametrize("spoil", [damaged, truncated, empty, foreign_pickle, stale_key, wrong_shape,
                                   world_writable, group_writable, another_users], ids=lambda f: f.__name__)
def test_an_untrusted_cache_file_is_ignored_silently(invoke, loads, tmp_path, spoil):
    """The command still succeeds, says nothing about the cache, reads the files, and replaces the entry."""
    assert invoke("ladders").exit_code == 0
    [entry] = entries()
    good = entry.read_bytes()
    spoil(entry, good, tmp_path)
    result = invoke("ladders", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert '"pm-titles"' in result.stdout
    assert len(loads) == 2, "the spoilt entry was used"
    assert not (tmp_path / "ran").exists(), "a pickle from an untrusted file was loaded"
    [entry] = entries()
    st = entry.stat()
    assert st.st_uid == os.getuid() and st.st_mode & 0o077 == 0
    assert invoke("ladders").exit_code == 0
    assert len(loads) == 2, "the rewritten entry is a hit"


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
