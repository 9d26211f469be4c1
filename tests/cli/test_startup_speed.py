"""Start-up: a warm run needs neither pydantic nor PyYAML, and options read without pydantic read the same.

Typer 0.29 reads every option's value through a pydantic TypeAdapter; pmladder reads text,
path, choice and in-range whole-number values itself (cli/app.py `_plain_coercion`), so a warm
`show` or `assess` never imports pydantic. These tests hold both halves: the modules a real
process imports, and the values and refusals a person sees.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO

ALEX = "ladders/examples/profile-alex.yaml"


def imported_by(args, home, runs: int = 2) -> set[str]:
    """The modules a second (warm) run of `pmladder ARGS` imports (`runs=1`: a home a run of the same
    ladder and profile has warmed already)."""
    env = {**os.environ, "PMLADDER_HOME": str(home)}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "pmladder", *args], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-500:]
    return {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [
    ["show", "pmo-career"],
    ["assess", "--ladder", "pmo-career", "--profile", ALEX, "--format", "json"],
    ["where", "--profile", ALEX, "--ladders-dir", "ladders", "--format", "markdown"],
], ids=["show", "assess-json", "where-list-of-paths"])
def test_a_warm_run_imports_neither_pydantic_nor_yaml(tmp_path, args):
    imported = imported_by(args, tmp_path / "home")
    assert "pmladder.cli.app" in imported
    assert not {m for m in imported if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml")}


def test_an_option_pmladder_does_not_read_itself_still_works(tmp_path):
    """A whole number written plainly (`--pace 2`) is read by pmladder; written otherwise (`+2`), by Typer (pydantic)."""
    imported = imported_by(["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "+2", "--format", "json"], tmp_path / "h")
    assert "pydantic" in imported
    plain = imported_by(["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "2", "--format", "json"], tmp_path / "h",
                        runs=1)  # warm: the same ladder and profile, just read (a cold run would import pydantic too)
    assert "pydantic" not in plain


def test_options_read_the_same_values(invoke, tmp_path):
    out = tmp_path / "plan.md"
    result = invoke("assess", "--ladder", "pmo-career", "--profile", REPO / ALEX, "--pace", "3", "--export", out, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("#")
    json_one = invoke("show", "PMO-CAREER".lower(), "--format", "json")
    assert json_one.exit_code == 0 and json_one.stdout.lstrip().startswith("{")


@pytest.mark.parametrize(("args", "said"), [
    (["show", "pmo-career", "--format", "yaml"], "'yaml' is not one of 'text', 'markdown', 'json'."),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "0"], "--pace"),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "11"], "the largest value allowed is 10"),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "two"], "--pace"),
])
def test_a_bad_value_is_the_same_usage_error(invoke, args, said):
    result = invoke(*[REPO / a if a == ALEX else a for a in args])
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")
    assert "Value error" not in result.stderr and "Traceback" not in result.stderr


# --- the same files loaded again in one process (another home, as each test has) -----------------


def test_the_same_files_in_another_home_are_not_validated_again_but_still_cached(tmp_path, monkeypatch):
    import shutil

    from pmladder.inputs import cache, loader
    from pmladder.inputs.library import load_library

    real, calls = loader._load, []
    monkeypatch.setattr(loader, "_load", lambda dirs: calls.append(dirs) or real(dirs))
    monkeypatch.setattr(cache, "_RECENT", {})
    homes = [tmp_path / name for name in ("one", "two", "three")]

    def load_in(home):
        return load_library(environ={"PMLADDER_HOME": str(home)})

    first = load_in(homes[0])
    second = load_in(homes[1])
    assert len(calls) == 1, "the same files were validated twice in one process"
    assert second == first and second is not first and second.ladders is not first.ladders
    assert [p.name for p in (homes[1] / "cache").rglob("library-*")], "the second home got no cache entry"
    second.notices.append(("a notice of this run only", {}))  # what one run adds is not the next run's
    second.ladders.pop(next(iter(second.ladders)))
    again = load_in(tmp_path / "again")
    assert again == first and len(calls) == 1

    mine = homes[2] / "config" / "ladders"  # a ladder of the user's own: other files, a real load
    mine.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "good_ladders" / "minimal.yaml", mine / "tiny.yaml")
    third = load_in(homes[2])
    assert len(calls) == 2 and len(third.ladders) == len(first.ladders) + 1
    assert load_library(environ={"PMLADDER_HOME": str(homes[0]), "PMLADDER_NO_CACHE": "1"}) == first
    assert len(calls) == 3, "PMLADDER_NO_CACHE must read and validate the files"


def test_an_entry_read_back_by_the_process_that_wrote_it_is_not_rebuilt_from_json(tmp_path, monkeypatch):
    """A second command in the same home finds the entry this process wrote: the library it kept, not a
    rebuild from the JSON; an entry with other bytes (another process's, or spoilt) is still read or refused."""
    from pmladder.inputs import cache, loader
    from pmladder.inputs.library import load_library

    real_load, real_loads, calls, decoded = loader._load, cache.loads, [], []
    monkeypatch.setattr(loader, "_load", lambda dirs: calls.append(dirs) or real_load(dirs))
    monkeypatch.setattr(cache, "loads", lambda body: decoded.append(1) or real_loads(body))
    monkeypatch.setattr(cache, "_RECENT", {})
    environ = {"PMLADDER_HOME": str(tmp_path / "home")}
    first = load_library(environ=environ)
    again = load_library(environ=environ)
    assert again == first and again is not first and again.ladders is not first.ladders and again.notices is not first.notices
    assert len(calls) == 1 and decoded == []
    [entry] = (tmp_path / "home" / "cache").glob("library-*")
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b"\n" + body.replace(b'"pmo-career"', b'"pmo-career" ', 1))  # same JSON, other bytes
    assert load_library(environ=environ) == first and len(calls) == 1 and decoded == [1]
    entry.write_bytes(head + b"\n" + body[:-1])  # torn: a miss (the kept library is taken) and the entry written whole
    assert load_library(environ=environ) == first and len(calls) == 1 and decoded == [1, 1]
    assert entry.read_bytes() == head + b"\n" + body


def test_the_catalog_is_parsed_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    import shutil

    from pmladder.inputs import loader
    from pmladder.inputs.yamlsafe import DataError

    real, parsed = loader.parse_catalog, []
    monkeypatch.setattr(loader, "parse_catalog", lambda doc, notes=None: parsed.append(doc) or real(doc, notes))
    monkeypatch.setattr(loader, "_CATALOG", {})
    mine = tmp_path / "catalog.yaml"
    shutil.copy(loader.builtin_dir() / loader.CATALOG_NAME, mine)
    first = loader.load_catalog(mine)
    assert loader.load_catalog(mine) is first and len(parsed) == 1
    assert loader.load_catalog() == first._replace(path=first.path.replace(str(mine), str(loader.builtin_dir() / loader.CATALOG_NAME)))
    assert len(parsed) == 2
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    second = loader.load_catalog(mine)
    assert len(parsed) == 3 and second == first and second is not first, "a changed file was not read again"
    mine.write_text(mine.read_text(encoding="utf-8") + "not: [closed\n", encoding="utf-8")
    with pytest.raises(DataError):
        loader.load_catalog(mine)
