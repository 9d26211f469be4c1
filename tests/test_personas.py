"""Personas from a fresh graduate to a chief project officer, placed on every shipped ladder.

Expected placements come from the ladder files' own requirements: a hand-reasoned table for
named personas, and programmatic "meets exactly level X" / "one requirement short of X"
personas checked against DESIGN.md's rule (the highest met level in ladder order).
"""

from __future__ import annotations

import json

import pytest

from assess_support import (
    EDUCATION,
    LADDER_IDS,
    RAW,
    checks,
    exactly,
    expected_placement,
    index_of,
    just_short,
    level,
    level_ids,
    levels,
    meets,
    requires,
    to_profile,
    top_of_everything,
    write_profile,
)
from pmladder.assess import assess
from pmladder.loader import load_library

LIB = load_library()
ALEX = {
    # examples/profile-alex.yaml, written out so the expectations below can be reasoned about here
    "schema_version": 1,
    "name": "Alex Chen",
    "education": "bachelor",
    "facts": {"years_experience": 6, "years_managing": 4, "team_size": 9, "concurrent_projects": 2, "pm_training_hours": 40,
              "years_program": 0, "years_pmo": 0, "years_leading_managers": 0},
    "certifications": ["PRINCE2-Foundation"],
    "competencies": {
        "organisation": 4, "communication": 4, "scope": 4, "schedule": 3, "cost": 3, "quality": 3, "risk": 3,
        "stakeholders": 3, "methods": 3, "leadership": 3, "resources": 3, "coaching": 2, "strategy": 2,
        "change": 2, "data": 2, "governance": 2,
    },
}

PERSONAS: dict[str, dict] = {
    # A degree and nothing else: every entry level asks for organisation >= 2, so no ladder yet.
    "fresh graduate": {"schema_version": 1, "name": "Sam", "education": "bachelor"},
    # The entry levels ask only for secondary education and organisation 2, communication 2,
    # methods 1 (pmo-sequence's entry also data 1): no facts, so a graduate with those ratings
    # is on the entry level of every ladder, and no second level (all ask for years).
    "graduate with coursework": {
        "schema_version": 1,
        "education": "bachelor",
        "competencies": {"organisation": 2, "communication": 2, "methods": 1, "data": 1},
    },
    # The same skills without finished secondary education: every entry level asks for it.
    "skilled school leaver": {
        "schema_version": 1,
        "education": "none",
        "competencies": {"organisation": 2, "communication": 2, "methods": 1, "data": 1},
    },
    "alex": ALEX,
    # Program track on pmo-career: meets program-manager exactly (years_program 1, no PMO years).
    "program manager": exactly("pmo-career", "program-manager"),
    # PMO track on pmo-career: meets pmo-manager exactly (years_pmo 2, no program years).
    "pmo manager": exactly("pmo-career", "pmo-manager"),
    "chief project officer": top_of_everything(),
}

# Hand-reasoned from ladders/*.yaml (see the comments on each persona):
EXPECTED = {
    ("fresh graduate", "pm-titles"): None,
    ("fresh graduate", "pmo-career"): None,
    ("fresh graduate", "pmo-sequence"): None,
    ("graduate with coursework", "pm-titles"): "project-coordinator",
    ("graduate with coursework", "pmo-career"): "project-coordinator",
    ("graduate with coursework", "pmo-sequence"): "junior-project-coordinator",
    ("skilled school leaver", "pm-titles"): None,
    ("skilled school leaver", "pmo-career"): None,
    ("skilled school leaver", "pmo-sequence"): None,
    # Alex: 6 years, 4 managing, team 9, 2 at once, 40 h, ratings >= PM minimums; senior PM
    # needs 8 years and a professional certificate.
    ("alex", "pm-titles"): "project-manager",
    # pmo-career's project-manager accepts PRINCE2-Foundation in its one-of; program/PMO
    # manager need 6 years.
    ("alex", "pmo-career"): "project-manager",
    # pmo-sequence's senior coordinator and every level above ask governance 3; Alex has 2.
    ("alex", "pmo-sequence"): "intermediate-project-coordinator",
    ("program manager", "pmo-career"): "program-manager",
    ("pmo manager", "pmo-career"): "pmo-manager",
    ("chief project officer", "pm-titles"): "chief-project-officer",
    ("chief project officer", "pmo-career"): "chief-project-officer",
    ("chief project officer", "pmo-sequence"): "pmo-manager",
}


