"""`pmladder show LADDER --grid` and `--diff A B`, as a user runs them: the terminal at 60, 80 and 120 columns,
Markdown as GitHub reads it, JSON as data; hostile ladder text stays text; an unknown title is a usage error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from rich.cells import cell_len

from mdread import tables

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "ladders"
ORG = ROOT / "tests" / "org_ladders"
CASES = [("pm-titles", ()), ("pmo-career", ()), ("pmo-sequence", ()), ("pmo-sequence", ("--lang", "zh")),
         ("department-delivery", ("--ladders-dir", EXAMPLES)), ("org-a", ("--ladders-dir", ORG))]
NASTY = "[/] [link=http://x]y[/link] \x1b[31mred\x1b]8;;http://evil\x07click\u202eevil | **b** <b>x</b> _i_"
UP, DOWN = "\u2191", "\u2193"


def grid_json(invoke, ladder, extra=()):
    result = invoke("show", ladder, "--grid", "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def md_tables(text):
    return tables(MarkdownIt("commonmark").enable("table").parse(text))


@pytest.mark.parametrize("columns", ["60", "80", "120"])
@pytest.mark.parametrize("ladder, extra", CASES, ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v))[-12:])
def test_no_line_is_wider_than_the_terminal(invoke, ladder, extra, columns):
    result = invoke("show", ladder, "--grid", *extra, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if cell_len(line) > int(columns)] == []
    data = grid_json(invoke, ladder, extra)
    heads = [line for line in lines if line.lstrip().startswith(("Requirement", "要求"))]
    assert heads, "every table starts with the requirement column"
    if columns == "60" and len(data["columns"]) > 3:
        assert len(heads) > 1, "a long ladder is split into several tables, each repeating the requirement column"
    out = " ".join(result.stdout.split())
    for row in data["rows"]:
        assert row["name"].split()[0] in out


def test_marks_sit_exactly_where_a_requirement_rises(invoke):
    """pm-titles at 160 columns is one table: each row's line has an ↑ for each title that asks for it first or more."""
    data = grid_json(invoke, "pm-titles")
    out = invoke("show", "pm-titles", "--grid", env={"COLUMNS": "160"}).stdout
    lines = out.splitlines()
    assert sum(line.startswith("Requirement") for line in lines) == 1
    seen = 0
    for row in data["rows"]:
        at = next((i for i, line in enumerate(lines) if line.startswith(row["name"] + "  ")), None)
        if at is None or lines[at + 1].startswith(" "):  # a name or a value that wraps onto a second line
            continue
        line = lines[at]
        values = [v for v in row["values"] if v]
        shown = [v["text"] for v in values]
        assert line.count(UP) == len(row["rises"]) == sum(v["change"] in ("new", "rises") for v in values), line
        assert DOWN not in line
        position = 0
        for text in shown:  # the values in the order of the titles
            position = line.index(text, position) + len(text)
        seen += 1
    assert seen >= 15
    years = next(r for r in data["rows"] if r["id"] == "fact:years_experience")
    assert [v and (v["text"], v["change"]) for v in years["values"]] == [
        None, ("3+", "new"), ("8+", "rises"), ("12+", "rises"), ("15+", "rises")]
    hours = next(r for r in data["rows"] if r["id"] == "fact:pm_training_hours")
    assert hours["rises"] == ["project-manager"]


@pytest.mark.parametrize("ladder, extra", CASES, ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v))[-12:])
def test_markdown_grid_has_every_requirement_in_its_cell(invoke, ladder, extra):
    data = grid_json(invoke, ladder, extra)
    result = invoke("show", ladder, "--grid", "--format", "markdown", *extra)
    assert result.exit_code == 0
    found = md_tables(result.stdout)
    assert len(found) >= (2 if len(data["columns"]) > 5 else 1)
    cells = {}
    for header, *rows in found:
        assert header[0] in ("Requirement", "要求") and 2 <= len(header) <= 6
        for row in rows:
            for i, title in enumerate(header[1:], 1):
                cells[(row[0], title.split(" (")[0].split("（")[0])] = row[i]
    for row in data["rows"]:
        for col, value in zip(data["columns"], row["values"]):
            shown = cells.get((row["name"], col["title"]), "")
            if value is None:
                assert shown in ("", DOWN) and (shown == DOWN) == (col["id"] in row["dropped"])
                continue
            assert shown.startswith(value["text"]), (row["name"], col["title"], shown)
            assert shown.endswith(UP) == (value["change"] in ("new", "rises")), (row["name"], col["title"], shown)


def test_the_markdown_overview_shows_the_grid_split_when_long(invoke):
    out = invoke("show", "pmo-sequence", "--format", "markdown").stdout
    assert "## Requirements by title" in out
    found = md_tables(out)
    grids = [t for t in found if t[0][0] == "Requirement"]
    assert len(grids) == 2 and [len(t[0]) - 1 for t in grids] == [5, 5]
    titles = [h for t in grids for h in t[0][1:]]
    assert titles[0] == "Junior Project Coordinator" and titles[-1] == "PMO Manager"


def test_pathways_start_their_own_tables(invoke):
    out = invoke("show", "department-delivery", "--grid", "--format", "markdown", "--ladders-dir", EXAMPLES).stdout
    assert "**Pathway: Project and programme delivery**" in out and "**Pathway: Portfolio office**" in out
    found = md_tables(out)
    portfolio = next(t for t in found if t[0][1].startswith("Portfolio Analyst"))
    assert portfolio[0][1] == "Portfolio Analyst (after Project Delivery Officer)"
    assert any("Senior Responsible Owner" in t[0] for t in found)


