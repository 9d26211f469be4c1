"""A cache of the validated ladder library, so start-up skips YAML parsing and validation.

The library is stored as the light objects of `domain.py` (pickled), so a warm start needs
neither pydantic nor PyYAML. One entry per set of ladder folders (switching between runs
with and without `--ladders-dir` keeps both), keyed by everything the cached value depends
on: pmladder's version, the source of every module that shapes it, the Python and pydantic
versions, the folders, and the path, size and mtime of every file read. The cache is only an
optimisation: any problem reading or writing it is ignored and the files are read. It is
read only when it belongs to the current user and nobody else can write to it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from . import __version__

# the modules whose code decides what a loaded library contains
SHAPERS = ("loader.py", "model.py", "domain.py", "rising.py", "yamlsafe.py", "cache.py")
PREFIX = "library-"


def folder(environ=None) -> Path:
    from .paths import cache_dir

    return cache_dir(environ)


def _stat(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), st.st_mtime_ns, st.st_size)


def _pydantic_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pydantic")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


def key(dirs: list[Path], files: list[Path]) -> tuple:
    """What the cached library depends on; the folders also name the entry."""
    here = Path(__file__).resolve().parent
    code = tuple(_stat(here / name) for name in SHAPERS)
    return (
        __version__, sys.version, _pydantic_version(), tuple(str(d) for d in dirs), code, tuple(_stat(p) for p in files),
    )


def entry(k: tuple, environ=None) -> Path:
    digest = hashlib.sha256(repr(k[3]).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return folder(environ) / f"{PREFIX}{digest}.pickle"


def read(k: tuple, environ=None):
    path = entry(k, environ)
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o022:
                return None
            stored_key, library = pickle.load(fh)
    except Exception:  # a missing, stale, truncated or foreign cache just means reading the files
        return None
    from .loader import Library  # loaded already: it is the caller

    return library if stored_key == k and isinstance(library, Library) else None


def write(k: tuple, library, environ=None) -> None:
    from .fsio import atomic_write

    try:
        target = folder(environ)
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(entry(k, environ), pickle.dumps((k, library), protocol=pickle.HIGHEST_PROTOCOL), mode=0o600)
    except Exception:
        pass
