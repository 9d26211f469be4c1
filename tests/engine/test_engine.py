"""The placement rule: best fit with tolerated shortfalls, gates, implications and unknowns.

Properties that must hold for every input are hypothesis tests; the documented examples of
the rule (a veteran short of training hours, one skill a step short, a gate) are plain ones.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from assess_support import EDUCATION, LADDER_IDS, exactly, expected_placement, index_of, level_ids, levels, lowered, requires, to_profile
from pmladder.engine.placement import MET, MISSING, SHORT, UNKNOWN, assess
from pmladder.engine.types import Profile

TODAY = dt.date(2026, 12, 2)
# derandomized: the same examples in every run, in any order and on any worker (-p randomly, -n 2)
SETTINGS = settings(max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.lru_cache(maxsize=None)
def library():
    from pmladder.inputs.loader import load_library

    return load_library(environ={"PMLADDER_NO_CACHE": "1"})


def ladder(ladder_id: str):
    return library().get(ladder_id).ladder


def placed(ladder_id: str, person: dict):
    return assess(ladder(ladder_id), to_profile(person), TODAY)


def best_index(ladder_id: str, person: dict) -> int:
    a = placed(ladder_id, person)
    return index_of(ladder_id, a.best.id if a.best else None)


# --- generated people ------------------------------------------------------------------------

FACT_IDS = ["years_experience", "years_managing", "years_program", "years_pmo", "years_leading_managers",
            "team_size", "concurrent_projects", "pm_training_hours"]
SKILLS = ["organisation", "communication", "scope", "schedule", "cost", "quality", "risk", "stakeholders", "methods",
          "leadership", "resources", "coaching", "strategy", "change", "data", "governance"]
CERTS = ["CAPM", "PMP", "PgMP", "PfMP", "PMI-ACP", "PRINCE2-Foundation", "PRINCE2-Practitioner", "IPMA-D", "IPMA-C",
         "IPMA-B", "IPMA-A", "CSM", "PSM-I"]
MAX = {"team_size": 200, "concurrent_projects": 20, "pm_training_hours": 200}
EXACT = [exactly(lid, lv) for lid in LADDER_IDS for lv in level_ids(lid)]


def _fact_values(key: str):
    top = MAX.get(key, 30)
    return st.one_of(st.integers(0, top).map(float), st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.5, 5.0, 8.0, 35.0]).map(lambda v: min(v, top)))


# The strategies `people` draws from, made once: hypothesis checks each new strategy object when it is first
# drawn from (a third of this file's time when they were made on every draw); the same strategies, so the same
# examples.
_SEED = st.one_of(st.none(), st.sampled_from(EXACT))
_ACTION = {True: st.sampled_from(["keep", "keep", "set"]), False: st.sampled_from(["keep", "keep", "drop", "set"])}
_FACT = {key: _fact_values(key) for key in FACT_IDS}
_RATING = st.integers(0, 5)
_CERT_LISTS = st.lists(st.sampled_from(CERTS), unique=True, max_size=4)
_EDUCATION = st.sampled_from(EDUCATION)


@st.composite
def people(draw, answered: bool = False) -> dict:
    """A profile dict; near a level's minimums half of the time. `answered`: nothing left out."""
    seed = draw(_SEED) or {}
    facts = {k: float(v) for k, v in (seed.get("facts") or {}).items()}
    comps = dict(seed.get("competencies") or {})
    action_of = _ACTION[answered]
    for key in FACT_IDS:
        action = draw(action_of)
        if action == "drop":
            facts.pop(key, None)
        elif action == "set" or (answered and key not in facts):
            facts[key] = draw(_FACT[key])
    for key in SKILLS:
        action = draw(action_of)
        if action == "drop":
            comps.pop(key, None)
        elif action == "set" or (answered and key not in comps):
            comps[key] = draw(_RATING)
    person: dict = {"schema_version": 1, "facts": facts, "competencies": comps}
    if answered or draw(st.booleans()):
        person["certifications"] = draw(st.one_of(st.just(list(seed.get("certifications") or [])), _CERT_LISTS))
    education = draw(_EDUCATION) if answered else draw(st.one_of(st.just(seed.get("education")), st.none(), _EDUCATION))
    if education is not None:
        person["education"] = education
    if facts.get("years_managing", 0) > facts.get("years_experience", 1e9):
        facts["years_experience"] = facts["years_managing"]
    return person


