"""Each file in tests/bad_ladders/ breaks one rule; `pmladder validate` must say where and why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parents[1] / "bad_ladders"
GOOD = Path(__file__).resolve().parents[1] / "good_ladders"

# (file, line, message fragment): the line a user should look at, and words they must see.
# A fragment is pmladder's own wording; where the reason comes from a dependency (PyYAML's or
# libyaml's syntax messages, pydantic's type messages, Python's date errors), it is only the part
# a user relies on (the place, "YAML syntax:", the bad value), so any release of them passes.
CASES = [
    ("typo_levles.yaml", 10, "unknown key 'levles' (did you mean 'levels'?)"),
    ("title_number.yaml", 20, "levels[1].title: "),
    ("title_number.yaml", 20, "(quote it to keep it as text)"),
    ("title_list.yaml", 20, "levels[1].title: "),
    ("boolean_no.yaml", 22, "as a boolean: quote the text"),
    ("boolean_yes.yaml", 4, "as a boolean: quote the text"),
    ("next_unknown.yaml", 18, "unknown level 'project-manger' (did you mean 'project-manager'?) in next"),
    ("duplicate_level_id.yaml", 19, "duplicate level id 'project-coordinator'"),
    ("cycle.yaml", 18, "levels form a cycle: project-coordinator -> project-manager -> project-coordinator"),
    ("unreachable.yaml", 28, "level 'project-director' cannot be reached from the first level"),
    ("unknown_fact.yaml", 24, "unknown fact 'years_experiance' (did you mean 'years_experience'?)"),
    ("unknown_certification.yaml", 25, "unknown certification 'PMPP'"),
    ("unknown_competency.yaml", 26, "unknown competency 'comunication' (did you mean 'communication'?)"),
    ("requirement_falls.yaml", 24, "'project-manager' requires less than 'project-coordinator' below it: facts.years_experience 0.5 < 1"),
    ("unknown_tier.yaml", 21, "unknown tier 'middle' (did you mean 'mid'?)"),
    ("top_level_list.yaml", 2, "the top level must be a mapping"),
    ("empty.yaml", 1, "the file is empty"),
    ("invalid_utf8.yaml", 22, "not valid UTF-8"),
    ("anchor_alias.yaml", 16, "anchors (&req) are not allowed"),
    ("anchor_alias.yaml", 24, "aliases (*name) are not allowed"),
    ("merge_key.yaml", 10, "merge keys (<<) are not allowed"),
    ("duplicate_key.yaml", 21, "duplicate key 'title' (first at line 20)"),
    ("tab_indent.yaml", 21, "YAML syntax: "),
    ("unclosed_bracket.yaml", 19, "YAML syntax: "),
    ("too_deep.yaml", 7, "nested deeper than 32 levels"),
    ("huge_integer.yaml", 24, "levels[1].requires.facts.years_experience: 99999999999999999999\u2026 has more digits than pmladder reads"),
    ("bad_date.yaml", 22, "bad value '2024-02-30': "),
    ("two_documents.yaml", 28, "more than one YAML document"),
    # unknown ids list the known ones and say how a ladder declares its own (issue 13.4)
    ("unknown_fact.yaml", 24, "; known: years_experience, years_managing,"),
    ("unknown_fact.yaml", 24, "a ladder declares its own under 'facts:'"),
    ("unknown_certification.yaml", 25, "a ladder declares its own (or an internal programme) under 'certifications:'"),
    ("unknown_competency.yaml", 26, "a ladder declares its own under 'competencies:'"),
    # a ladder's own facts, certifications and competencies (issue 13.1)
    ("own_fact_clash.yaml", 8, "fact 'years_managing' is already in the catalog ("),
    ("own_cert_clash.yaml", 8, "certification 'PMP' is already in the catalog ("),
    ("own_competency_clash.yaml", 8, "competency 'risk' is already in the catalog ("),
    ("own_fact_no_rate.yaml", 9, "facts.years_complex: a fact that grows with time needs months_per_unit"),
    ("own_competency_grow_lines.yaml", 19, "competencies.product_knowledge.grow: 3 lines for the built-in scale (0 to 5)"),
    ("own_competency_grow_lines.yaml", 19, "which has 5 steps: give one line per step, from 0 to 1 up to 4 to 5"),
    ("own_cert_implies_unknown.yaml", 15, "unknown certification 'PMPP' (did you mean 'PMP'?)"),
    ("own_cert_cycle.yaml", 9, "certification prerequisites or implications form a cycle: Acme-Academy -> Acme-Academy"),
    # the requirements org ladders write (issue 13.2)
    ("one_of_unknown_key.yaml", 29, "unknown key 'gates' in levels[1].requires.one_of[0]"),
    ("one_of_unknown_fact.yaml", 29, "unknown fact 'years_experperience' (did you mean 'years_experience'?)"),
    ("any_competencies_too_many.yaml", 28, "n is 4 but 'of' lists only 3 competencies"),
    ("any_competencies_unknown.yaml", 29, "unknown competency 'shedule' (did you mean 'schedule'?)"),
    ("any_competencies_rating.yaml", 30, "levels[1].requires.any_competencies[0].rating: scope is rated on the built-in scale (0 to 5); 6 is above its top"),
    ("gate_names_nothing.yaml", 27, "gate 'education' names no requirement of this block; this block's requirements are: "
                                    "certifications, years_experience, communication"),
    ("within_too_long.yaml", 25, "levels[1].requires.facts.years_experience.within: Input should be less than or equal to 60"),
    ("within_without_min.yaml", 25, "levels[1].requires.facts.years_experience.min: required key is missing"),
    ("tolerance_share.yaml", 7, "tolerance.share: Input should be less than or equal to 1"),
    ("framework_no_date.yaml", 8, "framework.as_of: required key is missing"),
    ("level_as_of_bad.yaml", 28, "levels[1].as_of: Input should be a valid date"),
    ("advice_for_unknown.yaml", 29, "advice is for 'CAMP', which is no requirement id"),
    ("version_too_long.yaml", 7, "version: String should have at most 40 characters"),
    # the rising check refuses a real fall of each construct
    ("falls_certificate.yaml", 24, "below it: certification IPMA-B is no longer required (nor one that implies it)"),
    ("falls_one_of.yaml", 26, "below it: meeting it does not ensure one of the alternatives below (education / years_experience)"),
    ("falls_any_competencies.yaml", 25, "below it: it no longer asks for 2 of scope, schedule, risk at 3"),
    ("falls_within.yaml", 25, "below it: facts.years_managing: 5 years within the last 12 years does not ensure 3 within the last 6"),
    ("falls_own_fact.yaml", 34, "below it: facts.years_complex 2 < 3"),
    ("falls_own_cert.yaml", 30, "below it: certification Acme-Academy is no longer required"),
    # a declared language must be complete (issue 12): these break good_ladders/minimal-zh.yaml
    ("zh_missing_summary.yaml", 63, "levels[1].translations.zh.summary: missing 'zh' text"),
    ("zh_missing_title.yaml", 38, "levels[0].titles.zh: missing 'zh' text"),
    ("zh_missing_fact_question.yaml", 32, "facts.years_tiny.translations.zh.question: missing 'zh' text"),
]


def problem_lines(stderr: str, name: str) -> list[tuple[int, int, str]]:
    """The `FILE:LINE:COL: message` lines on stderr about `name`, parsed."""
    out = []
    for line in stderr.splitlines():
        m = re.match(rf"^(.*{re.escape(name)}):(\d+):(\d+): (.+)$", line)
        if m:
            out.append((int(m.group(2)), int(m.group(3)), m.group(4)))
    return out


def test_every_bad_file_is_in_the_table():
    """No bad ladder file ships without an expectation (and no row names a missing file)."""
    shipped = {p.name for p in BAD.glob("*.yaml")}
    listed = {name for name, _, _ in CASES} | {
        "two_schema_mistakes.yaml",
        "two_reference_mistakes.yaml",
        "schema_and_reference_mistakes.yaml",
    }
    assert shipped == listed


def test_the_minimal_ladder_they_break_is_valid(invoke):
    """The ladder every bad file starts from passes, so each bad file fails for its one reason."""
    result = invoke("validate", GOOD / "minimal.yaml")
    assert result.exit_code == 0, result.stderr
    assert "ok (ladder 'tiny', 2 levels)" in result.stdout
    assert result.stderr == ""


def test_the_bilingual_ladder_they_break_is_valid(invoke):
    """minimal-zh.yaml (the zh_*.yaml files start from it) has every text in Chinese too, so it passes."""
    result = invoke("validate", GOOD / "minimal-zh.yaml")
    assert result.exit_code == 0, result.stderr
    assert "ok (ladder 'tiny-zh', 2 levels)" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(("name", "line", "fragment"), CASES, ids=[f"{c[0]}:{c[1]}:{i}" for i, c in enumerate(CASES)])
def test_bad_ladder_is_reported_with_file_line_and_reason(invoke, name, line, fragment):
    """`validate` exits 65 and prints FILE:LINE:COL: message with the right line and reason, no traceback."""
    path = BAD / name
    result = invoke("validate", path)
    assert result.exit_code == 65, result.output
    assert "Traceback" not in result.output
    problems = problem_lines(result.stderr, name)
    assert problems, f"no FILE:LINE:COL line on stderr:\n{result.stderr}"
    for got_line, _, _ in problems:
        assert got_line >= 1
    matching = [p for p in problems if fragment in p[2]]
    assert matching, f"no problem mentions {fragment!r}:\n{result.stderr}"
    assert line in [p[0] for p in matching], f"expected line {line}:\n{result.stderr}"
    assert str(path) in result.stderr.splitlines()[0]
    assert result.stderr.splitlines()[-1] == "1 of 1 file(s) invalid"
    assert result.stdout == ""


def test_problem_columns_point_at_the_value(invoke):
    """The column points at the offending value, not just its line (a bad title at `title: 123`)."""
    result = invoke("validate", BAD / "title_number.yaml")
    assert (20, 12) in [(ln, col) for ln, col, _ in problem_lines(result.stderr, "title_number.yaml")]


def test_two_schema_mistakes_are_both_reported(invoke):
    """A misspelt key in one level and a number as another level's title: both are reported."""
    result = invoke("validate", BAD / "two_schema_mistakes.yaml")
    assert result.exit_code == 65
    problems = problem_lines(result.stderr, "two_schema_mistakes.yaml")
    found = {(ln, msg.split(" (")[0]) for ln, _, msg in problems}
    assert (14, "unknown key 'sumary' in levels[0]") in found, result.stderr
    assert any(ln == 20 and msg.startswith("levels[1].title: ") for ln, msg in found), result.stderr


