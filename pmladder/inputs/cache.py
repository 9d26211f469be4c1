"""A cache of the validated ladder library, so start-up skips YAML parsing and validation.

The library is stored as JSON and rebuilt into the light objects of `domain.py`, so a warm
start needs neither pydantic's models nor PyYAML, and reading the cache never runs code: only
plain values and a fixed list of NamedTuple classes come out of it. One entry per set of
ladder folders (switching between runs with and without `--ladders-dir` keeps both), keyed on
a hash of everything the cached value depends on: the bytes of every ladder file read and of
every module of the package, pmladder's, Python's and pydantic's versions, and the folders.

The cache is only an optimisation: anything missing, damaged, stale or untrusted is ignored
and the files are read. An entry is trusted only when it is a regular file (not a link, not a
FIFO) of the current user that nobody else can write, in a folder chain nobody else can
change (every folder up to / owned by the user or root, none writable by others unless it
has the sticky bit, as /tmp has). Nothing is written into a folder that fails that test.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__

FORMAT = "pmladder-cache-2"  # the first line of every entry; another layout is another format
PREFIX = "library-"
SUFFIX = ".json"
MAX_ENTRY = 64 * 1024 * 1024  # a bigger file is not one this code wrote
MAX_LADDER = 1024 * 1024 + 1  # what the YAML reader reads of a file (yamlsafe.MAX_BYTES + 1)


def folder(environ=None) -> Path:
    from ..store.paths import cache_dir

    return cache_dir(environ)


# --- what an entry depends on -------------------------------------------------------------


def _hash():
    import hashlib

    return hashlib.sha256()  # the fastest of hashlib's on common hardware (about 1.5 GB/s)


@lru_cache(maxsize=None)
def _code_digest(package: str) -> str:
    """A hash of the name and bytes of every .py file under the package: any edit, rename or new
    module changes it. Computed once per process (about 1 ms for the whole package)."""
    h = _hash()

    def walk(path: str, rel: str) -> None:
        with os.scandir(path) as it:
            found = sorted(it, key=lambda e: e.name)
        for item in found:
            if item.name == "__pycache__":
                continue
            if item.is_dir(follow_symlinks=False):
                walk(item.path, f"{rel}{item.name}/")
            elif item.name.endswith(".py"):
                with open(item.path, "rb") as fh:
                    raw = fh.read()
                h.update(f"{rel}{item.name}\0{len(raw)}\0".encode("utf-8", "surrogatepass"))
                h.update(raw)

    try:
        walk(package, "")
    except OSError:  # a key no entry carries: this run neither uses nor leaves a usable entry
        return os.urandom(16).hex()
    return h.hexdigest()


def _package() -> str:
    return str(Path(__file__).resolve().parent.parent)  # the package folder, above store/


def _read_all(fd: int, size: int, limit: int) -> bytes:
    """Read an open file to its end, at most `limit` bytes (two reads for a file of `size` bytes)."""
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(fd, min(limit - total, max(size - total, 0) + 65536))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _file_digest(path, limit: int = MAX_LADDER) -> str | None:
    """A hash of the bytes of a regular file (as much as the YAML reader reads); None when it cannot be read."""
    from ..store.fsio import FileReadError, read_regular

    try:
        raw = read_regular(path, limit)
    except FileReadError:
        return None
    h = _hash()
    h.update(raw)
    return h.hexdigest()


def _pydantic_version() -> str:
    """Which pydantic validates the files: a hash of its version file, found without importing it (importlib.metadata is slow)."""
    module = sys.modules.get("pydantic")
    origin = getattr(module, "__file__", None)
    if origin is None:
        from importlib.util import find_spec

        try:
            spec = find_spec("pydantic")
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec else None
    return str(_file_digest(Path(origin).with_name("version.py"))) if origin else "?"


def key(dirs: list[Path], files: list[Path]) -> str:
    """What the cached library depends on, hashed: it must equal the key stored in the entry."""
    return keys(dirs, files, [])[0]


def keys(dirs: list[Path], files: list[Path], builtin: list[bool]) -> tuple[str, str]:
    """`key`, and the key of the same files read the same way whatever the folders are called:
    `builtin` says for each file whether it is in the built-in folder (all the library depends on
    beside the files themselves). The second is the key of `recall`."""
    common = (FORMAT, __version__, sys.version, _pydantic_version(), _code_digest(_package()))
    found = tuple((str(p), _file_digest(p)) for p in files)
    out = []
    for where in (tuple(str(d) for d in dirs), tuple(builtin)):
        h = _hash()
        h.update(repr((*common, where, found)).encode("utf-8", "surrogatepass"))
        out.append(h.hexdigest())
    return out[0], out[1]


def entry(dirs: list[Path], environ=None) -> Path:
    """The file of the entry for this set of folders (the key inside says whether it is current)."""
    h = _hash()
    h.update(repr(tuple(str(d) for d in dirs)).encode("utf-8", "surrogatepass"))
    return folder(environ) / f"{PREFIX}{h.hexdigest()[:16]}{SUFFIX}"


# --- trusting a folder and a file ---------------------------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_POSIX = hasattr(os, "geteuid")


def _private_group(gid: int) -> bool:
    """Whether `gid` is the user's own group: their primary group, named as they are, with no
    other members (the "user private group" many systems give each account, under which
    umask 002 makes ~/.cache group-writable without sharing it with anyone)."""
    if gid != os.getegid():
        return False
    try:
        import grp
        import pwd

        user = pwd.getpwuid(os.geteuid()).pw_name
        group = grp.getgrgid(gid)
    except (ImportError, KeyError, OSError):
        return False
    return group.gr_name == user and set(group.gr_mem) <= {user}


def _safe_dir(st: os.stat_result) -> bool:
    """A folder only the user (or root) can change: theirs or root's, writable by nobody else
    unless sticky; writable by the group only when the group is the user's own."""
    if st.st_uid not in (0, os.geteuid()) or st.st_mode & stat.S_ISVTX:
        return st.st_uid in (0, os.geteuid())
    if st.st_mode & 0o002:
        return False
    return not st.st_mode & 0o020 or _private_group(st.st_gid)


