"""Ladders for real organisations (issue 13): every new construct proved end to end.

* The company ladder the issue describes, examples/ladders/contoso-ipma.yaml, validates, shows
  in every format and assesses; the issue's 3-year project manager with blanks is placed on
  it with the blanks named.
* Each construct changes a placement the way its documentation says: own facts and an
  internal programme, a certificate as an expectation, "a bachelor or four more years",
  "IPMA-C or higher", "any N of these at rating R", "within the last N years" with
  `last_year`, gates, tolerance, tagged advice, version, a level's source and date.
* The rising check accepts what rises through implications and windows (its refusals are
  rows of tests/inputs/test_bad_ladders.py, one bad file per construct).
* Hints repeat the options the run needed; the framework ladders ship, say who is
  authoritative and place realistic people; the JSON Schemas are valid, described and
  current; saved profiles point at their schema; ladders/README.md documents it all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's loader, in C where PyYAML has libyaml
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "ladders"
PROFILES = REPO / "examples" / "profiles"
CONTOSO = EXAMPLES / "contoso-ipma.yaml"
TODAY = "2026-12-02"

SKILLS_AT_3 = {k: 3 for k in ("organisation", "communication", "scope", "schedule", "cost", "risk", "stakeholders", "leadership")}

# The person: three years in, left certifications, training hours and team size blank.
THREE_YEAR_PM = {
    "schema_version": 1,
    "name": "Chris Novak",
    "education": "bachelor",
    "facts": {"years_experience": 3, "years_managing": 2, "concurrent_projects": 2},
    "competencies": {**SKILLS_AT_3, "coaching": 2},
}


def write(tmp_path: Path, person: dict, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.dump(person, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def contoso(invoke, tmp_path, person: dict, *extra, fmt: str = "json"):
    """`pmladder assess` of a profile on the Contoso ladder; the result and, for JSON, the data."""
    path = write(tmp_path, person)
    result = invoke("assess", "--profile", path, "--ladder", "contoso-ipma", "--ladders-dir", EXAMPLES,
                    "--format", fmt, "--today", TODAY, *extra)
    assert result.exit_code == 0, result.stderr
    return result, (json.loads(result.stdout) if fmt == "json" else None)


def check_of(data: dict, level: str, key: str) -> dict:
    """A requirement of `level` as the plan JSON's gaps or to_confirm show it (state, have, need)."""
    for item in data["placement"]["to_confirm"] + data["gaps"]:
        if item["key"] == key and item.get("level", level) == level:
            return item
    raise AssertionError(f"{key} is neither to confirm nor a gap: {[i['key'] for i in data['gaps']]}")


def fits(data: dict) -> dict:
    return {f["level"]: f for f in data["fit"]}


def best(data: dict) -> str | None:
    return (data["placement"]["best_fit"] or {}).get("id")


# --- the company ladder: validate, show, assess ---------------------------------------------------


