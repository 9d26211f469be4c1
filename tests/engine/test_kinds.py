"""Requirement kinds and roadmap step kinds are enums (issue 18, "The house in layers").

`Kind` and `StepKind` are `StrEnum`s: the compiler, the roadmap and the cache hand out
members, while everything a user reads or a file keeps (JSON, Markdown, the history) holds
the same plain strings as before.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from assess_support import LADDER_IDS, to_profile, write_profile
from test_engine import VETERAN, ladder, library
from pmladder.engine.types import KINDS, Kind, StepKind, atoms_of
from pmladder.inputs import cache
from pmladder.inputs.compiler import compile_block
from pmladder.inputs.model import Requirement
from pmladder.store.history import open_history
from pmladder.text.safe import dumps as json_text
from pmladder.views.plan import make_plan
from pmladder.views.plan_data import plan_json
from pmladder.views.snapshot import history_entry, snapshot

TODAY = dt.date(2026, 12, 2)
EVERY_PART = {
    "education": "bachelor",
    "facts": {"years_managing": 3, "years_experience": {"min": 5, "within": 10}},
    "certifications": {"all_of": ["PMP"], "any_of": ["PRINCE2-P", "IPMA-C"]},
    "competencies": {"leadership": 3},
    "any_competencies": [{"n": 2, "of": ["planning", "risk", "delivery"], "rating": 3}],
    "one_of": [{"education": "master"}, {"facts": {"years_managing": 8}, "certifications": {"any_of": ["PMP"]}}],
    "gates": ["education", "one_of"],
}
# Someone part of the way up, with answers left out: roles, courses, exams and open questions to plan.
# years in programs and education unanswered (answer steps); 10 hours of training (a course to plan: an unanswered
# number of hours is asked, never planned from 0)
PARTLY = {**VETERAN, "education": None, "certifications": [],
          "facts": {**{k: v for k, v in VETERAN["facts"].items() if k not in ("years_program", "pm_training_hours")},
                    "pm_training_hours": 10},
          "competencies": {k: min(v, 2) for k, v in VETERAN["competencies"].items()}}


def every_atom(atoms):
    for atom in atoms:
        yield atom
        if atom.kind == Kind.ALT:
            for block in atom.need:
                yield from every_atom(block)


def library_atoms(lib):
    for cert in lib.catalog.certs.values():
        for block in cert.eligibility:
            yield from every_atom(block)
    for loaded in lib.ladders.values():
        for level in loaded.ladder.levels:
            yield from every_atom(atoms_of(level.requires))
        for cert in loaded.ladder.certs.values():
            for block in cert.eligibility:
                yield from every_atom(block)


def test_the_compiler_makes_every_kind_and_only_members_of_kind():
    atoms = list(every_atom(compile_block(Requirement.model_validate(EVERY_PART), EVERY_PART["gates"])))
    assert {a.kind for a in atoms} == set(Kind) == set(KINDS)
    assert all(type(a.kind) is Kind for a in atoms), [a for a in atoms if type(a.kind) is not Kind]


def test_every_installed_requirement_is_a_kind_before_and_after_the_cache():
    fresh = library()
    warm = cache.loads(cache.dumps(fresh))
    for lib in (fresh, warm):
        atoms = list(library_atoms(lib))
        assert len(atoms) > 100
        bad = [a for a in atoms if type(a.kind) is not Kind]
        assert not bad, bad[:3]
    assert [a.kind for a in library_atoms(warm)] == [a.kind for a in library_atoms(fresh)]


def test_a_kind_in_the_cache_that_is_not_a_member_spoils_the_entry():
    body = cache.dumps(library()).replace(b'{"\\u0000Kind":"fact"}', b'{"\\u0000Kind":"facts"}', 1)
    assert b'"facts"}' in body
    with pytest.raises(ValueError):
        cache.loads(body)


def test_every_roadmap_step_is_a_step_kind():
    seen = set()
    for ladder_id in LADDER_IDS:
        steps = make_plan(ladder(ladder_id), to_profile(PARTLY), TODAY).roadmap.steps
        assert all(type(s.kind) is StepKind for s in steps), [s for s in steps if type(s.kind) is not StepKind][:3]
        seen |= {s.kind for s in steps}
    assert seen >= {StepKind.STUDY, StepKind.SKILL, StepKind.CERT, StepKind.ANSWER}


@pytest.mark.parametrize("member", [*Kind, *StepKind], ids=str)
def test_a_member_reads_as_its_plain_value_everywhere(member):
    value = member.value
    assert (str(member), f"{member}", format(member, ""), "{}".format(member)) == (value,) * 4
    assert json.dumps(member) == json_text(member) == json.dumps(value)
    con = sqlite3.connect(":memory:")
    assert con.execute("select ?", (member,)).fetchone() == (value,)


def kinds_in(data) -> list:
    """Every value under a "kind" key, anywhere in parsed JSON."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "kind"] + [x for v in data.values() for x in kinds_in(v)]
    if isinstance(data, list):
        return [x for v in data for x in kinds_in(v)]
    return []


def test_the_plan_and_its_snapshot_hold_plain_strings():
    plan = make_plan(ladder("pm-titles"), to_profile(PARTLY), TODAY)
    for data in (plan_json(plan), snapshot(plan)):
        text = json.dumps(data, ensure_ascii=False)
        found = kinds_in(json.loads(text))
        assert found and all(type(k) is str and k in {*Kind, *StepKind} for k in found)
        assert "Kind." not in text and "StepKind" not in text


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_what_assess_writes_names_kinds_by_their_plain_values(fmt, invoke, tmp_path):
    profile = write_profile(tmp_path / "me.yaml", PARTLY)
    result = invoke("assess", "--ladder", "pm-titles", "--profile", profile, "--format", fmt, "--today", "2026-12-02")
    assert result.exit_code == 0, result.output
    assert "Kind." not in result.stdout
    if fmt == "json":
        found = kinds_in(json.loads(result.stdout))
        assert len(set(found)) >= 2 and all(type(k) is str and k in {*Kind, *StepKind} for k in found)


def test_the_history_keeps_plain_strings(tmp_path):
    plan = make_plan(ladder("pm-titles"), to_profile(PARTLY), TODAY)
    with open_history(tmp_path / "history.sqlite3") as history:
        number = history.record(history_entry(plan, source="assess", recorded_at="2026-12-02T09:00:00+00:00"))
    con = sqlite3.connect(tmp_path / "history.sqlite3")
    raw = "".join(str(cell) for row in con.execute("select * from assessments") for cell in row)
    con.close()
    assert number and '"kind": "answer"' in raw.replace('":"', '": "') and "Kind." not in raw
