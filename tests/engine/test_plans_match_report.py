"""Plans that match the report (issue 19): what the plan says agrees with what the report says.

Each test runs `pmladder assess --format json` (or the text report) on a built-in or example
ladder with a concrete profile and asserts what the person reads:

- an unanswered fact is never planned from 0: the step waits for the answer and the title
  has no date until then;
- years that count only in a job of their own kind (`needs_role` in the catalog) start
  with a move into such a role; someone doing that work now keeps adding to it;
- a certificate one is nominated for leaves the title undated, and the headline says so;
- an exam the person could sit today comes first, not behind practice items;
- steps to ratings of 4 and 5 take at least the catalog's judgment of months, and come with the
  role side by side (not queued behind the pace).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from people import PEOPLE

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "ladders"
TODAY = "2026-12-01"

# A PMP holder, six years in, four of them in charge of projects (examples/profiles/pmp-six-years.yaml).
PRIYA = {
    "schema_version": 1, "name": "Priya Raman", "education": "master",
    "facts": {"years_experience": 6, "years_managing": 4, "years_program": 0, "team_size": 12,
              "concurrent_projects": 3, "pm_training_hours": 45},
    "certifications": ["PMP"],
    "competencies": {"organisation": 4, "communication": 4, "scope": 4, "schedule": 4, "cost": 3, "quality": 3,
                     "risk": 3, "stakeholders": 4, "methods": 3, "leadership": 3, "resources": 3, "coaching": 2,
                     "strategy": 2, "change": 2, "data": 3, "governance": 3},
}


def write(tmp_path: Path, profile: dict, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plan_json(invoke, path: Path, ladder: str, *extra) -> dict:
    result = invoke("assess", "--profile", path, "--ladder", ladder, "--today", TODAY, "--format", "json", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def steps(data: dict) -> dict[str, dict]:
    return {s["id"]: s for s in data["roadmap"]}


def with_facts(profile: dict, **facts) -> dict:
    out = {**profile, "facts": {**profile["facts"], **facts}}
    out["facts"] = {k: v for k, v in out["facts"].items() if v is not None}
    return out


# --- 1. an unanswered fact is never planned from 0 ---------------------------------------------------------------


def test_an_unanswered_fact_a_certificate_needs_is_not_planned_from_0_and_the_title_has_no_date(invoke, tmp_path):
    """Years managing programs left blank: PgMP waits for the answer; nothing says "from 0 to 4 years"."""
    data = plan_json(invoke, write(tmp_path, with_facts(PRIYA, years_program=None)), "pmi-path", "--target", "program-manager")
    road = steps(data)
    assert not [s for s in data["roadmap"] if s["key"] == "years_program" and s["kind"] == "background"]
    assert road["answer:years_program"]["done_month"] is None
    pgmp = road["cert:PgMP"]
    assert pgmp["start_month"] is None and pgmp["done_month"] is None and "answer:years_program" in pgmp["after"]
    assert "not dated until you answer" in pgmp["how"] and "Years managing programs" in pgmp["how"]
    assert data["eta_months"] is None and data["eta_by"] is None
    milestone = data["milestones"][-1]
    assert milestone["ready_month"] is None and milestone["waits_for"] == ["answer:years_program"]
    assert [w["step"] for w in data["waits_for"]] == ["answer:years_program"]
    assert data["headline"] == "Ready for Program Manager: not dated; it waits for your answer on Years managing programs within the last 15 years."
    # the gap row has no month either
    gap = next(g for g in data["gaps"] if g["key"] == "PgMP")
    assert gap["done_month"] is None and not gap["sets_date"]


def test_the_same_person_answering_the_question_gets_a_date(invoke, tmp_path):
    """The contrast: with the years answered (none), the plan is dated and PgMP has its month."""
    data = plan_json(invoke, write(tmp_path, PRIYA), "pmi-path", "--target", "program-manager")
    assert data["eta_months"] is not None and data["eta_months"] > 0
    assert data["waits_for"] == []
    assert steps(data)["cert:PgMP"]["done_month"] == data["eta_months"]
    assert data["headline"].startswith("Ready for Program Manager in ")


def test_the_text_report_never_counts_an_unanswered_fact_from_0(invoke, tmp_path):
    path = write(tmp_path, with_facts(PRIYA, years_program=None))
    result = invoke("assess", "--profile", path, "--ladder", "pmi-path", "--target", "program-manager", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "from 0 to 4 years" not in text
    assert "Ready for Program Manager: not dated; it waits for your answer on Years managing programs within the last 15 years." in text
    assert "Ready for Program Manager in" not in text


# --- 2. years that need a job of their own kind -----------------------------------------------------------------


def test_the_catalog_marks_the_years_that_need_a_role_of_their_own(invoke):
    """Read from `ladders --format json`? No: from the loaded library, as the planner sees it."""
    from pmladder.inputs.library import load_library

    lib = load_library()
    facts = lib.catalog.facts
    assert {k for k, f in facts.items() if f.needs_role} == {"years_program", "years_pmo", "years_leading_managers", "years_portfolio"}
    assert lib.get("pmi-path").ladder.facts["years_portfolio"].needs_role
    ipma = lib.get("ipma-levels").ladder.facts
    assert ipma["years_very_complex"].needs_role and ipma["years_strategic"].needs_role
    # a harder project is the same job: years on complex projects grow with it
    assert not ipma["years_complex_projects"].needs_role


def test_years_in_a_pmo_start_with_a_move_into_a_pmo_not_with_the_present_job(invoke, tmp_path):
    data = plan_json(invoke, write(tmp_path, with_facts(PRIYA, years_pmo=0)), "pmo-career", "--target", "pmo-manager")
    road = steps(data)
    move, years = road["role:years_pmo"], road["background:years_pmo:2"]
    assert move["kind"] == "role" and move["text"] == "Move into a role where Years in a PMO count"
    assert move["done_month"] is None
    assert years["after"] == ["role:years_pmo"] and years["start_month"] == move["start_month"] == 0
    assert years["text"] == "Years in a PMO: from 0 to 2 years (in that role)"
    assert list(road).index("role:years_pmo") < list(road).index("background:years_pmo:2")
    assert "The dates assume a move into a role where these years count: Years in a PMO from 2026-12." in data["assumptions"]
    gap = next(g for g in data["gaps"] if g["key"] == "years_pmo")
    assert "count only in a role of that kind" in gap["how"]


def test_someone_already_in_a_pmo_keeps_adding_years_from_today(invoke, tmp_path):
    data = plan_json(invoke, write(tmp_path, with_facts(PRIYA, years_pmo=1)), "pmo-career", "--target", "pmo-manager")
    road = steps(data)
    assert not [s for s in road.values() if s["kind"] == "role"]
    years = road["background:years_pmo:2"]
    assert years["after"] == [] and years["start_month"] == 0 and years["done_month"] == 12
    assert years["text"] == "Years in a PMO: from 1 to 2 years (with the work)"
    assert not any("move into a role" in line for line in data["assumptions"])


def test_years_in_a_pmo_that_stopped_need_the_move_again(invoke, tmp_path):
    """One year in a PMO up to 2021 (last_year): not the present job, so a move comes first."""
    profile = {**with_facts(PRIYA, years_pmo=1), "last_year": {"years_pmo": 2021}}
    road = steps(plan_json(invoke, write(tmp_path, profile), "pmo-career", "--target", "pmo-manager"))
    assert road["background:years_pmo:2"]["after"] == ["role:years_pmo"]


def test_years_leading_project_managers_wait_for_the_title_below_and_a_role_that_leads_them(invoke, tmp_path):
    """Toward Director of PMO from Project Manager: the move to lead managers comes when PMO Manager is reached."""
    profile = with_facts(PRIYA, years_pmo=0, years_leading_managers=0)
    data = plan_json(invoke, write(tmp_path, profile), "pmo-career", "--target", "director-of-pmo")
    road = steps(data)
    ready = {m["level"]: m["ready_month"] for m in data["milestones"]}
    move = road["role:years_leading_managers"]
    below = data["milestones"][-2]["level"]  # the title before Director of PMO on the way
    assert move["level"] == "director-of-pmo" and move["start_month"] == ready[below] > 0
    lead = next(s for s in road.values() if s["kind"] == "background" and s["key"] == "years_leading_managers")
    assert lead["after"] == ["role:years_leading_managers"] and lead["start_month"] == move["start_month"]
    assert lead["done_month"] == move["start_month"] + 24


def test_a_ladder_without_needs_role_is_still_valid_and_needs_role_needs_time(invoke, tmp_path):
    fact = """
