"""No test touches the real home folder (issue 7, point 3).

conftest.py isolates at import time (HOME, XDG_* and PMLADDER_HOME point at a session temp
folder before pmladder is imported) and per test (fresh XDG_* folders); its session fixture
`real_home_is_untouched` snapshots the real ~/.cache/pmladder, ~/.config/pmladder and
~/.local/share/pmladder and fails the run if any test changed them. These tests check the
pieces: where the folders resolve, that the snapshot notices a change, and that a module
which loads the library while it is imported writes nothing outside the temp folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


from conftest import REAL_HOME, SESSION_HOME, TESTS, real_user_dirs, snapshot
from pmladder.inputs import loader
from pmladder.store import paths


def inside(path: Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def test_the_session_home_is_set_before_the_library_loads():
    """HOME and PMLADDER_HOME were moved before pmladder was imported: the session values are temp folders."""
    assert inside(Path(os.environ["HOME"]), SESSION_HOME)
    assert not any(inside(SESSION_HOME, real) for real in real_user_dirs())
    assert "PMLADDER_PATH" not in os.environ


def test_user_folders_point_inside_the_test_home(isolated_user_dirs):
    """config_dir(), data_dir(), cache_dir() and the saved profile resolve inside this test's temp home."""
    for folder in (paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.profile_path(), loader.user_dir()):
        assert inside(folder, isolated_user_dirs), folder
        for real in real_user_dirs():
            assert not inside(folder, real), (folder, real)


def test_without_the_per_test_folders_they_fall_back_to_the_session_home(monkeypatch):
    """Even with the per-test XDG variables gone, the folders resolve under the session's temp HOME, not the real one."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "PMLADDER_HOME"):
        monkeypatch.delenv(var, raising=False)
    for folder in (paths.config_dir(), paths.data_dir(), paths.cache_dir()):
        assert inside(folder, SESSION_HOME), folder


def test_pmladder_home_puts_everything_under_one_folder(tmp_path):
    """PMLADDER_HOME (what the session isolation sets first) wins over XDG_* for all three folders."""
    env = {"PMLADDER_HOME": str(tmp_path), "XDG_CACHE_HOME": "/nowhere"}
    assert paths.config_dir(env) == tmp_path / "config"
    assert paths.data_dir(env) == tmp_path / "data"
    assert paths.cache_dir(env) == tmp_path / "cache"


def test_a_cached_load_writes_inside_the_test_home(isolated_user_dirs):
    """Loading the library (which writes the cache) leaves its file in this test's cache folder."""
    loader.load_library()
    written = list(paths.cache_dir().glob("*"))
    assert written and all(inside(p, isolated_user_dirs) for p in written)


def test_the_snapshot_notices_a_change(tmp_path):
    """The session check compares names, sizes and mtimes: a new, grown or removed file is a difference."""
    folder = tmp_path / "pmladder"
    folder.mkdir()
    (folder / "a").write_text("1")
    first = snapshot([folder])
    assert snapshot([folder]) == first
    (folder / "a").write_text("12")
    second = snapshot([folder])
    assert second != first
    (folder / "b").write_text("")
    assert snapshot([folder]) != second
    assert snapshot([tmp_path / "missing"]) == {str(tmp_path / "missing"): ("missing",)}


def test_real_folders_are_the_developers():
    """The folders watched are the real ones: under the HOME the session started with."""
    watched = real_user_dirs()
    assert REAL_HOME / ".cache" / "pmladder" in watched
    assert REAL_HOME / ".config" / "pmladder" in watched
    assert REAL_HOME / ".local" / "share" / "pmladder" in watched


def run_probe(tmp_path: Path, test_source: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Run pytest in a subprocess on one test file that uses this conftest, with a fake HOME standing for the real one."""
    fake_home = tmp_path / "realhome"
    fake_home.mkdir()
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "conftest.py").write_text(
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('pmladder_tests_conftest', {str(TESTS / 'conftest.py')!r})\n"
        "mod = importlib.util.module_from_spec(spec)\n"
        "sys.modules[spec.name] = mod\n"
        "spec.loader.exec_module(mod)\n"
        "globals().update({k: v for k, v in vars(mod).items() if not k.startswith('__')})\n"
    )
    (probe / "test_probe.py").write_text(test_source)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PMLADDER_"))}
    env["HOME"] = str(fake_home)
    # One process: the configuration's `-n auto` would start a worker a core for one test. Its temp folders go under
    # tmp_path: in the shared /tmp/pytest-of-<user> a new session deletes the older sessions' folders (the last full
    # run's thousands), seconds spent here, and other sessions' files.
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "--basetemp", str(tmp_path / "basetemp"), str(probe)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    return proc, fake_home


def test_a_module_that_loads_at_import_writes_nothing_at_home(tmp_path):
    """A test module that loads the library while it is imported (before any fixture) writes its
    cache into the session temp folder; HOME stays empty."""
    proc, fake_home = run_probe(tmp_path, (
        "import pathlib, sys\n"
        "from pmladder.inputs import loader\nfrom pmladder.store import paths\n"
        "LIB = loader.load_library()\n"
        "CACHE = paths.cache_dir()\n"
        "def test_it():\n"
        "    session = sys.modules['pmladder_tests_conftest'].SESSION_HOME\n"
        "    assert LIB.ladders\n"
        "    assert pathlib.Path(CACHE).resolve().is_relative_to(session)\n"
        "    assert list(pathlib.Path(CACHE).glob('library-*'))\n"
    ))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert list(fake_home.rglob("*")) == [], "the run wrote into HOME"


def test_the_session_check_fails_a_run_that_touches_the_real_home(tmp_path):
    """A test that writes into the real ~/.cache/pmladder makes the session fail, naming the file."""
    proc, fake_home = run_probe(tmp_path, (
        "import sys\n"
        "def test_writes_at_home():\n"
        "    real = sys.modules['pmladder_tests_conftest'].REAL_HOME / '.cache' / 'pmladder'\n"
        "    real.mkdir(parents=True)\n"
        "    (real / 'stray.pickle').write_bytes(b'x')\n"
    ))
    assert proc.returncode != 0, proc.stdout
    assert "touched the real home folder" in proc.stdout and "pmladder" in proc.stdout, proc.stdout[-3000:]
    assert (fake_home / ".cache" / "pmladder" / "stray.pickle").exists()
