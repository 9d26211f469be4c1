"""One bad ladder never stops the others (issue 20): a ladder file of the user's that does not
validate is skipped with one note naming it; a command that names that ladder fails on it with
its positioned problems (exit 65); a broken built-in file still stops everything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
BROKEN = "schema_version: 1\nid: broken-one\nname: Broken\nlevels: 3\n"


def folder(tmp_path: Path) -> Path:
    d = tmp_path / "ladders"
    d.mkdir()
    shutil.copy(TESTS / "org_ladders" / "org-a.yaml", d / "org-a.yaml")
    (d / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return d


def test_a_broken_extra_ladder_never_stops_a_command_on_another(invoke, tmp_path):
    d = folder(tmp_path)
    for args in (("show", "org-a"), ("show", "pm-titles"), ("ladders",)):
        result = invoke(*args, "--ladders-dir", d)
        assert result.exit_code == 0, (args, result.stderr)
        notes = [line for line in result.stderr.splitlines() if "broken.yaml" in line]
        assert len(notes) == 1 and "pmladder validate" in notes[0], result.stderr


def test_assess_on_a_built_in_ladder_still_places_the_person(invoke, tmp_path):
    d = folder(tmp_path)
    alex = TESTS.parent / "ladders" / "examples" / "profile-alex.yaml"
    result = invoke("assess", "--ladder", "pm-titles", "--profile", alex, "--format", "json", "--today", "2026-12-01", "--ladders-dir", d)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["placement"]["best_fit"]["id"] == "project-manager"


def test_naming_the_broken_ladder_fails_on_it_with_positioned_problems(invoke, tmp_path):
    d = folder(tmp_path)
    result = invoke("show", "broken-one", "--ladders-dir", d)
    assert result.exit_code == 65
    path = str(d / "broken.yaml")
    assert f"{path}:4:" in result.stderr  # levels: on line 4
    assert "Traceback" not in result.stderr and "unknown ladder" not in result.stderr


def test_validate_still_fails_on_the_broken_file(invoke, tmp_path):
    d = folder(tmp_path)
    result = invoke("validate", d / "broken.yaml")
    assert result.exit_code == 65