facts:
  years_agile:
    name: Years on agile teams
    question: For how many years have you worked on agile teams?
    unit: years
    max: 50
    grows: {grows}
    months_per_unit: {rate}
{extra}    advice:
      - from: 0
        text: Join an agile team.
"""
    base = (REPO / "tests" / "good_ladders" / "minimal.yaml").read_text(encoding="utf-8")
    assert "\nfacts:" not in base
    old = tmp_path / "old.yaml"
    old.write_text(base + fact.format(grows="time", rate=12, extra=""), encoding="utf-8")
    result = invoke("validate", old)
    assert result.exit_code == 0, result.stdout + result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(base + fact.format(grows="study", rate=1, extra="    needs_role: true\n"), encoding="utf-8")
    result = invoke("validate", bad)
    assert result.exit_code == 65
    problems = [line for line in result.stderr.splitlines() if "needs_role" in line]
    assert problems and problems[0].startswith(f"{bad}:")


# --- 3. a gate that cannot be dated ---------------------------------------------------------------------------------

NOMI = {
    "schema_version": 1, "name": "Nomi", "education": "bachelor",
    "facts": {"years_experience": 4, "years_managing": 2, "team_size": 5, "pm_training_hours": 30},
    "certifications": [],
    "competencies": {"organisation": 3, "communication": 3, "scope": 3, "schedule": 3, "cost": 3, "risk": 2,
                     "stakeholders": 2, "leadership": 2},
}


def test_a_nomination_only_programme_leaves_the_title_undated_and_the_headline_says_so(invoke, tmp_path):
    """Contoso's PM Academy has no prep_months (people are nominated): no "Ready in about N months"."""
    data = plan_json(invoke, write(tmp_path, NOMI), "contoso-ipma", "--ladders-dir", EXAMPLES)
    assert data["target"]["id"] == "project-manager"
    assert data["eta_months"] is None
    assert data["milestones"][0]["ready_month"] is None
    assert data["milestones"][0]["waits_for"] == ["cert:Contoso-PM-Academy"]
    assert data["headline"] == ("Ready for Project Manager: not dated; it waits for a nomination for "
                                "Contoso-PM-Academy (Contoso Project Management Academy).")
    # what can be dated still is: the leadership step has its month
    assert steps(data)["skill:leadership:3"]["done_month"] is not None
    result = invoke("assess", "--profile", tmp_path / "me.yaml", "--ladder", "contoso-ipma", "--ladders-dir", EXAMPLES,
                    "--today", TODAY)
    text = " ".join(result.stdout.split())
    assert "it waits for a nomination for Contoso-PM-Academy" in text and "Ready for Project Manager in" not in text