def placed(ladder_id: str, person: dict):
    loaded = LIB.get(ladder_id)
    return assess(loaded.ladder, LIB.catalog, to_profile(person))


def assert_next_consistent(ladder_id: str, a) -> None:
    """`next` is the entry level when not placed, else exactly the placement's `next` list."""
    if a.level is None:
        assert [lv.id for lv in a.next] == [level_ids(ladder_id)[0]]
    else:
        assert [lv.id for lv in a.next] == list(level(ladder_id, a.level.id).get("next") or [])


def test_every_shipped_ladder_is_covered():
    """The ladders this file reads from ladders/ are exactly the ones pmladder loads."""
    assert set(LADDER_IDS) == set(LIB.ladders) == {"pm-titles", "pmo-sequence", "pmo-career"}


def test_the_example_profile_is_alex():
    """ALEX above is the shipped examples/profile-alex.yaml, so its expectations are about that file."""
    from assess_support import REPO, _read

    assert _read(REPO / "examples" / "profile-alex.yaml") == ALEX


@pytest.mark.parametrize(("persona", "ladder_id"), sorted(EXPECTED), ids=lambda x: x.replace(" ", "-"))
def test_named_persona_placement(persona, ladder_id):
    """A named persona lands where the ladder file's requirements put it, and `next` follows the ladder."""
    person = PERSONAS[persona]
    want = EXPECTED[(persona, ladder_id)]
    assert expected_placement(ladder_id, person) == want, "the hand-reasoned table disagrees with the oracle"
    a = placed(ladder_id, person)
    assert (a.level.id if a.level else None) == want
    assert_next_consistent(ladder_id, a)


@pytest.mark.parametrize("ladder_id", LADDER_IDS)
@pytest.mark.parametrize("persona", sorted(PERSONAS), ids=lambda x: x.replace(" ", "-"))
def test_every_persona_on_every_ladder(persona, ladder_id):
    """Every persona on every ladder is placed on the highest met level, with per-level fit counts."""
    person = PERSONAS[persona]
    a = placed(ladder_id, person)
    assert (a.level.id if a.level else None) == expected_placement(ladder_id, person)
    assert_next_consistent(ladder_id, a)
    for fit, lv in zip(a.fits, levels(ladder_id), strict=True):
        want = checks(requires(lv), person)
        assert (fit.level.id, fit.met, fit.total, fit.ok) == (lv["id"], sum(want), len(want), all(want))


def test_chief_project_officer_is_at_the_top_everywhere():
    """The top persona meets the last level of every ladder, whose `next` is empty."""
    person = PERSONAS["chief project officer"]
    for ladder_id in LADDER_IDS:
        a = placed(ladder_id, person)
        assert a.level is not None and a.level.id == level_ids(ladder_id)[-1]
        assert not level(ladder_id, a.level.id).get("next")
        assert a.gaps == ()


def _exact_cases():
    for ladder_id in LADDER_IDS:
        for lid in level_ids(ladder_id):
            yield pytest.param(ladder_id, lid, id=f"{ladder_id}:{lid}")


@pytest.mark.parametrize(("ladder_id", "level_id"), list(_exact_cases()))
def test_meets_exactly_level(ladder_id, level_id):
    """A profile at exactly a level's minimums is placed there, or on a later level it also meets."""
    person = exactly(ladder_id, level_id)
    assert meets(level(ladder_id, level_id), person)
    a = placed(ladder_id, person)
    got = a.level.id if a.level else None
    assert got == expected_placement(ladder_id, person)
    assert index_of(ladder_id, got) >= index_of(ladder_id, level_id)
    assert a.fit(level_id).ok and a.fit(level_id).met == a.fit(level_id).total
    assert_next_consistent(ladder_id, a)


@pytest.mark.parametrize(("ladder_id", "level_id"), list(_exact_cases()))
def test_one_requirement_short_of_level(ladder_id, level_id):
    """Missing any single requirement of a level keeps the person off that level, and the gap names it."""
    cases = just_short(ladder_id, level_id)
    assert cases, "every shipped level has at least one requirement"
    for what, person in cases:
        a = placed(ladder_id, person)
        got = a.level.id if a.level else None
        assert got != level_id, what
        assert got == expected_placement(ladder_id, person), what
        fit = a.fit(level_id)
        assert (fit.met, fit.total) == (fit.total - 1, len(checks(requires(level(ladder_id, level_id)), person))), what
        if level_id in [lv.id for lv in a.next]:
            gaps = [g for g in a.gaps if g.level == level_id]
            assert [(g.kind, g.key) for g in gaps] == [what]


