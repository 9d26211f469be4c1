"""Placement is monotonic in every answer (issue 17, item 4).

Raising one answer (a rating, a fact, the education, one more certificate) never lowers the
best fit or the "fully meets" title on any built-in ladder, and neither does answering an
open question with its highest value ("fully meets" is counted on the new branch when the
best fit moves over to another one: `assess_support.lowered`). The generated people start from a profile that meets
one level of one ladder exactly and move a few answers around it (up, down, or unanswered),
so they sit where the rule decides: at the tolerance budget, at the answered share, with
groups ("any N of") half answered. The search is derandomized: it finds the same people in
every run and in every order.
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess_support import EDUCATION, LADDER_IDS, level, levels, lowered, requires, to_profile, write_profile
from pmladder.engine.placement import assess

TODAY = dt.date(2026, 12, 2)


@functools.lru_cache(maxsize=None)
def library():
    from pmladder.inputs.loader import load_library

    return load_library(environ={"PMLADDER_NO_CACHE": "1"})


@functools.lru_cache(maxsize=None)
def vocabulary() -> tuple[dict[str, float], list[str]]:
    """Every fact (with the most it accepts) and every competency a built-in ladder uses."""
    facts: dict[str, float] = {}
    skills: set[str] = set()
    for lid in LADDER_IDS:
        ladder = library().get(lid).ladder
        facts.update({k: f.max for k, f in ladder.facts.items()})
        skills |= set(ladder.comps)
    return facts, sorted(skills)


def standing(person: dict, ladders=LADDER_IDS) -> dict[str, tuple[str | None, str | None]]:
    """(best fit, fully meets) level ids, None for none, on each of `ladders`."""
    profile = to_profile(person)
    out = {}
    for lid in ladders:
        a = assess(library().get(lid).ladder, profile, TODAY)
        out[lid] = (a.best.id if a.best else None, a.fully.id if a.fully else None)
    return out


def assert_not_lower(before: dict, after: dict, what: str, ladders=LADDER_IDS) -> None:
    was, now = standing(before, ladders), standing(after, ladders)
    for lid in ladders:
        down = lowered(lid, was[lid], now[lid])
        assert down is None, f"{what} lowered the {down} on {lid}"


def _copy(person: dict) -> dict:
    out = {**person, "facts": dict(person.get("facts") or {}), "competencies": dict(person.get("competencies") or {})}
    if out.get("certifications") is not None:
        out["certifications"] = list(out["certifications"])
    return out


# --- the cases of the issue, and one per cause found, on every built-in ladder ------------------

PMI = {"schema_version": 1, "education": "bachelor", "certifications": ["PMP"],
       "facts": {"years_experience": 3, "years_managing": 3, "pm_training_hours": 35},
       "competencies": {"scope": 3, "cost": 3, "quality": 3, "risk": 3, "schedule": 0,
                        "communication": 3, "leadership": 3, "strategy": 1}}
IPMA = {"schema_version": 1, "education": "master", "certifications": ["IPMA-B"],
        "facts": {"years_experience": 6, "years_managing": 5, "years_complex_projects": 3},
        "competencies": {"scope": 4, "schedule": 4, "cost": 4, "quality": 4, "risk": 4, "organisation": 0,
                         "communication": 4, "leadership": 4, "strategy": 2}}
REPORTED = [("pmi-path", PMI, "schedule", 2, "project-manager"),
            ("ipma-levels", IPMA, "organisation", 3, "level-b")]


def _with(person: dict, **changes) -> dict:
    out = _copy(person)
    for part, values in changes.items():
        if isinstance(values, dict):
            out[part].update(values)
        else:
            out[part] = values
    return out


# one Project Manager profile per cause, each a raise that lowered the placement before the fix
OPEN_RISK = _with(PMI, competencies={"schedule": 2})
del OPEN_RISK["competencies"]["risk"]
CAUSES = {
    # "any 5 of 8 at 3": 4 met, 1 at 0, 3 open (could still be met) -> 1 a step short: it became 'close'
    "a group's low rating raised into the shortfall": (PMI, _with(PMI, competencies={"schedule": 2})),
    # 3 met, 1 a step short, 4 open -> one of the open ones answered 5: it became 'close'
    "a group's open rating answered with the most": (OPEN_RISK, _with(OPEN_RISK, competencies={"risk": 5})),
    # PMP's route by a degree: the degree a step short, the hours open -> the hours answered: the route became 'close'
    "a route's open answer answered with the most": (
        {"schema_version": 1, "education": "secondary", "certifications": ["PgMP"], "facts": {"years_managing": 3},
         "competencies": {"scope": 3, "schedule": 3, "cost": 3, "quality": 3, "risk": 3, "communication": 3,
                          "leadership": 3, "strategy": 1, "governance": 0, "data": 0}},
        {"facts": {"years_managing": 3, "pm_training_hours": 10000}}),
    # a route close but with its hours open counted as answered; years raised, another route could be met instead
    "a route's years raised while another answer of it is open": (
        {"schema_version": 1, "education": "secondary", "facts": {"years_managing": 3.5},
         "competencies": {"scope": 3, "cost": 3, "quality": 3, "risk": 3, "communication": 4, "leadership": 4,
                          "strategy": 4, "stakeholders": 3}},
        {"facts": {"years_managing": 5}}),
}
CAUSES = {name: (before, after if "schema_version" in after else _with(before, **after)) for name, (before, after) in CAUSES.items()}


@pytest.mark.parametrize("ladder_id", LADDER_IDS)
@pytest.mark.parametrize("case", REPORTED, ids=[c[0] for c in REPORTED])
def test_the_reported_rating_raises_lower_nothing(case, ladder_id):
    """Issue 17's cases: a 'schedule' 0 -> 2 (pmi-path), an 'organisation' 0 -> 3 (ipma-levels)."""
    _home, person, key, value, _level = case
    for new in range(person["competencies"][key] + 1, 6):  # every value above, the one among them
        after = _with(person, competencies={key: new})
        assert_not_lower(person, after, f"{key} {person['competencies'][key]} -> {new}", (ladder_id,))


