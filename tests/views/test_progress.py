"""History and progress through the CLI (issue 10, points 2-4 and 6).

A person (Maya, a project manager on pmo-career aiming for PMO Manager) is assessed three
times over a year: her profile files are recorded with `history import --date` (and once
through `assess --ask` with piped answers and `--today`). `history` and `progress` are then
checked against `service.make_plan` run here on the same profiles and dates, never against
hard-coded numbers. Damaged and foreign databases, and two processes recording at once,
use real files in tmp_path.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pmladder.engine.placement import MET

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

REPO = Path(__file__).resolve().parents[2]
LADDER = "pmo-career"
# Maya works toward the PMO branch; since PMO Manager (senior tier) asks at least what Program
# Manager (mid tier) asks, the default next title for her is Program Manager, so she names hers.
TARGET = "pmo-manager"


def _ratings(**changes):
    base = {"organisation": 4, "communication": 4, "scope": 4, "schedule": 3, "cost": 3, "quality": 3, "risk": 3,
            "stakeholders": 3, "methods": 3, "leadership": 3, "resources": 3, "coaching": 2, "strategy": 2, "change": 2,
            "data": 2, "governance": 2}
    base.update(changes)
    return base


JAN = {
    "schema_version": 1, "name": "Maya Okafor", "ladder": LADDER, "education": "bachelor",
    "facts": {"years_experience": 6, "years_managing": 4, "team_size": 9, "concurrent_projects": 2, "pm_training_hours": 40,
              "years_program": 0, "years_pmo": 0, "years_leading_managers": 0},
    "certifications": ["PRINCE2-Foundation"],
    "competencies": _ratings(),
}
# six months on: the certificate and one rating the plan asked for; PMO duties begun
JUL = copy.deepcopy(JAN) | {"certifications": ["PRINCE2-Foundation", "PRINCE2-Practitioner"]}
JUL["facts"] = JAN["facts"] | {"years_experience": 6.5, "years_managing": 4.5, "years_pmo": 0.5}
JUL["competencies"] = _ratings(data=3)
# a year on: a group of projects, and four ratings up, some before the plan had them due
NEXT_JAN = copy.deepcopy(JUL)
NEXT_JAN["facts"] = JAN["facts"] | {"years_experience": 7, "years_managing": 5, "years_pmo": 1, "concurrent_projects": 3}
NEXT_JAN["competencies"] = _ratings(data=3, governance=3, strategy=3, change=3, coaching=3)

PROFILES = (JAN, JUL, NEXT_JAN)
DATES = ("2026-01-15", "2026-07-20", "2027-01-18")


# --- helpers -------------------------------------------------------------------------------


def library():
    from pmladder.inputs.loader import load_library

    return load_library()


def profile(lib, data: dict):
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import Document

    return check(Document("test", data), lib.vocabulary())


def plan_of(lib, data: dict, day: str, target: str | None = TARGET):
    from pmladder.views.plan import make_plan

    loaded = lib.get(LADDER)
    return make_plan(loaded.ladder, profile(lib, data), dt.date.fromisoformat(day), target=target, origin=loaded.origin,
                     role_from=lib.catalog.role_ratings_from)


def months(a: str, b: str) -> int:
    x, y = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    return (y.year * 12 + y.month) - (x.year * 12 + x.month)


def write(tmp_path: Path, data: dict, name: str) -> Path:
    path = tmp_path / name
    path.write_text(yaml.dump(data, Dumper=SAFE_DUMPER, sort_keys=False), encoding="utf-8")
    return path


def json_of(result) -> dict:
    assert result.exit_code == 0, result.stderr + result.stdout
    return json.loads(result.stdout)


@pytest.fixture
def maya(tmp_path, invoke) -> list[Path]:
    """Maya's three profiles recorded with their dates; returns the files."""
    files = []
    for i, (data, day) in enumerate(zip(PROFILES, DATES)):
        path = write(tmp_path, data, f"maya-{day}.yaml")
        result = invoke("history", "import", path, "--date", day, "--target", TARGET)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(f"Recorded assessment {i + 1}: {day} on {LADDER}")
        files.append(path)
    return files