def test_branch_placement_follows_ladder_order():
    """Meeting both branches of pmo-career's project-manager places on the later one in file order."""
    both = exactly("pmo-career", "program-manager")
    pmo = exactly("pmo-career", "pmo-manager")
    for key, value in pmo["facts"].items():
        both["facts"][key] = max(both["facts"].get(key, 0), value)
    for key, value in pmo["competencies"].items():
        both["competencies"][key] = max(both["competencies"].get(key, 0), value)
    ids = level_ids("pmo-career")
    assert ids.index("pmo-manager") > ids.index("program-manager")
    a = placed("pmo-career", both)
    assert a.level.id == "pmo-manager"
    assert [lv.id for lv in a.next] == level("pmo-career", "pmo-manager")["next"]
    # and from project-manager the gaps cover both branches
    pm = placed("pmo-career", exactly("pmo-career", "project-manager"))
    assert pm.level.id == "project-manager"
    assert {g.level for g in pm.gaps} == {"program-manager", "pmo-manager"}


# --- the CLI path: `assess --answers FILE --format json` --------------------------------------

GAP_KINDS = {"fact", "education", "certification", "competency"}


@pytest.mark.parametrize("ladder_id", LADDER_IDS)
@pytest.mark.parametrize("persona", ["fresh graduate", "alex", "pmo manager", "chief project officer"], ids=lambda x: x.replace(" ", "-"))
def test_cli_json_for_persona(persona, ladder_id, invoke, tmp_path):
    """`assess --answers FILE --format json` carries every documented field, consistent with the ladder."""
    person = PERSONAS[persona]
    path = write_profile(tmp_path / "me.yaml", person)
    result = invoke("assess", "--ladder", ladder_id, "--answers", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("schema_version", "ladder", "level", "next", "fit", "gaps", "roadmap", "eta_months"):
        assert key in data, key
    assert data["schema_version"] == 1
    assert data["ladder"] == ladder_id

    want = expected_placement(ladder_id, person)
    if want is None:
        assert data["level"] is None
        assert data["next"] == [{"id": levels(ladder_id)[0]["id"], "title": levels(ladder_id)[0]["title"]}]
    else:
        assert data["level"] == {"id": want, "title": level(ladder_id, want)["title"]}
        nxt = level(ladder_id, want).get("next") or []
        assert data["next"] == [{"id": i, "title": level(ladder_id, i)["title"]} for i in nxt]

    assert [f["level"] for f in data["fit"]] == level_ids(ladder_id)
    for f, lv in zip(data["fit"], levels(ladder_id), strict=True):
        want_checks = checks(requires(lv), person)
        assert (f["met"], f["total"]) == (sum(want_checks), len(want_checks)), lv["id"]

    next_ids = [n["id"] for n in data["next"]]
    for gap in data["gaps"]:
        assert set(gap) >= {"level", "kind", "key", "have", "need", "months"}
        assert gap["level"] in next_ids
        assert gap["kind"] in GAP_KINDS
        assert gap["months"] is None or (isinstance(gap["months"], int) and gap["months"] >= 0)
    for nid in next_ids:
        want_checks = checks(requires(level(ladder_id, nid)), person)
        mine = [g for g in data["gaps"] if g["level"] == nid]
        assert len(mine) == want_checks.count(False), nid
        kinds = [g["kind"] for g in mine]
        # blockers (years, education, certifications) come before competencies
        assert kinds == sorted(kinds, key=lambda k: k == "competency"), nid

    assert isinstance(data["roadmap"], list)
    if want is not None and not next_ids:  # top of the ladder: nothing to plan
        assert data["roadmap"] == [] and data["gaps"] == []
    else:
        assert data["roadmap"], "a person below the top has steps to take"
        assert data["eta_months"] is None or data["eta_months"] >= max(
            (s["done_month"] for s in data["roadmap"] if s["done_month"] is not None), default=0
        )


def test_education_rank_table_matches_the_model():
    """The tests' education order is the model's, so the oracle compares education the same way."""
    from pmladder.model import EDUCATION as MODEL_EDUCATION

    assert EDUCATION == MODEL_EDUCATION
    assert set(RAW) == set(LADDER_IDS)