@st.composite
def raised(draw) -> tuple[dict, dict, str]:
    """(before, after, what): `after` is `before` with one answer it gave raised (or a certification added)."""
    before = draw(people())
    after = {**before, "facts": dict(before["facts"]), "competencies": dict(before["competencies"])}
    kind = draw(st.sampled_from(["fact", "rating", "certification", "education"]))
    if kind == "fact":
        assume(before["facts"])
        key = draw(st.sampled_from(sorted(before["facts"])))
        after["facts"][key] = before["facts"][key] + draw(st.sampled_from([0.5, 1.0, 3.0, 10.0]))
        if key == "years_managing" and "years_experience" in after["facts"]:
            after["facts"]["years_experience"] = max(after["facts"]["years_experience"], after["facts"][key])
    elif kind == "rating":
        keys = [k for k, v in before["competencies"].items() if v < 5]
        assume(keys)
        key = draw(st.sampled_from(keys))
        after["competencies"][key] = draw(st.integers(before["competencies"][key] + 1, 5))
    elif kind == "certification":
        assume("certifications" in before)
        missing = [c for c in CERTS if c not in before["certifications"]]
        key = draw(st.sampled_from(missing))
        after["certifications"] = [*before["certifications"], key]
    else:
        assume("education" in before and before["education"] != "doctorate")
        key = "education"
        after["education"] = draw(st.sampled_from(EDUCATION[EDUCATION.index(before["education"]) + 1:]))
    return before, after, f"{kind} {key}"


# --- properties of the rule ---------------------------------------------------------------------


ISSUE_17 = {"schema_version": 1, "education": "bachelor", "certifications": ["PMP"],
            "facts": {"years_experience": 3.0, "years_managing": 3.0, "pm_training_hours": 35.0},
            "competencies": {"scope": 3, "cost": 3, "quality": 3, "risk": 3, "schedule": 0, "communication": 3, "leadership": 3, "strategy": 1}}


@settings(SETTINGS, max_examples=100)  # still fails on a broken rule (a fact at twice its need counted missing)
@given(raised())
@example((ISSUE_17, {**ISSUE_17, "competencies": {**ISSUE_17["competencies"], "schedule": 2}}, "rating schedule"))
def test_raising_one_answer_never_lowers_the_placement(case):
    """Raising a fact, a rating, the education, or adding a certification never moves a person down (see `lowered`)."""
    before, after, what = case
    for ladder_id in LADDER_IDS:
        a, b = placed(ladder_id, before), placed(ladder_id, after)
        was, now = ((x.best and x.best.id, x.fully and x.fully.id) for x in (a, b))
        assert lowered(ladder_id, was, now) is None, (ladder_id, what)


@SETTINGS
@given(people())
def test_the_best_fit_is_the_highest_ranked_title_reached(person):
    """Each level is judged on its own (issue 19): the best fit is reached, and no level reached outranks it."""
    for ladder_id in LADDER_IDS:
        a = placed(ladder_id, person)
        reached = [f.level for f in a.fits if f.reached]
        if a.best is None:
            assert not reached
            continue
        assert a.fit(a.best.id).reached
        assert all(lv.rank <= a.best.rank for lv in reached), [lv.id for lv in reached]


@SETTINGS
@given(people(answered=True))
@example({"schema_version": 1, "education": "none", "facts": {}, "competencies": {}, "certifications": []})
def test_meeting_a_level_in_full_places_at_least_there(person):
    """Anyone is placed at least as high as the all-or-nothing rule of the first release would place them."""
    from pmladder.engine.roadmap import below

    for ladder_id in LADDER_IDS:
        old_id = expected_placement(ladder_id, person)
        old = index_of(ladder_id, old_id)
        a = placed(ladder_id, person)
        assert best_index(ladder_id, person) >= old, ladder_id
        on_the_way = old_id is not None and (old_id == a.best.id or below(a.ladder, old_id, a.best.id))
        if on_the_way:  # "fully meets" names a title on the way to the best fit (not one on another branch)
            assert index_of(ladder_id, a.fully.id if a.fully else None) >= old, ladder_id


@SETTINGS
@given(people())
def test_same_input_same_result_and_fully_met_is_below_best_fit(person):
    """Deterministic; what is met in full is never above the best fit, and is met in full."""
    for ladder_id in LADDER_IDS:
        a, b = placed(ladder_id, person), placed(ladder_id, person)
        assert (a.best, a.fully, a.could_be) == (b.best, b.fully, b.could_be)
        if a.fully is not None:
            assert a.fit(a.fully.id).fully
            assert a.fully.rank <= a.best.rank


