"""`team --since DATE --format csv`: the spreadsheet says, person by person, what the report says changed."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "views"))
from test_team_since import make_snapshots  # noqa: E402

LADDER = ("--ladder", "pmo-career", "--today", "2026-06-01")


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    root = tmp_path_factory.mktemp("org")
    make_snapshots(root)
    return root


def run(invoke, *args) -> str:
    result = invoke("team", *args, *LADDER)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_each_row_carries_what_changed_for_that_person(invoke, org):
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(run(invoke, org, "--since", "2025-12-31", "--format", "csv")))}
    s = json.loads(run(invoke, org, "--since", "2025-12-31", "--format", "json"))["since"]
    for m in s["moved_up"]:
        assert m["text"] in rows[m["name"]]["since"]
    for g in s["readiness_gained"]:
        assert g["text"] in rows[g["name"]]["since"]
    for name in s["joined"]:
        assert rows[name]["since"] == "joined since 2025-12-31"
    changed = {m["name"] for m in s["moved_up"]} | {g["name"] for g in s["readiness_gained"]} | set(s["joined"])
    assert changed and all(r["since"] == "" for n, r in rows.items() if n not in changed)


def test_without_since_the_columns_stay_as_they_were(invoke, org):
    header = next(csv.reader(io.StringIO(run(invoke, org / "2026-06-01", "--format", "csv"))))
    assert "since" not in header and header[-1] == "problems"