@pytest.mark.parametrize("ladder_id", LADDER_IDS)
@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_each_cause_found_lowers_nothing(cause, ladder_id):
    """One raise per cause the search found: none of them moves the best fit or 'fully meets' down."""
    before, after = CAUSES[cause]
    assert_not_lower(before, after, cause, (ladder_id,))


PROGRAM_MANAGER = {"schema_version": 1, "education": "bachelor", "certifications": ["PgMP"],
                   "facts": {"years_experience": 4, "years_managing": 4, "pm_training_hours": 35, "years_program": 4},
                   "competencies": {"scope": 4, "schedule": 4, "cost": 4, "quality": 4, "risk": 4, "communication": 4,
                                    "leadership": 4, "stakeholders": 4, "strategy": 3, "governance": 3, "data": 3}}


def test_a_raise_onto_the_other_branch_counts_fully_meets_on_that_branch():
    """Program Manager met in full; PfMP added reaches Portfolio Manager too, a title of the same rank on the
    other branch (later in the file). Issue 19: the branch where more of the person's evidence is met wins the
    tie, so the program manager stays one; when the best fit does move over, "fully meets" is counted on the
    new branch and must not go below the branch point."""
    before, after = PROGRAM_MANAGER, _with(PROGRAM_MANAGER, certifications=["PgMP", "PfMP"])
    was, now = standing(before, ("pmi-path",))["pmi-path"], standing(after, ("pmi-path",))["pmi-path"]
    assert was == ("program-manager", "program-manager")
    assert now == ("program-manager", "program-manager")
    assert lowered("pmi-path", was, now) is None
    assert lowered("pmi-path", was, ("portfolio-manager", "project-manager")) is None
    a = assess(library().get("pmi-path").ladder, to_profile(after), TODAY)
    assert a.fit("program-manager").fully
    assert lowered("pmi-path", ("program-manager", "program-manager"), ("portfolio-manager", "project-management-associate"))


def test_a_route_with_an_open_answer_is_close_at_best_and_not_yet_answered():
    """The degree a step short and the hours open: the route is close, and does not count as answered."""
    before, _after = CAUSES["a route's open answer answered with the most"]
    a = assess(library().get("pmi-path").ladder, to_profile(before), TODAY)
    route = next(c for c in a.fit("project-manager").checks if c.kind == "alt")
    assert (route.state, route.floor) == ("short", "missing")
    assert a.best is None or a.best.id != "project-manager"  # the route not met never gives the title


