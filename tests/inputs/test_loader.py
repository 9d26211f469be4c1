"""The loader: built-in ladders, the search path and its precedence, and untrusted input."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmladder.inputs import loader, yamlsafe
from pmladder.inputs.model import Ladder
from pmladder.inputs.yamlsafe import DataError

REPO = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).resolve().parents[1] / "good_ladders" / "minimal.yaml"
BUILTIN_IDS = ("pm-titles", "pmo-sequence", "pmo-career")
ONE_MIB = 1024 * 1024  # the documented cap, written out so a changed constant is noticed


def renamed_copy(ladders_dir: Path, folder: Path, ladder_id: str, name: str) -> Path:
    """Copy a built-in ladder into `folder` with its `name:` changed; returns the new file."""
    src = (ladders_dir / f"{ladder_id}.yaml").read_text(encoding="utf-8")
    old = next(line for line in src.splitlines() if line.startswith("name: "))
    assert src.count(old + "\n") == 1
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{ladder_id}.yaml"
    dest.write_text(src.replace(old + "\n", f"name: {name}\n"), encoding="utf-8")
    return dest


def ladders_json(invoke, *args, env=None) -> tuple[dict, object]:
    result = invoke("ladders", "--format", "json", *args, env=env)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)["ladders"]}, result


# --- built-in ladders -------------------------------------------------------------------------


@pytest.mark.parametrize("ladder_id", BUILTIN_IDS)
def test_builtin_ladder_loads(ladder_id, ladders_dir):
    """Each of the three seed ladders is shipped, loads, validates and is marked built-in."""
    assert (ladders_dir / f"{ladder_id}.yaml").is_file(), f"ladders/{ladder_id}.yaml is missing"
    lib = loader.load_library()
    loaded = lib.get(ladder_id)
    assert loaded is not None, sorted(lib.ladders)
    assert loaded.builtin and loaded.origin == "built-in"
    assert loaded.ladder.id == ladder_id
    assert lib.notices == []


def test_builtin_ladders_are_exactly_the_shipped_files(ladders_dir):
    """Every shipped ladder file is loaded under the id its file name promises."""
    lib = loader.load_library()
    files = {p.stem for p in ladders_dir.glob("*.yaml")} - {"catalog"}
    assert set(lib.ladders) == files


def test_builtin_dir_holds_catalog_and_schemas(ladders_dir):
    """builtin_dir() finds the data folder: the catalog and both schemas are there."""
    for name in ("catalog.yaml", "schema.json", "catalog.schema.json"):
        assert (ladders_dir / name).is_file(), name


# --- search path and precedence -------------------------------------------------------------


def test_search_dirs_order(tmp_path):
    """Built-in, then the user's folder, then PMLADDER_PATH entries in order (blanks skipped), then --ladders-dir."""
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    env = {"PMLADDER_PATH": os.pathsep.join([str(a), "", " ", str(b)])}
    assert loader.search_dirs([c], environ=env) == [loader.builtin_dir(), loader.user_dir(), a, b, c]


def test_user_dir_follows_xdg_config_home(isolated_user_dirs):
    """The user's ladder folder is under XDG_CONFIG_HOME (so the fixture isolates it)."""
    assert loader.user_dir() == isolated_user_dirs / "config" / "pmladder" / "ladders"


def test_pmladder_path_overrides_builtin_and_says_so(invoke, ladders_dir, tmp_path):
    """A renamed copy of pm-titles in PMLADDER_PATH replaces the built-in one and `ladders` notes it on stderr."""
    copy = renamed_copy(ladders_dir, tmp_path / "team", "pm-titles", "Team titles")
    rows, result = ladders_json(invoke, env={"PMLADDER_PATH": str(tmp_path / "team")})
    assert rows["pm-titles"]["name"] == "Team titles"
    assert rows["pm-titles"]["source"] == str(copy)
    assert rows["pmo-sequence"]["source"] == "built-in"
    assert f"note: ladder 'pm-titles' from {copy} overrides the one from built-in" in result.stderr
    assert "note:" not in result.stdout

    text = invoke("ladders", env={"PMLADDER_PATH": str(tmp_path / "team")})
    assert text.exit_code == 0
    assert "Team titles" in text.stdout
    assert "overrides the one from built-in" in text.stderr


