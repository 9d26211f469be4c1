"""Reading frameworks for `pmladder import` (inputs/importer.py, inputs/importwriter.py): front matter,
spreadsheets, ids, positioned problems, and the ladder text the writer makes.

The frameworks in tests/import_frameworks/ are written for these tests in the two shapes
organisations keep: the progression-framework page (Markdown with YAML front matter, or its YAML
alone) and the competency spreadsheet (CSV; a workbook is built here with openpyxl)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmladder.inputs.importer import read_framework, topic_id
from pmladder.inputs.importwriter import check, ladder_text, q
from pmladder.inputs.loader import load_catalog
from pmladder.inputs.yamlsafe import DataError, Unreadable, parse_text

HERE = Path(__file__).resolve().parent.parent / "import_frameworks"


def catalog_words():
    catalog = load_catalog()
    return catalog, set(catalog.comps) | set(catalog.facts)


def problems_of(path, **kw) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_framework(path, str(path), **kw)
    return [str(p) for p in caught.value.problems]


def test_a_page_s_front_matter_is_read_with_emoji_kept_in_titles_and_out_of_ids():
    fw = read_framework(HERE / "delivery-4.md", "delivery-4.md", reserved=catalog_words()[1])
    assert (fw.title, fw.levels) == ("Project delivery", 4)
    assert [(t.id, t.title) for t in fw.topics] == [
        ("planning", "Planning 🗓️"), ("stakeholder_communication", "📣 Stakeholder communication"),
        ("risk_topic", "Risk & issues ⚠️")]  # 'risk' is a catalog competency: a ladder's own id never reuses it
    assert fw.topics[0].criteria[3] == ("Plans a project of several teams and keeps the plan honest.",
                                        "Spots the critical path and protects it.")


def test_the_yaml_alone_reads_like_the_page():
    fw = read_framework(HERE / "leadership-6.yaml", "leadership-6.yaml", reserved=catalog_words()[1])
    assert fw.levels == 6 and [t.id for t in fw.topics] == ["scope_topic", "delivery_cadence", "people"]
    assert all(sorted(t.criteria) == [1, 2, 3, 4, 5, 6] for t in fw.topics)


@pytest.mark.parametrize("name, expected", [
    ("project-communication", "project_communication"),
    ("Project communication 📣", "project_communication"),
    ("  📣📣 Project   Communication!! ", "project_communication"),
    ("Qualité & coût", "qualite_cout"),
    ("3D planning", "t_3d_planning"),
])
def test_ids_drop_decoration_and_agree_across_spellings(name, expected):
    assert topic_id(name) == expected


def test_a_name_of_emoji_or_other_scripts_only_gets_a_stable_id_of_its_own():
    a, b = topic_id("沟通"), topic_id("🚀")
    assert a == topic_id("沟通") and a != b and a.startswith("topic_")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_every_derived_id_is_a_competency_id_and_never_a_reserved_one(name):
    import re

    reserved = {"communication", "risk", "scope"}
    got = topic_id(name, reserved)
    assert re.fullmatch(r"[a-z][a-z0-9_]*", got) and len(got) <= 64 and got not in reserved
    assert got == topic_id(name, reserved)


def test_a_topic_missing_a_level_is_a_positioned_problem():
    assert problems_of(HERE / "missing-level.md") == [
        f"{HERE / 'missing-level.md'}:7:5: topic 'Planning' has no criteria for level 2; the framework has 3 levels and every "
        "topic needs criteria at each (write what that level asks, even when it repeats the level below)"]


def test_a_duplicate_topic_points_at_the_second_and_names_the_first():
    (problem,) = problems_of(HERE / "duplicate-topic.md")
    assert problem.startswith(f"{HERE / 'duplicate-topic.md'}:12:11: topic 'Risk, again' repeats the topic at line 5 (both are 'risk')")


@pytest.mark.parametrize("text, where, words", [
    ("title: x\ntopics: []\n", "1:1", "no 'levels'"),
    ("levels: 1\ntopics: [{name: a, content: [{level: 1, criteria: [x]}]}]\n", "1:9", "from 2 to 10"),
    ("levels: 11\ntopics: [{name: a, content: [{level: 1, criteria: [x]}]}]\n", "1:9", "from 2 to 10"),
    ("levels: 2\ntopics:\n  - name: a\n    content:\n      - {level: 1, criteria: []}\n      - {level: 2, criteria: [y]}\n", "5:30",
     "topic 'a', level 1: no criteria"),
    ("levels: 2\ntopics:\n  - name: a\n    content:\n      - {level: 1, criteria: [x]}\n      - {level: 3, criteria: [y]}\n", "6:17",
     "level should be a whole number from 1 to 2"),
    ("levels: 2\ntopics:\n  - name: a\n    content:\n      - {level: 1, criteria: [x]}\n      - {level: 1, criteria: [y]}\n", "6:17",
     "lists level 1 twice"),
    ("levels: 2\ntopics:\n  - name: a\n    content:\n      - {level: 1, criteria: [x]}\n      - {level: 2, criteria: [no]}\n", "6:31",
     "a criterion should be text (quote it)"),
    ("levels: 2\ntopics:\n  - title: ''\n", "3:12", "title: should be text"),
    ("levels: 2\ntopics:\n  - content: []\n", "3:5", "a topic needs a name or a title"),
])
def test_what_does_not_fit_is_said_where_it_stands(tmp_path, text, where, words):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems_of(path)
    assert any(p.startswith(f"{path}:{where}: ") and words in p for p in found), found


def test_a_page_without_front_matter_or_with_it_unclosed_is_refused(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# Title\n\nlevels: 4\n", encoding="utf-8")
    assert problems_of(page) == [f"{page}:1:1: a framework page starts with its front matter: a '---' line, the YAML, then another '---' line"]
    page.write_text("---\nlevels: 4\n", encoding="utf-8")
    assert problems_of(page) == [f"{page}:1:1: the front matter has no closing '---' line"]


def test_front_matter_is_read_safely_anchors_and_tags_refused_with_their_position(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("---\nlevels: 2\ntopics: !!python/object:os.system [x]\n---\n", encoding="utf-8")
    (problem,) = problems_of(page)
    assert problem.startswith(f"{page}:3:9: ")


def test_a_missing_file_is_unreadable_not_bad_data(tmp_path):
    with pytest.raises(Unreadable):
        read_framework(tmp_path / "nothing.md")


def test_a_spreadsheet_matrix_keeps_each_cell_s_lines_whole():
    fw = read_framework(HERE / "matrix-4.csv", "matrix-4.csv")
    assert fw.levels == 4 and fw.level_names == ("Coordinator", "Project Manager", "Senior Project Manager", "Head of Delivery")
    assert fw.topics[0].title == "Planning 🗓️" and fw.topics[0].id == "planning"
    assert fw.topics[0].criteria[1] == ("Keeps a task list for their own work.", "Asks for help when an estimate looks wrong.")


def test_a_spreadsheet_s_gaps_and_repeats_are_said_by_row_and_column():
    path = HERE / "matrix-gap.csv"
    assert problems_of(path) == [
        f"{path}:2: Planning: no criteria for level 2 (Level 2); every competency needs criteria at each level",
        f"{path}:3: Planning: repeats the competency of row 2 (both are 'planning'); give each its own name"]


def test_a_roles_sheet_gives_titles_years_certificates_and_branches():
    fw = read_framework(HERE / "matrix-4.csv", roles=HERE / "roles-4.csv")
    assert [(r.title, r.level, r.min_years, r.certificates) for r in fw.roles] == [
        ("Project Coordinator", 1, 0.0, ()), ("Project Manager", 2, 2.0, ("CAPM", "PMP")),
        ("Senior Project Manager", 3, 5.0, ("PMP",)), ("Agile Delivery Lead", 3, 5.0, ("PMP",))]
    assert fw.roles[1].next == ("Senior Project Manager", "Agile Delivery Lead")


@pytest.mark.parametrize("rows, expected", [
    ("title,level\nA,1\nB,9\n", "3: level: '9' is not a level of the matrix: a number from 1 to 4 or a level's name"),
    ("title,level,min_years\nA,1,3\nB,2,99999999999999999999\n", "3: min_years: '99999999999999999999' is not a number of years from 0 to 50"),
    ("title,level,min_years\nA,2,3\nB,1,4\n", "3: level: 'B' sits above 'A' (row 2) but at a lower level"),
    ("title,level,next\nA,1,C\nB,2,\n", "2: next: 'C' is not a title of this sheet"),
    ("title,levels\nA,1\n", "1: levels: unknown column; the columns are title, level, min_years, certificates, next"),
])
def test_a_roles_sheet_that_does_not_fit_is_said_by_row(tmp_path, rows, expected):
    roles = tmp_path / "roles.csv"
    roles.write_text(rows, encoding="utf-8")
    assert f"{roles}:{expected}" in problems_of(HERE / "matrix-4.csv", roles=roles)


def test_a_workbook_is_read_like_the_csv_its_roles_sheet_included(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    book = openpyxl.Workbook()
    book.active.title = "Matrix"
    for row in csv.reader((HERE / "matrix-4.csv").read_text(encoding="utf-8").splitlines(keepends=True)):
        book.active.append(row)
    roles = book.create_sheet("Roles")
    for row in csv.reader((HERE / "roles-4.csv").read_text(encoding="utf-8").splitlines()):
        roles.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "framework.xlsx"
    book.save(path)
    from_book = read_framework(path)
    from_csv = read_framework(HERE / "matrix-4.csv", roles=HERE / "roles-4.csv")
    assert from_book.topics == from_csv.topics and from_book.level_names == from_csv.level_names
    assert [(r.title, r.level, r.min_years, r.certificates, r.next) for r in from_book.roles] == [
        (r.title, r.level, r.min_years, r.certificates, r.next) for r in from_csv.roles]


def test_a_file_that_is_not_a_workbook_is_bad_data(tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert problems_of(path) == [f"{path}:1: not a readable .xlsx workbook (BadZipFile)"]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_written_by_the_writer_reads_back_as_itself_and_shows_nothing_a_terminal_acts_on(text):
    from pmladder.text.safe import unsafe

    assert parse_text(f"key: {q(text)}\n", "t.yaml").data == {"key": text}
    assert not unsafe(q(text))


def test_a_spreadsheet_that_names_a_level_twice_is_said_in_its_first_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("competency,Lead,Lead\nPlanning,a,b\n", encoding="utf-8")
    assert problems_of(path) == [f"{path}:1: Lead: the level name appears twice (columns 2 and 3)"]


def test_long_column_names_still_make_a_ladder_that_validates(tmp_path):
    path = tmp_path / "m.csv"
    long = "Senior " * 20
    path.write_text(f"competency,{long}A,{long}B\nPlanning,a,b\n", encoding="utf-8")
    catalog, reserved = catalog_words()
    text = ladder_text(read_framework(path, reserved=reserved), ladder_id="m")
    assert [lv.title for lv in check(text, "m.yaml", catalog).levels] == [f"{long}A".strip(), f"{long}B".strip()]


scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.text(max_size=8))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["levels", "title", "topics", "name", "content", "level", "criteria", "x"]), inner, max_size=5)),
    max_leaves=25)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(trees)
def test_any_front_matter_is_read_or_refused_with_positioned_problems_never_a_crash(tmp_path_factory, data):
    import yaml

    path = tmp_path_factory.mktemp("fm") / "page.md"
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n", encoding="utf-8")
    try:
        fw = read_framework(path)
    except DataError as exc:
        assert exc.problems and all(p.line >= 1 for p in exc.problems)
        return
    catalog, _ = catalog_words()
    check(ladder_text(fw, ladder_id="fuzz"), "fuzz.yaml", catalog)  # whatever reads, validates


words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(lambda t: t.strip())


@st.composite
def frameworks(draw):
    levels = draw(st.integers(2, 10))
    topics = [{"name": f"topic {i}", "title": draw(words),
               "content": [{"level": k, "criteria": draw(st.lists(words, min_size=1, max_size=3))} for k in range(1, levels + 1)]}
              for i in range(draw(st.integers(1, 4)))]
    return {"title": draw(words), "levels": levels, "topics": topics}


@settings(derandomize=True, max_examples=60, deadline=None)
@given(frameworks())
def test_any_framework_that_reads_makes_a_ladder_that_validates_with_its_words_kept(tmp_path_factory, data):
    import yaml

    path = tmp_path_factory.mktemp("fw") / "page.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    fw = read_framework(path)
    catalog, _ = catalog_words()
    ladder = check(ladder_text(fw, ladder_id="prop"), "prop.yaml", catalog)
    for topic, given_topic in zip(fw.topics, data["topics"]):
        comp = ladder.comps[topic.id]
        assert comp.name == " ".join(given_topic["title"].split()) or comp.name == given_topic["title"].strip()
        for entry in given_topic["content"]:
            assert comp.ratings[entry["level"]] == "\n".join(" ".join(c.split()) for c in entry["criteria"])