# --- history --------------------------------------------------------------------------------


def test_history_lists_what_make_plan_says(maya, invoke):
    lib = library()
    rows = json_of(invoke("history", "--format", "json"))["assessments"]
    assert [r["id"] for r in rows] == [1, 2, 3]
    for row, data, day in zip(rows, PROFILES, DATES):
        plan = plan_of(lib, data, day)
        target = plan.roadmap.target
        fit = plan.assessment.fit(target.id)
        assert row["date"] == day and row["ladder"] == LADDER
        assert row["best_fit"]["id"] == plan.assessment.best.id
        assert row["target"]["id"] == target.id and row["target"]["title"] == target.title
        assert row["fit"] == {"met": fit.met, "total": fit.total}
        assert row["eta_months"] == plan.roadmap.eta
        assert row["source"] == f"import:{maya[DATES.index(day)]}"
    text = invoke("history", env={"COLUMNS": "250"})  # wide enough for every column on the line of its row
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert "3 recorded" in lines[0]
    assert lines[2].split()[:3] == ["id", "date", "ladder"]
    assert len(lines) == 3 + 3
    for line, data, day in zip(lines[3:], PROFILES, DATES):
        plan = plan_of(lib, data, day)
        fit = plan.assessment.fit(plan.roadmap.target.id)
        assert day in line and f"{fit.met}/{fit.total} {plan.roadmap.target.title}" in line


def test_history_filters_by_ladder_and_the_empty_history_says_how_to_start(invoke, tmp_path):
    empty = invoke("history")
    assert empty.exit_code == 0 and "No assessments recorded yet" in empty.stdout
    assert json_of(invoke("history", "list", "--format", "json"))["assessments"] == []
    path = write(tmp_path, JAN, "jan.yaml")
    assert invoke("history", "import", path, "--date", DATES[0]).exit_code == 0
    assert invoke("history", "import", path, "--date", DATES[1], "--ladder", "pm-titles").exit_code == 0
    rows = json_of(invoke("history", "--ladder", "pm-titles", "--format", "json"))["assessments"]
    assert [(r["id"], r["ladder"]) for r in rows] == [(2, "pm-titles")]


def test_import_plans_as_of_the_date_given(invoke, tmp_path):
    lib = library()
    path = write(tmp_path, JAN, "jan.yaml")
    assert invoke("history", "import", path, "--date", "2025-03-01", "--target", TARGET).exit_code == 0
    row = json_of(invoke("history", "--format", "json"))["assessments"][0]
    plan = plan_of(lib, JAN, "2025-03-01")
    from pmladder.words import month_of

    assert row["date"] == "2025-03-01" and plan.roadmap.eta > 0
    assert row["eta_months"] == plan.roadmap.eta
    assert row["eta_by"] == month_of(plan.today, plan.roadmap.eta)


def test_import_date_comes_from_the_file_or_must_be_given(invoke, tmp_path):
    undated = write(tmp_path, JAN, "undated.yaml")
    result = invoke("history", "import", undated)
    assert result.exit_code == 2 and "--date" in result.stderr
    dated = write(tmp_path, JAN | {"assessed_on": "2025-11-30"}, "dated.yaml")
    assert invoke("history", "import", dated).exit_code == 0
    assert json_of(invoke("history", "--format", "json"))["assessments"][0]["date"] == "2025-11-30"
    bad = invoke("history", "import", undated, "--date", "30/11/2025")
    assert bad.exit_code == 2 and "--date" in bad.stderr