def test_user_config_folder_is_on_the_path(invoke, ladders_dir, isolated_user_dirs):
    """A ladder in ~/.config/pmladder/ladders overrides the built-in one."""
    folder = isolated_user_dirs / "config" / "pmladder" / "ladders"
    copy = renamed_copy(ladders_dir, folder, "pm-titles", "My titles")
    rows, result = ladders_json(invoke)
    assert rows["pm-titles"]["name"] == "My titles"
    assert f"from {copy} overrides the one from built-in" in result.stderr


def test_pmladder_path_beats_user_config(invoke, ladders_dir, isolated_user_dirs, tmp_path):
    """PMLADDER_PATH comes after the user's config folder, so its copy wins."""
    user = renamed_copy(ladders_dir, isolated_user_dirs / "config" / "pmladder" / "ladders", "pm-titles", "From config")
    env_copy = renamed_copy(ladders_dir, tmp_path / "env", "pm-titles", "From env")
    rows, result = ladders_json(invoke, env={"PMLADDER_PATH": str(tmp_path / "env")})
    assert rows["pm-titles"]["name"] == "From env"
    assert f"from {env_copy} overrides the one from {user}" in result.stderr


def test_later_pmladder_path_entry_wins(invoke, ladders_dir, tmp_path):
    """Of two PMLADDER_PATH folders, the later one's copy is used."""
    renamed_copy(ladders_dir, tmp_path / "first", "pmo-sequence", "First")
    renamed_copy(ladders_dir, tmp_path / "second", "pmo-sequence", "Second")
    env = {"PMLADDER_PATH": os.pathsep.join([str(tmp_path / "first"), str(tmp_path / "second")])}
    rows, _ = ladders_json(invoke, env=env)
    assert rows["pmo-sequence"]["name"] == "Second"


def test_ladders_dir_beats_pmladder_path(invoke, ladders_dir, tmp_path):
    """--ladders-dir comes after PMLADDER_PATH: its copy is the one `ladders` and `show` use."""
    renamed_copy(ladders_dir, tmp_path / "env", "pm-titles", "From env")
    opt = renamed_copy(ladders_dir, tmp_path / "opt", "pm-titles", "From option")
    env = {"PMLADDER_PATH": str(tmp_path / "env")}
    rows, result = ladders_json(invoke, "--ladders-dir", tmp_path / "opt", env=env)
    assert rows["pm-titles"]["name"] == "From option"
    assert rows["pm-titles"]["source"] == str(opt)
    assert result.stderr.count("note: ladder 'pm-titles' from ") == 2
    shown = invoke("show", "pm-titles", "--format", "json", "--ladders-dir", tmp_path / "opt", env=env)
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["name"] == "From option"


def test_repeated_ladders_dir_later_wins(invoke, ladders_dir, tmp_path):
    """--ladders-dir is repeatable and the later folder wins."""
    renamed_copy(ladders_dir, tmp_path / "one", "pm-titles", "One")
    renamed_copy(ladders_dir, tmp_path / "two", "pm-titles", "Two")
    rows, _ = ladders_json(invoke, "--ladders-dir", tmp_path / "one", "--ladders-dir", tmp_path / "two")
    assert rows["pm-titles"]["name"] == "Two"


def test_new_ladder_from_ladders_dir_is_listed(invoke, tmp_path):
    """A ladder with a new id in --ladders-dir is added beside the built-in ones, without an override note."""
    (tmp_path / "tiny.yaml").write_bytes(MINIMAL.read_bytes())
    rows, result = ladders_json(invoke, "--ladders-dir", tmp_path)
    assert rows["tiny"].items() >= {"id": "tiny", "name": "Tiny ladder", "levels": 2, "source": str(tmp_path / "tiny.yaml")}.items()
    assert {"pm-titles", "pmo-sequence"} <= set(rows)
    assert "note:" not in result.stderr


def test_missing_pmladder_path_folder_is_ignored(invoke, tmp_path):
    """A PMLADDER_PATH entry that does not exist is skipped, not an error."""
    rows, _ = ladders_json(invoke, env={"PMLADDER_PATH": str(tmp_path / "nowhere")})
    assert "pm-titles" in rows


def test_missing_ladders_dir_is_a_usage_error(invoke, tmp_path):
    """--ladders-dir naming a folder that does not exist is a usage error (exit 2)."""
    result = invoke("ladders", "--ladders-dir", tmp_path / "nowhere")
    assert result.exit_code == 2


