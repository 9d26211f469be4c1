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

import os
import pickle
import sys
import zlib
from pathlib import Path

from . import __version__

# the modules whose code decides what a loaded library contains
SHAPERS = ("loader.py", "library.py", "model.py", "domain.py", "rising.py", "yamlsafe.py", "fsio.py", "cache.py")
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


def _pydantic_version() -> tuple:
    """Which pydantic validated the files: its version file, found without importing it (importlib.metadata is slow)."""
    module = sys.modules.get("pydantic")
    origin = getattr(module, "__file__", None)
    if origin is None:
        from importlib.util import find_spec

        spec = find_spec("pydantic")
        origin = spec.origin if spec else None
    return _stat(Path(origin).with_name("version.py")) if origin else ("?",)


def key(dirs: list[Path], files: list[Path]) -> tuple:
    """What the cached library depends on; the folders also name the entry."""
    here = Path(__file__).resolve().parent
    code = tuple(_stat(here / name) for name in SHAPERS)
    return (
        __version__, sys.version, _pydantic_version(), tuple(str(d) for d in dirs), code, tuple(_stat(p) for p in files),
    )


def entry(k: tuple, environ=None) -> Path:
    digest = zlib.crc32(repr(k[3]).encode("utf-8", "surrogatepass"))  # names the entry; the full key is checked inside
    return folder(environ) / f"{PREFIX}{digest:08x}.pickle"


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


# --- parsed profile files -----------------------------------------------------------------
# The last few profile files read, parsed (plain data and positions), so that reading the
# same profile again needs no YAML parser. Keyed by the file's bytes (a checksum and the
# size: file times are too coarse to tell two quick saves apart) and the reader's code;
# validation always runs again on the parsed data.

DOCS = "profiles.pickle"
KEEP = 8


def _doc_key(raw: bytes) -> tuple:
    here = Path(__file__).resolve().parent
    return (__version__, len(raw), zlib.crc32(raw), zlib.adler32(raw), _stat(here / "yamlsafe.py"))


def _read_docs(environ=None) -> dict:
    try:
        with open(folder(environ) / DOCS, "rb") as fh:
            st = os.fstat(fh.fileno())
            if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o077:
                return {}
            docs = pickle.load(fh)
    except Exception:  # a missing or damaged cache just means parsing the file
        return {}
    return docs if isinstance(docs, dict) else {}


def read_document(path: Path, parse, environ=None):
    """The parsed document of `path`: from the cache when its bytes are unchanged, else `parse(path)` (and kept)."""
    environ = os.environ if environ is None else environ
    if environ.get("PMLADDER_NO_CACHE"):
        return parse(path)
    from .fsio import FileReadError, read_regular

    try:
        raw = read_regular(path, 1024 * 1024)
    except FileReadError:
        return parse(path)  # let the reader report it (a pipe is refused there too, never waited on)
    name = str(Path(path).resolve())
    k = _doc_key(raw)
    docs = _read_docs(environ)
    hit = docs.get(name)
    if hit is not None and hit[0] == k:
        return hit[1]
    doc = parse(path)
    docs.pop(name, None)
    docs[name] = (k, doc.portable())
    while len(docs) > KEEP:
        docs.pop(next(iter(docs)))
    try:
        from .fsio import atomic_write

        target = folder(environ)
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target / DOCS, pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL), mode=0o600)
    except Exception:
        pass
    return doc
