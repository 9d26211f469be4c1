"""A cache of the validated ladder library, so start-up skips YAML parsing and validation.

Keyed by pmladder's version and the path, size and mtime of every file read. The cache is
only an optimisation: any problem reading or writing it is ignored and the files are read.
It is read only when it belongs to the current user and nobody else can write to it.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from . import __version__

NAME = "library.pickle"


def folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pmladder", appauthor=False))


def fingerprint(paths: list[Path]) -> tuple:
    entries = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            entries.append((str(path), None, None))
            continue
        entries.append((str(path), st.st_mtime_ns, st.st_size))
    return (__version__, tuple(entries))


def read(key: tuple):
    path = folder() / NAME
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o022:
                return None
            stored_key, library = pickle.load(fh)
    except Exception:  # a missing, stale or damaged cache just means reading the files
        return None
    return library if stored_key == key else None


def write(key: tuple, library) -> None:
    from .fsio import atomic_write

    try:
        target = folder()
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target / NAME, pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL), mode=0o600)
    except Exception:
        pass
