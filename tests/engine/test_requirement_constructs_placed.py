"""What a person sees of the requirement constructs of issue 20, on tests/construct_ladders/delivery-framework.yaml
(read by the real loader, placed and planned through `pmladder assess` and `plan`):

* each labelled group of `choices` is one requirement, named by its label, and the plan takes the
  soonest route of each; labelled routes replace "One of 2 routes";
* a gate on one certificate holds only that certificate back; a gate on a group holds the group;
* a conditional requirement counts when its condition holds, is left out when it does not, and is
  an open question (never met) while the answer it rests on is blank;
* a lateral move is offered, adds no rank, and a plan across it asks only for the level moved to;
* a declared drop leaves the requirement out of the level that drops it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
LADDERS = REPO / "tests" / "construct_ladders"
TODAY = "2026-12-01"

# Meets Programme Manager in full (tracks and conditions aside).
PROGRAMME = {
    "schema_version": 1,
    "education": "bachelor",
    "facts": {"years_experience": 6, "years_program": 4, "team_size": 10},
    "certifications": ["PMP", "PSM-I", "PRINCE2-Practitioner"],
    "competencies": {"data": 3, "risk": 3, "strategy": 3},
}


def person(**changes) -> dict:
    out = json.loads(json.dumps(PROGRAMME))
    for key, value in changes.items():
        if key in ("facts", "competencies") and value is not None:
            out[key] = {**out[key], **value}
            out[key] = {k: v for k, v in out[key].items() if v is not None}
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def run(invoke, tmp_path, profile: dict, command: str = "assess", *extra, fmt: str = "json"):
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    result = invoke(command, "--profile", path, "--ladder", "delivery-framework", "--ladders-dir", LADDERS,
                    "--today", TODAY, "--format", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def fit(data: dict, level: str) -> dict:
    return next(f for f in data["fit"] if f["level"] == level)


def gap(data: dict, key: str) -> dict | None:
    return next((g for g in data["gaps"] if g["key"] == key), None)


# --- choices and labels -------------------------------------------------------------------------


def test_each_choice_group_is_one_requirement_named_by_its_label(invoke, tmp_path):
    """Method met (PRINCE2), Programme experience not (one year, no PgMP): two requirements, one open."""
    data = run(invoke, tmp_path, person(track="pmo-manager", facts={"years_program": 1}), "plan", "--target", "programme-manager")
    pm = fit(data, "programme-manager")
    assert pm["total"] == 7  # years, PMP, PSM-I, data, risk, Method, Programme experience (the track's condition does not hold)
    open_gap = gap(data, "choice: Programme experience")
    assert open_gap["label"] == "Programme experience" and open_gap["state"] == "missing"
    assert gap(data, "choice: Method") is None
    assert "you are closest to PgMP route: Certification: PgMP" in open_gap["how"]  # of two routes as far, the first


def test_the_plan_takes_the_soonest_route_of_each_group(invoke, tmp_path):
    """Neither group met: the plan earns PRINCE2 Practitioner for Method (IPMA-C needs more) and grows the
    years on programmes (PgMP needs more), one route each, not both routes of either."""
    profile = person(track="pmo-manager", certifications=["PMP", "PSM-I"], facts={"years_program": 2})
    data = run(invoke, tmp_path, profile, "plan", "--target", "programme-manager")
    steps = {s["id"] for s in data["roadmap"]}
    assert "cert:PRINCE2-Practitioner" in steps and "cert:IPMA-C" not in steps
    assert any(s.startswith("background:years_program") for s in steps) and "cert:PgMP" not in steps
    assert gap(data, "choice: Method")["gate"] is True and gap(data, "choice: Method")["reason"] == "gate"


def test_reports_name_groups_and_routes_by_their_labels(invoke, tmp_path):
    profile = person(track="pmo-manager", certifications=["PMP", "PSM-I"], facts={"years_program": 2})
    text = run(invoke, tmp_path, profile, "plan", "--target", "programme-manager", fmt="markdown")
    assert "Method" in text and "Programme experience" in text
    assert "routes; you are closest to PRINCE2 route: Certification: PRINCE2-Practitioner" in text
    assert "One of 2 routes" not in text


def test_a_one_of_with_labelled_routes_is_named_by_them_in_any_language():
    from pmladder import words as w
    from pmladder.engine.types import Atom, Kind, Label
    from pmladder.inputs.loader import load_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file

    ladder = parse_ladder(read_file(LADDERS / "delivery-framework.yaml"), load_catalog())
    blocks = ((Atom(Kind.EDUCATION, "education", "bachelor"),), (Atom(Kind.FACT, "years_experience", 7.0),))
    labelled = Atom(Kind.ALT, "one of: education / years_experience", blocks,
                    routes=(Label("Degree route"), Label("Experience route", (("zh", "经验路径"),))))
    assert w.label(labelled, ladder) == "One of: Degree route or Experience route"
    assert "经验路径" in w.label(labelled, ladder, "zh") and "Degree route" in w.label(labelled, ladder, "zh")
    assert w.label(labelled._replace(routes=()), ladder) == "One of 2 routes"
    half = labelled._replace(routes=(None, Label("Experience route")))
    assert w.routes_text(half, ladder) == "(1) Education: bachelor or higher / (2) Experience route: Years in project work: 7+"


# --- gates on single requirements -----------------------------------------------------------------


def test_a_gate_on_one_certificate_holds_back_only_that_certificate(invoke, tmp_path):
    without_pmp = run(invoke, tmp_path, person(track="pmo-manager", certifications=["PSM-I", "PRINCE2-Practitioner"]))
    assert without_pmp["placement"]["best_fit"]["id"] == "practitioner"  # PMP is a gate: no title without it
    without_psm = run(invoke, tmp_path, person(track="pmo-manager", certifications=["PMP", "PRINCE2-Practitioner"]))
    assert without_psm["placement"]["best_fit"]["id"] == "programme-manager"  # PSM-I is not: it confirms the title
    assert [c["key"] for c in without_psm["placement"]["to_hold"]] == ["PSM-I"]


def test_a_gate_on_a_choice_group_holds_back_the_group(invoke, tmp_path):
    data = run(invoke, tmp_path, person(track="pmo-manager", certifications=["PMP", "PSM-I"]))
    assert data["placement"]["best_fit"]["id"] == "practitioner"
    assert fit(data, "programme-manager")["missing"] == 1


# --- conditional requirements ---------------------------------------------------------------------


@pytest.mark.parametrize(("track", "rating", "total", "state"), [
    pytest.param("sro", 1, 8, "missing", id="on-the-track-it-counts"),
    pytest.param("programme-manager", 1, 8, "missing", id="a-level-below-on-that-branch-counts-too"),
    pytest.param("pmo-manager", 1, 7, None, id="on-another-track-left-out"),
    pytest.param("a-track-of-another-ladder", 1, 7, None, id="a-track-the-ladder-does-not-name-left-out"),
    pytest.param(None, 1, 8, "unknown", id="no-track-an-open-question"),
    pytest.param(None, 3, 8, "met", id="no-track-but-met-anyway"),
])
def test_a_track_condition(invoke, tmp_path, track, rating, total, state):
    """Strategic thinking 3 applies to Programme Managers on the SRO track only."""
    profile = person(track=track, competencies={"strategy": rating})
    data = run(invoke, tmp_path, profile)
    pm = fit(data, "programme-manager")
    assert pm["total"] == total
    asked = [u for u in data["unknowns"] if u["key"] == "strategy"]
    if state is None:
        assert pm["met"] == pm["total"] and not asked
        assert data["placement"]["best_fit"]["id"] == "programme-manager"
    elif state == "met":
        assert pm["met"] == pm["total"] and not asked
    elif state == "unknown":
        assert pm["unknown"] == 1 and pm["met"] == 7 and asked
        assert asked[0]["label"] == "Strategic thinking (only when: on the track of Senior Responsible Owner)"
    else:
        assert pm["missing"] == 1 and pm["met"] == 7


@pytest.mark.parametrize(("team", "total", "state"), [
    pytest.param(60, 8, "missing", id="a-major-programme-it-counts"),
    pytest.param(10, 7, None, id="a-small-team-left-out"),
    pytest.param(None, 8, "unknown", id="blank-an-open-question"),
])
def test_a_fact_condition(invoke, tmp_path, team, total, state):
    """The leadership academy applies to an SRO whose largest team is 50 or more."""
    profile = person(facts={"years_experience": 9, "team_size": team}, competencies={"risk": 4, "strategy": 3}, track="sro")
    data = run(invoke, tmp_path, profile)
    sro = fit(data, "sro")
    assert sro["total"] == total
    academy = [c for c in data["placement"]["to_hold"] + data["unknowns"] if c["key"] == "Leadership-Academy"]
    if state is None:
        assert not academy and sro["met"] == total and data["placement"]["best_fit"]["id"] == "sro"
    else:
        assert academy[0]["label"] == "Leadership-Academy (only when: Largest team led 50+)"
        assert sro[state] == 1
    if state == "unknown":
        asked = next(u for u in data["unknowns"] if u["key"] == "Leadership-Academy")
        assert "assess --only experience" in asked["answer"]  # the blank fact is what to answer, not the certificates


def test_an_open_condition_never_places_a_person_as_if_it_were_met(invoke, tmp_path):
    """With the team size blank the academy is unknown, not met: SRO is not met in full."""
    profile = person(facts={"years_experience": 9, "team_size": None}, competencies={"risk": 4, "strategy": 3}, track="sro")
    data = run(invoke, tmp_path, profile)
    assert not fit(data, "sro")["fully_met"]
    assert fit(data, "sro")["unknown"] == 1


# --- lateral moves ------------------------------------------------------------------------------


OFFICE = {
    "schema_version": 1,
    "track": "pmo-manager",
    "education": "bachelor",
    "facts": {"years_experience": 7, "years_pmo": 4, "years_program": 1, "team_size": 10},
    "certifications": ["PMP", "PSM-I"],
    "competencies": {"data": 4, "risk": 3, "strategy": 2},
}


def test_a_lateral_move_is_offered_to_a_person_at_the_top_of_their_branch(invoke, tmp_path):
    data = run(invoke, tmp_path, OFFICE)
    assert data["placement"]["best_fit"]["id"] == "pmo-manager"
    assert [lv["id"] for lv in data["other_ways_up"]] == ["programme-manager"]
    text = run(invoke, tmp_path, OFFICE, fmt="text")
    assert "A lateral move is open to Programme Manager; plan it with --target programme-manager." in " ".join(text.split())


def test_a_plan_across_asks_only_for_the_level_moved_to(invoke, tmp_path):
    """Office manager to programme manager: one milestone, programme manager's own gaps; nothing of the
    office's branch (years in a PMO, data at 4) and no way back down through the practitioner."""
    data = run(invoke, tmp_path, OFFICE, "plan", "--target", "programme-manager")
    assert [m["level"] for m in data["milestones"]] == ["programme-manager"]
    assert {g["level"] for g in data["gaps"]} == {"programme-manager"}
    assert {g["key"] for g in data["gaps"]} == {"choice: Method", "choice: Programme experience"}


