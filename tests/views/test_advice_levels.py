"""Ladder-wide advice suits the person's level (issue 19): a CPO is not told to start in an entry role.

A line of a ladder's `advice` may say the levels or tiers it suits (`{text, levels, tiers}`);
a plain line suits everyone, so ladders written before stay valid and unchanged. The report,
the Markdown plan and the JSON plan show the lines that suit the person's best fit, and a
person not placed yet the lines that suit the first level. `show` lists every line and says
whom each tagged one is for. Everything runs through the CLI (`invoke`, tests/conftest.py)
on real files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-02"
COMPETENCIES = ("organisation", "communication", "scope", "schedule", "cost", "quality", "risk", "stakeholders", "methods",
                "leadership", "resources", "coaching", "strategy", "change", "data", "governance")

ENTRY = "Start in an entry role and learn how projects really work from the inside."
TOOLS = "Get fluent in project tools such as Microsoft Project, Asana or Jira."
SENIOR = "Win support for new processes and tools by explaining their benefits and involving stakeholders in the decisions."
EVERYONE = "Review how your work is done, ask for feedback and keep improving it."

CPO = {  # meets every level of pmo-career in full
    "schema_version": 1, "name": "Dana Whitfield", "education": "master",
    "facts": {"years_experience": 22, "years_managing": 12, "years_program": 6, "years_portfolio": 5, "years_pmo": 8,
              "years_leading_managers": 9, "team_size": 120, "concurrent_projects": 30, "pm_training_hours": 200},
    "certifications": ["PMP", "PgMP"],
    "competencies": {k: 5 for k in COMPETENCIES},
}
PROJECT_MANAGER = {  # meets Project Manager in full; two years managing keeps both branches out of reach
    "schema_version": 1, "name": "Lee Park", "education": "bachelor",
    "facts": {"years_experience": 4, "years_managing": 2, "years_program": 0, "years_pmo": 0, "years_leading_managers": 0,
              "team_size": 6, "concurrent_projects": 2, "pm_training_hours": 35},
    "certifications": ["CAPM"],
    "competencies": {k: 3 for k in COMPETENCIES},
}
NEWCOMER = {  # not placed: no secondary diploma and no skills yet
    "schema_version": 1, "name": "Sam Ortiz", "education": "none",
    "facts": {"years_experience": 0, "years_managing": 0, "team_size": 0, "concurrent_projects": 0, "pm_training_hours": 0},
    "certifications": [],
    "competencies": {k: 0 for k in COMPETENCIES},
}


def write(folder: Path, data: dict, name: str) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plan_json(invoke, profile: Path, ladder: str, *extra) -> dict:
    result = invoke("assess", "--profile", profile, "--ladder", ladder, "--today", TODAY, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("person, best, shown, hidden", [
    (CPO, "chief-project-officer", [SENIOR, EVERYONE], [ENTRY, TOOLS]),
    (PROJECT_MANAGER, "project-manager", [TOOLS, EVERYONE], [ENTRY, SENIOR]),
    (NEWCOMER, None, [ENTRY, TOOLS, EVERYONE], [SENIOR]),
], ids=["cpo", "project-manager", "not-placed"])
def test_the_plan_shows_the_advice_that_suits_the_best_fit(invoke, tmp_path, person, best, shown, hidden):
    profile = write(tmp_path, person, "me.yaml")
    data = plan_json(invoke, profile, "pmo-career")
    assert (data["placement"]["best_fit"] or {}).get("id") == best
    for line in shown:
        assert line in data["advice"]
    for line in hidden:
        assert line not in data["advice"]
    report = invoke("assess", "--profile", profile, "--ladder", "pmo-career", "--today", TODAY)
    assert report.exit_code == 0, report.stderr
    flat = " ".join(report.stdout.split())
    assert all(line in flat for line in shown) and not any(line in flat for line in hidden)
    out = tmp_path / "plan.md"
    made = invoke("plan", "--profile", profile, "--ladder", "pmo-career", "--today", TODAY, "-o", out)
    assert made.exit_code == 0, made.stderr
    markdown = " ".join(out.read_text(encoding="utf-8").split())
    assert all(line in markdown for line in shown) and not any(line in markdown for line in hidden)


def test_the_top_of_pmo_sequence_is_not_told_to_apply_for_promotion(invoke, tmp_path):
    """PMO Manager is the last level: lines about the next level or a mentor are for the levels below."""
    person = {**CPO, "facts": {**CPO["facts"], "years_managing": 12}}
    data = plan_json(invoke, write(tmp_path, person, "me.yaml"), "pmo-sequence")
    assert data["placement"]["best_fit"]["id"] == "pmo-manager"
    assert "Apply for promotion when your goals and abilities match the next level." not in data["advice"]
    assert "Find an experienced mentor for guidance and support." not in data["advice"]
    assert "Keep up with new project management knowledge and techniques." in data["advice"]


def test_show_lists_every_line_and_says_whom_a_tagged_one_suits(invoke):
    text = invoke("show", "pmo-career")
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert f"{ENTRY} (for Entry level)" in flat
    assert f"{SENIOR} (for Senior level)" in flat
    assert f"{EVERYONE} (for" not in flat and EVERYONE in flat
    shown = json.loads(invoke("show", "pmo-career", "--format", "json").stdout)
    assert shown["advice"][0] == ENTRY
    assert shown["advice_levels"][0] == ["project-coordinator", "junior-project-manager"]
    assert shown["advice_levels"][shown["advice"].index(EVERYONE)] == []
    zh = invoke("show", "pmo-sequence", "--lang", "zh")
    assert "（适用于：项目协调员、项目经理）" in "".join(zh.stdout.split())


def _custom(tmp_path: Path, advice) -> Path:
    data = yaml.safe_load((REPO / "examples" / "ladders" / "custom-ladder.yaml").read_text(encoding="utf-8"))
    data["advice"] = advice
    folder = tmp_path / "ladders"
    folder.mkdir(exist_ok=True)
    write(folder, data, "acme.yaml")
    return folder


def test_a_ladder_without_tags_shows_its_advice_to_everyone(invoke, tmp_path):
    folder = _custom(tmp_path, ["Talk to your manager first.", "Keep a log of your work."])
    assert invoke("validate", folder / "acme.yaml").exit_code == 0
    for person in (CPO, NEWCOMER):
        data = plan_json(invoke, write(tmp_path, person, "me.yaml"), "acme-delivery", "--ladders-dir", folder)
        assert data["advice"] == ["Talk to your manager first.", "Keep a log of your work."]


def test_a_custom_ladder_tags_advice_by_level_and_by_tier(invoke, tmp_path):
    folder = _custom(tmp_path, [
        {"text": "For the first level only.", "levels": ["associate-delivery-manager"]},
        {"text": "For the mid tier.", "tiers": ["mid"]},
        "For everyone.",
    ])
    assert invoke("validate", folder / "acme.yaml").exit_code == 0
    shown = json.loads(invoke("show", "acme-delivery", "--format", "json", "--ladders-dir", folder).stdout)
    assert shown["advice_levels"] == [["associate-delivery-manager"], ["delivery-manager", "agile-coach"], []]
    data = plan_json(invoke, write(tmp_path, NEWCOMER, "me.yaml"), "acme-delivery", "--ladders-dir", folder)
    assert data["placement"]["best_fit"] is None
    assert data["advice"] == ["For the first level only.", "For everyone."]
    data = plan_json(invoke, write(tmp_path, CPO, "me.yaml"), "acme-delivery", "--ladders-dir", folder)
    assert data["placement"]["best_fit"]["id"] in ("delivery-manager", "agile-coach")
    assert data["advice"] == ["For the mid tier.", "For everyone."]


@pytest.mark.parametrize("item, message", [
    ({"text": "Hi.", "levels": ["no-such-level"]}, "unknown level 'no-such-level'"),
    ({"text": "Hi.", "tiers": ["senoir"]}, "unknown tier 'senoir'"),
    ({"text": "Hi."}, "name the levels or tiers the advice suits"),
    ({"text": "Hi.", "levels": ["delivery-manager"], "for": ["methods"]}, "unknown key 'for' in advice[0]"),
])
def test_a_bad_tag_is_bad_data_with_its_position(invoke, tmp_path, item, message):
    folder = _custom(tmp_path, [item])
    result = invoke("validate", folder / "acme.yaml")
    assert result.exit_code == 65
    line = next(ln for ln in result.stderr.splitlines() if message in ln)
    assert line.startswith(f"{folder / 'acme.yaml'}:")
    assert "Traceback" not in result.stderr