def test_assess_records_every_saved_assessment(runner, tmp_path):
    """The questionnaire path with piped answers (Enter keeps each answer) and --today."""
    from pmladder.cli import app

    lib = library()
    for data, day in zip(PROFILES, DATES):
        path = write(tmp_path, data, "me.yaml")
        result = runner.invoke(app, ["assess", "--profile", str(path), "--ask", "--ladder", LADDER, "--today", day,
                                     "--format", "json"], input="\n" * 200)
        assert result.exit_code == 0, result.stderr
        assert "Recorded as assessment" in result.stderr
        assert json.loads(result.stdout)["today"] == day
    # assessing a file without asking saves nothing, so records nothing
    plain = runner.invoke(app, ["assess", "--profile", str(path), "--ladder", LADDER, "--today", DATES[2], "--format", "json"])
    assert plain.exit_code == 0 and "Recorded" not in plain.stderr
    rows = json.loads(runner.invoke(app, ["history", "--format", "json"]).stdout)["assessments"]
    assert [r["date"] for r in rows] == list(DATES)
    for row, data, day in zip(rows, PROFILES, DATES):
        plan = plan_of(lib, data, day, target=None)  # assess --ask plans toward the default next title
        assert row["source"] == "assess"
        assert row["fit"]["met"] == plan.assessment.fit(plan.roadmap.target.id).met


# --- progress -------------------------------------------------------------------------------


def expected(lib, a: int, b: int) -> dict:
    """What progress between assessments a and b (1-based) must say, from make_plan alone."""
    da, db = DATES[a - 1], DATES[b - 1]
    pa = plan_of(lib, PROFILES[a - 1], da)
    target = pa.roadmap.target
    pb = plan_of(lib, PROFILES[b - 1], db, target=target.id)
    elapsed = months(da, db)
    known = pb.assessment.known
    states = {}
    for s in pa.roadmap.steps:
        if s.kind == "skill":
            done = known.rating(s.key) >= s.need
        elif s.kind == "role" and lib.catalog.facts[s.key].needs_role:  # the move into a PMO: made once its years grow
            done = known.fact(s.key) > s.have
        elif s.kind in ("background", "study", "role"):
            done = known.fact(s.key) >= s.need
        elif s.kind == "cert":
            done = s.key in known.held
        else:
            raise AssertionError(f"Maya's plan has no {s.kind} step")
        dated = s.kind != "role"
        due = dated and s.end <= elapsed
        if not dated:
            state = "done" if done else "open"
        elif due:
            state = "done" if done else "behind"
        elif done:
            state = "ahead"
        else:
            state = "under_way" if s.start < elapsed else "not_due"
        states[s.id] = (due, done, state)
    open_a = {(g.check.kind, g.check.key) for g in pa.gaps}
    open_b = {(c.kind, c.key) for c in pb.assessment.fit(target.id).checks if c.state != MET}
    slip = (months(da, db) + pb.roadmap.eta) - pa.roadmap.eta
    late = any(st == "behind" for _, _, st in states.values())
    verdict = "behind" if late else "ahead" if slip < 0 else "on_schedule"
    return {"pa": pa, "pb": pb, "target": target, "states": states, "closed": open_a - open_b, "new": open_b - open_a,
            "slip": slip, "verdict": verdict, "elapsed": elapsed}


