"""Profiles: an empty value is unknown; answers no ladder uses and impossible combinations are warnings;
`pmladder validate` checks a profile as a profile; known ids list the ladder in use first."""

from __future__ import annotations

import json

import pytest

ORG = """\
schema_version: 2
id: org-x
name: Org X
source: made up for the tests
description: One title.
tiers:
  entry:
    name: Entry
competencies:
  risk_issues:
    name: Risks and issues
    description: Handles risks and issues.
    ratings: [a, b, c, d, e, f]
    grow: [g1, g2, g3, g4, g5]
    months_per_step: 6
levels:
  - id: analyst
    title: Analyst
    tier: entry
    summary: Analyses.
    requires:
      facts:
        years_experience: 1
      competencies:
        risk_issues: 2
"""


@pytest.fixture
def org(tmp_path):
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "org-x.yaml").write_text(ORG, encoding="utf-8")
    return folder


def write(tmp_path, text: str):
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("empty", ["", ' ""', " ''", " ~"])
def test_an_empty_value_means_unknown(invoke, tmp_path, empty):
    path = write(tmp_path, f"schema_version: 1\nname:{empty}\neducation:{empty}\nladder: pm-titles\ncertifications:{empty}\n"
                           f"facts:\n  years_experience: 4\n  years_managing:{empty}\ncompetencies:\n  scope:{empty}\n  risk: 3\n")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.output
    assert "ok (profile, 2 answers)" in result.stdout
    from pmladder.inputs.library import load_library
    from pmladder.inputs.profiles import load_profile

    person = load_profile(path, load_library([]).vocabulary(), cached=False)
    assert person.facts == {"years_experience": 4.0} and person.competencies == {"risk": 3}
    assert person.education is None and person.certifications is None and person.name is None
    plan = invoke("plan", "--profile", path, "--format", "json")
    assert plan.exit_code == 0, plan.output


def test_an_answer_meant_for_the_ladders_own_id_is_warned_with_did_you_mean(invoke, tmp_path, org):
    path = write(tmp_path, "schema_version: 1\nladder: org-x\nfacts:\n  years_experience: 3\ncompetencies:\n  risk: 3\n")
    result = invoke("validate", path, "--ladders-dir", org)
    assert result.exit_code == 0, result.output
    assert (f"warning: {path}:6:3: competencies.risk: ladder 'org-x' does not use 'risk' (did you mean 'risk_issues'?)"
            in result.stderr)
    plan = invoke("plan", "--profile", path, "--ladders-dir", org, "--format", "json")
    assert plan.exit_code == 0 and "did you mean 'risk_issues'?" in plan.stderr


def test_an_answer_no_installed_ladder_uses_is_warned(invoke, tmp_path, org):
    from pmladder.inputs.profiles import answer_warnings, check
    from pmladder.inputs.yamlsafe import parse_text
    from pmladder.engine.types import Vocab

    doc = parse_text("competencies:\n  risk: 3\n  leadership: 2\n", "me.yaml")
    from pmladder.inputs.loader import load_catalog

    comps = load_catalog().comps  # real skills: a rating is checked against each one's scale
    vocab = Vocab({}, {}, {"risk": comps["risk"], "leadership": comps["leadership"], "risk_issues": comps["risk"]._replace(id="risk_issues")})
    person = check(doc, vocab)
    warnings = answer_warnings(doc, person, {"org-x": ("risk_issues",)}, "org-x")
    assert [str(w) for w in warnings] == [
        "me.yaml:2:3: competencies.risk: no installed ladder uses 'risk', so this answer counts nowhere (did you mean 'risk_issues'?)",
        "me.yaml:3:3: competencies.leadership: no installed ladder uses 'leadership', so this answer counts nowhere",
    ]


def test_years_managing_above_years_of_experience_is_flagged_with_both_numbers(invoke, tmp_path):
    path = write(tmp_path, "schema_version: 1\nladder: pm-titles\nfacts:\n  years_experience: 3\n  years_managing: 5\n")
    result = invoke("validate", path, "--format", "json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)["files"][0]
    assert row["kind"] == "profile" and row["ok"] and row["problems"] == []
    [warning] = row["warnings"]
    assert warning.startswith(f"{path}:5:19: facts.years_managing: ") and "5 years" in warning and "3 years" in warning


def test_validate_checks_a_profile_as_a_profile(invoke, tmp_path):
    path = write(tmp_path, "schema_version: 1\nladder: pm-titles\nfacts:\n  years_experiance: 3\ncompetencies:\n  scope: 9\n")
    result = invoke("validate", path)
    assert result.exit_code == 65
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == 2, result.stderr
    assert "unknown fact 'years_experiance' (did you mean 'years_experience'?)" in lines[0]
    assert "competencies.scope: should be a whole number from 0 to 5" in lines[1]
    assert "levels" not in result.stderr and "tiers" not in result.stderr


def test_known_ids_list_the_ladder_in_use_first(invoke, tmp_path, org):
    path = write(tmp_path, "schema_version: 1\nladder: org-x\ncompetencies:\n  riskk: 3\n")
    result = invoke("validate", path, "--ladders-dir", org)
    assert result.exit_code == 65
    assert "unknown competency 'riskk' (did you mean 'risk'?); known: risk_issues, organisation, " in result.stderr


def test_did_you_mean_finds_the_id_a_word_was_cut_from():
    from pmladder.words.lookup import nearest

    assert nearest("risk", ["risk_issues", "scope"]) == "risk_issues"
    assert nearest("risk", ["risk_issues", "risk_register"]) is None  # two would fit: none is guessed
    assert nearest("pm", ["pm_office"]) is None  # too short to tell