def safe_folder(path: Path) -> bool:
    """Whether `path` and every folder leading to it, symbolic links followed one step at a time, are safe.

    A link is judged by the folder that holds it (checked before it) and by where it leads
    (checked after it). False when any part is missing, unreadable, not a folder or unsafe."""
    if not _POSIX:
        return True  # no owners to compare: the folder is the user's profile folder
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.join(os.getcwd(), text)
    try:
        if not _safe_dir(os.stat("/")):
            return False
        todo = text.split("/")[::-1]  # a stack: the next part last
        here, hops = "/", 0
        while todo:
            part = todo.pop()
            if part in ("", "."):
                continue
            if part == "..":
                here = os.path.dirname(here)  # `here` is a real folder already checked, so is its parent
                continue
            nxt = os.path.join(here, part)
            st = os.lstat(nxt)
            if stat.S_ISLNK(st.st_mode):
                hops += 1
                if hops > 40:
                    return False
                target = os.readlink(nxt)
                if target.startswith("/"):
                    here = "/"
                todo.extend(target.split("/")[::-1])
                continue
            if not stat.S_ISDIR(st.st_mode) or not _safe_dir(st):
                return False
            here = nxt
    except OSError:
        return False
    return True


def _read_trusted(path: Path) -> bytes | None:
    """The bytes of a cache file this user wrote, or None: never through a link, never from a FIFO or device."""
    if not safe_folder(path.parent):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            return None
        if _POSIX and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
            return None
        return _read_all(fd, st.st_size, MAX_ENTRY)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_trusted(path: Path, data: bytes) -> None:
    """Write a cache file (0600, atomically) unless its folder is one others could change."""
    from ..store.fsio import atomic_write

    try:
        made = path.parent
        while not os.path.lexists(made) and made != made.parent:
            made = made.parent
        if not safe_folder(made):  # not even the cache folder is made inside a folder others can write
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if safe_folder(path.parent):
            atomic_write(path, data, mode=0o600, durable=False)  # a torn entry is a miss: no fsync
    except Exception:  # a cache that cannot be written costs only speed
        pass


def _split(raw: bytes | None) -> tuple[str, bytes] | None:
    """An entry's first line (its format and key) and the JSON after it."""
    if raw is None:
        return None
    head, sep, body = raw.partition(b"\n")
    return (head.decode("ascii", "replace"), body) if sep else None


# --- plain data <-> JSON ------------------------------------------------------------------
# Dicts with string keys are JSON objects. Everything else JSON has no word for is an object
# with one key, a tag starting with NUL, and a list or a string: {"\0t": [...]} a tuple,
# {"\0Atom": [fields...]} a NamedTuple of domain.py or library.py, {"\0list": [...]},
# {"\0dict": [k, v, ...]} (keys that are not strings, or a key that looks like a tag),
# {"\0date": "2026-01-31"}, {"\0Kind": "fact"} (a member of a StrEnum of domain.py) ... An
# object met more than once (the catalog's definitions, which every ladder holds) is written
# once as {"\0keep": [n, ...]} and after that as {"\0ref": n}.
# JSON's own parser calls `_object` for every object, innermost first, so rebuilding costs one
# short call per object. Only these types are built; an unknown tag fails the whole entry.

