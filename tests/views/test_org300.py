"""A 300-person organisation as HR exports it (issue 21's "must show"): departments, managers,
current titles in every form, reviews for half, and 20 cells nobody can read, through every
format. Nobody is dropped; every unreadable cell is named with its person; the roster, the
succession and the per-department summaries agree with each person's own plan.

The people are generated (tests/org300.py, seeded) with, for every row, the profile the row
means; each figure of the team report is compared with `make_plan` on that profile alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter

import pytest

import org300

TODAY = "2026-12-01"
DAY = dt.date(2026, 12, 1)
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return org300.write(tmp_path_factory.mktemp("org300"))


@pytest.fixture(scope="module")
def outputs(org, tmp_path_factory):
    """The team report in every format, made once (the CLI in-process, as a user runs it)."""
    from typer.testing import CliRunner

    from pmladder.cli import app

    sheet, _crowd, _files = org
    home = tmp_path_factory.mktemp("home")
    out = {}
    for fmt in ("text", "markdown", "json", "csv"):
        result = CliRunner().invoke(app, ["team", str(sheet), "--ladder", org300.LADDER, "--by", "department",
                                          "--succession", "--format", fmt, "--today", TODAY],
                                    env={"PMLADDER_HOME": str(home), "NO_COLOR": "1", **WIDE}, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        out[fmt] = result.stdout
    return out


@pytest.fixture(scope="module")
def profiles(org):
    """The library, and each person's profile read from the file their row means (read once for the module: a
    Profile is immutable). Read without the parsed-profile cache, which would be read and written again for
    each of the 300 files (the same profile either way; tests/inputs/test_hardening_cache.py tests the cache)."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import load_profile

    _sheet, crowd, files = org
    lib = load_library()
    return lib, {p.name: load_profile(files[p.name], lib.vocabulary(), cached=False) for p in crowd}


@pytest.fixture(scope="module")
def own_plans(org, profiles):
    """Each person's own plan, from the profile their row means (as `pmladder plan --profile` makes it)."""
    from pmladder.views.plan import make_plan

    _sheet, crowd, _files = org
    lib, read = profiles
    ladder = lib.get(org300.LADDER).ladder
    made = {}
    for person in crowd:
        made[person.name] = make_plan(ladder, read[person.name], DAY, role_from=lib.catalog.role_ratings_from)
    return ladder, made


def test_nobody_is_dropped_in_any_format(org, outputs):
    _sheet, crowd, _files = org
    data = json.loads(outputs["json"])
    assert data["counts"] == {"files": 1, "read": 300, "skipped": 0} and data["skipped"] == []
    assert sorted(p["name"] for p in data["people"]) == sorted(p.name for p in crowd)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert sorted(r["name"] for r in rows) == sorted(p.name for p in crowd)
    assert all(r["status"] == "read" for r in rows)
    for fmt in ("text", "markdown"):
        missing = [p.name for p in crowd if p.name.replace("'", "\\'") not in outputs[fmt] and p.name not in outputs[fmt]]
        assert not missing, (fmt, missing[:5])


def test_every_unreadable_cell_is_named_with_its_person_in_every_format(org, outputs):
    _sheet, crowd, _files = org
    want = {(crowd[row].name, column, value) for row, column, value in org300.UNREADABLE}
    data = json.loads(outputs["json"])
    assert {(w["person"], w["column"], w["value"]) for w in data["warnings"]} == want
    assert data["text"]["warnings"].startswith("20 cells in 20 people's rows could not be read")
    text_lines = outputs["text"].splitlines()
    assert text_lines.index(next(l for l in text_lines if "20 cells" in l)) < 15  # said at the top
    problems = {r["name"]: r["problems"] for r in csv.DictReader(io.StringIO(outputs["csv"]))}
    for name, column, value in want:
        assert any(name in line and column in line and repr(value) in line for line in text_lines), (name, column)
        assert column in problems[name] and value in problems[name]
        md = [line.replace("\\", "") for line in outputs["markdown"].splitlines() if name in line.replace("\\", "")]
        assert any(column.replace("\\", "") in line and value in line for line in md), (name, column, value)


def test_each_person_is_placed_and_dated_as_their_own_plan_says(org, outputs, own_plans):
    from pmladder.views.plan import UNANSWERED

    _ladder, made = own_plans
    data = json.loads(outputs["json"])
    for person in data["people"]:
        plan = made[person["name"]]
        best = plan.assessment.best
        assert (person["best_fit"] or {}).get("id") == (best.id if best else None), person["name"]
        if person["eta_months"] is None:  # the team gives no date where the plan waits on answers or education
            assert person["readiness"] in ("answer-first", "not-estimated", "top", "at-target"), person["name"]
            assert person["readiness"] != "answer-first" or any(g.reason == UNANSWERED for g in plan.gaps)
        else:
            assert person["eta_months"] == plan.roadmap.eta, person["name"]


def test_the_roster_lists_everyone_once_by_the_job_they_hold(org, outputs, own_plans):
    ladder, _made = own_plans
    data = json.loads(outputs["json"])
    assert sorted(data["roster"]) == list(range(300))
    rank = {lv.id: lv.rank for lv in ladder.levels}

    def held(i):
        person = data["people"][i]
        level = ((person["current_title"] or {}).get("level") or person["best_fit"] or {}).get("id")
        return rank.get(level, -1)

    ranks = [held(i) for i in data["roster"]]
    assert ranks == sorted(ranks, reverse=True)
    jobs = Counter(p["working"] for p in data["people"])
    assert data["current_job"] == {"above": jobs["above"], "at": jobs["at"], "below": jobs["below"], "unknown": jobs[None]}