def test_catalog_outside_builtin_is_skipped_with_a_note(invoke, ladders_dir, tmp_path):
    """A catalog.yaml in a user folder is not loaded as a ladder; the user is told it is skipped."""
    (tmp_path / "catalog.yaml").write_bytes((ladders_dir / "catalog.yaml").read_bytes())
    rows, result = ladders_json(invoke, "--ladders-dir", tmp_path)
    assert "catalog" not in rows
    assert f"note: skipping {tmp_path / 'catalog.yaml'}: only the built-in catalog is used" in result.stderr


# --- size cap --------------------------------------------------------------------------------


def padded_minimal(size: int) -> bytes:
    """The minimal valid ladder padded with a trailing comment to exactly `size` bytes."""
    body = MINIMAL.read_bytes()
    filler = size - len(body) - len(b"#\n")
    assert filler >= 0
    return body + b"#" + b"x" * filler + b"\n"


def test_file_of_exactly_one_mib_is_accepted(invoke, tmp_path):
    """A valid ladder of exactly 1 MiB (the cap) still loads."""
    path = tmp_path / "big.yaml"
    path.write_bytes(padded_minimal(ONE_MIB))
    assert path.stat().st_size == ONE_MIB
    result = invoke("validate", path)
    assert result.exit_code == 0, result.stderr


def test_file_over_one_mib_is_refused(invoke, tmp_path):
    """One byte over 1 MiB is refused with a positioned message and exit 65."""
    path = tmp_path / "big.yaml"
    path.write_bytes(padded_minimal(ONE_MIB + 1))
    result = invoke("validate", path)
    assert result.exit_code == 65
    assert f"{path}:1:1: file is larger than 1024 KiB" in result.stderr


def test_oversized_file_in_ladders_dir_is_refused(invoke, tmp_path):
    """The cap also applies to files found on the search path."""
    (tmp_path / "big.yaml").write_bytes(padded_minimal(ONE_MIB + 1))
    result = invoke("ladders", "--ladders-dir", tmp_path)
    assert result.exit_code == 0 and "big.yaml" in result.stderr  # skipped with a note: the others still work (issue 20)
    result = invoke("validate", tmp_path / "big.yaml")
    assert result.exit_code == 65
    assert "file is larger than 1024 KiB" in result.stderr


# --- arbitrary input raises only DataError ----------------------------------------------------

YAMLISH_TOKENS = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<", "<<: ", "!!", "!!str ", "!!python/object ",
    "!!binary ", "!!timestamp ", "!!float ", "!!int ", "!!set ", "!!omap ", "? ", "|", ">", "'", '"', "#", "%YAML 1.1\n",
    "---\n", "...\n", "\n", "\n  ", "\n    ", "\t", " ", "0", "1", "9" * 30, "0x1F", "0o17", "1e400", ".inf", ".nan",
    "2024-02-30", "2024-01-01", "1:20:30", "yes", "NO", "~", "null", "levels", "id", "title", "next", "tier",
    "requires", "facts", "schema_version", "a", "é", "\x1b", "\x00", "\u202e", "\ufeff", "\\",
]
yamlish = st.lists(st.sampled_from(YAMLISH_TOKENS), max_size=60).map("".join)
any_text = st.text(st.characters(exclude_categories=()), max_size=300)


@functools.lru_cache(maxsize=None)
def catalog():
    """The built-in catalog, loaded on first use (not at import, before the tests' isolation applies)."""
    return loader.load_catalog()


def only_data_errors(text: str, use_c: bool = True) -> None:
    """Parse and validate `text` as a ladder; any exception but DataError fails the test."""
    with pytest.MonkeyPatch.context() as mp:
        if not use_c:  # PyYAML's pure-Python loader, used where libyaml is missing
            mp.delattr(yaml, "CSafeLoader", raising=False)
        try:
            doc = yamlsafe.parse_text(text, "prop.yaml")
            loader.validate(doc, Ladder)
            loader.parse_ladder(doc, catalog())
        except DataError as exc:
            assert exc.problems, "a DataError must list at least one problem"
            for p in exc.problems:
                assert p.path == "prop.yaml" and p.line >= 1 and p.col >= 1 and p.message
                assert "\n" not in p.message, "a problem is one line"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.booleans())
def test_arbitrary_text_raises_only_data_error(text, use_c):
    """Any text at all (controls and lone surrogates included) gives a ladder or a DataError, nothing else."""
    only_data_errors(text, use_c)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish, st.booleans())