TAG = "\0"
_LEAF = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=1)
def _named() -> dict[str, type]:
    """The NamedTuple classes an entry may hold, by tag."""
    from ..engine import types as domain
    from . import library

    found = {}
    for module in (domain, library):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields") and value.__module__ == module.__name__:
                found[TAG + name] = value
    return found


@lru_cache(maxsize=1)
def _enums() -> dict[str, type]:
    """The StrEnum classes (requirement and step kinds) an entry may hold, by tag."""
    from enum import StrEnum

    from ..engine import types as domain

    return {TAG + name: value for name, value in vars(domain).items()
            if isinstance(value, type) and issubclass(value, StrEnum) and value.__module__ == domain.__name__}


def _parts(value) -> tuple:
    """The values inside a container (for counting how often each is met)."""
    if type(value) is dict:
        return tuple(x for item in value.items() for x in item)
    return tuple(value) if isinstance(value, (tuple, list, frozenset)) else ()


def _encode(value):
    """Plain data and the engine's NamedTuples as JSON-ready values; TypeError for anything else."""
    import datetime as dt

    seen: dict[int, int] = {}  # id -> times met (the objects stay alive: `value` holds them)

    def count(v) -> None:
        if type(v) in _LEAF:
            return
        seen[id(v)] = seen.get(id(v), 0) + 1
        if seen[id(v)] == 1:
            for x in _parts(v):
                count(x)

    count(value)
    kept: dict[int, int] = {}
    named = {cls: tag for tag, cls in _named().items()}
    enums = {cls: tag for tag, cls in _enums().items()}

    def enc(v):
        kind = type(v)
        if kind in _LEAF:
            return v
        if seen[id(v)] > 1:
            if id(v) in kept:
                return {TAG + "ref": kept[id(v)]}
            kept[id(v)] = n = len(kept)
            return {TAG + "keep": [n, plain(v, kind)]}
        return plain(v, kind)

    def plain(v, kind):
        if kind is tuple:
            return {TAG + "t": [enc(x) for x in v]}
        if kind is dict:
            if all(type(k) is str and k[:1] != TAG for k in v):
                return {k: enc(x) for k, x in v.items()}
            return {TAG + "dict": [enc(x) for item in v.items() for x in item]}
        if kind in named:
            return {named[kind]: [enc(x) for x in v]}
        if kind in enums:
            return {enums[kind]: v.value}
        if kind is list:
            return {TAG + "list": [enc(x) for x in v]}
        if kind is frozenset:
            return {TAG + "frozenset": [enc(x) for x in v]}
        if kind is dt.datetime:
            return {TAG + "datetime": v.isoformat()}
        if kind is dt.date:
            return {TAG + "date": v.isoformat()}
        if kind is bytes:
            return {TAG + "bytes": v.hex()}
        if isinstance(v, Path):
            return {TAG + "path": str(v)}
        raise TypeError(f"cannot cache a {kind.__name__}")

    return enc(value)


def dumps(value) -> bytes:
    """`value` as JSON (UTF-8); TypeError for anything `loads` could not rebuild."""
    import json

    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads(body: bytes):
    """The value `dumps` wrote; raises ValueError, KeyError or TypeError on anything else."""
    import datetime as dt
    import json

    memo: dict[int, object] = {}

    def keep(payload):
        n, value = payload
        memo[n] = value
        return value

    def pairs(payload):
        if len(payload) % 2:
            raise ValueError("a key without a value")
        return dict(zip(payload[::2], payload[1::2]))

    lists = {TAG + "t": tuple, TAG + "list": list, TAG + "frozenset": frozenset, TAG + "dict": pairs, TAG + "keep": keep}
    texts = {TAG + "date": dt.date.fromisoformat, TAG + "datetime": dt.datetime.fromisoformat, TAG + "bytes": bytes.fromhex,
             TAG + "path": Path, **_enums()}
    sizes = {tag: (cls, len(cls._fields)) for tag, cls in _named().items()}
    new = tuple.__new__

    def _object(items: list):
        if len(items) == 1:
            tag, payload = items[0]
            if tag[:1] == TAG:
                if type(payload) is list:
                    made = sizes.get(tag)
                    if made is None:
                        return lists[tag](payload)
                    value = new(made[0], payload)
                    if len(value) != made[1]:
                        raise ValueError(f"{tag[1:]} with {len(value)} fields")
                    return value
                if tag == TAG + "ref":
                    return memo[payload]
                if type(payload) is str:
                    return texts[tag](payload)
                raise ValueError(f"bad {tag[1:]}")
        return dict(items)

    return json.loads(body.decode("utf-8", "surrogatepass"), object_pairs_hook=_object)


# --- the library --------------------------------------------------------------------------


