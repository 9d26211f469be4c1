"""`pmladder import`: a framework the organisation already keeps becomes a ladder a person can be
assessed on. Each test drives the command as a user would and looks at what they see: the file
written, `pmladder show --format markdown`, the placement and the gap advice, the questionnaire,
exit codes and positioned messages. The frameworks (tests/import_frameworks/) are written for
these tests."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mdread import inline_text
from pmladder.inputs.importer import read_framework
from pmladder.inputs.loader import load_catalog

HERE = Path(__file__).resolve().parent.parent / "import_frameworks"


def imported(invoke, tmp_path, source, *options, name="imported.yaml"):
    """Import `source` into a fresh ladders folder; the folder and the ladder's text."""
    folder = tmp_path / "ladders"
    folder.mkdir(exist_ok=True)
    out = folder / name
    result = invoke("import", source, "-o", out, *options)
    assert result.exit_code == 0, result.output
    return folder, out.read_text(encoding="utf-8")


def level_bullets(markdown: str) -> dict[str, list[str]]:
    """The "Expected:" lines under each level's heading of `show --format markdown`, as a reader sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out: dict[str, list[str]] = {}
    heading = para = None
    depth = 0
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            heading = inline_text(tokens[i + 1]) if tok.tag == "h3" else None
            if heading:
                out[heading] = []
        elif tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type == "inline" and depth == 0:
            para = inline_text(tok)
        elif tok.type == "inline" and heading and para == "Expected:" and tokens[i - 2].type == "list_item_open":
            out[heading].append(inline_text(tok))
    return out


def expected_per_level(path, **kw) -> dict[int, list[str]]:
    fw = read_framework(path, **kw)
    return {k: [f"{t.title}: {c}" for t in fw.topics for c in t.criteria[k]] for k in range(1, fw.levels + 1)}


def shown_per_level(invoke, folder, ladder_id, titles):
    result = invoke("show", ladder_id, "--format", "markdown", "--ladders-dir", folder)
    assert result.exit_code == 0, result.output
    bullets = level_bullets(result.stdout)
    return {k: bullets[f"{k}. {title}"] for k, title in enumerate(titles, start=1)}


# --- round trips -------------------------------------------------------------------------------------


def test_a_four_level_page_round_trips_through_show(invoke, tmp_path):
    folder, text = imported(invoke, tmp_path, HERE / "delivery-4.md")
    assert "Planning 🗓️" in text and "📣 Stakeholder communication" in text and "\n  planning:\n" in text
    shown = shown_per_level(invoke, folder, "delivery-4", ["Level 1", "Level 2", "Level 3", "Level 4"])
    assert shown == expected_per_level(HERE / "delivery-4.md")


def test_a_six_level_yaml_round_trips_with_titles_of_its_own(invoke, tmp_path):
    titles = ["Associate 🌱", "Project Manager", "Senior PM", "Lead PM", "Head of PM", "Director ⭐"]
    folder, _ = imported(invoke, tmp_path, HERE / "leadership-6.yaml", "--titles", ",".join(titles), "--id", "leadership")
    assert shown_per_level(invoke, folder, "leadership", titles) == expected_per_level(HERE / "leadership-6.yaml")


def test_a_spreadsheet_round_trips_with_its_column_names_as_titles(invoke, tmp_path):
    folder, _ = imported(invoke, tmp_path, HERE / "matrix-4.csv")
    titles = ["Coordinator", "Project Manager", "Senior Project Manager", "Head of Delivery"]
    assert shown_per_level(invoke, folder, "matrix-4", titles) == expected_per_level(HERE / "matrix-4.csv")


def test_a_roles_sheet_adds_years_certificates_and_a_branch(invoke, tmp_path):
    folder, _ = imported(invoke, tmp_path, HERE / "matrix-4.csv", "--roles", HERE / "roles-4.csv", "--id", "roles")
    result = invoke("show", "roles", "--format", "json", "--ladders-dir", folder)
    assert result.exit_code == 0, result.output
    levels = {lv["id"]: lv for lv in json.loads(result.stdout)["levels"]}
    assert list(levels) == ["project-coordinator", "project-manager", "senior-project-manager", "agile-delivery-lead"]
    assert levels["project-manager"]["next"] == ["senior-project-manager", "agile-delivery-lead"]
    assert levels["agile-delivery-lead"]["title"] == "Agile Delivery Lead"
    shown = shown_per_level(invoke, folder, "roles", ["Project Coordinator", "Project Manager", "Senior Project Manager", "Agile Delivery Lead"])
    per_level = expected_per_level(HERE / "matrix-4.csv")
    assert shown[3] == per_level[3] and shown[4] == per_level[3]  # both roles at level 3
    markdown = invoke("show", "roles", "--format", "markdown", "--ladders-dir", folder).stdout
    # the requirements side by side (render/grid.py): a row for the years, a row for the certificates
    assert re.search(r"^\| Years in project work \|.*2\+", markdown, re.M)
    assert re.search(r"^\| Certification \|.*CAPM or PMP", markdown, re.M)


def test_ids_stay_the_same_when_the_framework_is_imported_again_after_a_change(invoke, tmp_path):
    page = tmp_path / "framework.md"
    original = (HERE / "delivery-4.md").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    folder, first = imported(invoke, tmp_path, page)
    changed = original.replace("Planning 🗓️", "Planning & scheduling 📅").replace("Writes clear meeting notes.", "Writes clear notes.")
    page.write_text(changed, encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text("schema_version: 1\ncompetencies: {planning: 2, stakeholder_communication: 2, risk_topic: 2}\n", encoding="utf-8")
    result = invoke("import", page, "-o", folder / "imported.yaml", "--force")
    assert result.exit_code == 0, result.output
    second = (folder / "imported.yaml").read_text(encoding="utf-8")
    assert "Planning & scheduling 📅" in second and first != second
    result = invoke("assess", "--profile", profile, "--ladder", "framework", "--ladders-dir", folder, "--format", "json", "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["placement"]["best_fit"]["id"] == "level-2"


# --- a person on an imported ladder ----------------------------------------------------------------------


def assess(invoke, tmp_path, folder, ratings: dict) -> dict:
    profile = tmp_path / "person.yaml"
    profile.write_text("schema_version: 1\ncompetencies:\n" + "".join(f"  {k}: {v}\n" for k, v in ratings.items()), encoding="utf-8")
    result = invoke("assess", "--profile", profile, "--ladder", "leadership", "--ladders-dir", folder, "--format", "json",
                    "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_person_at_level_three_everywhere_is_placed_at_level_three(invoke, tmp_path):
    folder, _ = imported(invoke, tmp_path, HERE / "leadership-6.yaml", "--id", "leadership")
    plan = assess(invoke, tmp_path, folder, {"scope_topic": 3, "delivery_cadence": 3, "people": 3})
    assert plan["placement"]["best_fit"]["id"] == "level-3"
    assert plan["placement"]["fully_met"]["id"] == "level-3"


def test_one_topic_at_two_is_the_gap_with_the_next_level_s_criteria_as_advice(invoke, tmp_path):
    folder, _ = imported(invoke, tmp_path, HERE / "leadership-6.yaml", "--id", "leadership")
    plan = assess(invoke, tmp_path, folder, {"scope_topic": 3, "delivery_cadence": 2, "people": 3})
    assert plan["placement"]["best_fit"]["id"] == "level-2"
    to_three = [g for g in plan["gaps"] if g["level"] == "level-3"]
    assert [g["key"] for g in to_three] == ["delivery_cadence"]
    level3 = read_framework(HERE / "leadership-6.yaml").topics[1].criteria[3]
    assert all(criterion in to_three[0]["how"] for criterion in level3), to_three[0]["how"]


def test_with_a_share_most_topics_at_a_level_are_enough(invoke, tmp_path):
    folder, text = imported(invoke, tmp_path, HERE / "leadership-6.yaml", "--id", "leadership", "--share", "0.6")
    assert "n: 2" in text
    plan = assess(invoke, tmp_path, folder, {"scope_topic": 3, "delivery_cadence": 2, "people": 3})
    assert plan["placement"]["best_fit"]["id"] == "level-3"
    plan = assess(invoke, tmp_path, folder, {"scope_topic": 3, "delivery_cadence": 1, "people": 3})
    assert plan["placement"]["best_fit"]["id"] == "level-2"  # the rest must be one level below at least


def test_the_questionnaire_shows_each_level_s_criteria_as_the_meaning_of_each_point(invoke, tmp_path):
    from pmladder.ask.questions import questions
    from pmladder.inputs.library import load_library

    folder, _ = imported(invoke, tmp_path, HERE / "delivery-4.md")
    ladder = load_library([folder]).get("delivery-4").ladder
    asked = next(q for q in questions(ladder) if q.key == "stakeholder_communication")
    meanings = [o.detail for o in asked.options if o.detail]
    topic = read_framework(HERE / "delivery-4.md").topics[1]
    assert meanings[1:] == ["\n".join(topic.criteria[k]) for k in range(1, 5)]
    assert meanings[0].startswith("Not yet")


# --- the command's edges ----------------------------------------------------------------------------------


def test_without_o_the_ladder_is_printed_and_validates(invoke, tmp_path):
    result = invoke("import", HERE / "delivery-4.md")
    assert result.exit_code == 0 and result.stdout.startswith("# Imported with `pmladder import` from delivery-4.md")
    saved = tmp_path / "x.yaml"
    saved.write_text(result.stdout, encoding="utf-8")
    assert invoke("validate", saved).exit_code == 0


def test_an_existing_file_is_never_replaced_without_force(invoke, tmp_path):
    out = tmp_path / "ladder.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = invoke("import", HERE / "delivery-4.md", "-o", out)
    assert result.exit_code == 73 and out.read_text(encoding="utf-8") == "mine\n"
    assert "already exists; use --force" in result.stderr
    result = invoke("import", HERE / "delivery-4.md", "-o", out, "--force")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# Imported")
    assert f"Wrote ladder 'delivery-4' (4 levels, 3 competencies) to {out}" in result.stderr


def test_a_framework_that_does_not_fit_is_65_with_its_position_and_nothing_written(invoke, tmp_path):
    out = tmp_path / "ladder.yaml"
    result = invoke("import", HERE / "duplicate-topic.md", "-o", out)
    assert result.exit_code == 65 and not out.exists()
    assert f"{HERE / 'duplicate-topic.md'}:12:11: topic 'Risk, again' repeats the topic at line 5" in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args, code, words", [
    (["nothing.md"], 66, "not found: nothing.md"),
    ([HERE / "delivery-4.md", "--titles", "A,B"], 2, "--titles names 2 titles; the framework has 4 levels"),
    ([HERE / "delivery-4.md", "--titles", "A,,C,D"], 2, "--titles: a title is empty"),
    ([HERE / "delivery-4.md", "--id", "Not An Id"], 2, "--id: 'Not An Id' is not a ladder id"),
    ([HERE / "delivery-4.md", "--roles", HERE / "roles-4.csv"], 65, "a roles sheet goes with a spreadsheet"),
    ([HERE / "matrix-4.csv", "--roles", HERE / "roles-4.csv", "--titles", "A,B,C,D"], 2, "with a roles sheet the titles come from"),
    ([HERE / "delivery-4.md", "--share", "0"], 2, "--share"),
])
def test_usage_and_input_mistakes_have_their_exit_codes(invoke, args, code, words):
    result = invoke("import", *args)
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output


def test_an_unknown_certificate_in_the_roles_sheet_is_said_by_row(invoke, tmp_path):
    roles = tmp_path / "roles.csv"
    roles.write_text("title,level,certificates\nA,1,\nB,2,PMPP\n", encoding="utf-8")
    result = invoke("import", HERE / "matrix-4.csv", "--roles", roles)
    assert result.exit_code == 65
    assert f"{roles}:3: certificates: unknown certificate 'PMPP' (did you mean 'PMP'?)" in result.stderr


def test_a_workbook_without_openpyxl_says_how_to_get_it(invoke, tmp_path, monkeypatch):
    import sys

    book = tmp_path / "f.xlsx"
    book.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as on an install without the xlsx extra
    result = invoke("import", book)
    assert result.exit_code == 66
    assert "pip install 'pmladder[xlsx]'" in result.stderr


def test_the_catalog_words_of_a_ladder_never_clash_with_a_topic(invoke, tmp_path):
    catalog = load_catalog()
    _, text = imported(invoke, tmp_path, HERE / "delivery-4.md")
    assert "risk" in catalog.comps and "\n  risk_topic:\n" in text and "\n  risk:\n" not in text


@pytest.mark.parametrize("args", [
    ["pm-delivery.md", "--titles", "Associate PM,Project Manager,Senior PM"],
    ["pm-matrix.csv", "--roles", "pm-roles.csv", "--id", "our-pm"],
])
def test_the_readme_s_examples_import_and_validate(invoke, tmp_path, args):
    examples = Path(__file__).resolve().parents[2] / "examples" / "frameworks"
    args = [examples / a if a.endswith((".md", ".csv")) else a for a in args]
    out = tmp_path / "ladder.yaml"
    result = invoke("import", *args, "-o", out)
    assert result.exit_code == 0, result.output
    assert invoke("validate", out).exit_code == 0


def test_a_rating_reads_as_its_level_and_a_named_level_adds_its_number(invoke, tmp_path):
    folder, _ = imported(invoke, tmp_path, HERE / "leadership-6.yaml", "--id", "leadership")
    profile = tmp_path / "person.yaml"
    profile.write_text("schema_version: 1\ncompetencies: {scope_topic: 3, delivery_cadence: 2, people: 3}\n", encoding="utf-8")
    result = invoke("assess", "--profile", profile, "--ladder", "leadership", "--ladders-dir", folder, "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "Delivery cadence: from Level 2 to Level 3" in " ".join(result.stdout.split())
    folder, _ = imported(invoke, tmp_path, HERE / "matrix-4.csv", name="matrix.yaml")
    profile.write_text("schema_version: 1\ncompetencies: {planning: 2, budget: 1, communication_topic: 2}\n", encoding="utf-8")
    result = invoke("assess", "--profile", profile, "--ladder", "matrix-4", "--ladders-dir", folder, "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "Budget 💶: from Coordinator (1 of 4) to Project Manager (2 of 4)" in " ".join(result.stdout.split())