@pytest.mark.parametrize("a, b", [(1, 2), (2, 3), (1, 3)])
def test_progress_between_two_assessments_agrees_with_make_plan(maya, invoke, a, b):
    lib = library()
    want = expected(lib, a, b)
    args = ["progress", "--format", "json", "--to", str(b)] + (["--from", str(a)] if b - a > 1 else [])
    got = json_of(invoke(*args))
    pa, pb, target = want["pa"], want["pb"], want["target"]
    assert got["from"]["id"] == a and got["to"]["id"] == b and got["months"] == want["elapsed"]
    assert got["target"]["id"] == target.id
    assert got["from"]["best_fit"]["id"] == pa.assessment.best.id
    assert got["to"]["best_fit"]["id"] == pb.assessment.best.id
    for side, plan in (("then", pa), ("now", pb)):
        f = plan.assessment.fit(target.id)
        assert got["fit"][side] == {"met": f.met, "short": f.short, "missing": f.missing, "unknown": f.unknown, "total": f.total}
    assert got["eta"]["then_months"] == pa.roadmap.eta
    assert got["eta"]["now_months"] == pb.roadmap.eta
    assert got["eta"]["slip_months"] == want["slip"]
    from pmladder.words import month_of

    assert got["eta"]["then_by"] == month_of(pa.today, pa.roadmap.eta)
    assert got["eta"]["now_by"] == month_of(pb.today, pb.roadmap.eta)
    steps = {s["id"]: (s["due"], s["done"], s["state"]) for s in got["roadmap"]}
    assert steps == want["states"]
    assert {(g["kind"], g["key"]) for g in got["gaps"]["closed"]} == want["closed"]
    assert {(g["kind"], g["key"]) for g in got["gaps"]["new"]} == want["new"]
    assert got["verdict"] == want["verdict"]
    # what changed in the answers, from the two files
    before, after = PROFILES[a - 1], PROFILES[b - 1]
    skills = {(c["key"], c["before"], c["after"]) for c in got["changes"] if c["kind"] == "skill"}
    assert skills == {(k, before["competencies"][k], v) for k, v in after["competencies"].items() if before["competencies"][k] != v}
    facts = {(c["key"], c["before"], c["after"]) for c in got["changes"] if c["kind"] == "fact"}
    assert facts == {(k, before["facts"][k], v) for k, v in after["facts"].items() if before["facts"][k] != v}
    gained = {c["key"] for c in got["changes"] if c["kind"] == "cert" and c["after"]}
    assert gained == set(after["certifications"]) - set(before["certifications"])
    # the chart: fit toward the target at every assessment drawn, as make_plan places each
    points = {p["id"]: (p["met"], p["total"]) for p in got["chart"]}
    for i in range(a if b - a > 1 else 1, b + 1):
        f = plan_of(lib, PROFILES[i - 1], DATES[i - 1]).assessment.fit(target.id)
        assert points[i] == (f.met, f.total)


def test_the_year_reads_as_a_person_and_a_manager_would(maya, invoke):
    """Jan to Jul: everything due is done, yet the estimate is later: the report says why."""
    half = json_of(invoke("progress", "--from", "1", "--to", "2", "--format", "json"))
    assert half["verdict"] == "on_schedule" and half["eta"]["slip_months"] > 0
    assert half["steps"]["behind"] == 0 and half["steps"]["under_way"] > 0
    text = invoke("progress", "--from", "1", "--to", "2")
    assert text.exit_code == 0
    flat = " ".join(text.stdout.split())
    assert "On schedule: both steps of the 2026-01-15 plan due by 2026-07 are done." in flat
    assert "It is later because" in flat and "under way" in flat
    year = invoke("progress", "--from", "1", "--to", "3")
    flat = " ".join(year.stdout.split())
    # the plan had six steps to 4 growing together in her first year (each at least 12 months: the catalog's
    # judgment); four of them show no change, so the year reads behind, though the estimate holds
    assert "Behind schedule: 4 of the 7 steps of the 2026-01-15 plan due by 2027-01 are not done." in flat
    assert "the month planned on 2026-01-15" in flat
    assert "Fit toward PMO Manager over time" in flat
    assert "+ PRINCE2-Practitioner (certification gained)" in flat


def test_progress_markdown_has_a_mermaid_line_chart(maya, invoke):
    lib = library()
    result = invoke("progress", "--from", "1", "--format", "markdown")
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith("# Progress on PMO career ladder for Maya Okafor\n")
    target = plan_of(lib, JAN, DATES[0]).roadmap.target
    shares = [round(100 * plan_of(lib, p, d).assessment.fit(target.id).met / plan_of(lib, p, d).assessment.fit(target.id).total)
              for p, d in zip(PROFILES, DATES)]
    block = md.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert block.splitlines()[0] == "xychart-beta"
    assert f'    x-axis ["{DATES[0]}", "{DATES[1]}", "{DATES[2]}"]' in block
    assert f"    line [{', '.join(map(str, shares))}]" in block
    assert "- [x] Earn PRINCE2-Practitioner" in md


def test_default_progress_is_the_latest_against_the_one_before(maya, invoke):
    got = json_of(invoke("progress", "--format", "json"))
    assert (got["from"]["id"], got["to"]["id"]) == (2, 3)
    assert [p["id"] for p in got["chart"]] == [1, 2, 3]  # the chart shows the whole history


