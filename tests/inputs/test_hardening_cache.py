"""The caches run no code and trust nothing another user could have placed (issue 17, points 1 and 5).

The attack: a cache folder others can write to (a shared XDG_CACHE_HOME, a group-writable team
folder) holding, at the name of a cache entry, a link to a file the victim owns with the
attacker's bytes in it, or a FIFO. pmladder must neither run the bytes nor believe them nor
hang; it reads the ladder and profile files instead, gives the right answer, and writes nothing
into such a folder. A ladder or profile edited without a change of size or time is read again.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from pmladder.inputs import cache
from pmladder.store import paths
from pmladder.inputs import loader
from pmladder.inputs.yamlsafe import read_file
from test_cache import entries, key_now, loads, same_size_same_time_edit, tiny_dir  # noqa: F401 (fixtures)

ALEX = REPO / "ladders" / "examples" / "profile-alex.yaml"
TODAY = "2026-12-02"
PLANTED = "PLANTED by another user"
ROOT = os.geteuid() == 0
REAL_LOAD = loader._load  # the `loads` fixture counts calls of loader._load; making payloads is not one


@contextmanager
def patched(obj, name: str, value):
    """Set an attribute for a moment (the monkeypatch fixture's undo() would also undo the test's isolation)."""
    real = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, real)


def assess_args(profile: Path) -> list:
    return ["assess", "--ladder", "pm-titles", "--profile", profile, "--format", "json", "--today", TODAY]


def expected(invoke, *args) -> str:
    """What a run prints with the cache off: the right answer."""
    result = invoke(*args, env={"PMLADDER_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


class Boom:
    """A pickle that creates `marker` when it is loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def library_entry() -> Path:
    return cache.entry(loader.search_dirs())


def planted_library() -> bytes:
    """A well-formed entry, current key and all, whose pm-titles ladder is renamed: believing it shows PLANTED."""
    dirs = loader.search_dirs()
    library = REAL_LOAD(dirs)
    item = library.ladders["pm-titles"]
    library.ladders["pm-titles"] = item._replace(ladder=item.ladder._replace(name=PLANTED))
    return f"{cache.FORMAT} {key_now()}\n".encode() + cache.dumps(library)


def planted_docs(profile: Path, scratch: Path) -> bytes:
    """A well-formed profile cache that says `profile` (unchanged) holds another person, named PLANTED."""
    scratch.mkdir(exist_ok=True)
    other = scratch / "other.yaml"
    other.write_text(profile.read_text(encoding="utf-8").replace("name: Alex Chen", f"name: {PLANTED}"), encoding="utf-8")
    environ = {"PMLADDER_HOME": str(scratch / "home")}
    cache.read_document(other, read_file, environ)
    written = cache.folder(environ) / cache.DOCS
    head, body = written.read_bytes().split(b"\n", 1)
    [(_name, _digest, doc)] = cache.loads(body)
    return head + b"\n" + cache.dumps([(str(profile.resolve()), cache._file_digest(profile), doc)])


def make_private(path: Path, data: bytes) -> Path:
    """A file of the current user that only they can write: what a victim's own file looks like."""
    path.write_bytes(data)
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def profile(tmp_path) -> Path:
    path = tmp_path / "me" / "profile.yaml"
    path.parent.mkdir()
    shutil.copy(ALEX, path)
    return path


@pytest.fixture
def marker(tmp_path) -> Path:
    path = tmp_path / "code-ran"
    yield path
    assert not path.exists(), "a pickle from the cache folder was loaded: its code ran"


def listing(folder: Path) -> dict:
    """Every entry of a folder: name -> (kind, link target or bytes)."""
    out = {}
    for item in sorted(folder.iterdir()):
        if item.is_symlink():
            out[item.name] = ("link", os.readlink(item))
        elif item.is_fifo():
            out[item.name] = ("fifo",)
        else:
            out[item.name] = ("file", item.read_bytes())
    return out


# --- 1. the attack: a link planted in a cache folder others can write --------------------------


def pickle_payload(marker: Path, tmp_path: Path, profile: Path) -> tuple[bytes, bytes]:
    return pickle.dumps(Boom(marker)), pickle.dumps(Boom(marker))