def test_department_summaries_add_up_to_their_people(org, outputs):
    _sheet, crowd, _files = org
    data = json.loads(outputs["json"])
    groups = data["groups"]["groups"]
    assert sum(g["read"] for g in groups) == 300
    for group in groups:
        members = [p for p in crowd if p.department == group["name"]]
        assert sorted(data["people"][i]["name"] for i in group["people"]) == sorted(p.name for p in members)
        ready = Counter(data["people"][i]["readiness"] for i in group["people"])
        assert {k: v for k, v in group["readiness"].items() if v} == dict(ready)
        fits = Counter((data["people"][i]["best_fit"] or {}).get("id") for i in group["people"])
        assert {(s["level"] or {}).get("id"): s["people"] for s in group["spread"] if s["people"]} == dict(fits)
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    for group in groups:
        if group["name"] is not None:
            assert sum(r["department"] == group["name"] for r in rows) == group["read"]
            assert group["name"].replace("|", "\\|") in outputs["markdown"] or "R&D" in group["name"]


def test_succession_agrees_with_each_persons_plan_to_that_title(org, outputs, own_plans, profiles):
    from pmladder.engine.roadmap import at_or_above
    from pmladder.views.plan import UNANSWERED, make_plan

    _sheet, crowd, _files = org
    ladder, _made = own_plans
    data = json.loads(outputs["json"])
    index = {p["name"]: i for i, p in enumerate(data["people"])}
    lib, read = profiles
    profiles = {p.name: read[p.name] for p in crowd}
    assert [s["level"]["id"] for s in data["succession"]] == [lv.id for lv in ladder.levels if lv.tier == ladder.levels[-1].tier]
    for title in data["succession"]:
        level = ladder.level(title["level"]["id"])
        listed = {row["person"]: key for key in ("now", "within_12_months", "within_24_months") for row in title[key]}
        for name, profile in profiles.items():
            plan = make_plan(ladder, profile, DAY, target=level.id, role_from=lib.catalog.role_ratings_from)
            there = at_or_above(ladder, plan.assessment.best, level)
            eta = plan.roadmap.eta
            answers = any(g.reason == UNANSWERED for g in plan.gaps)
            want = ("now" if there or (eta == 0 and not answers) else None if eta in (None, 0)
                    else "within_12_months" if eta <= 12 else "within_24_months" if eta <= 24 else None)
            assert listed.get(index[name]) == want, (level.id, name)
        counts = [len(title[k]) for k in ("now", "within_12_months", "within_24_months")]
        assert title["text"].startswith(f"{counts[0]} now, {counts[1]} within 12 months, {counts[2]} within 24 months")


def test_reviews_for_half_are_counted_and_the_rest_named(org, outputs):
    _sheet, crowd, files = org
    data = json.loads(outputs["json"])
    unreviewed = sorted(p.name for p in crowd if not p.reviewed)
    assert sorted(data["people"][i]["name"] for i in data["reviews"]["no_review"]) == unreviewed
    lost = {(crowd[row].name, column.split(":")[1]) for row, column, _v in org300.UNREADABLE if column.startswith("review:")}
    for row in data["reviews"]["agreement"]:
        rated = [p for p in crowd if p.reviewed and row["id"] in p.profile["reviews"][0]["competencies"]
                 and (p.name, row["id"]) not in lost]
        assert row["reviewed"] == len(rated), row["id"]


def test_each_department_has_its_own_agreement_and_its_unreviewed_named(org, outputs):
    """The second opinion per group: agreement per competency and who has no review, in JSON, the terminal and Markdown."""
    _sheet, crowd, _files = org
    data = json.loads(outputs["json"])
    lost = {(crowd[row].name, column.split(":")[1]) for row, column, _v in org300.UNREADABLE if column.startswith("review:")}
    for group in data["groups"]["groups"]:
        members = [p for p in crowd if p.department == group["name"]]
        reviews = group["reviews"]
        assert sorted(data["people"][i]["name"] for i in reviews["no_review"]) == sorted(p.name for p in members if not p.reviewed)
        for row in reviews["agreement"]:
            assert row["reviewed"] == sum(1 for p in members if p.reviewed and row["id"] in p.profile["reviews"][0]["competencies"]
                                          and (p.name, row["id"]) not in lost)
        assert sum(r["reviewed"] for r in reviews["agreement"]) > 0
    totals = Counter()
    for group in data["groups"]["groups"]:
        totals.update({r["id"]: r["reviewed"] for r in group["reviews"]["agreement"]})
    assert dict(totals) == {r["id"]: r["reviewed"] for r in data["reviews"]["agreement"]}  # the groups add up to the team
    heading = "Self-ratings and reviews"
    assert outputs["text"].count(heading) == len(data["groups"]["groups"]) + 1
    assert outputs["markdown"].count(f"### {heading}") == len(data["groups"]["groups"])
    assert outputs["markdown"].count(f"## {heading}") == len(data["groups"]["groups"]) + 1