def test_since_takes_the_assessment_in_effect_on_that_date(maya, invoke):
    assert json_of(invoke("progress", "--since", "2026-03-01", "--format", "json"))["from"]["id"] == 1
    assert json_of(invoke("progress", "--since", "2026-07-20", "--format", "json"))["from"]["id"] == 2
    assert json_of(invoke("progress", "--since", "2026-07-19", "--format", "json"))["from"]["id"] == 1
    assert json_of(invoke("progress", "--since", "2020-01-01", "--format", "json"))["from"]["id"] == 1  # none before: the first


def test_progress_refuses_what_it_cannot_compare(maya, invoke, tmp_path):
    both = invoke("progress", "--since", "2026-01-01", "--from", "1")
    assert both.exit_code == 2
    unknown = invoke("progress", "--from", "9")
    assert unknown.exit_code == 66 and "no assessment with id 9" in unknown.stderr
    backwards = invoke("progress", "--from", "3", "--to", "1")
    assert backwards.exit_code == 2 and "earlier" in backwards.stderr
    other = write(tmp_path, JAN, "other.yaml")
    assert invoke("history", "import", other, "--date", "2027-02-01", "--ladder", "pm-titles").exit_code == 0
    mixed = invoke("progress", "--from", "1", "--to", "4")
    assert mixed.exit_code == 2 and "pm-titles" in mixed.stderr
    alone = invoke("progress", "--ladder", "pm-titles")
    assert alone.exit_code == 66 and "only one assessment" in alone.stderr
    assert "pmladder progress --ladder" not in alone.stderr  # the ladder was asked for: nothing else to suggest
    latest = invoke("progress")  # the latest assessment (4) is alone on pm-titles; pmo-career has the other three
    assert latest.exit_code == 66 and "only one assessment on 'pm-titles'" in latest.stderr
    assert "'pmo-career' has 3" in latest.stderr and "pmladder progress --ladder pmo-career" in latest.stderr
    assert invoke("progress", "--ladder", "pmo-career").exit_code == 0  # and the suggestion works
    bad_date = invoke("progress", "--since", "soon")
    assert bad_date.exit_code == 2


def test_reaching_the_target_is_measured_from_the_first_assessment_that_stood_there(invoke, tmp_path):
    lib = library()
    reached = copy.deepcopy(NEXT_JAN)
    reached["facts"] = reached["facts"] | {"years_pmo": 2, "years_experience": 8, "years_managing": 6, "team_size": 10}
    reached["competencies"] = _ratings(data=4, governance=4, strategy=3, change=3, coaching=3, methods=4, resources=4,
                                       leadership=4, stakeholders=4)
    days = ["2026-01-15", "2027-11-02", "2028-03-01"]
    for data, day, *target in ((JAN, days[0], "--target", TARGET), (reached, days[1]), (reached, days[2])):
        assert invoke("history", "import", write(tmp_path, data, f"{day}.yaml"), "--date", day, *target).exit_code == 0
    got = json_of(invoke("progress", "--from", "1", "--to", "3", "--format", "json"))
    pa = plan_of(lib, JAN, days[0])
    assert got["reached"] is True and got["reached_in"]["id"] == 2
    assert got["eta"]["slip_months"] == months(days[0], days[1]) - pa.roadmap.eta
    assert got["verdict"] == ("ahead" if got["eta"]["slip_months"] < 0 else "on_schedule" if got["eta"]["slip_months"] == 0 else "behind")
    assert got["gaps"]["closed"] and not got["gaps"]["open"]


def test_experience_left_unchanged_is_pointed_out(invoke, tmp_path):
    for day in ("2027-01-18", "2027-09-18"):
        assert invoke("history", "import", write(tmp_path, NEXT_JAN, f"{day}.yaml"), "--date", day, "--target", TARGET).exit_code == 0
    got = json_of(invoke("progress", "--format", "json"))
    # nothing of the plan was due within the 8 months (steps to 4 take a year in the role), yet the estimate slips
    assert got["verdict"] == "on_schedule" and got["eta"]["slip_months"] > 0 and got["changes"] == []
    assert "years_pmo" in got["not_updated"]
    text = " ".join(invoke("progress").stdout.split())
    assert "Not updated in 8 months: Years in a PMO" in text
    assert "experience grew more slowly than planned" in text