def json_payload(marker: Path, tmp_path: Path, profile: Path) -> tuple[bytes, bytes]:
    return planted_library(), planted_docs(profile, tmp_path / "scratch")


@pytest.mark.parametrize("payload", [pickle_payload, json_payload], ids=lambda f: f.__name__)
def test_a_link_planted_in_a_world_writable_cache_folder_is_never_followed(invoke, loads, tmp_path, profile, marker, payload):
    """The folder is 0777 (no sticky bit); at both cache names a link leads to a file of the victim's
    holding the attacker's bytes. `ladders` and `assess` run no code, show the real data, exit 0,
    and leave the folder as it was (nothing is written into it)."""
    want_ladders = expected(invoke, "ladders", "--format", "json")
    want_assess = expected(invoke, *assess_args(profile))
    library_bytes, docs_bytes = payload(marker, tmp_path, profile)
    folder = paths.cache_dir()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o777)
    victim_files = tmp_path / "victims-downloads"
    victim_files.mkdir()
    library_target = make_private(victim_files / "one", library_bytes)
    docs_target = make_private(victim_files / "two", docs_bytes)
    library_entry().symlink_to(library_target)
    (folder / cache.DOCS).symlink_to(docs_target)
    before, start = listing(folder), len(loads)
    for _ in range(2):
        ladders = invoke("ladders", "--format", "json")
        assert ladders.exit_code == 0 and ladders.stderr == ""
        assert ladders.stdout == want_ladders and PLANTED not in ladders.stdout
        assessed = invoke(*assess_args(profile))
        assert assessed.exit_code == 0 and assessed.stderr == ""
        assert assessed.stdout == want_assess and PLANTED not in assessed.stdout
    assert len(loads) - start == 4, "the library came out of the planted file"
    assert listing(folder) == before, "pmladder wrote into a folder others can write"
    assert library_target.read_bytes() == library_bytes and docs_target.read_bytes() == docs_bytes


def test_a_link_is_not_followed_even_in_a_safe_folder(invoke, loads, tmp_path, profile):
    """In the user's own 0700 folder a link at the entry's name, to a well-formed entry of theirs, is still
    not read; it is replaced by a real entry, and the file it led to is left alone."""
    want = expected(invoke, "ladders", "--format", "json")
    target = make_private(tmp_path / "elsewhere.json", planted_library())
    paths.cache_dir().mkdir(parents=True, mode=0o700)
    library_entry().symlink_to(target)
    start = len(loads)
    result = invoke("ladders", "--format", "json")
    assert result.exit_code == 0 and result.stdout == want
    assert len(loads) - start == 1
    assert not library_entry().is_symlink() and library_entry().is_file()
    assert PLANTED.encode() in target.read_bytes()
    assert invoke("ladders", "--format", "json").stdout == want and len(loads) - start == 1, "the rebuilt entry is a hit"


# --- 2. a FIFO at a cache name: every command still finishes ------------------------------------


