"""A ladder's own words for built-in things (`labels`) and facts in units of its own (money, counts of named
things): shown wherever the ladder is shown, never on other ladders; each mistake a positioned problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pmladder.ask.questions import InvalidAnswer, parse, questions
from pmladder.inputs.loader import load_catalog, parse_ladder
from pmladder.inputs.yamlsafe import read_file
from pmladder.words import amount, fact_amount, fact_unit

from orgdata import ORG, org_folder, profile_file  # noqa: E402
TODAY = "2026-01-01"
PROFILE = """schema_version: 1
name: Sam
ladder: org-delivery
facts: {years_experience: 8, years_managing: 6, years_program: 1, cases_approved: 1, budget_led: 2500000, years_pmo: 3}
competencies: {risk: 3}
certifications: []
"""


@pytest.fixture
def org(tmp_path) -> Path:
    return org_folder(tmp_path)


@pytest.fixture
def me(tmp_path) -> Path:
    return profile_file(tmp_path, PROFILE)


def ladder():
    return parse_ladder(read_file(ORG), load_catalog())


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """org-delivery.yaml with `old` replaced by `new`, and the line `new` starts on."""
    text = ORG.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text[:text.index(new)].count("\n") + 1


# --- labels -----------------------------------------------------------------------------------


def test_a_label_renames_a_catalog_entry_on_this_ladder_only():
    org, catalog = ladder(), load_catalog()
    assert org.facts["years_program"].name == "Years leading programs"
    assert org.facts["years_program"].tr["en-GB"]["name"] == "Years leading programmes"
    assert org.comps["risk"].name == "Risk and issue management"
    assert org.certs["PgMP"].name == "Programme Management Professional"
    # the catalog's own entry is untouched, its other languages kept where the label gives none
    assert catalog.facts["years_program"].name != org.facts["years_program"].name
    assert org.comps["risk"].tr["zh"] == catalog.comps["risk"].tr["zh"] | {}
    assert org.comps["risk"].description == catalog.comps["risk"].description


def test_the_label_is_used_in_the_report_json_markdown_and_show(invoke, org, me):
    args = ("--profile", me, "--ladders-dir", org, "--today", TODAY, "--target", "programme-manager")
    text = invoke("assess", *args)
    assert text.exit_code == 0, text.stderr
    assert "Years leading programs" in text.stdout
    data = json.loads(invoke("assess", *args, "--format", "json").stdout)
    labels = {g["key"]: g["label"] for g in data["gaps"]}
    assert labels["years_program"] == "Years leading programs"
    markdown = invoke("assess", *args, "--format", "markdown").stdout
    assert "Years leading programs" in markdown
    shown = invoke("show", "org-delivery", "--ladders-dir", org, "--level", "programme-manager")
    assert "Years leading programs: 2+" in shown.stdout and "Risk and issue management: 3/5" in shown.stdout


def test_other_ladders_keep_the_catalogs_words(invoke, org, me):
    catalog_name = load_catalog().facts["years_program"].name
    result = invoke("show", "pmo-career", "--ladders-dir", org, "--format", "json")
    assert result.exit_code == 0
    assert "Years leading programs" not in result.stdout
    assert catalog_name in result.stdout


def test_the_en_gb_words_with_lang_en_gb_and_english_otherwise(invoke, org, me):
    args = ("assess", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--target", "programme-manager")
    british = invoke(*args, "--lang", "en-GB")
    assert british.exit_code == 0, british.stderr
    assert "Years leading programmes" in british.stdout and "Years leading programs" not in british.stdout
    plain = invoke(*args)
    assert "Years leading programs" in plain.stdout and "programmes" not in plain.stdout
    from_env = invoke(*args, env={"PMLADDER_LANG": "en_GB.UTF-8"})
    assert "Years leading programmes" in from_env.stdout


def test_the_questionnaire_asks_in_the_ladders_words():
    qs = {q.key: q for q in questions(ladder(), lang="en-GB")}
    assert qs["years_program"].prompt == "For how many years have you led programmes?"
    assert qs["years_program"].label == "Years leading programmes"
    assert qs["risk"].label == "Risk and issue management"


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("  facts:\n    years_program:\n", "  facts:\n    years_progam:\n",
     "unknown fact 'years_progam' (did you mean 'years_program'?); known: "),
    ("  competencies:\n    risk:\n", "  competencies:\n    rsik:\n", "unknown competency 'rsik' (did you mean 'risk'?)"),
    ("  certifications:\n    PgMP:\n", "  certifications:\n    PgMPP:\n", "unknown certification 'PgMPP' (did you mean 'PgMP'?)"),
    ("labels:\n  facts:\n", "labels:\n  facts:\n    cases_approved: {name: Cases}\n",
     "'cases_approved' is the ladder's own fact: give its words where it is declared, under facts.cases_approved"),
])
def test_a_label_for_an_id_the_catalog_lacks_is_a_positioned_problem(invoke, tmp_path, old, new, fragment):
    path, _ = broken(tmp_path, old, new)
    key = fragment.split("'")[1]
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.strip().startswith(key + ":"))
    result = invoke("validate", path)
    assert result.exit_code == 65, result.output
    hits = [m for m in re.finditer(rf"^{re.escape(str(path))}:(\d+):(\d+): (.*)$", result.stderr, re.M) if fragment in m.group(3)]
    assert hits, result.stderr
    assert int(hits[0].group(1)) == line, result.stderr
    assert "labels rename" in hits[0].group(3)


# --- units ------------------------------------------------------------------------------------


def test_money_is_shown_with_its_currency_and_counts_with_their_names():
    org = ladder()
    budget, cases = org.facts["budget_led"], org.facts["cases_approved"]
    assert fact_amount(5_000_000, budget) == "GBP 5,000,000"
    assert fact_amount(2.5, budget) == "GBP 2.50"
    assert fact_amount(1, cases) == "1 business case"
    assert fact_amount(3, cases) == "3 business cases"
    assert fact_amount(3, cases, "cy") == "3 achos busnes"
    assert fact_unit(cases) == "business cases" and fact_unit(budget) == "GBP"
    assert cases.whole and not budget.whole


@pytest.mark.parametrize("unit", ["years", "people", "projects", "hours"])
def test_the_built_in_units_read_as_before(unit):
    fact = load_catalog().facts["years_experience"]._replace(unit=unit)
    for value in (0, 1, 2.5, 40):
        assert fact_amount(value, fact) == amount(value, unit)


def test_a_plan_grows_a_count_and_a_budget_with_a_new_role(invoke, org, me):
    result = invoke("assess", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--target", "programme-manager")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "from 1 to 2 business cases" in out
    assert "from 2,500,000 to GBP 5,000,000" in out
    assert "1 project" not in out


def test_the_questionnaire_asks_for_a_whole_number_of_the_named_things():
    q = next(q for q in questions(ladder()) if q.key == "cases_approved")
    assert "A number of business cases, 0 to 200." in q.help
    assert q.unit == "business cases"
    with pytest.raises(InvalidAnswer, match="business cases"):
        parse(q, "lots")


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("    currency: GBP\n", "    currency: gbp\n", "currency: 'gbp' is not a currency code of three capital letters"),
    ("    currency: GBP\n", "", "a fact in unit money needs currency"),
    ("    unit_name: {one: business case, other: business cases}\n", "",
     "a fact in unit count needs unit_name, with one and other"),
    ("    unit: count\n", "    unit: years\n", "unit_name is for a fact in unit money or count"),
    ("    unit: money\n", "    unit: hours\n", "currency is for a fact in unit money"),
])
def test_a_unit_mistake_is_a_positioned_problem(invoke, tmp_path, old, new, fragment):
    path, _ = broken(tmp_path, old, new or "    # left out\n")
    result = invoke("validate", path)
    assert result.exit_code == 65, result.output
    lines = [line for line in result.stderr.splitlines() if fragment in line]
    assert lines, result.stderr
    assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: facts\.", lines[0]), lines[0]