@pytest.mark.parametrize("case", REPORTED, ids=[c[0] for c in REPORTED])
def test_the_reported_cases_keep_their_title_in_the_json_report(case, invoke, tmp_path):
    """Through the CLI: the person keeps the title after the raise (the issue saw them drop one)."""
    ladder_id, person, key, value, title = case
    after = _with(person, competencies={key: value})
    placed = []
    for name, p in (("before", person), ("after", after)):
        path = write_profile(tmp_path / f"{name}.yaml", p)
        result = invoke("assess", "--ladder", ladder_id, "--profile", path, "--format", "json", "--today", "2026-12-02")
        assert result.exit_code == 0, result.output
        placed.append(json.loads(result.stdout)["placement"]["best_fit"]["id"])
    assert placed == [title, title]


# --- generated people near each level's thresholds ---------------------------------------------


def meeting(ladder_id: str, level_id: str, route: int | None) -> tuple[dict, dict, tuple]:
    """(person, needs, parts). `person` meets the level exactly (every minimum, nothing more), its one-of
    through alternative `route`; `needs` is what the level asks of each answer, keyed (kind, id) (a fact's
    minimum, a rating, of a group's members the group's rating, the education); `parts` holds the answers
    of each requirement (one for a single answer, the members of a group, the answers of the route)."""
    req = requires(level(ladder_id, level_id))
    person: dict = {"schema_version": 1, "facts": {}, "certifications": [], "competencies": {}}
    needs: dict = {}
    parts: list = []
    for part in [req] + ([] if route is None else [req["one_of"][route]]):
        keys = []
        if part["education"] is not None:
            if EDUCATION.index(part["education"]) > EDUCATION.index(person.get("education", "none")):
                person["education"] = needs[("education", "education")] = part["education"]
            keys.append(("education", "education"))
        for key, need in part["facts"].items():
            person["facts"][key] = needs[("fact", key)] = max(float(need), person["facts"].get(key, 0.0))
            keys.append(("fact", key))
        person["certifications"] += [c for c in part["certifications"]["all_of"] + part["certifications"]["any_of"][:1]
                                     if c not in person["certifications"]]
        for key, need in part["competencies"].items():
            person["competencies"][key] = needs[("rating", key)] = max(need, person["competencies"].get(key, 0))
            keys.append(("rating", key))
        for group in part["any_competencies"]:
            for key in group["of"][: group["n"]]:
                person["competencies"][key] = max(person["competencies"].get(key, 0), group["rating"])
            for key in group["of"]:
                needs[("rating", key)] = max(needs.get(("rating", key), 0), group["rating"])
            parts.append(tuple(("rating", k) for k in group["of"]))
        parts += [(k,) for k in keys] if part is req else [tuple(keys)]
    return person, needs, tuple(p for p in parts if p)


def _seeds() -> list[tuple[str, dict, dict, tuple]]:
    """A person meeting each level of each built-in ladder exactly, once per alternative of its one-of."""
    out = []
    for lid in LADDER_IDS:
        for lv in levels(lid):
            routes = range(len(requires(lv)["one_of"])) or [None]
            out += [(lid, *meeting(lid, lv["id"], r)) for r in routes]
    return out


SEEDS = _seeds()


@functools.lru_cache(maxsize=None)
def ladder_certs(ladder_id: str) -> tuple[str, ...]:
    """The certificates a ladder asks for anywhere (a level, one of its alternatives)."""
    out: dict[str, None] = {}
    for lv in levels(ladder_id):
        req = requires(lv)
        for part in [req, *req["one_of"]]:
            out.update(dict.fromkeys(part["certifications"]["all_of"] + part["certifications"]["any_of"]))
    return tuple(out)


def inside(ladder_id: str, kind: str, key: str, needs: dict):
    """The lowest value of an answer the level asks for that is still a tolerated shortfall."""
    ladder = library().get(ladder_id).ladder
    need = needs[(kind, key)]
    if kind == "education":
        return EDUCATION[max(0, EDUCATION.index(need) - 1)]
    if kind == "rating":
        return max(0, need - ladder.levels[0].tolerance.rating_steps)
    return round(need * (1 - ladder.facts[key].tolerance), 2)


