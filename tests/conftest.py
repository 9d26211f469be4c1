"""Shared fixtures: a plain-text terminal, an isolated user config, and a CLI runner."""

from __future__ import annotations

import os

# Before typer or rich is imported anywhere: no colour codes, no terminal tricks, a known width.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["TTY_COMPATIBLE"] = "0"
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from pmladder.cli import app  # noqa: E402
from pmladder.loader import builtin_dir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point the user's config and data folders at empty temp folders and drop PMLADDER_PATH,
    so no test reads the developer's own ~/.config/pmladder/ladders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("PMLADDER_PATH", raising=False)
    return home


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner; in this typer version stdout and stderr are always captured apart."""
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run `pmladder ARGS...` in-process; `env=` adds environment overrides for that call."""

    def _invoke(*args, env: dict | None = None):
        result = runner.invoke(app, [str(a) for a in args], env=env)
        # An exception other than a clean exit is a crash a user would see as a traceback.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            tb = "".join(traceback.format_exception(*result.exc_info))
            raise AssertionError(f"pmladder {' '.join(map(str, args))} crashed:\n{tb}")
        return result

    return _invoke


@pytest.fixture
def ladders_dir() -> Path:
    """The built-in ladders folder (in a checkout: ladders/)."""
    return builtin_dir()
