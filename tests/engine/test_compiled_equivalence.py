"""The compiled fast path places and plans exactly as the plain rules do (issue 23, speed).

`engine/compiled.py` works out once per ladder what does not depend on the person, and
`fit_tables._fits` holds each level's requirements as tables a person's answers are looked up in.
Here generated people (answers up, down, blank, whole and decimal, certificates held, implied or
lapsed, tracks, reviews) are placed and planned on every built-in ladder, the organisation
ladders of the tests and the ladders of the requirement constructs (conditional requirements,
choices, tracks), and every result is held to a straightforward reference written here from the
plain rules (`placement.fit`, `placement.check`, `graph.above`, `implications.closure`): each
level's fit, the assessment, what the roadmap reads, the roadmap (against a planner that
remembers none of its estimates), and the whole plan, also against the plan made from a fresh
copy of the ladder (nothing compiled yet). The search is derandomized.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmladder.engine import roadmap
from pmladder.engine.graph import above
from pmladder.engine.implications import closure
from pmladder.engine.placement import MET, UNKNOWN, Assessment, Known, _pick, assess, check, fit, unknowns
from pmladder.engine.types import EDUCATION, CertDates, Kind, Profile, Review, atoms_of, uses
from pmladder.views.plan import make_plan

TESTS = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 2)


@functools.lru_cache(maxsize=None)
def library():
    from pmladder.inputs.loader import load_library

    dirs = [TESTS / "org_ladders", TESTS / "good_ladders", TESTS / "construct_ladders"]
    return load_library(extra_dirs=dirs, environ={"PMLADDER_NO_CACHE": "1", "PMLADDER_HOME": str(TESTS / "no-such-home")})


LADDERS = ("pm-titles", "pmo-sequence", "pmo-career", "ipma-levels", "pmi-path", "org-a", "org-b", "org-delivery",
           "delivery-framework")


# --- the reference: the plain rules, one step after another --------------------------------------------


def reference_track(ladder, track) -> frozenset:
    """The level ids on a track or branch a person names (placement._track), with graph.above over the ladder."""
    nexts = {lv.id: lv.next for lv in ladder.levels}

    def branch(level_id):
        if not level_id or not any(lv.id == level_id for lv in ladder.levels):
            return frozenset()
        up = above(lambda n: nexts[n], level_id)
        down = {lv.id for lv in ladder.levels if level_id in above(lambda n: nexts[n], lv.id)}
        return frozenset({level_id, *up, *down})

    named = ladder.tracks.get(track) if track else None
    if named is not None:
        return frozenset().union(*(branch(level_id) for level_id in named.levels))
    return branch(track)


def reference_assess(ladder, profile, today) -> Assessment:
    """placement.assess with each level held by the plain rule `fit`, the graph walked each time."""
    known = Known(profile, ladder, today)
    fits = tuple(fit(level, Known(profile, ladder, today)) for level in ladder.levels)
    track = reference_track(ladder, profile.track)
    nexts = {lv.id: lv.next for lv in ladder.levels}
    best_i, tied = _pick(fits, [i for i, f in enumerate(fits) if f.reached], track)
    best = ladder.levels[best_i] if best_i is not None else None
    fully = None
    if best is not None:
        on_the_way = [i for i, f in enumerate(fits) if f.reached and f.fully
                      and (i == best_i or best.id in above(lambda n: nexts[n], f.level.id))]
        fully_i, _ = _pick(fits, on_the_way, track)
        fully = ladder.levels[fully_i] if fully_i is not None else None
    rank = best.rank if best is not None else -1
    work_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.work and f.level.rank > rank], track)
    hope_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.could_reach and f.level.rank > rank], track)
    matched = ladder.levels[work_i] if work_i is not None else None
    up_i = None
    if matched is not None:
        up_i, _ = _pick(fits, [i for i, f in enumerate(fits) if f.could_work and not f.work and f.level.rank > matched.rank], track)
    return Assessment(ladder, profile, today, known, fits, best, fully,
                      ladder.levels[hope_i] if best is not None and hope_i is not None else None,
                      tuple(ladder.level(i) for i in best.next) if best else (ladder.levels[0],), matched,
                      tuple(ladder.levels[i] for i in tied), ladder.levels[up_i] if up_i is not None else None)


def reference_for_check(road, level_id, c):
    """Roadmap.for_check, every step looked at."""
    atoms = [a for block in c.need for a in block] if c.kind == Kind.ALT else [c.atom]
    found = [s for s in road.steps if any(roadmap._closes(s, a) for a in atoms)]
    order = [m.level.id for m in road.milestones]
    if level_id in order:
        upto = order[: order.index(level_id) + 1]
        found = [s for s in found if s.milestone in upto]
    return max(found, key=lambda s: (-1 if s.end is None else s.end, s.need if isinstance(s.need, (int, float)) else 0), default=None)


def plain_plan(a: Assessment, goal, pace: int):
    """roadmap.plan with a planner that remembers no estimate: each one worked out again where it is asked."""
    roadmap._REMEMBER = False
    try:
        return roadmap.plan(a, goal, pace)
    finally:
        roadmap._REMEMBER = True


def standing(a: Assessment) -> tuple:
    ids = lambda lv: None if lv is None else lv.id  # noqa: E731
    return (ids(a.best), ids(a.fully), ids(a.could_be), [lv.id for lv in a.next], ids(a.matched), [lv.id for lv in a.tied],
            ids(a.matched_up), a.fits, a.known.implied, a.known.held, a.known.lapsed, a.known.renew_by, a.known.stated)


def plan_data(plan) -> tuple:
    return (standing(plan.assessment), plan.roadmap, plan.gaps, plan.unknowns, plan.flags, plan.review)


# --- generated people -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _strategies(ladder_id: str):
    """What `cases` draws from for one ladder, made once: hypothesis checks each new strategy object when it is
    first drawn from, and these were made again on every draw (the same strategies: the same examples)."""
    ladder = library().get(ladder_id).ladder
    used = uses(ladder)
    skills = sorted({a.key for lv in ladder.levels for a in atoms_of(lv.requires) if a.kind == Kind.SKILL}
                    | {k for lv in ladder.levels for a in atoms_of(lv.requires) if a.kind == Kind.SKILLS for k in a.need.ids})

    def value(key):
        top = ladder.facts[key].max
        return st.one_of(st.integers(0, int(min(top, 40))), st.integers(0, int(min(top, 40)) * 2).map(lambda n: n / 2))

    return dict(
        ladder=ladder, skills=skills,
        facts=st.lists(st.sampled_from(used.facts), unique=True) if used.facts else None,
        value={key: value(key) for key in used.facts},
        skill_lists=st.lists(st.sampled_from(skills), unique=True) if skills else None,
        some_skills=st.lists(st.sampled_from(skills), unique=True, min_size=1) if skills else None,
        certs=st.one_of(st.none(), st.lists(st.sampled_from(sorted(ladder.certs)), unique=True, max_size=3)),
        education=st.sampled_from((None, *EDUCATION)),
        track=st.sampled_from([None, *ladder.tracks, *(lv.id for lv in ladder.levels), "no-such-track"]),
        target=st.sampled_from((None, *(lv.id for lv in ladder.levels))),
    )


@st.composite
def cases(draw):
    made = _strategies(draw(st.sampled_from(LADDERS)))
    ladder, skills = made["ladder"], made["skills"]
    facts = {}
    for key in draw(made["facts"]) if made["facts"] is not None else ():
        top = ladder.facts[key].max
        value = draw(made["value"][key])
        facts[key] = min(value, top)
    ratings = {key: draw(st.integers(0, ladder.comps[key].top)) for key in draw(made["skill_lists"])} if skills else {}
    certs = draw(made["certs"])
    dates = {}
    for cert in certs or ():
        if ladder.certs[cert].valid_years is not None and draw(st.booleans()):
            dates[cert] = CertDates(earned=str(draw(st.integers(2010, 2026))))
    last = {key: draw(st.integers(2010, 2026)) for key in draw(st.lists(st.sampled_from(sorted(facts)), unique=True, max_size=2))} if facts else {}
    reviews = ()
    if ratings and draw(st.booleans()):
        theirs = {key: draw(st.integers(0, ladder.comps[key].top)) for key in draw(made["some_skills"])}
        reviews = (Review("A reviewer", dt.date(2026, 6, 1), theirs),)
    profile = Profile(name="Generated", education=draw(made["education"]), facts=facts,
                      certifications=None if certs is None else tuple(certs), competencies=ratings, last_year=last,
                      track=draw(made["track"]), certification_dates=dates, reviews=reviews)
    target = draw(made["target"])
    return ladder, profile, target, draw(st.sampled_from((1, 3))), draw(st.sampled_from(("self", "reviewer", "lower")))


@settings(derandomize=True, max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_the_fast_path_places_and_plans_as_the_plain_rules(case):
    ladder, profile, target, pace, ratings = case
    a = assess(ladder, profile, TODAY)
    ref = reference_assess(ladder, profile, TODAY)
    for got, want in zip(a.fits, ref.fits):
        assert got == want, got.level.id
    assert standing(a) == standing(ref)
    assert unknowns(a) == unknowns(ref)
    # what the roadmap asks of the person: a requirement met or not, without small shortfalls
    for level in ladder.levels:
        for atom in atoms_of(level.requires):
            assert a.known.strict(atom) == check(atom, ref.known, None)
    # the requirements of the certificates' rules and of the one-ofs' routes not met: what the planner's estimates read
    blocks = [b for info in ladder.certs.values() for b in info.eligibility]
    blocks += [b for level in ladder.levels for atom in level.requires if atom.kind == Kind.ALT for b in atom.need]
    for block in blocks:
        assert repr(a.known.open_in(block)) == repr(tuple(c for c in (check(x, ref.known, None) for x in block) if c.state != MET))
    for cert in ladder.certs:
        assert a.known.compiled.closure([cert]) == closure([cert], ladder)
        assert a.known.eligible_now(cert) == ref.known.eligible_now(cert)
    goal = ladder.level(target) if target else None
    road = roadmap.plan(a, goal, pace)
    assert road == plain_plan(ref, goal, pace)
    if road.target is not None:
        for lid in [m.level.id for m in road.milestones] + [road.target.id]:
            for c in a.fit(lid).checks:
                if c.state not in (MET, UNKNOWN):
                    assert road.for_check(lid, c) == reference_for_check(road, lid, c)
    plan = make_plan(ladder, profile, TODAY, target=target, pace=pace, ratings=ratings)
    fresh = ladder._replace()  # another ladder object: compiled afresh, every table empty
    assert plan_data(plan)[1:] == plan_data(make_plan(fresh, profile, TODAY, target=target, pace=pace, ratings=ratings))[1:]


def test_ratings_that_are_not_whole_numbers_go_the_plain_way():
    """A table of checks is keyed on the rating: 3.0 must not come back as the check of 3 (its `have` would read 3)."""
    ladder = library().get("pm-titles").ladder
    skill = next(a.key for lv in ladder.levels for a in lv.requires if a.kind == Kind.SKILL)
    assess(ladder, Profile(competencies={skill: 3}), TODAY)
    a = assess(ladder, Profile(competencies={skill: 3.0}), TODAY)
    haves = [c.have for f in a.fits for c in f.checks if c.key == skill and c.kind == Kind.SKILL]
    assert haves and all(type(h) is float for h in haves)


def test_a_fact_answered_as_a_whole_number_and_as_a_decimal_keeps_its_own_form():
    """The checks of facts are tabled by value and type: 5 and 5.0 are equal numbers but not the same answer shown."""
    ladder = library().get("pm-titles").ladder
    key = next(a.key for lv in ladder.levels for a in lv.requires if a.kind == Kind.FACT)
    whole = assess(ladder, Profile(facts={key: 5}), TODAY)
    decimal = assess(ladder, Profile(facts={key: 5.0}), TODAY)
    assert {type(c.have) for f in whole.fits for c in f.checks if c.key == key} == {int}
    assert {type(c.have) for f in decimal.fits for c in f.checks if c.key == key} == {float}


def test_the_planner_remembering_its_estimates_plans_the_people_of_the_tests_as_without():
    """Every person of the tests (tests/people.py, tests/personas.py) on their ladders, to every title and the
    default, one item and three at a time: the roadmap is the one a planner remembering nothing makes. (The
    generated people above rarely plan one certificate between two estimates of another; these people do.)"""
    from people import ASSESSED_ON, BUILTIN_LADDERS, ORG_PEOPLE, PEOPLE
    from personas import LADDERS as PERSONA_LADDERS, PERSONAS
    from pmladder.inputs.profiles import check as check_profile
    from pmladder.inputs.yamlsafe import Document

    lib = library()
    vocab = lib.vocabulary()
    today = dt.date.fromisoformat(ASSESSED_ON)
    work = [(person["profile"], BUILTIN_LADDERS if person in PEOPLE else tuple(person["expect"])) for person in PEOPLE + ORG_PEOPLE]
    work += [(persona.profile, PERSONA_LADDERS) for persona in PERSONAS]
    planned = 0
    for answers, ladder_ids in work:
        profile = check_profile(Document("<people>", answers), vocab)
        for lid in ladder_ids:
            ladder = lib.get(lid).ladder
            a = assess(ladder, profile, today)
            for goal in (None, *ladder.levels):
                for pace in (1, 3):
                    assert roadmap.plan(a, goal, pace) == plain_plan(a, goal, pace), (profile.name, lid, goal and goal.id, pace)
                    planned += 1
    assert planned > 3000