@SETTINGS
@given(people())
def test_unknown_is_never_counted_as_missing(person):
    """A requirement the profile did not answer is 'unknown', never 'missing' or 'met' by default."""
    for ladder_id in LADDER_IDS:
        a = placed(ladder_id, person)
        for fit in a.fits:
            for c in fit.checks:
                if c.kind == "fact" and c.key not in person["facts"] and c.by is None:
                    assert c.state == UNKNOWN
                if c.kind == "skill" and c.key not in person["competencies"]:
                    assert c.state == UNKNOWN
                if c.kind == "education" and "education" not in person and c.by is None:
                    assert c.state == UNKNOWN


# --- the documented examples -------------------------------------------------------------------

VETERAN = {
    "schema_version": 1, "name": "Dana Okafor", "education": "bachelor",
    "facts": {"years_experience": 15, "years_managing": 10, "team_size": 40, "concurrent_projects": 4,
              "pm_training_hours": 20, "years_program": 3, "years_pmo": 0, "years_leading_managers": 4},
    "certifications": ["PMP"],
    "competencies": {k: 4 for k in SKILLS} | {"leadership": 5, "stakeholders": 5, "communication": 5},
}


@pytest.mark.parametrize("education", ["bachelor", None])
def test_the_veteran_is_senior_project_manager_or_higher(education):
    """A 15-year veteran with a PMP and 20 training hours is not dropped to coordinator (issue 8's first case)."""
    person = {**VETERAN, "facts": dict(VETERAN["facts"])}
    if education is None:
        person.pop("education")
    a = placed("pm-titles", person)
    assert a.best is not None
    assert a.ladder.index(a.best.id) >= a.ladder.index("senior-project-manager"), a.best.id


def test_what_a_pmp_proves_counts_as_answered():
    """A PMP holder who reports 20 hours is counted as having 35, and the report can say why."""
    a = placed("pm-titles", VETERAN)
    hours = next(c for c in a.fit("project-manager").checks if c.key == "pm_training_hours")
    assert hours.state == MET and hours.have == 35 and hours.by == "PMP"
    assert any(i.kind == "fact" and i.key == "pm_training_hours" and i.by == "PMP" for i in a.known.implied)


def test_a_higher_ipma_level_meets_a_requirement_for_a_lower_one():
    """IPMA-B implies IPMA-C: an 'any of PMP, PRINCE2-Practitioner, IPMA-C, IPMA-B' is met by IPMA-A too."""
    person = {**VETERAN, "certifications": ["IPMA-A"]}
    a = placed("pm-titles", person)
    certs = next(c for c in a.fit("senior-project-manager").checks if c.kind == "certs")
    assert certs.state == MET and set(certs.have) >= {"IPMA-B", "IPMA-C"}


def test_one_skill_a_step_short_keeps_the_level_and_names_the_shortfall():
    """Meeting a level but for one rating one step short places the person there, with the shortfall open."""
    for ladder_id in LADDER_IDS:
        for lv in levels(ladder_id):
            req = requires(lv)
            skill = next((k for k, v in req["competencies"].items() if v >= 1), None)
            if skill is None:
                continue
            person = exactly(ladder_id, lv["id"])
            person["competencies"][skill] -= 1
            a = placed(ladder_id, person)
            assert a.best is not None and a.ladder.index(a.best.id) >= a.ladder.index(lv["id"]), (ladder_id, lv["id"], skill)
            shortfall = next(c for c in a.fit(lv["id"]).checks if c.key == skill)
            assert shortfall.state == SHORT


def test_a_big_shortfall_keeps_the_person_below():
    """Two ratings short by two steps each is not 'close': the level is not reached."""
    for ladder_id in LADDER_IDS:
        for lv in levels(ladder_id)[1:]:
            req = requires(lv)
            skills = [k for k, v in req["competencies"].items() if v >= 2][:2]
            if len(skills) < 2:
                continue
            person = exactly(ladder_id, lv["id"])
            for k in skills:
                person["competencies"][k] -= 2
            a = placed(ladder_id, person)
            assert not a.fit(lv["id"]).reached, (ladder_id, lv["id"])


def test_an_empty_profile_is_not_placed_and_says_it_is_unanswered():
    """Nothing answered: not placed on any ladder, and every requirement of the first title is unknown."""
    for ladder_id in LADDER_IDS:
        a = placed(ladder_id, {"schema_version": 1})
        assert a.best is None
        assert all(c.state == UNKNOWN for c in a.fits[0].checks)