def run(*args, timeout: float = 20) -> subprocess.CompletedProcess:
    """pmladder in a process of its own (so a hang is a failed test, not a hung session).

    It runs from the tests folder, not the checkout's root, so `python -m pmladder` imports the
    same pmladder as this process (the installed one, in CI) and computes the same cache key."""
    return subprocess.run([sys.executable, "-m", "pmladder", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=Path(__file__).resolve().parents[1], stdin=subprocess.DEVNULL)


def test_a_fifo_at_the_library_entry_does_not_hang(invoke, tmp_path):
    want = expected(invoke, "ladders", "--format", "json")
    paths.cache_dir().mkdir(parents=True, mode=0o700)
    os.mkfifo(library_entry(), 0o600)
    proc = run("ladders", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == want and proc.stderr == ""
    assert stat.S_ISREG(library_entry().lstat().st_mode), "the safe folder's entry was rebuilt as a file"


def test_a_fifo_at_the_profile_cache_does_not_hang(invoke, profile):
    want = expected(invoke, *assess_args(profile))
    folder = paths.cache_dir()
    folder.mkdir(parents=True, mode=0o700)
    os.mkfifo(folder / cache.DOCS, 0o600)
    proc = run(*assess_args(profile))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == want and proc.stderr == ""
    assert stat.S_ISREG((folder / cache.DOCS).lstat().st_mode)


def test_fifos_in_a_world_writable_cache_folder_do_not_hang(invoke, profile):
    """Both names FIFOs, in a folder others can write: both commands finish; nothing is written there."""
    want_ladders = expected(invoke, "ladders", "--format", "json")
    want_assess = expected(invoke, *assess_args(profile))
    folder = paths.cache_dir()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o777)
    os.mkfifo(library_entry(), 0o600)
    os.mkfifo(folder / cache.DOCS, 0o600)
    for args, want in ((("ladders", "--format", "json"), want_ladders), (assess_args(profile), want_assess)):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == want
    assert listing(folder) == {library_entry().name: ("fifo",), cache.DOCS: ("fifo",)}


# --- 3. which folders are trusted ---------------------------------------------------------------


def owned_by_another_user(path: Path) -> None:
    if not ROOT:
        pytest.skip("giving a folder to another user needs root")
    os.chown(path, 65534, 65534)


def world_writable_cache(base: Path) -> Path:
    cache_home = base / "cache"
    (cache_home / "pmladder").mkdir(parents=True)
    os.chmod(cache_home / "pmladder", 0o777)
    return cache_home


def group_writable_team_folder(base: Path) -> Path:
    """A team folder: group-writable with the setgid bit, as shared folders are set up, and
    belonging to a group other than the user's own (a team's group)."""
    cache_home = base / "team"
    (cache_home / "pmladder").mkdir(parents=True)
    os.chown(cache_home, -1, 65534)  # a group that is not the user's private one (tests run as root)
    os.chmod(cache_home, 0o2770)
    return cache_home


def own_group_writable_folder(base: Path) -> Path:
    """~/.cache made under umask 002 by a user whose group is their own (no other members): safe."""
    from pmladder.inputs import cache

    if not cache._private_group(os.getegid()):
        pytest.skip("this account's primary group is shared, so a group-writable folder is not safe here")
    cache_home = base / "mine"
    (cache_home / "pmladder").mkdir(parents=True)
    os.chmod(cache_home, 0o775)
    os.chmod(cache_home / "pmladder", 0o775)
    return cache_home


def world_writable_parent(base: Path) -> Path:
    cache_home = base / "shared"
    cache_home.mkdir()
    os.chmod(cache_home, 0o777)
    (cache_home / "pmladder").mkdir(mode=0o700)
    return cache_home


def another_users_folder(base: Path) -> Path:
    cache_home = base / "theirs"
    cache_home.mkdir(mode=0o700)
    (cache_home / "pmladder").mkdir(mode=0o700)
    owned_by_another_user(cache_home)
    return cache_home


def link_in_a_world_writable_folder(base: Path) -> Path:
    """XDG_CACHE_HOME is a link to a good folder, but the link sits where anybody could swap it."""
    good = base / "good"
    (good / "pmladder").mkdir(parents=True, mode=0o700)
    shared = base / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    (shared / "cache").symlink_to(good)
    return shared / "cache"


def link_to_a_world_writable_folder(base: Path) -> Path:
    shared = world_writable_cache(base / "target")
    (base / "mine").mkdir()
    (base / "mine" / "cache").symlink_to(shared)
    return base / "mine" / "cache"


def sticky_parent_like_tmp(base: Path) -> Path:
    cache_home = base / "tmp"
    cache_home.mkdir()
    os.chmod(cache_home, 0o1777)
    return cache_home


def plain_folder(base: Path) -> Path:
    return base / "cache"


def link_to_a_good_folder(base: Path) -> Path:
    """XDG_CACHE_HOME a link (in the user's own folder) to another folder of theirs: trusted."""
    (base / "disk" / "cache").mkdir(parents=True)
    (base / "home").mkdir()
    (base / "home" / "cache").symlink_to(base / "disk" / "cache")
    return base / "home" / "cache"


UNSAFE = [world_writable_cache, group_writable_team_folder, world_writable_parent, another_users_folder,
          link_in_a_world_writable_folder, link_to_a_world_writable_folder]
SAFE = [plain_folder, sticky_parent_like_tmp, link_to_a_good_folder, own_group_writable_folder]


@pytest.mark.parametrize("setup", UNSAFE, ids=lambda f: f.__name__)
def test_a_cache_folder_others_can_change_is_neither_read_nor_written(invoke, loads, monkeypatch, tmp_path, setup, profile):
    """A well-formed current entry, a regular file of the user's, in a folder chain someone else could
    change, is not believed; the command reads the files, answers right, and writes nothing there."""
    want_ladders = expected(invoke, "ladders", "--format", "json")
    want_assess = expected(invoke, *assess_args(profile))
    library_bytes, docs_bytes = planted_library(), planted_docs(profile, tmp_path / "scratch")
    base = tmp_path / "base"
    base.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(setup(base)))
    folder = paths.cache_dir()
    make_private(library_entry(), library_bytes)
    make_private(folder / cache.DOCS, docs_bytes)
    before, start = listing(folder), len(loads)
    for _ in range(2):
        ladders = invoke("ladders", "--format", "json")
        assert ladders.exit_code == 0 and ladders.stdout == want_ladders
        assessed = invoke(*assess_args(profile))
        assert assessed.exit_code == 0 and assessed.stdout == want_assess
    assert len(loads) - start == 4
    assert listing(folder) == before