def test_contoso_validates(invoke):
    result = invoke("validate", CONTOSO)
    assert result.exit_code == 0, result.stderr
    assert "ok (ladder 'contoso-ipma', 4 levels)" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_contoso_shows_in_every_format(invoke, fmt):
    result = invoke("show", "contoso-ipma", "--ladders-dir", EXAMPLES, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for words in ("Years leading complex projects within the last 8 years", "Contoso-PM-Academy",
                  "IPMA-C", "within the last 5 years"):
        assert words in out, words
    if fmt == "json":
        data = json.loads(out)
        assert data["version"] == "2026.1"
        senior = next(lv for lv in data["levels"] if lv["id"] == "senior-project-manager")
        assert senior["source"].startswith("Contoso HR") and senior["as_of"] == "2026-10-01"
        kinds = {(r["kind"], r["key"]): r for r in senior["requires"]}
        assert kinds[("fact", "years_complex_projects")].items() >= {"gate": True, "within_years": 8, "need": 3}.items()
        assert kinds[("cert", "IPMA-C")]["gate"] is False
        assert "IPMA-B" in kinds[("cert", "IPMA-C")]["text"]  # "or IPMA-B or IPMA-A, which imply it"
        alt = next(r for r in senior["requires"] if r["kind"] == "alt")
        assert alt["gate"] is True and len(alt["need"]) == 2
        group = next(r for r in senior["requires"] if r["kind"] == "skills")
        assert group["need"] == {"n": 4, "of": ["organisation", "communication", "scope", "schedule", "cost", "risk", "stakeholders"], "rating": 4}
        assert data["levels"][0]["tolerance"] == {"share": 0.25, "rating_steps": 1}


def test_the_three_year_pm_with_blanks_is_placed_with_the_blanks_named(invoke, tmp_path):
    """Issue 13's 'done when', as issue 19 reads it: the title rests on the years answered; a team size left
    blank is tolerated like a small shortfall and named to confirm; the course hours and the Academy left
    blank are credentials that would confirm the title; every blank is named in `unknowns`."""
    _, data = contoso(invoke, tmp_path, THREE_YEAR_PM)
    assert best(data) == "project-manager", data["placement"]["why"]
    assert "team_size" in {c["key"] for c in data["placement"]["to_confirm"]}
    assert {"pm_training_hours", "Contoso-PM-Academy"} <= {c["key"] for c in data["placement"]["to_hold"]}
    unknown = {u["key"]: u for u in data["unknowns"]}
    assert {"team_size", "pm_training_hours"} <= set(unknown)
    assert any(u["kind"] in ("cert", "certs") for u in unknown.values())
    for u in unknown.values():
        assert len(u["levels"]) == len(set(u["levels"])), u  # each level named once


def test_the_three_year_pm_in_text_and_markdown(invoke, tmp_path):
    for fmt in ("text", "markdown"):
        result, _ = contoso(invoke, tmp_path, THREE_YEAR_PM, fmt=fmt)
        assert "Project Manager" in result.stdout
        assert "Not yet on this ladder" not in result.stdout
        assert "Largest team led" in result.stdout


# --- each construct, end to end ---------------------------------------------------------------------


def test_own_fact_is_asked_about_and_counts(invoke, tmp_path):
    """years_complex_projects is the ladder's own: a profile may answer it, and the answer counts."""
    person = {**THREE_YEAR_PM, "facts": {**THREE_YEAR_PM["facts"], "years_managing": 3, "years_complex_projects": 1}}
    _, data = contoso(invoke, tmp_path, person, "--target", "senior-project-manager")
    gap = check_of(data, "senior-project-manager", "years_complex_projects")
    assert gap["have"] == 1 and gap["need"] == 3 and gap["gate"] is True and gap["state"] == "missing"


def test_internal_programme_is_an_expectation_that_cannot_be_planned(invoke, tmp_path):
    """Not holding the Academy is a credential not held (issue 19: never "close"): the title stands on the
    work, the Academy is what would confirm it, and the plan asks for a nomination."""
    person = {**THREE_YEAR_PM, "certifications": [], "facts": {**THREE_YEAR_PM["facts"], "team_size": 5, "pm_training_hours": 30}}
    _, data = contoso(invoke, tmp_path, person)
    assert best(data) == "project-manager"
    academy = check_of(data, "project-manager", "Contoso-PM-Academy")
    assert academy["state"] == "missing" and academy["gate"] is False
    assert "Contoso-PM-Academy" in {c["key"] for c in data["placement"]["to_hold"]}
    steps = [s for s in data["roadmap"] if s["key"] == "Contoso-PM-Academy"]
    assert steps and all(s["done_month"] is None for s in steps)
    assert any("nominated" in s["how"] for s in steps)


def test_ipma_c_or_higher_is_met_by_ipma_b(invoke, tmp_path):
    person = {**THREE_YEAR_PM, "certifications": ["IPMA-B", "Contoso-PM-Academy"],
              "facts": {"years_experience": 9, "years_managing": 6, "years_complex_projects": 3, "team_size": 10, "pm_training_hours": 40},
              "competencies": {k: 4 for k in SKILLS_AT_3} | {"coaching": 3, "strategy": 3}}
    _, data = contoso(invoke, tmp_path, person)
    assert best(data) == "senior-project-manager", data["placement"]["why"]
    assert fits(data)["senior-project-manager"]["fully_met"]
    assert any(i["key"] == "IPMA-C" and i["by"] == "IPMA-B" for i in data["implied"])


def test_the_certificate_is_an_expectation_not_a_gate(invoke, tmp_path):
    """Without IPMA-C but eligible to sit it (3 years managing), a senior candidate keeps the title their work
    matches, with the certificate as what would confirm it (issue 19: not held is never "close")."""
    person = {**THREE_YEAR_PM, "certifications": ["Contoso-PM-Academy"],
              "facts": {"years_experience": 9, "years_managing": 6, "years_complex_projects": 3, "team_size": 10, "pm_training_hours": 40},
              "competencies": {k: 4 for k in SKILLS_AT_3} | {"coaching": 3, "strategy": 3}}
    _, data = contoso(invoke, tmp_path, person)
    assert best(data) == "senior-project-manager"
    cert = next(c for c in data["placement"]["to_hold"] if c["key"] == "IPMA-C")
    assert cert["state"] == "missing" and cert["gate"] is False
    assert cert["text"].endswith("you can sit it now")


@pytest.mark.parametrize(("education", "years", "placed"), [
    ("bachelor", 3, True),  # the degree route
    ("secondary", 7, True),  # four more years instead of the degree
    ("secondary", 6.5, False),  # the one_of is a gate: close is not enough
    ("secondary", 3, False),
])
def test_bachelor_or_four_more_years(invoke, tmp_path, education, years, placed):
    person = {**THREE_YEAR_PM, "education": education, "certifications": ["Contoso-PM-Academy"],
              "facts": {"years_experience": years, "years_managing": 2, "team_size": 5, "pm_training_hours": 30}}
    _, data = contoso(invoke, tmp_path, person)
    assert (best(data) == "project-manager") is placed, data["placement"]["why"]
    if not placed:
        assert best(data) == "associate-project-manager"
        alt = next(g for g in data["gaps"] if g["kind"] == "alt" and g["level"] == "project-manager")
        assert alt["state"] == "missing" and alt["gate"] is True


@pytest.mark.parametrize(("ratings", "state"), [
    ({"organisation": 3, "communication": 3, "scope": 3, "schedule": 3}, "met"),
    ({"organisation": 3, "communication": 3, "scope": 3, "schedule": 2}, "short"),  # one a step short: close
    ({"organisation": 3, "communication": 3, "scope": 1, "schedule": 1}, "missing"),
])
def test_any_four_of_these_at_three(invoke, tmp_path, ratings, state):
    person = {**THREE_YEAR_PM, "certifications": ["Contoso-PM-Academy"],
              "facts": {"years_experience": 3, "years_managing": 2, "team_size": 5, "pm_training_hours": 30},
              "competencies": {"cost": 1, "risk": 1, "stakeholders": 1, "leadership": 3, **ratings}}
    _, data = contoso(invoke, tmp_path, person)
    group = [c for c in data["placement"]["to_confirm"] + data["gaps"] if c["kind"] == "skills" and c["key"].startswith("4 of ") and c["key"].endswith(" at 3")]
    if state == "met":
        assert best(data) == "project-manager" and not group
    else:
        assert group and group[0]["state"] == state
        assert best(data) == ("project-manager" if state == "short" else "associate-project-manager")


def test_within_the_last_years_and_last_year(invoke, tmp_path):
    """Two years managing within the last five: counted up to today unless `last_year` says the work stopped."""
    person = {**THREE_YEAR_PM, "certifications": ["Contoso-PM-Academy"],
              "facts": {"years_experience": 3, "years_managing": 3, "team_size": 5, "pm_training_hours": 30}}
    _, now = contoso(invoke, tmp_path, person)
    assert best(now) == "project-manager"
    assert any("last_year" in line and "Years managing projects" in line for line in now["assumptions"])
    stopped = {**person, "last_year": {"years_managing": 2022}}  # 4 years ago: 1 of the 3 years is inside the window
    _, then = contoso(invoke, tmp_path, stopped)
    assert best(then) == "associate-project-manager"
    gap = check_of(then, "project-manager", "years_managing")
    assert gap["have"] == 1 and gap["need"] == 2 and gap["state"] == "missing"
    step = next(s for s in then["roadmap"] if s["key"] == "years_managing" and s["level"] == "project-manager")
    assert step["have"] == 1 and step["done_month"] == 24  # the old years slide out: two new years are needed
    assert not any("last_year" in line for line in then["assumptions"])


def test_tagged_advice_shows_only_while_its_requirement_is_open(invoke, tmp_path):
    base = {**THREE_YEAR_PM, "facts": {"years_experience": 2, "years_managing": 1, "team_size": 5, "pm_training_hours": 30}}
    _, without = contoso(invoke, tmp_path, {**base, "certifications": []})
    _, holding = contoso(invoke, tmp_path, {**base, "certifications": ["Contoso-PM-Academy"]})
    nominate = "Ask your manager to nominate you for the next PM Academy intake."
    advice = {d: next(m["advice"] for m in data["milestones"] if m["level"] == "project-manager") for d, data in (("without", without), ("holding", holding))}
    assert nominate in advice["without"] and nominate not in advice["holding"]
    assert "Find an experienced project manager who will review your plans." in advice["holding"]  # untagged: always


def test_advice_about_a_part_of_an_open_one_of_is_shown(invoke, tmp_path):
    """'Without a degree, four more years count' (for: [education]) shows while the one_of is open for want of
    the degree, not to someone who has one and lacks only years."""
    degree = "Without a degree, four more years of project work count instead."
    person = {**THREE_YEAR_PM, "certifications": [], "facts": {**THREE_YEAR_PM["facts"], "team_size": 5, "pm_training_hours": 30}}
    _, secondary = contoso(invoke, tmp_path, {**person, "education": "secondary"})
    assert degree in next(m["advice"] for m in secondary["milestones"] if m["level"] == "project-manager")
    _, bachelor = contoso(invoke, tmp_path, {**person, "facts": {**person["facts"], "years_experience": 2}})
    assert next(g for g in bachelor["gaps"] if g["kind"] == "alt")["state"] == "missing"  # open, for want of years
    assert degree not in next(m["advice"] for m in bachelor["milestones"] if m["level"] == "project-manager")


def test_version_is_recorded_with_the_plan(invoke, tmp_path):
    _, data = contoso(invoke, tmp_path, THREE_YEAR_PM)
    assert data["ladder"]["version"] == "2026.1"


def test_a_decimal_stays_as_written_in_the_markdown_plan(invoke, tmp_path):
    person = {**THREE_YEAR_PM, "facts": {**THREE_YEAR_PM["facts"], "years_experience": 1.5, "years_managing": 1.5}}
    result, _ = contoso(invoke, tmp_path, person, fmt="markdown")
    assert "1.5" in result.stdout and "1\\.5" not in result.stdout


# --- hints repeat the options the run needed (13.4) ------------------------------------------------


def test_hints_repeat_ladders_dir_ladder_and_profile(invoke, tmp_path):
    result, data = contoso(invoke, tmp_path, THREE_YEAR_PM)
    note = next(line for line in result.stderr.splitlines() if line.startswith("note: not answered"))
    command = note.split("answer them with: ", 1)[1]
    assert f"--ladders-dir {EXAMPLES}" in command and "--ladder contoso-ipma" in command and "--profile " in command
    for u in data["unknowns"]:
        assert f"--ladders-dir {EXAMPLES}" in u["answer"] and "--ladder contoso-ipma" in u["answer"], u["answer"]


def test_the_suggested_command_runs(invoke, tmp_path):
    """The hint's command, run as given (answers from standard input), gets past the ladder and folder choice."""
    result, _ = contoso(invoke, tmp_path, THREE_YEAR_PM)
    note = next(line for line in result.stderr.splitlines() if line.startswith("note: not answered"))
    argv = note.split("answer them with: pmladder ", 1)[1].split()
    again = invoke(*argv, "--today", TODAY, "--no-save", "--format", "json", env={"PMLADDER_NO_CACHE": "1"})
    assert "name the ladder" not in again.stderr and "unknown ladder" not in again.stderr, again.stderr
    assert "Type each answer" in again.stdout + again.stderr  # it reached the questions


def test_hints_repeat_lang(invoke, tmp_path):
    person = {"schema_version": 1, "education": "bachelor", "facts": {"years_experience": 3}}
    path = write(tmp_path, person)
    result = invoke("assess", "--profile", path, "--ladder", "pmo-sequence", "--lang", "zh", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "--lang zh" in result.stderr
    assert all("--lang zh" in u["answer"] for u in json.loads(result.stdout)["unknowns"])


def test_a_profile_path_with_a_space_is_quoted(invoke, tmp_path):
    folder = tmp_path / "my profiles"
    folder.mkdir()
    path = write(folder, THREE_YEAR_PM)
    result = invoke("assess", "--profile", path, "--ladder", "contoso-ipma", "--ladders-dir", EXAMPLES, "--format", "json", "--today", TODAY)
    assert f"--profile '{path}'" in result.stderr


def test_an_unknown_fact_in_a_profile_lists_the_ladders_own_too(invoke, tmp_path):
    path = write(tmp_path, {"schema_version": 1, "facts": {"years_complex_project": 2}})
    result = invoke("assess", "--profile", path, "--ladder", "contoso-ipma", "--ladders-dir", EXAMPLES, "--today", TODAY)
    assert result.exit_code == 65
    assert "unknown fact 'years_complex_project' (did you mean 'years_complex_projects'?)" in result.stderr
    assert "known: years_experience" in result.stderr


# --- the rising check understands the new constructs ------------------------------------------------

RISING = """
schema_version: 1
id: rising
name: Rising
source: Written for the tests
description: Each pair rises through an implication, a window or a group.
tiers: {one: {name: One}, two: {name: Two}}
levels:
  - id: lower
    title: Lower
    tier: one
    summary: Below.
    requires:
      facts:
        years_managing: {min: 3, within: 6}
      certifications: {any_of: [IPMA-C]}
      any_competencies:
        - {n: 2, of: [scope, schedule, risk], rating: 3}
      one_of:
        - education: bachelor
        - facts: {years_experience: 7}
    next: [upper]
  - id: upper
    title: Upper
    tier: two
    summary: Above.
    requires:
      facts:
        years_managing: {min: 5, within: 8}
        years_experience: 7
      certifications: {any_of: [IPMA-B]}
      competencies: {scope: 4, schedule: 4}
    next: []
"""


def test_rising_check_accepts_what_rises_through_implications_windows_and_groups(invoke, tmp_path):
    """IPMA-B above 'IPMA-C or higher'; 5 within 8 above 3 within 6; two ratings of 4 above 'any 2 at 3';
    7 years above 'a degree or 7 years'."""
    (tmp_path / "rising.yaml").write_text(RISING, encoding="utf-8")
    result = invoke("validate", tmp_path / "rising.yaml")
    assert result.exit_code == 0, result.stderr


def test_rising_check_refuses_each_construct_falling():
    """The refusals are rows of the bad-ladder table (file, line, message)."""
    from test_bad_ladders import CASES

    names = {name for name, _, _ in CASES}
    assert {"falls_certificate.yaml", "falls_one_of.yaml", "falls_any_competencies.yaml", "falls_within.yaml",
            "falls_own_fact.yaml", "falls_own_cert.yaml"} <= names


def test_a_windowed_fact_mistake_has_one_message(invoke):
    """`{within: 6}` without `min` says so once, not also 'should be a number' for the other form."""
    bad = REPO / "tests" / "bad_ladders" / "within_without_min.yaml"
    result = invoke("validate", bad)
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(bad))]
    assert len(lines) == 1 and lines[0].endswith("levels[1].requires.facts.years_experience.min: required key is missing")


