"""Where ladders come from, and the loaded library: light enough for every start-up.

On a warm start the library comes out of the cache (`cache.py`) and nothing of the
validation machinery (`loader.py`, pydantic models, PyYAML) is imported.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import NamedTuple

from ..engine import types as d
from ..store.paths import user_ladders_dir

CATALOG_NAME = "catalog.yaml"
ENV_PATH = "PMLADDER_PATH"


def N_(message: str) -> str:
    """A message id for the catalog (notices are put into words by the CLI, in the language of the run)."""
    return message


def builtin_dir() -> Path:
    """The shipped `ladders/` folder: inside the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the package folder
    packaged = here / "_ladders"
    return packaged if packaged.is_dir() else here.parent / "ladders"


def user_dir(environ=None) -> Path:
    return user_ladders_dir(environ)


def search_dirs(extra: list[Path] | None = None, environ: typing.Mapping[str, str] | None = None) -> list[Path]:
    """Where ladders come from, in order; a later file overrides an earlier one with the same id."""
    environ = os.environ if environ is None else environ
    dirs = [builtin_dir(), user_dir(environ)]
    dirs += [Path(p) for p in environ.get(ENV_PATH, "").split(os.pathsep) if p.strip()]
    dirs += list(extra or [])
    return dirs


class Loaded(NamedTuple):
    """A ladder and the file it came from."""

    ladder: d.Ladder
    path: Path
    builtin: bool

    @property
    def origin(self) -> str:
        return "built-in" if self.builtin else str(self.path)


class Library(NamedTuple):
    """Every ladder found, by id, with the catalog and the notices worth telling the user."""

    catalog: d.Catalog
    ladders: dict[str, Loaded]
    notices: list[tuple[str, dict]]  # (message id, its values): put into words by the CLI, in the language of the run
    broken: dict = {}  # ladder id (or file stem) -> the problems of a ladder file that did not validate; skipped

    def get(self, ladder_id: str) -> Loaded | None:
        return self.ladders.get(ladder_id)

    def vocabulary(self) -> d.Vocab:
        """Every id a profile may use: the catalog's and every loaded ladder's own."""
        facts, certs, comps = dict(self.catalog.facts), dict(self.catalog.certs), dict(self.catalog.comps)
        for item in self.ladders.values():  # a ladder's own ids (its words for the catalog's stay with the ladder)
            own = item.ladder.own
            facts.update({k: v for k, v in item.ladder.facts.items() if k in own})
            certs.update({k: v for k, v in item.ladder.certs.items() if k in own})
            comps.update({k: v for k, v in item.ladder.comps.items() if k in own})
        return d.Vocab(facts, certs, comps)


def ladder_files(folder: Path) -> list[Path]:
    """The YAML files of a folder in name order; none when it is missing or unreadable."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix in (".yaml", ".yml") and p.is_file()]


def load_library(extra_dirs: list[Path] | None = None, environ=None) -> Library:
    """Load the catalog and every ladder on the search path. A ladder file of the user's that does not
    validate is skipped with a notice (and kept in `broken`, for a command that names it); a built-in
    file that does not validate is a DataError.

    A library that validated is kept in the user's cache folder (see `cache.py`), so the next
    run skips parsing and validation.
    """
    from . import cache

    environ = os.environ if environ is None else environ
    dirs = search_dirs(extra_dirs, environ)
    use_cache = not environ.get("PMLADDER_NO_CACHE")
    key, same = _cache_keys(dirs) if use_cache else (None, None)
    library = cache.read(key, dirs, environ) if use_cache else None
    if library is None:
        library = cache.recall(same) if use_cache else None
        if library is None:
            from .loader import _load

            library = _load(dirs)
            if use_cache and not library.broken and _cache_keys(dirs) == (key, same):  # a file that changed while it was read is read again next time
                cache.write(key, dirs, library, environ, same)
        else:
            cache.write(key, dirs, library, environ, same)
    for folder in dirs[2:]:  # named by PMLADDER_PATH or --ladders-dir: say when one is not there
        if not folder.is_dir():
            library.notices.append((N_("ladder folder {folder} does not exist"), {"folder": str(folder)}))
    return library


def _cache_keys(dirs: list[Path]) -> tuple[str, str]:
    """The cache key of this library (`cache.key`), and the key of its content (`cache.recall`)."""
    from . import cache

    builtin = builtin_dir()
    found = [(builtin / CATALOG_NAME, True)] + [(p, folder == builtin) for folder in dirs for p in ladder_files(folder)]
    return cache.keys(dirs, [p for p, _ in found], [b for _, b in found])