def test_no_cache_folder_is_made_inside_a_folder_others_can_write(invoke, monkeypatch, tmp_path, profile):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "cache"))
    assert invoke("ladders").exit_code == 0
    assert invoke(*assess_args(profile)).exit_code == 0
    assert list(shared.iterdir()) == []


@pytest.mark.parametrize("setup", SAFE, ids=lambda f: f.__name__)
def test_a_cache_folder_only_the_user_can_change_is_used(invoke, loads, monkeypatch, tmp_path, setup):
    """The user's own folders, a sticky shared parent such as /tmp, a link the user made: the cache works."""
    base = tmp_path / "base"
    base.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(setup(base)))
    want, start = expected(invoke, "ladders", "--format", "json"), len(loads)
    for _ in range(3):
        assert invoke("ladders", "--format", "json").stdout == want
    assert len(loads) - start == 1, "a safe cache folder was not used"
    [entry] = entries()
    st = entry.lstat()
    assert stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o777 == 0o600


# --- 4. an entry that cannot be trusted is ignored, then rebuilt -------------------------------


def damaged(entry: Path, marker: Path) -> None:
    entry.write_bytes(os.urandom(4096))


def truncated(entry: Path, marker: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def empty(entry: Path, marker: Path) -> None:
    entry.write_bytes(b"")


def first_line_only(entry: Path, marker: Path) -> None:
    entry.write_bytes(entry.read_bytes().split(b"\n")[0] + b"\n")


def damaged_json_body(entry: Path, marker: Path) -> None:
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b"\n" + body[: len(body) // 3] + b"]]]")


def not_a_library(entry: Path, marker: Path) -> None:
    head, _body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b'\n{"\\u0000Tier": ["x", {}]}')


def unknown_tag(entry: Path, marker: Path) -> None:
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b"\n" + body.replace(b'"\\u0000Atom"', b'"\\u0000os.system"', 1))


def wrong_field_count(entry: Path, marker: Path) -> None:
    head, _body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b'\n{"\\u0000Library": [1]}')


def reference_to_nothing(entry: Path, marker: Path) -> None:
    head, body = entry.read_bytes().split(b"\n", 1)
    spoilt = re.sub(rb'\{"\\u0000ref":\d+\}', rb'{"\\u0000ref":99999}', body, count=1)
    assert spoilt != body
    entry.write_bytes(head + b"\n" + spoilt)


def a_pickle(entry: Path, marker: Path) -> None:
    """What pmladder used to write, with code in it: never unpickled."""
    entry.write_bytes(pickle.dumps(Boom(marker)))


def a_pickle_after_the_right_key(entry: Path, marker: Path) -> None:
    head, _body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b"\n" + pickle.dumps(Boom(marker)))