def test_the_sample_profile_is_junior_project_manager_or_higher_on_the_pmo_sequence():
    """The README's sample person, a Project Manager on pm-titles, is not a coordinator on the PMO sequence."""
    import yaml

    from assess_support import REPO

    person = yaml.safe_load((REPO / "ladders" / "examples" / "profile-alex.yaml").read_text(encoding="utf-8"))
    a = placed("pmo-sequence", person)
    assert a.ladder.index(a.best.id) >= a.ladder.index("junior-project-manager"), a.best.id
    assert placed("pm-titles", person).best.id == "project-manager"


GATED = """
schema_version: 1
id: gated
name: Gated ladder
source: Written for the tests
description: Two levels; the upper one makes its certificate a gate.
tiers: {entry: {name: Entry}, mid: {name: Mid}}
levels:
  - id: coordinator
    title: Coordinator
    tier: entry
    summary: Helps.
    requires:
      competencies: {organisation: 2}
    next: [manager]
  - id: manager
    title: Manager
    tier: mid
    summary: Runs projects.
    requires:
      facts: {years_managing: 3}
      certifications: {any_of: [PMP, IPMA-C]}
      competencies: {organisation: 3, risk: 3}
      gates: [certifications]
    next: []
"""


def test_a_gate_is_met_or_missing_never_close(tmp_path):
    """A certificate marked as a gate is not tolerated the way an expectation is."""
    from pmladder.inputs.loader import load_library

    (tmp_path / "gated.yaml").write_text(GATED, encoding="utf-8")
    lib = load_library([tmp_path], environ={"PMLADDER_NO_CACHE": "1"})
    ladder_ = lib.get("gated").ladder
    person = to_profile({"schema_version": 1, "education": "bachelor", "facts": {"years_managing": 4, "years_experience": 5},
                         "certifications": [], "competencies": {"organisation": 3, "risk": 3}})
    a = assess(ladder_, person, TODAY)
    cert = next(c for c in a.fit("manager").checks if c.kind == "certs")
    assert cert.atom.gate and cert.state == MISSING
    assert a.best.id == "coordinator"
    ungated = ladder_._replace(levels=tuple(lv._replace(requires=tuple(x._replace(gate=False) for x in lv.requires)) for lv in ladder_.levels))
    b = assess(ungated, person, TODAY)
    # ungated, the work decides the title and the certificate not held is what would confirm it (never "close")
    assert b.best.id == "manager" and next(c for c in b.fit("manager").checks if c.kind == "certs").state == MISSING
    assert [c.kind for c in b.to_hold] == ["certs"]


def test_a_profile_from_another_ladder_is_not_penalised_for_what_it_never_answered():
    """Answers for pm-titles only (no data, no governance) still place the person on the PMO sequence."""
    person = exactly("pm-titles", "project-manager", education="bachelor")
    person["certifications"] = ["PMP"]
    a = placed("pmo-sequence", person)
    assert a.best is not None
    unknown = {c.key for f in a.fits for c in f.checks if c.state == UNKNOWN}
    assert {"data", "governance"} & unknown


def test_profile_defaults_mean_unknown():
    """The runtime Profile's defaults are 'not answered', not zeros."""
    p = Profile()
    assert p.certifications is None and p.facts == {} and p.competencies == {} and p.education is None


def test_an_answer_below_what_a_held_certificate_shows_is_counted_up_and_flagged(invoke, tmp_path):
    """PMP with 1 year and 2 training hours typed: PMP's minimums count, and the report asks to check the answers."""
    import json

    import yaml

    path = tmp_path / "pmp1.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "T", "education": "bachelor", "certifications": ["PMP"],
                                    "facts": {"years_experience": 1, "years_managing": 1, "pm_training_hours": 2}}), encoding="utf-8")
    args = ("assess", "--ladder", "pm-titles", "--profile", path, "--today", "2026-12-02")
    data = json.loads(invoke(*args, "--format", "json").stdout)
    implied = {i["key"]: i for i in data["implied"]}
    assert implied["pm_training_hours"]["value"] == 35 and implied["pm_training_hours"]["answered"] == 2
    assert "check that answer" in implied["pm_training_hours"]["text"]
    assert all(i["answered"] is None or i["answered"] < i["value"] for i in data["implied"] if i["kind"] == "fact")
    for fmt in ("text", "markdown"):
        out = " ".join(invoke(*args, "--format", fmt).stdout.split())
        assert "you answered 2 hours" in out and "check that answer" in out
    path.write_text(yaml.safe_dump({"schema_version": 1, "name": "T", "certifications": ["PMP"], "facts": {}}), encoding="utf-8")
    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert all(i["answered"] is None and "check" not in i["text"] for i in data["implied"])  # nothing typed: nothing to check
