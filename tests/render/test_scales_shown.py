"""Ratings on a named scale, as a person sees them: by name in the terminal, Markdown, JSON, `show` and the
questionnaire; the built-in 0-5 scale keeps its numbers (the golden tests hold every built-in output)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "inputs"))
from test_scales import sfia_ladder  # noqa: E402

from pmladder.ask.questions import InvalidAnswer, counted, instruction, parse, questions  # noqa: E402
from pmladder.inputs import loader  # noqa: E402
from pmladder.inputs.yamlsafe import read_file  # noqa: E402

TODAY = "2026-06-01"


@pytest.fixture
def acme(tmp_path) -> Path:
    """The test ladder (tests/inputs/test_scales.py), its manager asking for 6 on an SFIA-like scale; its folder."""
    return sfia_ladder(tmp_path).parent


@pytest.fixture
def me(tmp_path) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(f"schema_version: 1\nladder: acme\nassessed_on: '{TODAY}'\neducation: bachelor\n"
                    "facts: {years_experience: 4}\ncertifications: []\n"
                    "competencies: {delivery: 1, communication: 2}\n", encoding="utf-8")
    return path


def run(invoke, acme, me, *extra):
    result = invoke("plan", "--ladders-dir", acme, "--ladder", "acme", "--profile", me, "--today", TODAY, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_terminal_report_words_ratings_by_the_scales_names(invoke, acme, me):
    out = " ".join(invoke("assess", "--ladders-dir", acme, "--ladder", "acme", "--profile", me, "--today", TODAY).stdout.split())
    assert "Delivery: Awareness (1 of 4), asks for Working (2 of 4)" in out
    assert "Awareness (1 of 4) │ Practitioner (3 of 4)" in out  # the gaps table: have, need
    assert "Working │ Practitioner" in out  # communication, on the ladder's `levels6` scale shown by name only
    assert "Delivery: from Awareness (1 of 4) to Working (2 of 4)" in out
    assert "/5" not in out and "of 5" not in out


def test_markdown_words_ratings_by_the_scales_names(invoke, acme, me):
    out = run(invoke, acme, me, "--format", "markdown")
    assert "| Delivery | Awareness (1 of 4) | Practitioner (3 of 4) |" in out
    assert "| Communication | Working | Practitioner |" in out
    assert "- [ ] Delivery: from Awareness (1 of 4) to Working (2 of 4)" in out


def test_json_keeps_the_numbers_and_adds_the_names(invoke, acme, me):
    data = json.loads(run(invoke, acme, me, "--format", "json"))
    gaps = {g["key"]: g for g in data["gaps"]}
    assert (gaps["delivery"]["have"], gaps["delivery"]["need"]) == (1, 3)
    assert (gaps["delivery"]["have_name"], gaps["delivery"]["need_name"]) == ("Awareness", "Practitioner")
    assert gaps["delivery"]["need_text"] == "Practitioner (3 of 4)" and gaps["communication"]["need_text"] == "Practitioner"
    steps = [(s["have"], s["need"], s["have_name"], s["need_name"]) for s in data["roadmap"] if s["key"] == "delivery"]
    assert steps == [(1, 2, "Awareness", "Working"), (2, 3, "Working", "Practitioner")]


def test_builtin_ratings_add_no_keys_to_json(invoke, me, tmp_path):
    me.write_text(me.read_text().replace("ladder: acme", "ladder: pm-titles").replace("delivery: 1, ", ""))
    data = json.loads(invoke("plan", "--ladder", "pm-titles", "--profile", me, "--today", TODAY, "--format", "json").stdout)
    skills = [g for g in data["gaps"] if g["kind"] == "skill"]
    assert skills and all("need_name" not in g and g["need_text"].endswith("/5") for g in skills)
    assert "scales" not in json.loads(invoke("show", "pm-titles", "--format", "json").stdout)


def test_show_lists_ratings_by_name_with_what_they_look_like(invoke, acme):
    result = invoke("show", "acme", "--ladders-dir", acme, "--level", "manager")
    out = " ".join(result.stdout.split())
    assert result.exit_code == 0, result.output
    assert "Delivery: Practitioner (3 of 4) (Rating 3 of delivery.)" in out
    data = json.loads(invoke("show", "acme", "--ladders-dir", acme, "--format", "json").stdout)
    assert data["scales"]["practice"] == {"names": ["Not yet", "Awareness", "Working", "Practitioner", "Expert"], "top": 4,
                                          "show": "name_and_number", "competencies": ["delivery"]}
    need = [r for r in data["levels"][1]["requires"] if r["key"] == "delivery"][0]
    assert (need["need"], need["need_name"]) == (3, "Practitioner")


def test_scale_names_follow_the_language(invoke, acme, me):
    result = invoke("plan", "--ladders-dir", acme, "--ladder", "acme", "--profile", me, "--today", TODAY, "--format", "json",
                    env={"PMLADDER_LANG": "zh"})
    data = json.loads(result.stdout)
    gaps = {g["key"]: g for g in data["gaps"]}
    assert gaps["delivery"]["need_name"] == "熟练"
    assert gaps["communication"]["need_name"] == "Practitioner"  # `levels6` has no Chinese names: English


def test_the_questionnaire_offers_the_named_points_with_what_each_looks_like(acme):
    ladder = loader.parse_ladder(read_file(acme / "acme.yaml"), loader.load_catalog())
    qs = {q.key: q for q in counted(questions(ladder))}
    delivery, architecture = qs["delivery"], qs["architecture"]
    assert [(o.value, o.label, o.detail) for o in delivery.options[:5]] == [
        (str(i), name, f"Rating {i} of delivery.") for i, name in enumerate(["Not yet", "Awareness", "Working", "Practitioner", "Expert"])]
    assert "3  Practitioner: Rating 3 of delivery." in delivery.help
    assert instruction(delivery, lines=True) == "(0-4, or skip)"
    assert parse(delivery, "4") == 4
    with pytest.raises(InvalidAnswer, match="from 0 to 4"):
        parse(delivery, "5")
    assert parse(architecture, "6") == 6 and instruction(architecture) == "(\u2191\u2193 or 0-6, Enter; ? all ratings)"
    assert qs["communication"].options[3].label == "Practitioner"  # the ladder's scale names the catalog's


def test_typed_answers_on_a_named_scale_are_saved_as_numbers(invoke, acme, tmp_path):
    ladder = loader.parse_ladder(read_file(acme / "acme.yaml"), loader.load_catalog())
    lines = []
    for q in counted(questions(ladder)):
        lines.append({"education": "bachelor", "fact": "4", "certifications": "none", "name": ""}.get(q.kind, "")
                     or {"delivery": "9", "architecture": "6"}.get(q.key, "2"))
        if q.key == "delivery":
            lines.append("4")  # 9 is refused: the scale's top is 4
    saved = tmp_path / "answers.yaml"
    result = invoke("assess", "--ladders-dir", acme, "--ladder", "acme", "--ask", "--save", saved, "--today", TODAY,
                    input="".join(line + "\n" for line in lines + [""]))
    assert result.exit_code == 0, result.output
    assert "from 0 to 4" in result.stderr
    assert "delivery: 4" in saved.read_text() and "architecture: 6" in saved.read_text()


def test_the_team_view_words_ratings_by_name_and_checks_them_against_the_scale(invoke, acme, tmp_path):
    sheet = tmp_path / "team.csv"
    sheet.write_text("name,years_experience,delivery,communication,architecture\nAda,4,1,2,6\nBo,4,1,2,5\nCy,2,2,1,3\n",
                     encoding="utf-8")
    result = invoke("team", sheet, "--ladders-dir", acme, "--ladder", "acme", "--today", TODAY)
    out = " ".join(result.stdout.split())
    assert result.exit_code == 0, result.output
    assert "date set by Delivery: Working (2 of 4) → Practitioner (3 of 4)" in out
    assert "Most are at Awareness (1 of 4): Step 1 to 2 of delivery." in out
    assert "Most are at Working: Own the status reporting" in out
    sheet.write_text("name,years_experience,delivery,architecture\nAda,4,1,7\n", encoding="utf-8")
    result = invoke("team", sheet, "--ladders-dir", acme, "--ladder", "acme", "--today", TODAY)
    shown = " ".join(result.output.split())
    # the cell is left unknown, the person kept (issue 21), with the cell named against the competency's scale
    assert "1 profile read" in shown and "architecture" in shown and "0 to 6" in shown