def world_writable(entry: Path, marker: Path) -> None:
    make_private(entry, planted_library())
    os.chmod(entry, 0o666)


def group_writable(entry: Path, marker: Path) -> None:
    make_private(entry, planted_library())
    os.chmod(entry, 0o620)


def another_users(entry: Path, marker: Path) -> None:
    make_private(entry, planted_library())
    owned_by_another_user(entry)


def from_another_version(entry: Path, marker: Path) -> None:
    """A cache left by another pmladder version (or copied from another machine)."""
    with patched(cache, "__version__", "0.0.0-other"):
        make_private(entry, planted_library())


def from_other_code(entry: Path, marker: Path) -> None:
    """A cache written by a package whose modules differ (an edited or patched copy)."""
    with patched(cache, "_code_digest", lambda package: "0" * 64):
        make_private(entry, planted_library())


def older_format(entry: Path, marker: Path) -> None:
    head, body = planted_library().split(b"\n", 1)
    make_private(entry, head.replace(cache.FORMAT.encode(), b"pmladder-cache-1") + b"\n" + body)


SPOILS = [damaged, truncated, empty, first_line_only, damaged_json_body, not_a_library, unknown_tag, wrong_field_count,
          reference_to_nothing, a_pickle, a_pickle_after_the_right_key, world_writable, group_writable, another_users,
          from_another_version, from_other_code, older_format]


@pytest.mark.parametrize("spoil", SPOILS, ids=lambda f: f.__name__)
def test_an_untrusted_entry_is_ignored_and_rebuilt(invoke, loads, marker, spoil):
    """The command succeeds with the right output and nothing about the cache, reads the files, and
    replaces the entry with a good one of the user's (0600), which the next run uses."""
    want, start = expected(invoke, "ladders", "--format", "json"), len(loads)
    assert invoke("ladders").exit_code == 0
    [entry] = entries()
    spoil(entry, marker)
    result = invoke("ladders", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and result.stdout == want
    assert len(loads) - start == 2, "the spoilt entry was used"
    [entry] = entries()
    st = entry.lstat()
    assert stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o777 == 0o600
    assert invoke("ladders", "--format", "json").stdout == want
    assert len(loads) - start == 2, "the rebuilt entry is not a hit"


def test_a_good_entry_gives_back_the_library_as_loaded(tiny_dir):
    """What the cache stores and what it gives back are equal, for every ladder (the JSON round trip loses nothing)."""
    dirs = loader.search_dirs([tiny_dir])
    library = REAL_LOAD(dirs)
    key = key_now([tiny_dir])
    cache.write(key, dirs, library)
    again = cache.read(key, dirs)
    assert again == library
    assert {k: type(v.path) for k, v in again.ladders.items()} == {k: type(v.path) for k, v in library.ladders.items()}
    assert type(again.notices) is list


OFFSETS = st.integers(-1439, 1439).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))  # what YAML's "+05:30" gives
# YAML's safe scalars (and strings that look like the codec's tags), in lists, tuples and dicts with any scalar key
SCALARS = (st.text(max_size=6) | st.sampled_from(["\0t", "\0ref", "\0Atom", "\0"]) | st.integers() | st.booleans() | st.none()
           | st.floats(allow_nan=False) | st.dates() | st.datetimes(timezones=st.none() | OFFSETS) | st.binary(max_size=4))
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
                    | st.dictionaries(SCALARS, inner, max_size=4), max_leaves=30)


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True are equal but not the same)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, j) and same(a[k], b[j]) for k, j in zip(a, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dt.datetime):  # the same instant is not enough: the same offset too
        return a.isoformat() == b.isoformat()
    return a == b


@settings(derandomize=True, max_examples=300, deadline=None)
@given(DATA)
def test_the_json_codec_gives_back_what_it_was_given(value):
    """Whatever a YAML file can hold comes back from the cache as it went in: types, key order and all."""
    assert same(cache.loads(cache.dumps(value)), value)


def test_the_json_codec_refuses_what_it_cannot_rebuild():
    for value in (object(), {1, 2}, [Path], dt.timedelta(1)):
        with pytest.raises(TypeError):
            cache.dumps(value)


