"""An organisation's ladder may declare any language (Welsh here) and English variants (en-GB): its own text is
shown in it, what the built-in catalog lacks is English with one note, and other ladders fall back to English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pmladder.inputs.loader import load_catalog, parse_ladder
from pmladder.inputs.yamlsafe import DataError, read_file
from pmladder.words import language_for
from pmladder.words.language import from_environment

from orgdata import ORG, org_folder, profile_file  # noqa: E402
TODAY = "2026-01-01"
PROFILE = """schema_version: 1
ladder: org-delivery
facts: {years_experience: 8, years_managing: 6, years_program: 1, cases_approved: 1, budget_led: 2500000, years_pmo: 3}
competencies: {risk: 3}
certifications: []
"""
NOTE = "the built-in catalog has no 'cy' text"


@pytest.fixture
def org(tmp_path) -> Path:
    return org_folder(tmp_path)


@pytest.fixture
def me(tmp_path) -> Path:
    return profile_file(tmp_path, PROFILE)


def test_a_welsh_ladder_validates_with_one_note_not_errors_in_the_installed_catalog(invoke):
    result = invoke("validate", ORG)
    assert result.exit_code == 0, result.stderr
    assert "ok (ladder 'org-delivery', 3 levels)" in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(notes) == 1 and NOTE in notes[0], result.stderr
    assert "catalog.yaml" not in result.stderr
    assert parse_ladder(read_file(ORG), load_catalog()).partial == ("cy",)


def test_lang_cy_shows_the_ladders_welsh_text_and_english_where_the_catalog_has_none(invoke, org):
    result = invoke("show", "org-delivery", "--ladders-dir", org, "--lang", "cy")
    assert result.exit_code == 0, result.stderr
    assert "Fframwaith cyflawni'r adran" in result.stdout and "Rheolwr Rhaglen" in result.stdout
    assert "Rheoli risg a materion" in result.stdout  # the ladder's own Welsh for a catalog skill (labels)
    assert "Years managing projects" in result.stdout  # the catalog's fact, in English: no Welsh for it
    assert result.stderr.count(NOTE) == 1


def test_the_note_is_given_only_in_the_language_the_catalog_lacks(invoke, org):
    english = invoke("show", "org-delivery", "--ladders-dir", org)
    assert english.exit_code == 0 and NOTE not in english.stderr
    british = invoke("show", "org-delivery", "--ladders-dir", org, "--lang", "en-GB")
    assert british.exit_code == 0 and "catalog has no" not in british.stderr


def test_where_in_welsh_shows_the_welsh_ladder_in_welsh_and_the_others_in_english(invoke, org, me):
    result = invoke("where", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--lang", "cy")
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.split()}
    assert "Rheolwr" in rows["org-delivery"]
    assert "Project" in rows["pm-titles"] and "项目" not in result.stdout
    assert result.stderr.count(NOTE) == 1


def test_lang_cy_on_a_ladder_without_welsh_is_refused_but_the_environment_falls_back(invoke, org):
    asked = invoke("show", "pm-titles", "--ladders-dir", org, "--lang", "cy")
    assert asked.exit_code == 2
    assert "ladder 'pm-titles' has no 'cy' text" in asked.stderr
    env = invoke("show", "pm-titles", "--ladders-dir", org, env={"PMLADDER_LANG": "cy"})
    assert env.exit_code == 0, env.stderr
    assert "Project Manager" in env.stdout and "cy" not in env.stderr


def test_ladders_accepts_a_language_only_a_ladder_declares(invoke, org):
    result = invoke("ladders", "--ladders-dir", org, "--lang", "cy", "--format", "json")
    assert result.exit_code == 0, result.stderr
    names = {row["id"]: row["name"] for row in json.loads(result.stdout)["ladders"]}
    assert names["org-delivery"] == "Fframwaith cyflawni'r adran"
    assert invoke("ladders", "--lang", "cy").exit_code == 2  # no ladder installed has it


@pytest.mark.parametrize(("env", "expected"), [
    ({"PMLADDER_LANG": "en-GB"}, "en-gb"), ({"PMLADDER_LANG": "en_GB.UTF-8"}, "en-gb"), ({"LANG": "en_GB.UTF-8"}, "en-gb"),
    ({"PMLADDER_LANG": "zh_CN.UTF-8"}, "zh"), ({"PMLADDER_LANG": "zh-TW"}, "zh"), ({"PMLADDER_LANG": "en"}, None),
    ({"LANG": "C.UTF-8"}, None), ({"PMLADDER_LANG": "cy"}, "cy"),
])
def test_the_language_asked_for_keeps_an_english_region_only(env, expected):
    assert from_environment(env) == expected


def test_an_english_variant_is_the_ladders_spelling_of_the_code():
    org = parse_ladder(read_file(ORG), load_catalog())
    assert language_for("en-gb", org).text == "en-GB"
    assert language_for("EN-GB", org).words is None  # pmladder's own words stay English
    assert language_for("en-us", org).text is None
    assert language_for("cy", org).text == "cy"


BRITISH = """schema_version: 1
id: tiny-gb
name: Tiny ladder
source: Written for the tests
description: Two levels.
languages: [en, en-GB]
tiers:
  entry: {name: Entry}
labels:
  facts:
    years_program:
      name: Years leading programs
      translations:
        en-GB: {name: Years leading programmes}
levels:
  - id: analyst
    title: Program Analyst
    titles: {en-GB: Programme Analyst}
    tier: entry
    summary: Helps run a program.
    requires:
      facts: {years_program: 1}
    next: [manager]
  - id: manager
    title: Manager
    tier: entry
    summary: Runs a program.
    requires:
      facts: {years_program: 3}
"""


def test_an_english_variant_needs_only_what_differs():
    """en-GB gives only what differs (no name, tier, summary in it): valid, nothing falls back with a note."""
    ladder = parse_ladder_text(BRITISH)
    assert ladder.languages == ("en", "en-GB") and ladder.partial == ()
    assert ladder.levels[0].title_in("en-GB") == "Programme Analyst"
    assert ladder.levels[1].title_in("en-GB") == "Manager"


def test_welsh_must_still_be_complete_in_the_ladders_own_text():
    text = ORG.read_text(encoding="utf-8").replace("    titles: {cy: Rheolwr Prosiect}\n", "")
    with pytest.raises(DataError) as caught:
        parse_ladder_text(text)
    assert [p.message for p in caught.value.problems] == ["levels[0].titles.cy: missing 'cy' text"]


def parse_ladder_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ladder.yaml"
        path.write_text(text, encoding="utf-8")
        return parse_ladder(read_file(path), load_catalog())