def test_two_reference_mistakes_are_both_reported(invoke):
    """An unknown tier in one level and an unknown fact in another: both are reported, in file order."""
    result = invoke("validate", BAD / "two_reference_mistakes.yaml")
    assert result.exit_code == 65
    problems = problem_lines(result.stderr, "two_reference_mistakes.yaml")
    assert [(ln, msg.split(";")[0]) for ln, _, msg in problems] == [
        (13, "unknown tier 'entrance' (did you mean 'entry'?)"),
        (24, "unknown fact 'years_experiance' (did you mean 'years_experience'?)"),
    ]


def test_schema_and_reference_mistakes_are_both_reported(invoke):
    """A misspelt key in one level and an unknown fact in another: both are reported in one run."""
    result = invoke("validate", BAD / "schema_and_reference_mistakes.yaml")
    assert result.exit_code == 65
    problems = problem_lines(result.stderr, "schema_and_reference_mistakes.yaml")
    messages = [(ln, msg.split(";")[0]) for ln, _, msg in problems]
    assert (14, "unknown key 'sumary' in levels[0] (did you mean 'summary'?)") in messages, result.stderr
    assert any(ln == 24 and msg.startswith("unknown fact 'years_experiance' (did you mean 'years_experience'?)") for ln, msg in messages), result.stderr


