"""Shared fixtures: a plain-text terminal, an isolated user home, and a CLI runner.

Isolation starts at import time, before anything imports pmladder: a test module that
loads the ladder library while it is being collected (before any fixture runs) must not
read the developer's own ladder folders or write to the real ~/.cache/pmladder. So this
file first points HOME, the XDG folders and PMLADDER_HOME at a temporary folder for the
whole session, and only then imports the library. The per-test fixture below then gives
each test fresh, empty folders of its own.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# --- 1. isolation, before pmladder (or anything that reads these variables) is imported ---

REAL_ENV = {k: os.environ[k] for k in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                       "XDG_STATE_HOME", "PMLADDER_HOME") if k in os.environ}
REAL_HOME = Path(REAL_ENV.get("HOME") or os.path.expanduser("~"))
SESSION_HOME = Path(tempfile.mkdtemp(prefix="pmladder-tests-")).resolve()
atexit.register(shutil.rmtree, SESSION_HOME, ignore_errors=True)

os.environ["HOME"] = str(SESSION_HOME / "home")
os.environ["XDG_CONFIG_HOME"] = str(SESSION_HOME / "xdg-config")
os.environ["XDG_DATA_HOME"] = str(SESSION_HOME / "xdg-data")
os.environ["XDG_CACHE_HOME"] = str(SESSION_HOME / "xdg-cache")
os.environ["XDG_STATE_HOME"] = str(SESSION_HOME / "xdg-state")
os.environ["PMLADDER_HOME"] = str(SESSION_HOME / "pmladder")
os.environ.pop("PMLADDER_PATH", None)
(SESSION_HOME / "home").mkdir()

# Before typer or rich is imported anywhere: no colour codes, no terminal tricks, a known width.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["TTY_COMPATIBLE"] = "0"
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)
# English unless a test asks for another language (PMLADDER_LANG, or LANG=zh_CN.UTF-8 in its env).
for _var in ("PMLADDER_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

# Compiled files are kept (__pycache__, ignored by git), even where PYTHONDONTWRITEBYTECODE is set, as
# in some sandboxes and CI images: without them each pytest worker rewrites the asserts of every test
# module again (two thirds of collecting, some 7 s of CPU a worker) and each `python -m pmladder` the
# tests start compiles pmladder from source. What a test checks does not depend on it.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# The Python processes the tests start import the pmladder these tests import (the installed one, in CI
# a wheel), not a copy found in their working folder: `python -m pmladder` run from the checkout would
# otherwise test the sources beside the install, and miss the library cache the tests warm for them.
os.environ["PYTHONSAFEPATH"] = "1"


def real_user_dirs() -> list[Path]:
    """The developer's own pmladder folders, resolved from the environment as it was before this file ran."""
    def xdg(var: str, default: str) -> Path:
        value = REAL_ENV.get(var, "").strip()
        return Path(value) if value else REAL_HOME / default

    dirs = [xdg("XDG_CACHE_HOME", ".cache") / "pmladder", xdg("XDG_CONFIG_HOME", ".config") / "pmladder",
            xdg("XDG_DATA_HOME", ".local/share") / "pmladder",
            REAL_HOME / ".cache" / "pmladder", REAL_HOME / ".config" / "pmladder", REAL_HOME / ".local" / "share" / "pmladder"]
    if REAL_ENV.get("PMLADDER_HOME", "").strip():
        dirs.append(Path(REAL_ENV["PMLADDER_HOME"]))
    return list(dict.fromkeys(dirs))