def scale(ladder_id: str, kind: str, key: str, needs: dict) -> list:
    """The values worth trying for one answer, lowest first: for what the level asks, none, just outside the
    tolerated shortfall, just inside it, the need, the most; for anything else, a spread of the whole range."""
    if kind == "education":
        return list(EDUCATION)
    if kind == "rating":
        return list(range(6)) if (kind, key) not in needs else sorted({0, max(0, inside(ladder_id, kind, key, needs) - 1),
                                                                       inside(ladder_id, kind, key, needs), needs[(kind, key)], 5})
    most = vocabulary()[0][key]
    if (kind, key) not in needs:
        return [0.0, 1.0, 3.0, 5.0, most]
    low = inside(ladder_id, kind, key, needs)
    return sorted({0.0, max(0.0, low - 1), low, float(needs[(kind, key)]), float(most)})


def _set(person: dict, kind: str, key: str, value) -> None:
    part = person if kind == "education" else person["facts"] if kind == "fact" else person["competencies"]
    if value is None:
        part.pop(key, None)
    else:
        part[key] = value


@st.composite
def one_answer_raised(draw) -> tuple[str, dict, dict, str]:
    """(ladder, before, after, what). `before` meets one level of `ladder` exactly (through one of its
    alternatives), then leaves some of its answers open and moves a few into or out of the tolerated
    shortfall; `after` raises one answer of `before` (mostly one the level asks for, from below its need),
    adds one of the ladder's certificates, or answers an open question with its highest value."""
    facts, skills = vocabulary()
    ladder_id, seed, needs, parts = draw(st.sampled_from(SEEDS))
    certs = ladder_certs(ladder_id)
    asked = st.sampled_from(parts).flatmap(st.sampled_from)  # a requirement, then one of its answers
    what = draw(st.sampled_from(["asked"] * 5 + ["certificate"] * 2 + ["rating", "fact", "education"]))
    target = {"asked": lambda: draw(asked), "rating": lambda: ("rating", draw(st.sampled_from(skills))),
              "fact": lambda: ("fact", draw(st.sampled_from(sorted(facts)))), "education": lambda: ("education", "education"),
              "certificate": lambda: None}[what]()
    before = _copy(seed)
    if draw(st.booleans()):
        for other in draw(st.lists(asked, unique=True)):
            _set(before, *other, None)  # left open, to sit at the answered share
    for _ in range(draw(st.integers(0, 2))):  # into the tolerated shortfall, to fill the level's allowance
        other = draw(asked)
        _set(before, *other, inside(ladder_id, *other, needs))
    if draw(st.booleans()):  # out of it
        other = draw(asked)
        low = inside(ladder_id, *other, needs)
        _set(before, *other, draw(st.sampled_from([v for v in scale(ladder_id, *other, needs) if v != low][:2])))
    if draw(st.integers(0, 3)) == 0:
        held = before.get("certifications") or []
        choice = draw(st.sampled_from(["unanswered", "drop one", "add one"]))
        if choice == "unanswered":
            before.pop("certifications", None)
        elif choice == "drop one" and held:
            before["certifications"] = [c for c in held if c != draw(st.sampled_from(held))]
        else:
            before["certifications"] = list(dict.fromkeys([*held, draw(st.sampled_from(certs))]))
    after = _copy(before)
    if target is None:
        held = before.get("certifications")
        after["certifications"] = list(certs) if held is None else list(dict.fromkeys([*held, draw(st.sampled_from(certs))]))
        return ladder_id, before, after, f"certifications {held} -> {after['certifications']}"
    values = scale(ladder_id, *target, needs)
    start = draw(st.sampled_from([None, *values[:-1]]))
    end = values[-1] if start is None else draw(st.sampled_from(values[values.index(start) + 1:]))
    _set(before, *target, start)
    _set(after, *target, end)
    return ladder_id, before, after, f"{target[0]} {target[1]} {start} -> {end}"


# 400 examples: with a deliberately broken rule (a fact at twice its need counted as missing) this
# fails at 150 already; 1500 took four times as long for nothing more found.
@settings(max_examples=400, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(one_answer_raised())
def test_raising_one_answer_near_a_threshold_lowers_nothing(case):
    """Near every level of every built-in ladder: one answer up never moves the best fit or 'fully meets' down."""
    ladder_id, before, after, what = case
    assert_not_lower(before, after, what, (ladder_id,))