def read(k: str, dirs: list[Path], environ=None):
    """The cached library for this key, or None (missing, stale, damaged or untrusted)."""
    parts = _split(_read_trusted(entry(dirs, environ)))
    if parts is None or parts[0] != f"{FORMAT} {k}":
        return None
    for body, kept in _RECENT.values():  # the very bytes this process wrote for a library it keeps: that library
        if body == parts[1]:
            return _copy(kept)
    try:
        library = loads(parts[1])
    except Exception:  # anything this code did not write is just a miss
        return None
    return _checked(library)


def _checked(library):
    """The library when it has the shape `write` gives it, else None."""
    from ..engine.types import Catalog
    from .library import Library, Loaded

    ok = (type(library) is Library and type(library.catalog) is Catalog and type(library.ladders) is dict
          and type(library.notices) is list and all(type(v) is Loaded for v in library.ladders.values()))
    return library if ok else None


def write(k: str, dirs: list[Path], library, environ=None, same: str | None = None) -> None:
    """Keep the library in its entry (and, under `same`, in this process for `recall`)."""
    kept = _RECENT.get(same) if same is not None else None
    try:
        body = dumps(library) if kept is None else kept[0]
    except (TypeError, ValueError):  # something JSON cannot hold: do without the cache
        return
    if same is not None and kept is None:
        while len(_RECENT) >= RECENT:  # the oldest goes
            del _RECENT[next(iter(_RECENT))]
        _RECENT[same] = (body, _copy(library))
    _write_trusted(entry(dirs, environ), f"{FORMAT} {k}\n".encode("ascii") + body)


# A process that loads the same files again in other folders (a test suite: each test has its own
# home) takes the library it built last time (its JSON is written to the new home's cache as it
# is) rather than validating the files again; one that reads back an entry it wrote itself (the
# same bytes) takes the library it wrote rather than rebuilding it from JSON. The ladders and the
# catalog are immutable tuples shared by both; the containers a load fills in (ladders, notices,
# broken) are each run's own. The last few sets of files are kept (a run of pmladder loads one).
_RECENT: dict[str, tuple[bytes, object]] = {}
RECENT = 4


def _copy(library):
    return type(library)(library.catalog, dict(library.ladders), list(library.notices), dict(library.broken))


def recall(same: str):
    """The library last written under this content key in this process; None if there is none."""
    kept = _RECENT.get(same)
    return None if kept is None else _copy(kept[1])


# --- parsed profile files -----------------------------------------------------------------
# The last few profile files read, parsed (plain data and positions), so that reading the
# same profile again needs no YAML parser. Each is keyed by a hash of the file's bytes (file
# times are too coarse to tell two quick saves apart); the whole file by the package's code.
# Validation always runs again on the parsed data.

DOCS = "profiles.json"
KEEP = 8


def _docs_head() -> str:
    return f"{FORMAT} {__version__} {_code_digest(_package())}"


def _read_docs(environ=None) -> list:
    """The kept documents: [(resolved path, hash of its bytes, (data, values, keys)), ...], oldest first."""
    parts = _split(_read_trusted(folder(environ) / DOCS))
    if parts is None or parts[0] != _docs_head():
        return []
    try:
        docs = loads(parts[1])
    except Exception:
        return []
    ok = type(docs) is list and all(
        type(d) is tuple and len(d) == 3 and type(d[0]) is str and type(d[1]) is str
        and type(d[2]) is tuple and len(d[2]) == 3 and type(d[2][1]) is dict and type(d[2][2]) is dict for d in docs)
    return docs if ok else []


def read_document(path: Path, parse, environ=None):
    """The parsed document of `path`: from the cache when its bytes are unchanged, else `parse(path)` (and kept)."""
    environ = os.environ if environ is None else environ
    if environ.get("PMLADDER_NO_CACHE"):
        return parse(path)
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        regular = False
    digest = _file_digest(path) if regular else None
    if digest is None:  # missing, a FIFO (read once, by the parser) or unreadable: the reader says what
        return parse(path)
    from .yamlsafe import Document

    name = str(Path(path).resolve())
    docs = _read_docs(environ)
    for doc_name, doc_digest, (data, values, keys) in docs:
        if doc_name == name and doc_digest == digest:
            return Document(str(path), data, values, keys)
    doc = parse(path)
    kept = doc.portable()
    docs = [d for d in docs if d[0] != name][-(KEEP - 1):] + [(name, digest, (kept.data, kept.values, kept.keys))]
    try:
        data = f"{_docs_head()}\n".encode("ascii") + dumps(docs)
    except (TypeError, ValueError):  # something JSON cannot hold: do without the cache
        return doc
    _write_trusted(folder(environ) / DOCS, data)
    return doc