@pytest.mark.parametrize("spoil", [damaged, truncated, a_pickle, damaged_json_body], ids=lambda f: f.__name__)
def test_an_untrusted_profile_cache_is_ignored_and_rebuilt(invoke, profile, marker, spoil):
    want = expected(invoke, *assess_args(profile))
    assert invoke(*assess_args(profile)).stdout == want
    docs = paths.cache_dir() / cache.DOCS
    spoil(docs, marker)
    result = invoke(*assess_args(profile))
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == want
    assert cache.loads(docs.read_bytes().split(b"\n", 1)[1])[0][0] == str(profile.resolve())


def test_a_profile_cache_from_another_version_is_ignored(invoke, profile, tmp_path):
    want = expected(invoke, *assess_args(profile))
    with patched(cache, "__version__", "0.0.0-other"):
        planted = planted_docs(profile, tmp_path / "scratch")
    paths.cache_dir().mkdir(parents=True, mode=0o700)
    make_private(paths.cache_dir() / cache.DOCS, planted)
    result = invoke(*assess_args(profile))
    assert result.exit_code == 0 and result.stdout == want and PLANTED not in result.stdout


def test_the_planted_profile_cache_would_be_believed_in_a_safe_folder(invoke, profile, tmp_path):
    """The control for the tests above: the same planted cache, current and in a safe folder, is used
    (so the tests that find it ignored test the folder and link checks, not a broken payload)."""
    paths.cache_dir().mkdir(parents=True, mode=0o700)
    make_private(paths.cache_dir() / cache.DOCS, planted_docs(profile, tmp_path / "scratch"))
    make_private(library_entry(), planted_library())
    assert PLANTED in invoke(*assess_args(profile)).stdout
    assert PLANTED in invoke("ladders", "--format", "json").stdout


# --- 5. an edit that keeps the size and the time is seen ----------------------------------------


def test_a_ladder_edited_within_the_same_second_is_read_again(invoke, loads, tiny_dir):
    """Same size, modification time put back (an edit within a second on a coarse file system, or
    cp -p / rsync -t / tar restoring times): the new text shows."""
    assert "Tiny ladder" in invoke("ladders", "--format", "json", "--ladders-dir", tiny_dir).stdout
    same_size_same_time_edit(tiny_dir / "tiny.yaml", "name: Tiny ladder", "name: Tony ladder")
    result = invoke("ladders", "--format", "json", "--ladders-dir", tiny_dir)
    assert result.exit_code == 0
    assert "Tony ladder" in result.stdout and "Tiny ladder" not in result.stdout
    assert len(loads) == 2


def test_a_requirement_edited_within_the_same_second_is_read_again(invoke, tiny_dir):
    """A changed requirement (3 years -> 9 years, same size, same time) changes the assessment."""
    args = ["show", "tiny", "--format", "json", "--ladders-dir", tiny_dir]
    before = invoke(*args).stdout
    same_size_same_time_edit(tiny_dir / "tiny.yaml", "facts: {years_experience: 3}", "facts: {years_experience: 9}")
    after = invoke(*args)
    assert after.exit_code == 0 and after.stdout != before
    assert after.stdout == expected(invoke, *args)


def test_a_profile_edited_within_the_same_second_is_read_again(invoke, profile):
    first = invoke(*assess_args(profile))
    assert "Alex Chen" in first.stdout
    same_size_same_time_edit(profile, "name: Alex Chen", "name: Alex Chan")
    again = invoke(*assess_args(profile))
    assert again.exit_code == 0 and "Alex Chan" in again.stdout and "Alex Chen" not in again.stdout


# --- 6. a warm start reads JSON, and loads neither the validators nor YAML nor pickle ----------


def test_a_warm_start_imports_neither_yaml_nor_the_validators_nor_pickle(tmp_path):
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path / "home")}
    args = [sys.executable, "-X", "importtime", "-m", "pmladder", *map(str, assess_args(ALEX))]
    for _ in range(2):
        proc = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-500:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "pmladder.inputs.cache" in imported and "json" in imported
    assert not imported & {"yaml", "pmladder.inputs.model", "pmladder.inputs.loader", "pickle", "_pickle"}
