"""The Markdown plan where people keep plans (GitHub, GitLab, wiki imports): what is done by a quarter is a list of
its own, under its own line, and what starts is a separate list of open tasks, each item a box to tick when it is
done (nothing in a plan made today is ticked: a checked box would tell a manager that 2028's milestone is done); the commands to run are code spans nothing can break
out of; and the terminal's gap table shows how to close a gap in normal (not dim) text.

Read with markdown-it-py (CommonMark, GFM tables and task lists), as a renderer reads it."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest

markdown_it = pytest.importorskip("markdown_it")
tasklists = pytest.importorskip("mdit_py_plugins.tasklists")

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
OPEN = ("schema_version: 1\nname: Sam Lee\neducation: bachelor\nfacts:\n  years_managing: 1\ncertifications: [CAPM]\n")


def tokens(text: str) -> list:
    md = markdown_it.MarkdownIt("commonmark").enable("table").use(tasklists.tasklists_plugin)
    return md.parse(text)


def timeline_lists(text: str) -> dict[str, list[list[tuple[bool, str]]]]:
    """Quarter -> its lists of task items, each a list of (in the "done by" list, text), read from the Timeline
    section's H3s; every item's box is open (a ticked one fails here)."""
    done_label = "Done by the end of the quarter:"
    toks = tokens(text)
    out: dict[str, list] = {}
    section = quarter = label = None
    depth = 0
    for i, tok in enumerate(toks):
        if tok.type == "heading_open":
            title = toks[i + 1].content
            if tok.tag == "h2":
                section, quarter = title, None
            elif tok.tag == "h3" and section == "Timeline":
                quarter = title
                out[quarter] = []
        elif tok.type == "paragraph_open" and depth == 0:
            label = toks[i + 1].content
        elif tok.type == "bullet_list_open":
            depth += 1
            if quarter and depth == 1:
                out[quarter].append([])
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type == "list_item_open" and quarter and depth == 1:
            inline = next(t for t in toks[i:] if t.type == "inline")
            task = "task-list-item" in str(tok.attrs.get("class", ""))
            ticked = task and inline.children[0].type == "html_inline" and "checked" in inline.children[0].content
            assert not ticked, ("an item of a plan made today is ticked", inline.content)
            out[quarter][-1].append((task, label == done_label, inline.content))
    # the advice below the last quarter is a plain list (no task items): not part of the quarter
    for quarter, lists in out.items():
        assert all(len({task for task, _, _ in items}) == 1 for items in lists), ("a list mixes tasks and plain items", lists)
        out[quarter] = [[(done, text) for _, done, text in items] for items in lists if items[0][0]]
    return out


def plan(invoke, *args, profile: Path = EXAMPLE, ladder: str = "pm-titles") -> str:
    result = invoke("plan", "--profile", profile, "--ladder", ladder, "--today", "2026-01-15", "-o", "-", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("ladder", ["pm-titles", "pmi-path", "pmo-sequence"])
def test_done_and_open_items_are_two_lists(invoke, ladder):
    """Under each quarter, every list is what is done by then or what starts then (each under its own line), the
    done-by list first; the counts are the JSON timeline's."""
    text = plan(invoke, ladder=ladder)
    data = json.loads(plan(invoke, "--format", "json", ladder=ladder))
    lists = timeline_lists(text)
    assert lists, "the plan has a timeline"
    for row in data["timeline"]:
        quarter = row["quarter"]
        if quarter not in lists:
            continue
        kinds = [{ticked for ticked, _ in items} for items in lists[quarter]]
        assert all(len(k) == 1 for k in kinds), (quarter, lists[quarter])
        flat = [k.pop() for k in kinds]
        assert flat == sorted(flat, reverse=True), "the done-by list comes first"
        done = sum(len(items) for items in lists[quarter] if items[0][0])
        opened = sum(len(items) for items in lists[quarter] if not items[0][0])
        assert opened == len(row["start"]), quarter
        assert done == len(row["reached"]) + len(row["done"]), quarter
    found = {done for items in lists.values() for item_list in items for done, _ in item_list}
    assert found == {True, False}, "the plan has both kinds of items (else the test shows nothing)"
    if ladder == "pm-titles":
        assert len(lists["2026 Q1"]) == 2, "a quarter with both: two lists, not one"


def test_commands_are_code_spans_a_file_path_cannot_break(invoke, tmp_path):
    """The command that answers open questions is one code span whose text is exactly the command, even when the
    profile's path holds backticks and a bar; nothing else in the plan becomes code."""
    folder = tmp_path / "we`ird | d``ir"
    folder.mkdir()
    profile = folder / "p.yaml"
    profile.write_text(OPEN, encoding="utf-8")
    text = plan(invoke, profile=profile, ladder="pmi-path")
    command = f"pmladder assess --only skills --ladder pmi-path --profile {shlex.quote(str(profile))}"
    codes = [c.content for t in tokens(text) if t.type == "inline" for c in t.children if c.type == "code_inline"]
    assert codes and set(codes) == {command}, codes
    assert "\\`pmladder" not in text, "no escaped backticks where a code span belongs"


def test_a_backtick_from_a_file_stays_literal_text(invoke, tmp_path):
    """A name with backticks (`rm -rf`) is escaped text, not code: only pmladder's commands are code."""
    profile = tmp_path / "p.yaml"
    profile.write_text(OPEN.replace("Sam Lee", '"Sam `rm -rf` Lee"'), encoding="utf-8")
    toks = tokens(plan(invoke, profile=profile, ladder="pmi-path"))
    heading = next(toks[i + 1] for i, t in enumerate(toks) if t.type == "heading_open" and t.tag == "h1")
    assert [c.type for c in heading.children] == ["text"] and "`rm -rf`" in heading.content.replace("\\", "")


@pytest.mark.parametrize("body", ["plain", "a`b", "``x``", "`start", "end`", "a | b", "x\x1by"])
def test_a_code_span_holds_any_text(body):
    """`code` wraps any text in a code span that renders as exactly that text (controls made visible), in a
    table cell too (where `|` would otherwise end the cell)."""
    from pmladder.render.markdown import code
    from pmladder.text.safe import visible

    inline = tokens(f"see {code(body)} here")[1]
    assert [c.type for c in inline.children] == ["text", "code_inline", "text"]
    assert inline.children[1].content.strip() == visible(body).strip()
    table = tokens(f"| a | b |\n| --- | --- |\n| {code(body, cell=True)} | z |\n")
    cells = [t for t in table if t.type == "inline"]
    assert [c.content for c in cells][-1] == "z", "the bar stayed inside the cell"
    assert cells[2].children[0].type == "code_inline" and cells[2].children[0].content.strip() == visible(body).strip()


def test_how_to_close_a_gap_is_not_dim_on_the_terminal():
    """The gap table's advice (how to close it) is drawn in normal text; only the asides are dim."""
    import datetime as dt

    from rich.console import Console

    from pmladder import words as w
    from pmladder.inputs.library import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.render.report import gap_table
    from pmladder.views.plan import make_plan

    lib = load_library(None)
    person = load_profile(EXAMPLE, lib.vocabulary())
    p = make_plan(lib.get("pm-titles").ladder, person, dt.date(2026, 1, 15))
    advice = [w.how_own(g.check, g.step, p, p.lang) for g in p.lead_gaps]
    words = [a.split()[0] for a in advice if a]
    assert words, "the plan has advice to show"
    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system="standard", no_color=False)
    segments = list(console.render(gap_table(p)))
    for word in words:
        hits = [s for s in segments if s.text.startswith(word)]
        assert hits and not any(s.style is not None and s.style.dim for s in hits), word