def test_every_title_after_an_undated_one_is_undated_too(invoke, tmp_path):
    data = plan_json(invoke, write(tmp_path, NOMI), "contoso-ipma", "--ladders-dir", EXAMPLES, "--target", "head-of-projects")
    assert [m["ready_month"] for m in data["milestones"]] == [None] * len(data["milestones"])
    assert data["eta_months"] is None and data["headline"].startswith("Ready for Head of Projects: not dated")


# --- 4. an exam the person could sit today comes first ----------------------------------------------------------


def person(key: str) -> dict:
    return next(p for p in PEOPLE if p["key"] == key)["profile"]


def test_an_agile_lead_eligible_for_the_pmp_sits_it_first():
    """Chen Wei (PMI-ACP, degree, four years accountable, 50 hours) is eligible for PMP today: confirming
    Project Manager is the exam, from month 0, whatever the pace (not 4.5 years toward another title)."""
    import datetime as dt

    from assess_support import to_profile
    from pmladder.inputs.library import load_library
    from pmladder.views.plan import make_plan

    lib = load_library()
    for pace in (1, 3):
        plan = make_plan(lib.get("pmi-path").ladder, to_profile(person("pmi_acp_lead")), dt.date(2026, 12, 1),
                         target="project-manager", pace=pace, role_from=lib.catalog.role_ratings_from)
        road = {s.id: s for s in plan.roadmap.steps}
        assert (road["cert:PMP"].start, road["cert:PMP"].end) == (0, 3) and plan.roadmap.eta == 3
        assert plan.gaps[0].check.key == "PMP|PgMP|PfMP" and plan.gaps[0].sets_date


