"""What the faster engine keeps to (issue 23, speed): the same results as the plain rules where it takes a short way.

`tests/engine/test_compiled_equivalence.py` holds whole placements and plans to the plain rules; here are
the short ways it cannot reach by chance: a level too large for the packed counts of `fit_tables._fits`,
the ways between titles each ladder remembers, the requirements of a certificate's rules not met yet,
and the planner leaving nothing behind for the cyclic garbage collector.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import types
from pathlib import Path

import pytest

from people import ASSESSED_ON, BUILTIN_LADDERS, PEOPLE
from pmladder.engine import compiled, roadmap
from pmladder.engine.graph import above
from pmladder.engine.placement import MET, Known, assess, check, fit
from pmladder.engine.types import Atom, Kind, Profile
from pmladder.inputs.profiles import check as check_profile
from pmladder.inputs.yamlsafe import Document
from pmladder.views.plan import make_plan

TESTS = Path(__file__).resolve().parent.parent
TODAY = dt.date.fromisoformat(ASSESSED_ON)


@functools.lru_cache(maxsize=None)
def library():
    from pmladder.inputs.loader import load_library

    return load_library(extra_dirs=[TESTS / "org_ladders"], environ={"PMLADDER_NO_CACHE": "1", "PMLADDER_HOME": str(TESTS / "no-such-home")})


def profiles() -> list[Profile]:
    vocab = library().vocabulary()
    return [check_profile(Document("<people>", person["profile"]), vocab) for person in PEOPLE[::4]]


@pytest.mark.parametrize("size", [31, 32, 300])
def test_a_level_of_more_requirements_than_a_packed_count_holds_is_placed_as_the_plain_rule(size):
    """`_fit` sums a level's counts in fields of five bits: a level of 31 requirements is tabled, one of 32 or 300 goes
    the plain way, each counted right."""
    ladder = library().get("pm-titles").ladder
    first = ladder.levels[0]
    ratings = [a for a in first.requires if a.kind == Kind.SKILL and not a.gate]
    big = first._replace(requires=tuple(ratings[i % len(ratings)] for i in range(size)))
    wide = ladder._replace(levels=(big, *ladder.levels[1:]))
    everything = Profile(competencies={a.key: 5 for a in ratings})
    a = assess(wide, everything, TODAY)
    assert a.fits[0].met == size and a.fits[0].fully
    assert (a.known.compiled.fits[0][0] is None) == (size > 31)  # tabled, or the plain way
    for person in (everything, *profiles()):
        a = assess(wide, person, TODAY)
        assert a.fits[0] == fit(big, Known(person, wide, TODAY))


def test_gates_on_facts_are_placed_as_the_plain_rule():
    """No ladder of the tests makes years a gate: here every fact a title asks for is one, for people who answered no
    rating (the title then rests on the facts, gates or not, left blank) and for people as they answered."""
    ladder = library().get("pm-titles").ladder
    gated = ladder._replace(levels=tuple(lv._replace(requires=tuple(a._replace(gate=True) if a.kind == Kind.FACT else a
                                                                       for a in lv.requires)) for lv in ladder.levels))
    assert any(a.gate and a.kind == Kind.FACT for lv in gated.levels for a in lv.requires)
    for person in profiles():
        some_blank = person._replace(facts=dict(list(person.facts.items())[::2]))
        for p in (person, person._replace(competencies={}), some_blank._replace(competencies={})):
            assert assess(gated, p, TODAY).fits == tuple(fit(lv, Known(p, gated, TODAY)) for lv in gated.levels)


def test_the_ways_between_titles_are_the_ladder_graphs():
    """compiled.between (what `unknowns` reads) is every level above the low one on the way to the high one."""
    lib = library()
    asked = 0
    for lid in BUILTIN_LADDERS + ("org-a", "org-b"):
        ladder = lib.get(lid).ladder
        comp = compiled.of(ladder)
        nexts = {lv.id: lv.next for lv in ladder.levels}
        for low in ladder.levels:
            up = above(lambda n: nexts[n], low.id)
            for high in ladder.levels:
                want = [lv.id for lv in ladder.levels if lv.id in up
                        and (lv.id == high.id or high.id in above(lambda n: nexts[n], lv.id))]
                assert comp.between(low.id, high.id) == want, (lid, low.id, high.id)
                asked += 1
    assert asked > 200


def test_the_open_requirements_of_a_certificates_rules_are_the_plain_checks():
    """Known.open_in (what the planner's estimates read) is each requirement of a rule checked plainly, those not met
    (the rules of several certificates repeat requirements: each is checked once, and each check names its own)."""
    seen = 0
    for lid in BUILTIN_LADDERS:
        ladder = library().get(lid).ladder
        for person in profiles():
            known = Known(person, ladder, TODAY)
            placed = assess(ladder, person, TODAY).known  # placed first: the rules are looked up in the ladder's tables
            for info in ladder.certs.values():
                for block in info.eligibility:
                    want = tuple(c for c in (check(a, known, None) for a in block) if c.state != MET)
                    assert known.open_in(block) == want
                    assert known.open_in(block) == want  # asked again: remembered, the same
                    assert repr(placed.open_in(block)) == repr(want)
                    assert all(known.strict(a).atom is a for a in block)  # an equal requirement's check, its own atom
                    seen += bool(want)
    assert seen > 20


def test_placing_and_planning_leaves_nothing_for_the_cyclic_collector():
    """A plan's working state is freed as soon as the plan is made (no reference cycles the collector must find)."""
    lib = library()
    work = [(lib.get(lid).ladder, person) for lid in BUILTIN_LADDERS for person in profiles()]
    for ladder, person in work:  # every ladder's tables made first: what stays is not garbage
        make_plan(ladder, person, TODAY)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds stays in gc.garbage to be looked at
    try:
        for ladder, person in work:
            make_plan(ladder, person, TODAY, pace=1)
            make_plan(ladder, person, TODAY, target=ladder.levels[-1].id)
        gc.collect()
        ours = [o for o in gc.garbage if isinstance(o, roadmap._Planner)
                or (isinstance(o, types.FunctionType) and o.__module__.startswith("pmladder."))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert ours == []


def test_requirements_equal_but_written_8_and_8_0_keep_their_own_checks():
    """Requirements repeated across certificates' rules are checked once; years within 8 and within 8.0 are not
    the same requirement as written (the years counted show as 8 and 8.0), so each keeps its own check."""
    ladder = library().get("pmi-path").ladder
    whole = Atom(Kind.FACT, "years_managing", 3.0, within=8)
    decimal = Atom(Kind.FACT, "years_managing", 3.0, within=8.0)
    cert = next(iter(ladder.certs))
    certs = {**ladder.certs, cert: ladder.certs[cert]._replace(eligibility=((whole,), (decimal,)))}
    ruled = ladder._replace(certs=certs)
    known = Known(Profile(facts={"years_managing": 10}), ruled, TODAY)
    for atom in (decimal, whole, decimal):
        assert repr(known.strict(atom)) == repr(check(atom, known, None))
    assert type(known.strict(whole).have) is not type(known.strict(decimal).have)


def test_certificates_whose_rules_lead_back_to_them_are_planned_as_without_remembering():
    """Where a certificate's rules lead back to it (PMP through PRINCE2 Practitioner, made up here), an estimate must
    know what it has seen on the way; the planner remembers its estimates by it there, and plans as without."""
    from pmladder.engine import roadmap_tables
    from pmladder.engine.placement import assess

    ladder = library().get("pm-titles").ladder
    assert all(roadmap_tables.Tables(library().get(lid).ladder).acyclic for lid in BUILTIN_LADDERS)
    pmp = ladder.certs["PMP"]
    back = pmp._replace(eligibility=(*pmp.eligibility, (Atom(Kind.CERT, "certifications", "PRINCE2-Practitioner"),)))
    cyclic = ladder._replace(certs={**ladder.certs, "PMP": back})
    assert not roadmap_tables.Tables(cyclic).acyclic

    def planned(a, goal, pace):  # (a plan whose certificates wait for each other is not made: the schedule loops)
        try:
            return roadmap.plan(a, goal, pace)
        except RecursionError:
            return None

    made = 0
    for person in profiles():
        a = assess(cyclic, person, TODAY)
        for goal in (None, *cyclic.levels):
            for pace in (1, 3):
                remembered = planned(a, goal, pace)
                roadmap._REMEMBER = False
                try:
                    assert remembered == planned(a, goal, pace)
                finally:
                    roadmap._REMEMBER = True
                made += remembered is not None and any(s.key in ("PMP", "PRINCE2-Practitioner") for s in remembered.steps)
    assert made > 10


def test_a_choice_among_certificates_is_the_option_estimated_soonest_of_all(monkeypatch):
    """The planner estimates a choice's options from the least each could take and stops when no other can be sooner: it
    picks what the minimum over every option's estimate picks (ties: one a later title asks for, then the first)."""
    chosen = roadmap._Planner._choose
    asked = 0

    def checked(self, options):
        nonlocal asked
        got = chosen(self, options)
        later = self._later.get(self.k, frozenset())
        now = [c for c in options if c in later and self._eligible_at(c) == 0] or options
        full = min(now, key=lambda c: (self._estimate_cert(c, frozenset()), c not in later, options.index(c)))
        assert got == full, (options, got, full)
        asked += len(now) > 1
        return got

    monkeypatch.setattr(roadmap._Planner, "_choose", checked)
    lib = library()
    for lid in BUILTIN_LADDERS:
        ladder = lib.get(lid).ladder
        for person in profiles():
            for goal in (None, *(lv.id for lv in ladder.levels)):
                make_plan(ladder, person, TODAY, target=goal, pace=1)
    assert asked > 100


# --- the golden plans: every persona on every built-in ladder, held byte for byte across the engine's passes ---------

GOLDEN = Path(__file__).resolve().parent / "golden_plans.txt"
GOLDEN_DAYS = ("2019-03-31", "2024-02-29", ASSESSED_ON, "2031-01-01")  # years inside and outside windows, leap days, lapses


def _serialised(plan) -> str:
    """What a plan shows and holds: its JSON as `assess --format json` writes it, and the repr of what it is made of."""
    from pmladder.render.registry import _plan_json

    a = plan.assessment
    return "\n".join((_plan_json(plan), repr(a.fits), repr((a.best, a.fully, a.could_be, a.next, a.matched, a.tied, a.matched_up)),
                      repr(plan.roadmap), repr(plan.gaps), repr(plan.unknowns), repr(plan.flags)))


def golden_lines() -> list[str]:
    """One line a plan: persona, ladder, day, target, pace and a digest of the plan serialised. Each persona to its
    default title at pace 3 on each day, and on the day of the tests to every title at pace 1."""
    import hashlib

    from personas import PERSONAS

    lib = library()
    vocab = lib.vocabulary()
    out = []
    for persona in PERSONAS:
        person = check_profile(Document("<personas>", persona.profile), vocab)
        for lid in BUILTIN_LADDERS:
            ladder = lib.get(lid).ladder
            asks = [(day, None, 3) for day in GOLDEN_DAYS] + [(ASSESSED_ON, lv.id, 1) for lv in ladder.levels]
            for day, target, pace in asks:
                plan = make_plan(ladder, person, dt.date.fromisoformat(day), target=target, pace=pace)
                digest = hashlib.sha256(_serialised(plan).encode()).hexdigest()[:24]
                out.append(f"{persona.key} {lid} {day} {target or '-'} {pace} {digest}")
    return out


def test_every_persona_is_planned_as_the_golden_plans_say():
    """The plans of the personas (tests/personas.py) on every built-in ladder, on four days and to every title, are
    byte for byte those the engine made before its fourth pass (golden_plans.txt; `PYTHONPATH=tests python
    tests/engine/test_engine_fast.py` writes it anew, only when a change of a plan is meant)."""
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    got = golden_lines()
    assert len(got) > 900
    assert [line for line in got if line not in want] == [], "plans differ from golden_plans.txt"
    assert got == want


if __name__ == "__main__":
    GOLDEN.write_text("\n".join(golden_lines()) + "\n", encoding="utf-8")
