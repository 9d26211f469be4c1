"""`pmladder team PATH --since DATE` as a user runs it: dated snapshot folders, and profiles recorded in the real
SQLite history with `pmladder history import --date`. The terminal, Markdown and JSON show the same figures."""

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


def run(invoke, *args, code: int = 0):
    result = invoke("team", *args, *LADDER)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def since_json(invoke, *args) -> dict:
    return json.loads(run(invoke, *args, "--format", "json").stdout)["since"]


def test_dated_folders_give_the_same_figures_in_json_markdown_and_terminal(invoke, org):
    s = since_json(invoke, org, "--since", "2025-12-31")
    assert s["since"] == "2025-12-31" and s["source"] == "folders"
    assert s["then"]["from"] == s["then"]["to"] == "2025-06-01" and s["now"]["date"] == "2026-06-01"
    moved = {m["name"].split()[0].casefold(): (m["from"]["id"], m["to"]["id"]) for m in s["moved_up"]}
    assert moved["grace"] == ("project-coordinator", "junior-project-manager") and set(moved) == {"tom", "grace"}
    assert s["joined"] == ["Nina New"] and s["left"] == ["Katrin Vogel"]
    assert sum(x["people"] for x in s["then"]["spread"]) == s["matched"] + 1
    assert any(g["key"] == "years_managing" and g["people"] >= 1 for g in s["gaps_closed"])
    markdown = run(invoke, org, "--since", "2025-12-31", "--format", "markdown").stdout
    terminal = run(invoke, org, "--since", "2025-12-31").stdout
    assert "## Since 2025-12-31" in markdown and "Since 2025-12-31" in terminal
    for text in [s["text"]["counts"], *(m["text"] for m in s["moved_up"]), *(g["text"] for g in s["gaps_closed"]), "Katrin Vogel", "Nina New"]:
        text = " ".join(text.split())  # a name given with extra spaces; the terminal may wrap a line
        assert text in " ".join(markdown.split())
        assert text in " ".join(terminal.split())
    assert "2025-06-01" in s["text"]["basis"] and "2026-06-01" in s["text"]["basis"]


def test_the_report_is_of_the_latest_snapshot(invoke, org):
    data = json.loads(run(invoke, org, "--since", "2025-12-31", "--format", "json").stdout)
    names = {p["name"] for p in data["people"]}
    assert "Nina New" in names and "Katrin Vogel" not in names


def test_no_snapshot_early_enough_is_exit_66_naming_the_earliest(invoke, org):
    result = run(invoke, org, "--since", "2024-01-01", code=66)
    assert "2025-06-01" in result.stderr and "--since" in result.stderr and not result.stdout


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", ""])
def test_a_since_that_is_not_a_date_is_a_usage_error(invoke, org, bad):
    result = run(invoke, org, "--since", bad, code=2)
    assert "YYYY-MM-DD" in result.stderr


def _import(invoke, folder: Path, date: str) -> int:
    n = 0
    for path in sorted(folder.glob("*.yaml")):
        result = invoke("history", "import", path, "--date", date, "--ladder", "pmo-career")
        assert result.exit_code == 0, result.stderr
        n += 1
    return n


def test_history_then_is_each_persons_latest_assessment_on_or_before_the_date(invoke, org):
    _import(invoke, org / "2025-06-01", "2025-06-01")
    grace = next(p for p in (org / "2026-06-01").glob("*.yaml") if "Grace Mwangi" in p.read_text(encoding="utf-8"))
    assert invoke("history", "import", grace, "--date", "2026-01-15", "--ladder", "pmo-career").exit_code == 0  # after DATE: not used
    s = since_json(invoke, org / "2026-06-01", "--since", "2025-12-31")
    assert s["source"] == "history"
    assert s["then"]["from"] == s["then"]["to"] == "2025-06-01"
    moved = {m["name"].split()[0].casefold() for m in s["moved_up"]}
    assert moved == {"tom", "grace"}
    # the history is read for the people named; a profile without a name has nothing to be matched by
    assert sorted(s["joined"], key=len) == ["Nina New", str(org / "2026-06-01" / "empty.yaml")] and s["left"] == []
    # an earlier date than any record: nobody to compare with, everyone joined, never an error
    s = since_json(invoke, org / "2026-06-01", "--since", "2025-05-31")
    assert s["then"] is None and s["matched"] == 0 and s["moved_up"] == []
    assert len(s["joined"]) == sum(x["people"] for x in s["now"]["spread"])


def test_history_without_any_file_counts_everyone_as_joined(invoke, org):
    s = since_json(invoke, org / "2026-06-01", "--since", "2025-12-31")
    total = sum(x["people"] for x in s["now"]["spread"])
    assert s["then"] is None and s["matched"] == 0 and len(s["joined"]) == total
    assert "everyone counts as joined" in s["text"]["basis"]


def test_anonymised_since_shows_no_name(invoke, org, monkeypatch):
    monkeypatch.setenv("PMLADDER_PSEUDONYM_KEY", "cd" * 32)
    data = json.loads(run(invoke, org, "--since", "2025-12-31", "--anonymise", "--format", "json").stdout)
    text = json.dumps(data["since"], ensure_ascii=False)
    for name in ("Tom", "TOM", "Grace", "Nina", "Katrin"):
        assert name not in text
    labels = {p["name"] for p in data["people"]}
    assert set(data["since"]["joined"]) <= labels and {m["name"] for m in data["since"]["moved_up"]} <= labels
    assert data["since"]["left"] and data["since"]["left"][0].startswith("Person ")


# --- the spreadsheet says, person by person, what the report says changed ----------------------


def test_each_row_carries_what_changed_for_that_person(invoke, org):
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(run(invoke, org, "--since", "2025-12-31", "--format", "csv").stdout))}
    s = json.loads(run(invoke, org, "--since", "2025-12-31", "--format", "json").stdout)["since"]
    for m in s["moved_up"]:
        assert m["text"] in rows[m["name"]]["since"]
    for g in s["readiness_gained"]:
        assert g["text"] in rows[g["name"]]["since"]
    for name in s["joined"]:
        assert rows[name]["since"] == "joined since 2025-12-31"
    changed = {m["name"] for m in s["moved_up"]} | {g["name"] for g in s["readiness_gained"]} | set(s["joined"])
    assert changed and all(r["since"] == "" for n, r in rows.items() if n not in changed)


def test_without_since_the_columns_stay_as_they_were(invoke, org):
    header = next(csv.reader(io.StringIO(run(invoke, org / "2026-06-01", "--format", "csv").stdout)))
    assert "since" not in header and header[-1] == "problems"