def test_a_pmp_eligible_person_sits_the_pmp_first_not_the_capm_and_not_behind_skills(invoke, tmp_path):
    """Low ratings (three chains of practice) do not push the exam back, and one exam does for both titles."""
    profile = {
        "schema_version": 1, "name": "Eli", "education": "bachelor",
        "facts": {"years_experience": 5, "years_managing": 4, "pm_training_hours": 35},
        "certifications": ["PSM-I"],
        "competencies": {"scope": 1, "schedule": 1, "cost": 1, "quality": 1, "risk": 1, "resources": 1, "methods": 1,
                         "organisation": 1, "communication": 3, "leadership": 2, "stakeholders": 2, "coaching": 2,
                         "change": 2, "strategy": 2, "governance": 1, "data": 1},
    }
    data = plan_json(invoke, write(tmp_path, profile), "pmi-path", "--target", "project-manager", "--pace", "1")
    road = steps(data)
    assert "cert:CAPM" not in road
    assert road["cert:PMP"]["start_month"] == 0
    skills = [s for s in road.values() if s["kind"] == "skill"]
    assert skills and min(s["start_month"] for s in skills) >= road["cert:PMP"]["done_month"]


# --- 5. realistic time for the top ratings ------------------------------------------------------------------------


def test_the_catalog_gives_its_top_rating_months_as_judgment():
    text = (REPO / "ladders" / "catalog.yaml").read_text(encoding="utf-8")
    block = text.split("role_rating_months:", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    assert [line.split(":")[0].strip() for line in lines] == ["4", "5"]
    assert all("# judgment" in line for line in lines)
    from pmladder.inputs.library import load_library

    comps = load_library().catalog.comps
    assert all(c.step_months(5) >= 18 and c.step_months(4) >= 12 for c in comps.values())
    assert comps["organisation"].step_months(3) == 4  # below the top ratings, the competency's own months


def test_steps_to_5_take_the_catalogs_time_and_come_with_the_role(invoke, tmp_path):
    """A PMO director toward Chief Project Officer: four steps to 5, 18 months each (the catalog's judgment, not the
    6 to 12 months of a competency's own step), side by side even at pace 1."""
    profile = {
        "schema_version": 1, "name": "Dara", "education": "master",
        "facts": {"years_experience": 16, "years_managing": 8, "years_program": 3, "years_pmo": 4,
                  "years_leading_managers": 3, "team_size": 30, "concurrent_projects": 10, "pm_training_hours": 80},
        "certifications": ["PMP"],
        "competencies": {k: 4 for k in ("organisation", "communication", "methods", "schedule", "scope", "risk",
                                        "resources", "leadership", "data", "cost", "coaching", "strategy", "change")}
        | {"quality": 3, "stakeholders": 5, "governance": 5},
    }
    data = plan_json(invoke, write(tmp_path, profile), "pmo-career", "--target", "chief-project-officer", "--pace", "1")
    top = [s for s in data["roadmap"] if s["kind"] == "skill" and s["need"] == 5]
    assert {s["key"] for s in top} == {"communication", "leadership", "strategy", "change"}
    assert all(s["months"] == 18 and s["start_month"] == 0 for s in top)
    assert data["eta_months"] < 2 * 18  # not one after another
    assert any("a step takes at least 18 months to 5 (the catalog's judgment)" in line for line in data["assumptions"])


def test_the_new_plan_lines_are_in_chinese_too(invoke, tmp_path):
    """A senior PM without PMO years toward Junior PMO Lead on pmo-sequence, in Chinese."""
    profile = with_facts(PRIYA, years_pmo=0, years_leading_managers=1, years_managing=6, years_experience=9)
    data = plan_json(invoke, write(tmp_path, profile), "pmo-sequence", "--target", "junior-pmo-lead", "--lang", "zh")
    road = steps(data)
    assert road["role:years_pmo"]["text"] == "调任可计入PMO工作年限的岗位"
    assert any(line.startswith("以上日期假定您调任可计入这些年限的岗位") for line in data["assumptions"])
    # the undated headline, worded from the same plan in Chinese
    import datetime as dt

    from assess_support import to_profile
    from pmladder import words
    from pmladder.inputs.library import load_library
    from pmladder.views.plan import make_plan

    lib = load_library([EXAMPLES])
    plan = make_plan(lib.get("contoso-ipma").ladder, to_profile(NOMI), dt.date(2026, 12, 1), lang="zh")
    words.use("zh")
    assert words.eta_line(plan) == "胜任Project Manager的时间：暂无日期，有待获得Contoso-PM-Academy（Contoso Project Management Academy）的提名。"


def test_where_says_a_nomination_is_awaited_not_that_education_is_not_estimated(invoke, tmp_path):
    result = invoke("where", "--profile", write(tmp_path, NOMI), "--ladders-dir", EXAMPLES, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["ladders"] if r["ladder"]["id"] == "contoso-ipma")
    assert row["eta_months"] is None and row["ready"] == "not dated (waits for a nomination)"