def test_every_file_given_is_checked(invoke):
    """`validate GOOD BAD1 BAD2` reports the problems of both bad files and says 2 of 3 are invalid."""
    result = invoke("validate", GOOD / "minimal.yaml", BAD / "cycle.yaml", BAD / "unknown_tier.yaml")
    assert result.exit_code == 65
    assert "minimal.yaml: ok" in result.stdout
    assert problem_lines(result.stderr, "cycle.yaml")
    assert problem_lines(result.stderr, "unknown_tier.yaml")
    assert result.stderr.splitlines()[-1] == "2 of 3 file(s) invalid"


def test_missing_file_is_a_clear_error(invoke, tmp_path):
    """A file that does not exist is one line and exit 66 (input missing), not a traceback."""
    missing = tmp_path / "nope.yaml"
    result = invoke("validate", missing)
    assert result.exit_code == 66
    assert f"{missing}: file not found" in result.stderr


def test_bad_ladder_in_a_ladders_dir_is_skipped_and_stops_only_the_command_that_names_it(invoke, tmp_path):
    """A broken file on the search path: `ladders` lists the others with one note (issue 20); `show` of the
    broken ladder exits 65 with FILE:LINE:COL, not a traceback."""
    (tmp_path / "cycle.yaml").write_bytes((BAD / "cycle.yaml").read_bytes())
    listed = invoke("ladders", "--ladders-dir", tmp_path)
    assert listed.exit_code == 0 and "cycle.yaml" in listed.stderr and "pm-titles" in listed.stdout
    result = invoke("show", "tiny", "--ladders-dir", tmp_path)
    assert result.exit_code == 65
    assert f"{tmp_path / 'cycle.yaml'}:18:" in result.stderr
    assert "levels form a cycle" in result.stderr