def test_yaml_like_text_raises_only_data_error(text, use_c):
    """Text built from YAML syntax (anchors, merges, tags, flow, indentation) gives only DataError."""
    only_data_errors(text, use_c)


MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(MINIMAL_TEXT)), st.integers(0, 40), yamlish, st.booleans())
def test_mutated_valid_ladder_raises_only_data_error(at, cut, insert, use_c):
    """The minimal ladder with a span replaced by YAML-ish text reaches deep validation and still gives only DataError."""
    only_data_errors(MINIMAL_TEXT[:at] + insert + MINIMAL_TEXT[at + cut:], use_c)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_data_error(raw):
    """Arbitrary bytes (bad UTF-8 included) give only DataError from the byte-level reader."""
    try:
        yamlsafe.parse_bytes(raw, "prop.yaml")
    except DataError:
        pass


# --- deep nesting -----------------------------------------------------------------------------

DEPTH = 100_000


@pytest.mark.parametrize(
    ("body", "where"),
    [
        pytest.param("advice: " + "[" * DEPTH + "]" * DEPTH + "\n", "1:40", id="flow-lists"),
        pytest.param("advice: " + "[" * DEPTH + "\n", "1:40", id="flow-lists-unclosed"),
        pytest.param("advice: " + "{a: " * DEPTH + "}" * DEPTH + "\n", "1:133", id="flow-maps"),
        pytest.param("advice:\n  " + "- " * DEPTH + "x\n", "2:65", id="block-lists"),
    ],
)
def test_deeply_nested_file_fails_cleanly_in_a_subprocess(tmp_path, body, where):
    """100,000 levels of nesting: `python -m pmladder validate` exits exactly 65 with a nesting message, no crash."""
    path = tmp_path / "deep.yaml"
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size <= ONE_MIB
    env = {k: v for k, v in os.environ.items() if k != "PMLADDER_PATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "pmladder", "validate", str(path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 65, (proc.returncode, proc.stderr[-2000:])
    # Where the reader stops depends on the PyYAML release (libyaml >= 6.0.4 counts depth itself):
    # the user relies on FILE:LINE:COL on the first line, near the start, and a message about nesting.
    first = proc.stderr.splitlines()[0]
    match = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): (.*)$", first)
    assert match, first
    line, col = int(match[1]), int(match[2])
    assert line == int(where.split(":")[0]) and col <= 2000, first
    assert "nest" in match[3].lower(), first
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
def test_depth_cap_with_either_yaml_loader(monkeypatch, use_c):
    """The depth cap holds with libyaml's loader and with PyYAML's pure-Python fallback."""
    if use_c and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml not available")
    if not use_c:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    with pytest.raises(DataError) as info:
        yamlsafe.parse_text("x: " + "[" * DEPTH + "]" * DEPTH + "\n", "deep.yaml")
    [problem] = info.value.problems  # one problem, on line 1, about nesting, whichever reader stopped first
    assert (problem.path, problem.line) == ("deep.yaml", 1)
    assert problem.col >= 35 and "nest" in problem.message.lower()


def test_nesting_just_under_the_cap_is_accepted():
    """31 nested lists inside the top mapping (32 containers) still parse."""
    doc = yamlsafe.parse_text("x: " + "[" * 31 + "]" * 31 + "\n", "ok.yaml")
    value = doc.data["x"]
    for _ in range(30):
        value = value[0]
    assert value == []


# --- characters YAML refuses -----------------------------------------------------------------


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "pure-python"])
def test_control_character_is_reported_where_it_is(monkeypatch, use_c):
    """A raw ESC byte in a value is one DataError line pointing at its line and column, with either loader."""
    if not use_c:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    text = "schema_version: 1\nid: x\nname: \"caf\u00e9 \x1b[31m\"\n"
    with pytest.raises(DataError) as info:
        yamlsafe.parse_text(text, "esc.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.col) == (3, 13)
    assert "\n" not in problem.message
    assert "not allowed" in problem.message


def test_control_character_in_a_file_via_cli(invoke, tmp_path):
    """`validate` on a file with a raw ESC byte on line 3 says line 3, on one line, exit 65."""
    path = tmp_path / "esc.yaml"
    path.write_bytes(b"schema_version: 1\nid: x\nname: \"a\x1bb\"\n")
    result = invoke("validate", path)
    assert result.exit_code == 65
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:3:9: ")
    assert "\x1b" not in result.stderr