# --- forget ---------------------------------------------------------------------------------


def test_forget_one_and_all(maya, invoke, terminal_run):
    one = invoke("history", "forget", "2")
    assert one.exit_code == 0 and one.stdout.startswith("Forgot assessment 2 (2026-07-20, pmo-career)")
    assert [r["id"] for r in json_of(invoke("history", "--format", "json"))["assessments"]] == [1, 3]
    again = invoke("history", "forget", "2")
    assert again.exit_code == 66 and "no assessment with id 2" in again.stderr
    assert invoke("history", "forget").exit_code == 2
    assert invoke("history", "forget", "1", "--all").exit_code == 2
    refused = invoke("history", "forget", "--all")  # no terminal here: --yes is required
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    declined = invoke("history", "forget", "--all", input="n\n", run=terminal_run)
    assert declined.exit_code == 0 and "Nothing was forgotten" in declined.stderr
    assert len(json_of(invoke("history", "--format", "json"))["assessments"]) == 2
    confirmed = invoke("history", "forget", "--all", input="y\n", run=terminal_run)
    assert confirmed.exit_code == 0 and "Forgot all 2" in confirmed.stdout
    assert json_of(invoke("history", "--format", "json"))["assessments"] == []
    empty = invoke("history", "forget", "--all")
    assert empty.exit_code == 0 and "Nothing to forget" in empty.stdout


# --- damaged and foreign databases ------------------------------------------------------------


def history_file() -> Path:
    from pmladder.store.paths import history_path

    return history_path()


def truncated(tmp_path, invoke) -> None:
    path = write(tmp_path, JAN, "seed.yaml")
    for day in DATES:
        assert invoke("history", "import", path, "--date", day).exit_code == 0
    db = history_file()
    assert not Path(str(db) + "-wal").exists()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def foreign(tmp_path, invoke) -> None:
    db = history_file()
    db.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    con.commit()
    con.close()


@pytest.mark.parametrize("spoil", [truncated, foreign], ids=["truncated", "foreign"])
def test_a_bad_database_never_stops_assess_and_stops_history_with_65(spoil, tmp_path, invoke, runner):
    from pmladder.cli import app

    spoil(tmp_path, invoke)
    before = history_file().read_bytes()
    me = write(tmp_path, JUL, "me.yaml")
    result = runner.invoke(app, ["assess", "--profile", str(me), "--ask", "--ladder", LADDER, "--today", DATES[1],
                                 "--format", "json"], input="\n" * 200)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["today"] == DATES[1]
    notes = [line for line in result.stderr.splitlines() if "history" in line]
    assert len(notes) == 1 and notes[0].startswith("note: history not recorded: ")
    assert str(history_file()) in notes[0]
    assert "Saved your answers" in result.stderr
    plan = invoke("plan", "--profile", me, "--today", DATES[1], "--format", "markdown")
    assert plan.exit_code == 0 and "## On other ladders" in plan.stdout
    for args in (["history"], ["history", "--format", "json"], ["progress"], ["history", "forget", "1"],
                 ["history", "forget", "--all", "--yes"], ["history", "import", str(me), "--date", DATES[1]]):
        bad = invoke(*args)
        assert bad.exit_code == 65, args
        assert bad.stderr.count("\n") == 1 and bad.stderr.startswith(f"pmladder: {history_file()}: "), (args, bad.stderr)
        assert bad.stdout == ""
    assert history_file().read_bytes() == before  # never written to


# --- two processes at once ----------------------------------------------------------------------


