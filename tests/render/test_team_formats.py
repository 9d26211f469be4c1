"""One team result drawn three ways (issue 21): the terminal, the Markdown and the JSON carry the
same people and figures, read back from each output as a reader (or a program) would: the
roster, the succession view, the certification pipeline with its dates, and a legend that
explains only what is shown."""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt

from mdread import tables
from teamdata import write_org

TODAY = "2026-11-22"
WIDE = {"COLUMNS": "400"}  # one table row a line, so the terminal can be read back cell by cell


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    folder = tmp_path_factory.mktemp("org")
    write_org(folder)
    return folder


def three(invoke, *args) -> tuple[str, str, dict]:
    """(terminal, Markdown, JSON) of one run."""
    outs = []
    for fmt in ("text", "markdown", "json"):
        result = invoke("team", *args, "--today", TODAY, "--format", fmt, env=WIDE)
        assert result.exit_code == 0, result.stdout + result.stderr
        outs.append(result.stdout)
    return outs[0], outs[1], json.loads(outs[2])


def md_tables(text: str):
    return tables(MarkdownIt("commonmark").enable("table").parse(text))


def terminal_table(text: str, first_head: str) -> list[list[str]]:
    """The rows of a Rich table whose header starts with `first_head`, cells split at the column rules."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_head) and "\u2503" in line)
    rows = []
    for line in lines[start + 2:]:
        if "\u2502" not in line:
            break
        rows.append([c.strip() for c in line.split("\u2502")])
    return rows


def json_roster(data: dict) -> list[list[str]]:
    """The roster as the JSON has it, in the cells the other two show."""
    out = []
    for i in data["roster"]:
        p = data["people"][i]
        current = ((p["current_title"] or {}).get("level") or {}).get("title") or (
            f"'{p['current_title']['as_given']}' (not on this ladder)" if p["current_title"] else "\u2014")
        ready = "\u2014" if p["ready_by"] is None else "now" if p["eta_months"] == 0 else p["ready_by"]
        nxt = p["next_title_text"] if p["target"] else next(r["title"] for r in data["readiness"] if r["bucket"] == p["readiness"])
        out.append([p["name"], current, (p["best_fit"] or {}).get("title") or "Not placed yet", p["working"] or "\u2014", nxt, ready,
                    p["date_set_by"] or "\u2014"])
    return out


@pytest.mark.parametrize("ladder", ["pmo-career", "pmi-path"])
def test_the_roster_is_the_same_in_the_terminal_markdown_and_json(invoke, org, ladder):
    text, markdown, data = three(invoke, org, "--ladder", ladder)
    want = json_roster(data)
    assert len(want) == len(data["people"]) == data["counts"]["read"]
    md_roster = next(t for t in md_tables(markdown) if t[0][:2] == ["Name", "Current title"])
    assert md_roster[1:] == want
    assert terminal_table(text, "Name ") == want


def test_the_succession_view_is_the_same_in_the_three(invoke, org):
    text, markdown, data = three(invoke, org, "--ladder", "pmo-career", "--succession-from", "program-manager")
    names = {"now": "Now", "within_12_months": "Within 12 months", "within_24_months": "Within 24 months"}
    found = [t for t in md_tables(markdown) if t[0] == ["When", "Name", "By", "What stands in the way"]]
    with_people = [s for s in data["succession"] if any(s[k] for k in names)]
    assert len(found) == len(with_people) and with_people
    section = text[text.index("\nSuccession\n"):]
    for title, table in zip(with_people, found):
        want = [[names[k], data["people"][r["person"]]["name"], "already there" if r["already_there"] else r["by"],
                 r["stands_in_the_way"] or "\u2014"] for k in names for r in title[k]]
        assert table[1:] == want, title["level"]["id"]
        assert f"{title['level']['title']}  {title['text']}" in section
        for when, name, by, gap in want:
            assert f"    {name}  {by}" + (f"  {gap}" if gap != "\u2014" else "") in section.splitlines(), name


def test_the_pipeline_dates_and_within_12_months_are_in_markdown_as_in_the_terminal(invoke, org):
    text, markdown, data = three(invoke, org, "--ladder", "pmi-path")
    table = next(t for t in md_tables(markdown) if t[0][0] == "Certification")
    assert table[0] == ["Certification", "Holds", "Eligible now", "Within 12 months", "On their roadmap, earned by"]
    rows = {r[0]: r for r in table[1:]}
    people = data["people"]
    seen_soon = seen_planned = False
    for c in data["certifications"]:
        if not (c["holders"] or c["eligible_now"] or c["eligible_within_12_months"] or c["planned"]):
            continue
        row = rows[c["name"]]
        soon = [f"{people[x['person']]['name']} ({month(data, x['month'])})" for x in c["eligible_within_12_months"]]
        planned = [f"{people[x['person']]['name']} ({month(data, x['done_month'])})" for x in c["planned"]]
        assert row[3] == (f"{len(soon)}: " + ", ".join(soon) if soon else "\u2014"), c["id"]
        assert row[4] == (f"{len(planned)}: " + ", ".join(planned) if planned else "\u2014"), c["id"]
        if soon:
            seen_soon = True
            assert "  eligible within 12 months: " + ", ".join(soon) in text.splitlines()
        if planned:
            seen_planned = True
            assert "  on their roadmap, earned by: " + ", ".join(planned) in text.splitlines()
    assert seen_soon and seen_planned  # both columns are exercised, not only dashes


def month(data, m):
    from pmladder.words import month_of
    import datetime as dt

    return month_of(dt.date.fromisoformat(data["today"]), m) if m is not None else "not dated"


@pytest.mark.parametrize("ladder", ["pmo-career", "pmi-path"])
def test_the_pipeline_legend_explains_only_what_the_terminal_shows(invoke, org, ladder):
    text, markdown, data = three(invoke, org, "--ladder", ladder)
    section = text[text.index("\nCertification pipeline\n"):text.index("\nNot answered\n")]
    body = section.split("\n", 3)[3]  # after the heading and the legend lines
    legend = data["pipeline_note"]
    for phrase, shown in (("Within 12 months:", "eligible within 12 months:"), ("On their roadmap:", "on their roadmap, earned by:"),
                          ("Eligible now:", "eligible now")):
        assert (phrase in legend) == (shown in body), (phrase, ladder)
    assert " ".join(legend.split()) in " ".join(section.split()) and legend in markdown


def test_figures_of_the_head_are_the_same_in_the_three(invoke, org):
    text, markdown, data = three(invoke, org, "--ladder", "pmo-career", "--by", "manager")
    counts = data["current_job"]
    line = f"Current job: {counts['above']} above their job, {counts['at']} at it, {counts['below']} below it"
    assert line in text and line in markdown
    md_groups = next(t for t in md_tables(markdown) if t[0][0] == "By manager")
    term_groups = terminal_table(text, "By manager")
    assert md_groups[1:] == term_groups
    assert [r[0] for r in md_groups[1:-1]] == [g["name"] if g["name"] else "No manager given" for g in data["groups"]["groups"]]
    assert [int(r[1]) for r in md_groups[1:-1]] == [len(g["people"]) for g in data["groups"]["groups"]]
    assert md_groups[-1][:2] == ["Whole team", str(len(data["people"]))]


def test_the_markdown_with_groups_and_succession_is_clean(invoke, org):
    from pymarkdown.api import PyMarkdownApi

    _text, markdown, _data = three(invoke, org, "--ladder", "pmo-career", "--by", "department", "--succession")
    result = PyMarkdownApi().disable_rule_by_identifier("md013").disable_rule_by_identifier("md024").scan_string(markdown)
    assert [f"line {f.line_number}: {f.rule_id}" for f in result.scan_failures] == []
