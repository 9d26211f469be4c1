"""The roadmap is a plan: paced development, eligibility before exams, nothing after the title it serves."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess_support import LADDER_IDS, level_ids, to_profile
from pmladder.engine.placement import assess
from pmladder.engine.roadmap import plan
from test_engine import SETTINGS, TODAY, VETERAN, ladder, library, people

DEV = ("study", "skill", "cert")


def roadmap_for(ladder_id: str, person: dict, target: str | None = None, pace: int = 3):
    return roadmap_of(ladder_id, to_profile(person), target, pace)


def roadmap_of(ladder_id: str, profile, target: str | None = None, pace: int = 3):
    a = assess(ladder(ladder_id), profile, TODAY)
    goal = a.ladder.level(target) if target else None
    return a, plan(a, goal, pace, library().catalog.role_ratings_from)


# Each ladder's targets, made once: hypothesis checks each new strategy object when it is first drawn from (the same
# strategies, so the same examples).
TARGETS = {lid: st.one_of(st.none(), st.sampled_from(level_ids(lid))) for lid in LADDER_IDS}


@SETTINGS
@given(people(), st.data(), st.integers(1, 4))
def test_every_roadmap_keeps_its_rules(person, data, pace):
    """Paced, ordered, eligibility first, and nothing done after the title it serves."""
    profile = to_profile(person)  # read once for every ladder (a Profile is immutable)
    for ladder_id in LADDER_IDS:
        target = data.draw(TARGETS[ladder_id])
        a, road = roadmap_of(ladder_id, profile, target, pace)
        if road.target is None:
            assert a.top and road.steps == ()
            continue
        if road.already_met:
            assert road.steps == () and road.eta == 0
            continue
        order = [m.level.id for m in road.milestones]
        ready = {m.level.id: m.ready for m in road.milestones}
        assert order[-1] == road.target.id
        assert set(s.milestone for s in road.steps) <= set(order), "a step serves a title beyond the target"
        steps = {s.id: s for s in road.steps}
        for s in road.steps:
            if s.kind in ("answer", "education", "role") or s.end is None:
                continue
            if ready[s.milestone] is not None:
                assert s.end <= ready[s.milestone], (s, ready[s.milestone])
            for d in s.after:
                if steps[d].kind == "role":  # years in a role of their own kind count from the move into it
                    assert s.kind == "background" and s.start == steps[d].start, (s, steps[d])
                    continue
                assert steps[d].end is not None and s.start >= steps[d].end, (s, steps[d])
            if s.kind == "cert":
                for pre in road.steps:
                    if pre.serves == s.key and pre.end is not None and pre.kind != "role":
                        assert s.start >= pre.end, (s, pre)
        # at most `pace` development items at any month (ratings that come with a role grow beside them)
        role_from = library().catalog.role_ratings_from
        spans = [(s.start, s.end) for s in road.steps if s.kind in DEV and s.start is not None
                 and not (s.kind == "skill" and s.need >= role_from)]
        for month in {start for start, _ in spans}:
            assert sum(1 for start, end in spans if start <= month < end) <= pace, (ladder_id, month)
        # milestones in order; role-bound ratings and new kinds of work wait for the title below
        readies = [m.ready for m in road.milestones]
        for before, after in zip(readies, readies[1:]):
            assert before is None and after is None or before is None or after is None or after >= before
        for i, m in enumerate(road.milestones):
            below = road.milestones[i - 1].ready if i else 0
            for s in road.steps:
                if s.milestone != m.level.id or s.start is None or below is None:
                    continue
                if s.kind == "skill" and s.need >= library().catalog.role_ratings_from:
                    assert s.start >= below, s
                if s.kind == "background" and s.why == "title":
                    assert s.start == below, s
        if road.eta is not None:
            assert road.eta == road.milestones[-1].ready
            assert all(s.end == road.eta for s in road.limits)


def test_a_rating_rises_one_step_at_a_time_each_with_its_own_advice():
    """2 to 4 is two steps, the second after the first, with the advice for each step."""
    person = {"schema_version": 1, "education": "bachelor", "facts": {"years_experience": 10, "years_managing": 6},
              "competencies": {"risk": 2}, "certifications": []}
    a, road = roadmap_for("pm-titles", person, "senior-project-manager")
    risk = [s for s in road.steps if s.kind == "skill" and s.key == "risk"]
    assert [(s.have, s.need) for s in risk] == [(2, 3), (3, 4)]
    assert risk[1].start >= risk[0].end
    from pmladder import words

    grow = library().catalog.comps["risk"].grow
    assert words.skill_advice(library().catalog.comps["risk"], 2) == grow[2]
    assert words.skill_advice(library().catalog.comps["risk"], 3) == grow[3] != grow[2]


def test_a_certification_waits_for_the_training_it_needs():
    """PMP with 20 of 35 hours: the hours come first, then the exam preparation."""
    person = {"schema_version": 1, "education": "bachelor",
              "facts": {"years_experience": 6, "years_managing": 4, "pm_training_hours": 20},
              "certifications": [], "competencies": {}}
    from pmladder.engine.types import Atom

    a = assess(ladder("pm-titles"), to_profile(person), TODAY)
    from pmladder.engine.roadmap import _Planner

    planner = _Planner(a, [a.ladder.level("senior-project-manager")], 3, 4)
    planner.k, planner.start, planner.dev = 0, 0, []
    sid = planner._cert("PMP", a.ladder.level("senior-project-manager"), None)
    planner._schedule()
    pmp = planner.steps[sid]
    hours = planner.steps[pmp.after[0]]
    assert hours.kind == "study" and hours.key == "pm_training_hours" and hours.need == 35
    assert pmp.start >= hours.end
    _ = Atom


IPMA_ALIGNED = """
schema_version: 1
id: ipma-aligned
name: IPMA-aligned ladder
source: Written for the tests
description: Three levels that follow the IPMA certificates.
tiers: {one: {name: One}}
levels:
  - id: associate
    title: Associate
    tier: one
    summary: Starts out.
    requires:
      facts: {years_experience: 1}
    next: [certified-pm]
  - id: certified-pm
    title: Certified Project Manager
    tier: one
    summary: Runs projects.
    requires:
      facts: {years_experience: 3, years_managing: 3}
      certifications: {any_of: [IPMA-C, IPMA-B, IPMA-A]}
    next: [director]
  - id: director
    title: Projects Director
    tier: one
    summary: Directs.
    requires:
      facts: {years_experience: 8, years_managing: 6, years_program: 3}
      certifications: {all_of: [IPMA-A]}
    next: []
