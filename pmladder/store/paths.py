"""Where pmladder keeps things: one place that resolves the user's folders.

`PMLADDER_HOME`, when set, puts everything under one folder (`config/`, `data/`, `cache/`),
which is what tests and people with a portable setup use; otherwise the platform's usual
per-user folders (on Linux `~/.config/pmladder`, `~/.local/share/pmladder`,
`~/.cache/pmladder`, following the XDG variables). Nothing here creates a folder.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path

HOME_ENV = "PMLADDER_HOME"
APP = "pmladder"


def _env(environ: typing.Mapping[str, str] | None) -> typing.Mapping[str, str]:
    return os.environ if environ is None else environ


def _home(environ) -> Path | None:
    home = _env(environ).get(HOME_ENV, "").strip()
    return Path(home) if home else None


def config_dir(environ=None) -> Path:
    home = _home(environ)
    if home:
        return home / "config"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def data_dir(environ=None) -> Path:
    home = _home(environ)
    if home:
        return home / "data"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def cache_dir(environ=None) -> Path:
    home = _home(environ)
    if home:
        return home / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def user_ladders_dir(environ=None) -> Path:
    return config_dir(environ) / "ladders"


def profile_path(environ=None) -> Path:
    """The saved profile: what `assess` writes when it asks the questions, and `plan` reads."""
    return data_dir(environ) / "profile.yaml"


def history_path(environ=None) -> Path:
    """The assessment history database."""
    return data_dir(environ) / "history.sqlite3"