def test_a_lateral_move_adds_no_rank():
    from pmladder.inputs.loader import load_catalog, parse_ladder
    from pmladder.inputs.yamlsafe import read_file

    ladder = parse_ladder(read_file(LADDERS / "delivery-framework.yaml"), load_catalog())
    assert {lv.id: lv.rank for lv in ladder.levels} == {"practitioner": 0, "programme-manager": 1, "pmo-manager": 1, "sro": 2}
    assert ladder.level("pmo-manager").lateral == ("programme-manager",) and ladder.level("pmo-manager").next == ()


# --- declared drops -----------------------------------------------------------------------------


def test_a_dropped_requirement_is_not_asked_of_the_level_that_drops_it(invoke, tmp_path):
    """An SRO with data-driven decisions at 1 meets SRO in full: SRO dropped the practitioner's data rating."""
    profile = person(facts={"years_experience": 9, "team_size": 10}, competencies={"risk": 4, "strategy": 3, "data": 1}, track="sro")
    data = run(invoke, tmp_path, profile)
    assert data["placement"]["best_fit"]["id"] == "sro"
    assert fit(data, "sro")["fully_met"] and fit(data, "sro")["total"] == 7
    assert not fit(data, "programme-manager")["fully_met"]  # the level below still asks for it


def test_the_same_input_gives_the_same_placement_whatever_the_level_order(invoke, tmp_path):
    """Placement with the constructs never depends on the order levels are written in."""
    text = (LADDERS / "delivery-framework.yaml").read_text(encoding="utf-8")
    head, rest = text.split("levels:\n", 1)
    blocks = ["  - id:" + b for b in rest.split("  - id:")[1:]]
    folder = tmp_path / "reordered"
    folder.mkdir()
    (folder / "ladder.yaml").write_text(head + "levels:\n" + blocks[0] + "".join(reversed(blocks[1:])), encoding="utf-8")
    for profile in (OFFICE, person(track="sro", competencies={"strategy": 1}), person(track=None)):
        path = tmp_path / "me.yaml"
        path.write_text(yaml.safe_dump(profile), encoding="utf-8")
        results = [json.loads(invoke("assess", "--profile", path, "--ladder", "delivery-framework", "--ladders-dir", d,
                                     "--today", TODAY, "--format", "json").stdout)["placement"]["best_fit"] for d in (LADDERS, folder)]
        assert results[0] == results[1]