"""


def test_an_any_of_takes_the_soonest_option_not_the_one_a_later_title_needs(tmp_path):
    """Planning to the top of an IPMA-aligned ladder, the Certified PM step takes IPMA-C; IPMA-A waits for its title."""
    from pmladder.inputs.loader import load_library

    (tmp_path / "ipma.yaml").write_text(IPMA_ALIGNED, encoding="utf-8")
    lib = load_library([tmp_path], environ={"PMLADDER_NO_CACHE": "1"})
    # years of program work answered (none): unanswered, IPMA-A's rules would leave the director undated
    person = to_profile({"schema_version": 1, "education": "bachelor", "facts": {"years_experience": 2, "years_managing": 1, "years_program": 0},
                         "certifications": [], "competencies": {}})
    a = assess(lib.get("ipma-aligned").ladder, person, TODAY)
    road = plan(a, a.ladder.level("director"), 3, 4)
    certs = {s.key: s for s in road.steps if s.kind == "cert"}
    assert certs["IPMA-C"].milestone == "certified-pm"
    assert certs["IPMA-A"].milestone == "director"
    ready = {m.level.id: m.ready for m in road.milestones}
    assert certs["IPMA-C"].end <= ready["certified-pm"] < certs["IPMA-A"].end
    # years of program work are new and need a program role: the move comes with Certified Project Manager, the years from then
    program = next(s for s in road.steps if s.kind == "background" and s.key == "years_program")
    move = next(s for s in road.steps if s.kind == "role" and s.key == "years_program")
    assert program.start == move.start == ready["certified-pm"] and program.after == (move.id,)


def test_team_size_is_a_role_change_not_a_monthly_rate():
    """A larger team is planned as a new role: no months, never the date setter, said in the assumptions."""
    person = {**VETERAN, "facts": {**VETERAN["facts"], "team_size": 10}}
    a, road = roadmap_for("pm-titles", person, "chief-project-officer")
    role = [s for s in road.steps if s.kind == "role" and s.key == "team_size"]
    assert role and role[0].end is None
    assert all(s.kind != "role" for s in road.limits)


def test_a_met_target_plans_nothing():
    a, road = roadmap_for("pm-titles", VETERAN, "project-manager")
    assert road.already_met and road.eta == 0 and road.steps == ()


@pytest.mark.parametrize("pace", [1, 2, 3, 6])
def test_a_slower_pace_never_makes_the_plan_sooner(pace):
    """More items at once can only bring the date forward."""
    alex = {"schema_version": 1, "education": "bachelor", "facts": {"years_experience": 6, "years_managing": 4, "team_size": 9,
            "concurrent_projects": 2, "pm_training_hours": 40}, "certifications": ["PRINCE2-Foundation"],
            "competencies": {"organisation": 4, "communication": 4, "scope": 4, "schedule": 3, "cost": 3, "quality": 3, "risk": 3,
                             "stakeholders": 3, "methods": 3, "leadership": 3, "resources": 3, "coaching": 2, "strategy": 2}}
    _, slow = roadmap_for("pm-titles", alex, "project-director", pace)
    _, fast = roadmap_for("pm-titles", alex, "project-director", pace + 1)
    assert fast.eta <= slow.eta


def test_dates_follow_today():
    """The same profile planned a year later has the same months and dates a year later."""
    from pmladder.views.plan import make_plan
    from pmladder.views.plan_data import plan_json

    person = to_profile(VETERAN)
    one = plan_json(make_plan(ladder("pm-titles"), person, dt.date(2026, 1, 15)))
    two = plan_json(make_plan(ladder("pm-titles"), person, dt.date(2027, 1, 15)))
    assert one["eta_months"] == two["eta_months"]
    if one["eta_by"]:
        assert int(two["eta_by"][:4]) == int(one["eta_by"][:4]) + 1