# --- the framework ladders (13.5) -------------------------------------------------------------------

FRAMEWORKS = {"ipma-levels": "IPMA", "pmi-path": "PMI"}


@pytest.mark.parametrize("ladder", sorted(FRAMEWORKS))
def test_framework_ladder_validates_and_is_listed(invoke, ladders_dir, ladder):
    result = invoke("validate", ladders_dir / f"{ladder}.yaml")
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(invoke("ladders", "--format", "json").stdout)["ladders"]}
    assert rows[ladder]["framework"] == FRAMEWORKS[ladder] and rows[ladder]["source"] == "built-in"


def test_framework_ladders_ship_in_the_wheel(ladders_dir):
    """Everything in ladders/ is force-included in the wheel as pmladder/_ladders."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["ladders"] == "pmladder/_ladders"
    for name in ("ipma-levels.yaml", "pmi-path.yaml", "profile.schema.json"):
        assert (ladders_dir / name).is_file()


@pytest.mark.parametrize("ladder", sorted(FRAMEWORKS))
def test_framework_ladder_levels_carry_source_and_date(invoke, ladder):
    data = json.loads(invoke("show", ladder, "--format", "json").stdout)
    assert data["framework"]["issuer"] == FRAMEWORKS[ladder] and data["framework"]["as_of"] == "2026-11-01"
    for level in data["levels"]:
        assert level["source"].startswith("https://") and level["as_of"] == "2026-11-01", level["id"]


@pytest.mark.parametrize("ladder", sorted(FRAMEWORKS))
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_show_says_the_issuer_is_authoritative(invoke, ladder, fmt):
    out = " ".join(invoke("show", ladder, "--format", fmt).stdout.split())
    issuer = FRAMEWORKS[ladder]
    assert f"{issuer}'s own rules are authoritative" in out and f"pmladder is not affiliated with {issuer}" in out


@pytest.mark.parametrize("ladder", sorted(FRAMEWORKS))
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_report_and_plan_say_the_issuer_is_authoritative(invoke, ladder, fmt):
    result = invoke("assess", "--profile", PROFILES / "pmp-six-years.yaml", "--ladder", ladder, "--format", fmt, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert f"pmladder is not affiliated with {FRAMEWORKS[ladder]}" in out


def test_ipma_certificates_are_gates_and_pmi_certificates_expectations(invoke):
    ipma = json.loads(invoke("show", "ipma-levels", "--format", "json").stdout)
    pmi = json.loads(invoke("show", "pmi-path", "--format", "json").stdout)
    assert [lv["title"] for lv in ipma["levels"]] == ["Certified Project Management Associate", "Certified Project Manager",
                                                     "Certified Senior Project Manager", "Certified Projects Director"]
    for level, cert in zip(ipma["levels"], ("IPMA-D", "IPMA-C", "IPMA-B", "IPMA-A")):
        req = next(r for r in level["requires"] if r["kind"] in ("cert", "certs"))
        assert req["key"] == cert and req["gate"] is True
    assert [lv["title"] for lv in pmi["levels"]] == ["Project Management Associate", "Project Manager", "Program Manager", "Portfolio Manager"]
    for level in pmi["levels"]:
        assert not any(r["gate"] for r in level["requires"] if r["kind"] in ("cert", "certs")), level["id"]
        assert any(r["kind"] == "alt" for r in level["requires"]) or level["id"] == "project-management-associate"


@pytest.mark.parametrize("name", ["ipma-levels.yaml", "pmi-path.yaml"])
def test_competence_mapping_is_marked_as_judgment(ladders_dir, name):
    """Every 'any N of' list (the framework's areas mapped to catalog competencies) says it is judgment."""
    lines = (ladders_dir / name).read_text(encoding="utf-8").splitlines()
    of_lines = [ln for ln in lines if ln.strip().startswith("of: [")]
    assert of_lines and all("(judgment)" in ln for ln in of_lines)
    header = "\n".join(ln for ln in lines if ln.startswith("#"))
    assert "gate" in header.lower() and "judgment" in header


# Realistic people written for the framework ladders (examples/profiles/), and where they belong.
REALISTIC = {
    "ipma-c-holder.yaml": {"ipma-levels": "level-c", "pmi-path": None},  # issue 19: no PMI certificate, no PMI title
    "pmp-six-years.yaml": {"ipma-levels": None, "pmi-path": "project-manager"},
    "capm-newcomer.yaml": {"ipma-levels": None, "pmi-path": "project-management-associate"},
    "pgmp-program-manager.yaml": {"ipma-levels": None, "pmi-path": "program-manager"},
    "portfolio-manager.yaml": {"ipma-levels": None, "pmi-path": "portfolio-manager"},
}


@pytest.mark.parametrize(("profile", "ladder"), [(p, lad) for p in REALISTIC for lad in FRAMEWORKS])
def test_realistic_people_on_the_framework_ladders(invoke, profile, ladder):
    result = invoke("assess", "--profile", PROFILES / profile, "--ladder", ladder, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert best(data) == REALISTIC[profile][ladder], data["placement"]["why"]
    if profile == "ipma-c-holder.yaml" and ladder == "pmi-path":  # what the work matches is said beside it
        assert data["placement"]["work_matches"]["id"] == "project-manager"


def test_an_uncertified_veteran_sits_one_ipma_exam_not_three(invoke):
    """Aiming at Level B with the experience for it: the plan takes IPMA-B, not D, C and B one after another."""
    result = invoke("assess", "--profile", PROFILES / "pmp-six-years.yaml", "--ladder", "ipma-levels", "--target", "level-c",
                    "--format", "json", "--today", TODAY)
    data = json.loads(result.stdout)
    certs = [s["key"] for s in data["roadmap"] if s["kind"] == "cert"]
    assert certs == ["IPMA-C"], certs
    assert {m["level"]: m["ready_month"] for m in data["milestones"]} == {"level-d": 4, "level-c": 4}


# --- schemas and profiles (13.2, 13.3, 13.7) -----------------------------------------------------------


def _schemas():
    from pmladder.inputs.profiles import profile_schema
    from pmladder.inputs.schema import catalog_schema, ladder_schema

    return {"schema.json": ladder_schema(), "catalog.schema.json": catalog_schema(), "profile.schema.json": profile_schema()}


@pytest.mark.parametrize("name", ["schema.json", "catalog.schema.json", "profile.schema.json"])
def test_shipped_schema_is_the_generated_one(ladders_dir, name):
    from test_cli_ladders import untitled  # pydantic's generated field titles are its wording, not the format

    shipped = json.loads((ladders_dir / name).read_text(encoding="utf-8"))
    kind = {"schema.json": "", "catalog.schema.json": " catalog", "profile.schema.json": " profile"}[name]
    assert untitled(shipped) == untitled(_schemas()[name]), f"ladders/{name} is out of date; regenerate it with `pmladder schema{kind} > ladders/{name}`"


@pytest.mark.parametrize("name", ["schema.json", "catalog.schema.json", "profile.schema.json"])
def test_schema_is_valid_json_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _undescribed(node, path="") -> list[str]:
    out = []
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            if not (isinstance(sub, dict) and sub.get("description")):
                out.append(f"{path}.{key}")
        for key, sub in node.items():
            out += _undescribed(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out += _undescribed(sub, f"{path}[{i}]")
    return out


@pytest.mark.parametrize("name", ["schema.json", "catalog.schema.json", "profile.schema.json"])
def test_every_schema_property_has_a_description(name):
    assert _undescribed(_schemas()[name]) == []


@pytest.mark.parametrize("construct", ["one_of", "any_competencies", "gates", "within", "tolerance", "framework",
                                       "version", "as_of", "implies", "for", "grows", "rating_steps"])
def test_the_ladder_schema_explains_each_construct(construct):
    text = json.dumps(_schemas()["schema.json"])
    assert f'"{construct}": {{' in text


def test_shipped_files_fit_their_schemas(ladders_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schemas = _schemas()
    files = [(p, "catalog.schema.json" if p.name == "catalog.yaml" else "schema.json") for p in sorted(ladders_dir.glob("*.yaml"))]
    files += [(p, "schema.json") for p in sorted(EXAMPLES.glob("*.yaml"))]
    files += [(p, "profile.schema.json") for p in [*sorted(PROFILES.glob("*.yaml")), ladders_dir / "examples" / "profile-alex.yaml"]]
    for path, schema in files:
        errors = [e.message for e in jsonschema.Draft202012Validator(schemas[schema]).iter_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE))]
        assert errors == [], (path.name, errors)


def test_a_saved_profile_points_at_its_schema(tmp_path, ladders_dir):
    """The link goes to the schema in the user's data folder (it outlives a reinstall), which holds the shipped schema."""
    from pmladder.engine.types import Profile
    from pmladder.inputs.profiles import HEADER, save_profile

    path = tmp_path / "me.yaml"
    environ = {"PMLADDER_HOME": str(tmp_path / "home")}
    save_profile(path, Profile(name="Chris", education="bachelor", facts={"years_managing": 2.0}, certifications=()), environ=environ)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] + "\n" == HEADER
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", lines[1])
    schema = tmp_path / "home" / "data" / "profile.schema.json"
    assert m and m.group(1) == schema.as_uri()
    assert json.loads(schema.read_text(encoding="utf-8")) == json.loads((ladders_dir / "profile.schema.json").read_text(encoding="utf-8"))


# --- the format documentation (13.2, 13.3) ------------------------------------------------------------


def test_ladders_readme_documents_every_construct_and_the_profile_format():
    text = (REPO / "ladders" / "README.md").read_text(encoding="utf-8")
    for words in ("one_of", "any_competencies", "gates", "within", "last_year", "tolerance", "rating_steps", "framework",
                  "version", "as_of", "implies", "role_ratings_from", "grows", "for:", "## Profile files",
                  "ipma-levels.yaml", "pmi-path.yaml", "profile.schema.json", "pmladder schema profile",
                  "prep_months"):
        assert words in text, words


# --- the top of one branch is not the top of the ladder ----------------------------------------------


def _persona_file(tmp_path: Path, key: str) -> Path:
    from personas import PERSONAS

    path = tmp_path / f"{key}.yaml"
    path.write_text(yaml.dump(next(p for p in PERSONAS if p.key == key).profile, Dumper=SAFE_DUMPER, allow_unicode=True), encoding="utf-8")
    return path


def test_a_program_manager_is_told_of_the_portfolio_branch_not_that_the_ladder_ends(invoke, tmp_path):
    """A PgMP holder at Program Manager on pmi-path: the top of that branch, with Portfolio Manager beside it."""
    path = _persona_file(tmp_path, "programme-manager")
    args = ("assess", "--ladder", "pmi-path", "--profile", path, "--today", TODAY)
    data = json.loads(invoke(*args, "--format", "json").stdout)
    assert data["placement"]["best_fit"]["id"] == "program-manager"
    assert [lv["id"] for lv in data["placement"]["other_branch_tops"]] == ["portfolio-manager"]
    for fmt in ("text", "markdown"):
        out = invoke(*args, "--format", fmt).stdout
        assert "top of this ladder" not in out
        assert "Portfolio Manager" in out and "--target portfolio-manager" in out.replace("\\", "")
    planned = json.loads(invoke(*args, "--target", "portfolio-manager", "--format", "json").stdout)
    assert planned["target"]["id"] == "portfolio-manager" and planned["gaps"]
    where = invoke("where", "--profile", path, "--today", TODAY, env={"COLUMNS": "120"}).stdout
    assert "top of its branch" in where


def test_at_the_top_of_every_branch_the_ladder_ends(invoke, tmp_path):
    path = _persona_file(tmp_path, "executive")
    data = json.loads(invoke("assess", "--ladder", "pm-titles", "--profile", path, "--today", TODAY, "--format", "json").stdout)
    assert data["placement"]["other_branch_tops"] == []
    out = invoke("assess", "--ladder", "pm-titles", "--profile", path, "--today", TODAY).stdout
    assert "top of this ladder" in out
