"""`-o FILE` picks the format by the file's extension with one table for `plan` and `team`:
.json is JSON for both, .csv is CSV for `team` (a plan has no CSV: Markdown), any other file Markdown."""

import csv
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
PLAN = ("plan", "--profile", EXAMPLE, "--ladder", "pm-titles", "--today", "2026-01-01")
TEAM = ("team", EXAMPLE, "--ladder", "pm-titles", "--today", "2026-01-01")


def written(invoke, args, path: Path) -> str:
    result = invoke(*args, "-o", path)
    assert result.exit_code == 0, result.stderr
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["plan.json", "PLAN.JSON"])
def test_plan_to_a_json_file_is_json_in_any_case(invoke, tmp_path, name):
    data = json.loads(written(invoke, PLAN, tmp_path / name))
    assert data["ladder"]["id"] == "pm-titles"


@pytest.mark.parametrize("name", ["plan.csv", "plan.md", "plan.txt"])
def test_plan_to_any_other_file_is_markdown(invoke, tmp_path, name):
    assert written(invoke, PLAN, tmp_path / name).startswith("# ")


@pytest.mark.parametrize("name", ["team.csv", "TEAM.CSV"])
def test_team_to_a_csv_file_is_csv(invoke, tmp_path, name):
    rows = list(csv.reader(written(invoke, TEAM, tmp_path / name).splitlines()))
    assert len(rows) >= 2 and len(rows[0]) == len(rows[1]) > 3


def test_team_to_a_json_file_is_json_and_to_markdown_otherwise(invoke, tmp_path):
    assert json.loads(written(invoke, TEAM, tmp_path / "team.Json"))["ladder"]
    assert written(invoke, TEAM, tmp_path / "team.md").startswith("# ")


def test_format_given_wins_over_the_extension(invoke, tmp_path):
    assert written(invoke, (*PLAN, "--format", "markdown"), tmp_path / "plan.json").startswith("# ")