def snapshot(folders: list[Path]) -> dict[str, tuple]:
    """Every entry under `folders`: path -> (kind, size, mtime_ns); a missing folder is one entry too."""
    out: dict[str, tuple] = {}
    for folder in folders:
        if not folder.exists():
            out[str(folder)] = ("missing",)
            continue
        for root, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in [*dirnames, *sorted(filenames)]:
                path = os.path.join(root, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                out[path] = ("dir" if name in dirnames else "file", st.st_size, st.st_mtime_ns)
        st = folder.stat()
        out[str(folder)] = ("dir", st.st_mtime_ns)
    return out


# --- 2. now the library may be imported -----------------------------------------------------

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pmladder.cli import app  # noqa: E402
from pmladder.inputs.loader import builtin_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def _build_the_click_app_once() -> None:
    """Typer's CliRunner turns the Typer app into Click commands on every call (get_command: some 40 %
    of an in-process run, for every one of the suite's thousands); `pmladder` itself builds them once a
    process. Build them once a test process too. The commands are made to be run again: help is
    translated from the English kept on each object (cli/help.py), each run starts its own context."""
    import typer.testing

    plain = typer.testing._get_command  # fails here, loudly, if Typer moves it
    built: dict[int, tuple] = {}

    def get_command(typer_app):
        if id(typer_app) not in built:
            built[id(typer_app)] = (typer_app, plain(typer_app))  # the app kept alive: its id stays its own
        return built[id(typer_app)][1]

    typer.testing._get_command = get_command


_build_the_click_app_once()


# --- 3. which worker runs what (pytest-xdist) ---------------------------------------------------

# Files whose tests must all run on one worker, by name of the work they share: a module fixture
# too dear to make on two workers, or a memo two files read (tests/assessed.py). Every other test
# goes to whichever worker is free, one at a time. (xdist's own `--dist loadgroup` reads marks
# through the item's nodeid, which pytest 9 no longer lets it change: it groups nothing here.)
ONE_WORKER = {
    "tests/engine/test_persona_table.py": "personas",
    "tests/views/test_where.py": "personas",
    "tests/views/test_org300.py": "org300",  # the team report in four formats, 300 own plans
    "tests/cli/test_packaging.py": "wheel",  # a wheel built with pip
    "tests/cli/test_layers.py": "layers",  # every module of the package parsed, once
    "tests/cli/test_team_streaming.py": "large-team",  # 9,500 profile files written once for the two Ctrl-C runs
}


def pytest_xdist_make_scheduler(config, log):
    """Like `--dist load`, but each ONE_WORKER group is one unit of work; the units go out biggest first
    (the groups, then single tests in the collection's order, random with pytest-randomly)."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedWorkTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return ONE_WORKER.get(nodeid.split("::", 1)[0], nodeid)

    return SharedWorkTogether(config, log)


def pytest_collection_finish(session):
    """Once the tests are collected, what is loaded (modules, test items, hypothesis, the ladders) stays loaded to the
    end: frozen, the cyclic collector no longer walks it at every full collection, and it collects young objects every
    10,000 allocations rather than 700. tests/engine and tests/render in one process: 44.5 s -> 40.2 s of CPU (two runs
    each, alternated); over the whole suite the gain is smaller (bench/README.md, the suite's sixth pass). Only the collector's pace: what is freed is the same, and a
    test about collection (test_engine_fast's cyclic check) calls gc.collect itself."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def pytest_sessionstart(session):
    """Before xdist starts its workers (its sessionstart is trylast), the controller rewrites the asserts of the
    test modules that have no rewritten copy at all (a fresh checkout: CI, a clean clone) and keeps them in
    __pycache__ as pytest does. Otherwise every worker rewrites every module itself while collecting, the
    same work once a worker (some 2.7 s of CPU each here); they now read the kept copies. The same code:
    pytest's own rewriting, with the controller's configuration (the workers get the same). This leans on
    pytest's internals; when they change, it does nothing and the workers rewrite as before."""
    config = session.config
    if hasattr(config, "workerinput") or not config.pluginmanager.has_plugin("dsession") or sys.dont_write_bytecode:
        return
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        for fn in sorted(TESTS.rglob("*.py")):
            if not (fn.name.startswith("test_") or fn.name == "conftest.py") or "__pycache__" in fn.parts:
                continue
            cache = rewrite.get_cache_dir(fn)
            pyc = cache / (fn.name[:-3] + rewrite.PYC_TAIL)
            if not pyc.exists() and rewrite.try_makedirs(cache):  # (one edited since is rewritten by the workers)
                source_hash, co = rewrite._rewrite_test(fn, config)
                rewrite._write_pyc(state, co, source_hash, pyc)
    except Exception:  # pragma: no cover - another pytest: the workers rewrite as before
        pass


@pytest.fixture(scope="session", autouse=True)
def real_home_is_untouched():
    """Fail the session if any test created, changed or removed anything in the real pmladder folders."""
    folders = real_user_dirs()
    before = snapshot(folders)
    yield folders
    after = snapshot(folders)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, (f"the test session touched the real home folder: {changed[:20]} "
                         "(or a pmladder outside the tests ran meanwhile)")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Give each test empty config, data and cache folders of its own (XDG_* under a fresh temp
    folder) and drop PMLADDER_PATH, so no test reads another's files or the developer's own
    ~/.config/pmladder/ladders. PMLADDER_HOME is unset here so the folders follow XDG_*, which
    tests that steer the data folder with XDG_DATA_HOME rely on; HOME stays the session's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("PMLADDER_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("PMLADDER_PATH", raising=False)
    return home


@pytest.fixture(autouse=True)
def english_words():
    """pmladder's words start each test in English: a run with --lang zh leaves them Chinese in this
    process, and a test that calls a renderer directly must not inherit that."""
    from pmladder import words

    words.use(None)
    yield
    words.use(None)


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner; in this typer version stdout and stderr are always captured apart."""
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run `pmladder ARGS...` in-process; `env=` adds environment overrides for that call, `run=` a
    pmladder.cli.run.Run in place of the process's (what it leaves out is read from the process)."""

    def _invoke(*args, env: dict | None = None, input: str | None = None, run=None):
        result = runner.invoke(app, [str(a) for a in args], env=env, input=input, obj=run)
        # An exception other than a clean exit is a crash a user would see as a traceback.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            tb = "".join(traceback.format_exception(*result.exc_info))
            raise AssertionError(f"pmladder {' '.join(map(str, args))} crashed:\n{tb}")
        return result

    return _invoke


@pytest.fixture
def terminal_run():
    """A Run whose standard input is a terminal (the rest read from the process when the command starts)."""
    from pmladder.cli.run import Run

    return Run(stdin_tty=True)


def warm_library_cache(env: dict) -> dict:
    """Write the ladder library's cache entry that a `pmladder` child started with `env` (a fresh home of
    its own) would write on its first run, so the child starts warm: 0.15 s of CPU instead of 0.3 s,
    most of it validating the built-in ladders again in every child. In this process the library is
    recalled, not validated (inputs/cache.py). For children that run this process's pmladder (a checkout,
    or the installed script); a child that runs another copy finds no entry of its own and builds it, as
    before. Not for a test about the cache, an empty home or start-up. Returns `env`."""
    from pmladder.inputs.library import load_library

    load_library(environ=env)
    return env


@pytest.fixture
def ladders_dir() -> Path:
    """The built-in ladders folder (in a checkout: ladders/)."""
    return builtin_dir()