def test_two_processes_recording_at_once(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "PMLADDER_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PMLADDER_PATH", None)
    files = [write(tmp_path, data, f"p{i}.yaml") for i, data in enumerate(PROFILES)]
    cmd = [sys.executable, "-m", "pmladder"]
    for round_no in range(3):  # the first round also races to create the file
        procs = [subprocess.Popen(cmd + ["history", "import", str(files[k]), "--date", DATES[k]], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for k in (0, 1)]
        procs.append(subprocess.Popen(cmd + ["assess", "--profile", str(files[2]), "--ask", "--ladder", LADDER,
                                             "--today", DATES[2], "--format", "json"], env=env, stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for p in procs:
            out, errs = p.communicate(b"\n" * 200 if p.stdin else None, timeout=120)
            assert p.returncode == 0, errs.decode()
            assert b"not recorded" not in errs
    listed = subprocess.run(cmd + ["history", "--format", "json"], env=env, capture_output=True, text=True, check=True)
    rows = json.loads(listed.stdout)["assessments"]
    assert len(rows) == 9 and len({r["id"] for r in rows}) == 9
    assert sorted(r["date"] for r in rows) == sorted(DATES * 3)
    con = sqlite3.connect(home / "data" / "history.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


# --- Markdown hygiene -------------------------------------------------------------------------


def markdownlint(text: str) -> list[str]:
    from pymarkdown.api import PyMarkdownApi

    result = PyMarkdownApi().disable_rule_by_identifier("md013").scan_string(text)
    return [f"line {f.line_number}: {f.rule_id} {f.rule_description}" for f in result.scan_failures]


@pytest.mark.parametrize("a, b", [(1, 2), (1, 3)])
def test_progress_markdown_passes_markdownlint(maya, invoke, a, b):
    result = invoke("progress", "--from", str(a), "--to", str(b), "--format", "markdown")
    assert result.exit_code == 0
    assert markdownlint(result.stdout) == []


def test_a_hostile_title_cannot_break_the_mermaid_chart():
    from pmladder.views.progress import Point
    from pmladder.render.progress import mermaid_chart

    hostile = 'Lead"] --> x\n```\n<script>`[evil]`'
    chart = mermaid_chart([Point(1, dt.date(2026, 1, 15), 3, 4, "x"), Point(2, dt.date(2026, 7, 1), 4, 4, "y")], hostile)
    lines = chart.splitlines()
    assert len(lines) == 5 and "```" not in chart and "<script>" not in chart
    title = lines[1].strip()
    assert title.startswith('title "') and title.endswith('"') and title.count('"') == 2
    assert lines[4] == "    line [75, 100]"


def test_steps_behind_with_a_sooner_date_says_both():
    """A step due is not done, yet the new estimate is sooner: the headline does not call it plain 'behind'."""
    import datetime as dt
    from types import SimpleNamespace

    from pmladder import words

    states = ["behind", "done"]

    def progress(slip):
        return SimpleNamespace(
            then=SimpleNamespace(assessed_on=dt.date(2026, 1, 15), id=1), now=SimpleNamespace(assessed_on=dt.date(2026, 11, 20), id=2),
            verdict="behind", basis="steps", target=None, then_target_title="Senior Project Manager", slip=slip, lang=None,
            due=[SimpleNamespace(state=s) for s in states], count=lambda state: states.count(state))

    sooner, later = words.verdict_line(progress(-2)), words.verdict_line(progress(3))
    assert sooner.startswith("Behind on steps, ahead on the date:") and "1 of the 2 steps" in sooner and "is not done" in sooner
    assert later.startswith("Behind schedule:")


def test_two_people_in_one_history_are_compared_with_a_note_naming_both(maya, invoke, tmp_path):
    same = invoke("progress")
    assert same.exit_code == 0 and "note:" not in same.stderr  # Maya against Maya: nothing to say
    noah = write(tmp_path, JAN | {"name": "Noah  Kim"}, "noah.yaml")
    assert invoke("history", "import", noah, "--date", "2027-03-01").exit_code == 0
    mixed = invoke("progress")
    assert mixed.exit_code == 0
    assert "assessment 3 is of Maya Okafor and 4 of Noah Kim" in " ".join(mixed.stderr.split())
    assert "PMLADDER_HOME" in mixed.stderr
    cased = write(tmp_path, JAN | {"name": "maya okafor"}, "maya-lower.yaml")
    assert invoke("history", "import", cased, "--date", "2027-04-01").exit_code == 0
    assert "note:" not in invoke("progress", "--from", "3", "--to", "5").stderr  # the same name, other capitals