def test_json_grid_is_data(invoke):
    data = grid_json(invoke, "department-delivery", ("--ladders-dir", EXAMPLES))
    assert data["schema_version"] == 1 and data["ladder"] == "department-delivery"
    ids = [c["id"] for c in data["columns"]]
    assert all(len(row["values"]) == len(ids) for row in data["rows"])
    org = next(r for r in data["rows"] if r["id"] == "skill:organisation")
    assert org["values"][0] == {"text": "Practised (2 of 5)", "need": 2, "gate": False, "change": None}
    assert org["rises"] == ["project-manager", "portfolio-analyst", "head-of-portfolio-office"]
    mpla = next(r for r in data["rows"] if r["kind"] == "cert" and "@" in r["id"])
    assert mpla["values"][ids.index("senior-responsible-owner")]["text"] == "MPLA (gate)"
    assert mpla["name"].startswith("Certification (only when:")


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_of_adjacent_titles(invoke, fmt):
    result = invoke("show", "pm-titles", "--diff", "2", "Senior Project Manager", "--format", fmt, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    data = grid_json(invoke, "pm-titles")
    low, high = 1, 2
    expected_new = [r["name"] for r in data["rows"] if r["values"][high] and not r["values"][low]]
    expected_up = [(r["name"], r["values"][low]["text"], r["values"][high]["text"]) for r in data["rows"]
                   if r["values"][high] and r["values"][low] and r["values"][high]["text"] != r["values"][low]["text"]]
    assert len(expected_new) == 3 and len(expected_up) == 15
    if fmt == "json":
        d = json.loads(out)
        assert (d["from"]["id"], d["to"]["id"]) == ("project-manager", "senior-project-manager")
        assert [c["name"] for c in d["new"]] == expected_new
        assert [(c["name"], c["from"], c["to"]) for c in d["rises"]] == expected_up
        assert d["eases"] == d["changes"] == d["dropped"] == []
        assert d["same"] == ["education", "fact:pm_training_hours"]
        return
    flat = " ".join(out.split())
    assert "From Project Manager to Senior Project Manager" in flat
    for name, before, after in expected_up:
        assert f"{name}: {before} \u2192 {after}" in flat.replace("\\", "")
    assert "Unchanged: 2" in flat
    if fmt == "markdown":
        assert out.startswith("# From Project Manager to Senior Project Manager\n")
        assert "## Rises (15)" in out and "## New (3)" in out


def test_diff_says_what_is_dropped_on_a_branching_ladder(invoke):
    d = json.loads(invoke("show", "department-delivery", "--diff", "programme-manager", "senior-responsible-owner", "--format", "json",
                          "--ladders-dir", EXAMPLES).stdout)
    assert [c["row"] for c in d["dropped"]] == ["skill:scope", "skill:schedule", "skill:cost", "skill:methods",
                                                "alt:Practitioner qualification", "alt:Programme grounding"]
    assert {"row": "fact:years_experience", "name": "Years in project work", "from": "10+", "to": "15+"} in d["rises"]


def test_diff_in_chinese_names_titles_in_chinese(invoke):
    result = invoke("show", "pmo-sequence", "--diff", "初级项目协调员", "2", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "从初级项目协调员到中级项目协调员" in result.stdout
    assert "组织能力：2/5 \u2192 3/5" in result.stdout


@pytest.mark.parametrize("args", [("--diff", "2", "Senior Projekt Manager"), ("--diff", "Project Manger", "3")])
def test_an_unknown_title_is_a_usage_error_with_a_hint(invoke, args):
    result = invoke("show", "pm-titles", *args)
    assert result.exit_code == 2
    assert "--diff: ladder 'pm-titles' has no level" in result.stderr and "did you mean" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [("--grid", "--level", "2"), ("--diff", "1", "2", "--level", "2"), ("--grid", "--diff", "1", "2")])
def test_grid_and_diff_do_not_mix_with_a_level_or_each_other(invoke, args):
    result = invoke("show", "pm-titles", *args)
    assert result.exit_code == 2 and "--grid and --diff" in result.stderr


@pytest.fixture
def hostile(tmp_path) -> Path:
    """department-delivery with markup, escapes and a bidi override in its titles, a fact's name, a label and a pathway."""
    data = yaml.safe_load((EXAMPLES / "department-delivery.yaml").read_text(encoding="utf-8"))
    for lv in data["levels"]:
        lv["title"] = f"{lv['title']} {NASTY}"
    data["facts"]["budget_led"]["name"] = "Budget " + NASTY
    data["tracks"]["portfolio"]["name"] = "Portfolio " + NASTY
    data["labels"]["facts"]["years_program"]["name"] = "Programme years " + NASTY
    (tmp_path / "department-delivery.yaml").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("what", [("--grid",), ("--diff", "3", "4")])
def test_hostile_text_stays_text_in_every_format(invoke, hostile, fmt, what):
    result = invoke("show", "department-delivery", *what, "--format", fmt, "--ladders-dir", hostile, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    if fmt == "json":
        data = json.loads(out)
        titles = [c["title"] for c in data["columns"]] if what == ("--grid",) else [data["from"]["title"], data["to"]["title"]]
        assert titles and all(title.endswith(" " + NASTY) for title in titles), "JSON keeps the text exactly, as data"
    elif fmt == "markdown":
        tokens = MarkdownIt("commonmark").enable("table").parse(out)
        inline = [c for t in tokens if t.type == "inline" for c in (t.children or [])]
        assert not [c for c in inline if c.type in ("link_open", "html_inline", "em_open")]
        assert not [t for t in tokens if t.type == "html_block"]
        if what == ("--grid",):
            for header, *rows in md_tables(out):
                assert all(len(row) == len(header) for row in rows), "a | in a name never breaks the table"
    else:
        assert "\\x1b" in out and "\\u202e" in out
        assert all(cell_len(line) <= 80 for line in out.splitlines())
