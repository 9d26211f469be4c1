"""The Markdown that leaves the terminal: exported plans and ladder overviews.

Checked the way a reader meets them: parsed as CommonMark + GFM tables (markdown-it-py),
linted with markdownlint's rules (pymarkdownlnt, line length aside), pinned by golden files,
and fed hostile names and ladder text that must stay literal text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from mdread import inline_text, tables
from pmladder import __version__

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
CUSTOM = REPO / "examples" / "ladders" / "custom-ladder.yaml"
SHIPPED = ("ipma-levels", "pm-titles", "pmi-path", "pmo-career", "pmo-sequence")
FIXED_DAY = dt.date(2026, 1, 15)
GAP_HEADER = ["Requirement", "Have", "Need", "How to close it", "Done by", "Note"]
LEVELS_HEADER = ["#", "Tier", "Title", "Responsibilities", "Next"]
UPDATE_GOLDEN = os.environ.get("PMLADDER_UPDATE_GOLDEN") == "1"


# --- parsing helpers -------------------------------------------------------------------------


def parse(text: str, tasks: bool = False):
    """Tokens as GitHub would see the blocks: CommonMark plus GFM tables (and task items)."""
    md = MarkdownIt("commonmark").enable("table")
    if tasks:
        md.use(tasklists_plugin)
    return md.parse(text)


def headings(tokens) -> list[tuple[int, str]]:
    return [
        (int(tok.tag[1]), inline_text(tokens[i + 1]))
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def fences(tokens) -> list:
    return [tok for tok in tokens if tok.type in ("fence", "code_block")]


def task_items(text: str, checked: bool = False) -> list[tuple[tuple[int, str] | None, tuple[int, str] | None, str]]:
    """Every open task item of the lists of what starts (`checked`: every ticked one) as (enclosing h2, enclosing h3,
    its text); the lists under "Done by the end of the quarter:" are the milestones, not tasks to start."""
    tokens = parse(text, tasks=True)
    out, h2, h3, label, depth = [], None, None, None, 0
    for i, tok in enumerate(tokens):
        if tok.type == "paragraph_open" and depth == 0:
            label = inline_text(tokens[i + 1])
        elif tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        if tok.type == "list_item_open" and label == "Done by the end of the quarter:":
            continue
        if tok.type == "heading_open":
            current = (int(tok.tag[1]), inline_text(tokens[i + 1]))
            if tok.tag == "h2":
                h2, h3 = current, None
            elif tok.tag == "h3":
                h3 = current
        elif tok.type == "list_item_open" and "task-list-item" in str(tok.attrs.get("class", "")):
            inline = next(t for t in tokens[i:] if t.type == "inline")
            ticked = bool(inline.children) and inline.children[0].type == "html_inline" and "checked" in inline.children[0].content
            if ticked == checked:
                out.append((h2, h3, inline_text(inline)))
    return out


def section(tokens, title_prefix: str) -> list:
    """The tokens of the h2 section whose title starts with title_prefix."""
    start = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            if start is not None:
                return tokens[start:i]
            if inline_text(tokens[i + 1]).startswith(title_prefix):
                start = i
    assert start is not None, f"no h2 section starting with {title_prefix!r}"
    return tokens[start:]


def paragraphs(tokens) -> list[str]:
    return [inline_text(tokens[i + 1]) for i, tok in enumerate(tokens) if tok.type == "paragraph_open"]


def all_inline_children(tokens):
    for tok in tokens:
        if tok.type == "inline":
            yield from tok.children or []


MERMAID_NODE = re.compile(r'^    (n\d+)\["([^"]*)"\]$')
MERMAID_EDGE = re.compile(r"^    (n\d+) --> (n\d+)$")
MERMAID_OTHER = re.compile(r"^    (class n\d+ (here|goal)|classDef (here|goal) [^\s]+)$")


def mermaid(tokens) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The one Mermaid fence, checked line by line: node labels by node id, and edges by label.

    Any line that is not a header, node, edge or class line means the fence was broken.
    """
    blocks = fences(tokens)
    assert len(blocks) == 1, f"expected one fenced block, found {[b.info for b in blocks]}"
    block = blocks[0]
    assert block.type == "fence" and block.info == "mermaid"
    lines = block.content.rstrip("\n").split("\n")
    assert lines[0].startswith("flowchart"), lines[0]
    nodes: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    for line in lines[1:]:
        if m := MERMAID_NODE.match(line):
            nodes[m.group(1)] = m.group(2)
        elif m := MERMAID_EDGE.match(line):
            edges.add((m.group(1), m.group(2)))
        else:
            assert MERMAID_OTHER.match(line), f"unexpected line in the mermaid block: {line!r}"
    assert all(a in nodes and b in nodes for a, b in edges), "an edge points at an undeclared node"
    return nodes, {(nodes[a], nodes[b]) for a, b in edges}


# --- producing the documents -----------------------------------------------------------------


def cli_plan(invoke, ladder: str, *extra, profile: Path = EXAMPLE) -> str:
    result = invoke("plan", "--profile", profile, "--ladder", ladder, "-o", "-", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cli_json(invoke, *args) -> dict:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def cli_show(invoke, ladder: str, *extra) -> str:
    result = invoke("show", ladder, "--format", "markdown", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def direct_plan(ladder_id: str, today: dt.date = FIXED_DAY, lang: str | None = None, options: str = "") -> str:
    """The plan for the example profile, rendered by the library with a fixed date (other ladders included)."""
    from pmladder.inputs.library import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.views.progress import crosswalk
    from pmladder.render.plan import plan_markdown
    from pmladder.render.progress import other_ladder_rows
    from pmladder.views.plan import make_plan

    lib = load_library(None)
    loaded = lib.get(ladder_id)
    person = load_profile(EXAMPLE, lib.vocabulary())
    others = other_ladder_rows(crosswalk(lib, person, today, pace=3, skip=ladder_id))
    return plan_markdown(make_plan(loaded.ladder, person, today, lang=lang, options=options), others)


def direct_show(ladder_id: str, lang: str | None = None) -> str:
    from pmladder.inputs.library import load_library
    from pmladder.render.markdown import ladder_markdown

    lib = load_library(None)
    return ladder_markdown(lib.get(ladder_id), lang)


def lint(text: str) -> list[str]:
    """markdownlint's rules (line length aside) as 'line N: MDxxx description | the line'."""
    from pymarkdown.api import PyMarkdownApi

    result = PyMarkdownApi().disable_rule_by_identifier("md013").scan_string(text)
    lines = text.split("\n")
    found = [
        f"line {f.line_number}: {f.rule_id} {f.rule_description} {f.extra_error_information or ''}| {lines[f.line_number - 1]!r}"
        for f in result.scan_failures
    ]
    return found + [f"pragma: {p}" for p in result.pragma_errors] + list(result.critical_errors)


# --- 1. structure of the exported plan -------------------------------------------------------


def test_shipped_ladders_are_the_ones_covered_here(invoke):
    """Every built-in ladder is exercised by the parametrised tests below (a new one must be added)."""
    listed = cli_json(invoke, "ladders")["ladders"]
    assert sorted(row["id"] for row in listed) == sorted(SHIPPED)


@pytest.mark.parametrize("ladder", SHIPPED)
def test_plan_has_one_title_with_the_persons_name(invoke, ladder):
    """The plan opens with exactly one H1, naming the person."""
    heads = headings(parse(cli_plan(invoke, ladder)))
    h1 = [text for level, text in heads if level == 1]
    assert h1 == ["Career plan for Alex Chen"]
    assert heads[0][0] == 1, "the H1 is the first heading"


@pytest.mark.parametrize("ladder", SHIPPED)
def test_plan_says_where_you_stand_and_names_the_target(invoke, ladder):
    """An H2 'Where you stand' with the current title, then an H2 naming the target title."""
    data = cli_json(invoke, "plan", "--profile", EXAMPLE, "--ladder", ladder, "-o", "-")
    tokens = parse(cli_plan(invoke, ladder))
    h2 = [text for level, text in headings(tokens) if level == 2]
    assert "Where you stand" in h2
    target = next(t for t in h2 if t.startswith(f"Target: {data['target']['title']}"))
    assert h2.index("Where you stand") < h2.index(target)
    stand = paragraphs(section(tokens, "Where you stand"))
    best = data["placement"]["best_fit"]
    if best is None:  # e.g. IPMA's levels without an IPMA certificate
        assert any("not placed on this ladder yet" in p for p in stand), stand
    else:
        assert any(p.startswith(f"Best fit: {best['title']} (") for p in stand), stand
    assert data["placement"]["why"] in stand


@pytest.mark.parametrize("ladder", SHIPPED)
def test_plan_gap_table_has_a_row_per_gap_and_every_column(invoke, ladder):
    """The gap table with --all-gaps: Requirement | Have | Need | How to close it | Done by | Note, one row per gap of the target."""
    data = cli_json(invoke, "plan", "--profile", EXAMPLE, "--ladder", ladder, "-o", "-")
    tokens = parse(cli_plan(invoke, ladder, "--all-gaps"))
    found = tables(section(tokens, "Gaps"))
    assert len(found) == 1
    header, *rows = found[0]
    assert header == GAP_HEADER
    assert len(rows) == len(data["gaps"]) > 0
    for row, gap in zip(rows, data["gaps"]):
        assert len(row) == 6, row
        assert row[0] == gap["label"]
        assert row[4] == (gap["done_by"] or "\u2014"), row
        assert ("sets the date" in row[5]) == (gap["reason"] == "sets_date"), row


TASK_CASES = [(ladder, ()) for ladder in SHIPPED] + [("pmo-career", ("--target", "director-of-pmo"))]


@pytest.mark.parametrize(("ladder", "extra"), TASK_CASES)
def test_plan_tasks_are_unchecked_items_under_the_quarter_they_start(invoke, ladder, extra):
    """Each step that starts is one '- [ ] ' task item, under the H3 of its quarter in the Timeline section."""
    text = cli_plan(invoke, ladder, *extra)
    data = cli_json(invoke, "plan", "--profile", EXAMPLE, "--ladder", ladder, "-o", "-", *extra)
    if extra:
        assert len(data["milestones"]) >= 2, "this case spans two milestones"
    items = task_items(text)
    starts = {q["quarter"]: q["start"] for q in data["timeline"]}
    assert len(items) == sum(len(v) for v in starts.values()) > 0
    task_lines = [line for line in text.splitlines() if re.match(r"\s*[-*+] \[", line)]
    done = sum(len(q["reached"]) + len(q["done"]) for q in data["timeline"])  # the milestones: boxes too, never ticked
    assert len(task_lines) == len(items) + done and all(line.startswith("- [ ] ") for line in task_lines)
    assert all(h2 == (2, "Timeline") and h3 is not None for h2, h3, _ in items)
    assert Counter(h3[1] for _, h3, _ in items) == Counter({q: len(v) for q, v in starts.items() if v})
    steps = {s["id"]: s for s in data["roadmap"]}
    for quarter, ids in starts.items():
        mine = [t for _, h3, t in items if h3[1] == quarter]
        assert sorted(mine) == sorted(t for t in mine), quarter
        for sid in ids:
            assert any(t.startswith(steps[sid]["text"]) for t in mine), (quarter, steps[sid]["text"], mine)
    reached = [m["title"] for m in data["milestones"]]
    for title in reached:
        assert f"Reached {title}" in text.replace("**", "")


@pytest.mark.parametrize("ladder", SHIPPED)
def test_plan_path_is_a_mermaid_flowchart_from_here_to_the_target(invoke, ladder):
    """The Path section is one ```mermaid fence starting with 'flowchart', linking the current title to the target."""
    data = cli_json(invoke, "plan", "--profile", EXAMPLE, "--ladder", ladder, "-o", "-")
    tokens = parse(cli_plan(invoke, ladder))
    nodes, edges = mermaid(section(tokens, "Path"))
    labels = list(nodes.values())
    first = data["level"]["title"] if data["level"] else data["fit"][0]["title"]  # not placed: from the first title
    assert labels[0] == first and labels[-1] == data["target"]["title"]
    chain = list(zip(labels, labels[1:]))
    assert edges == set(chain), "the path is a chain from the current title to the target"


@pytest.mark.parametrize("ladder", SHIPPED)
def test_plan_footer_names_the_source_and_defers_to_issuers(invoke, ladder):
    """The last H2 is 'About this plan': it names the ladder's source and says the issuers' rules are authoritative."""
    source = cli_json(invoke, "show", ladder)["source"]
    tokens = parse(cli_plan(invoke, ladder))
    assert headings(tokens)[-1] == (2, "About this plan")
    footer = " ".join(paragraphs(section(tokens, "About this plan")))
    assert source.rstrip(".") in footer
    assert "the issuers' own rules are authoritative" in footer


def test_plan_to_a_farther_target_still_has_its_gap_table(invoke):
    """With --target two titles up, the plan still has a Gaps section with the full table."""
    text = cli_plan(invoke, "pmo-career", "--target", "director-of-pmo")
    tokens = parse(text)
    assert (2, "Target: Director of PMO") in headings(tokens)
    assert len(task_items(text)) > 0
    assert (2, "Gaps") in headings(tokens), "the plan has a roadmap but no gap table"
    header, *rows = tables(section(tokens, "Gaps"))[0]
    assert header == GAP_HEADER and rows and all(len(row) == 6 for row in rows)


def test_plan_in_chinese_uses_the_chinese_titles(invoke):
    """`plan --lang zh` on pmo-sequence titles the target, the milestones and the diagram in Chinese (headings too)."""
    data = cli_json(invoke, "plan", "--profile", EXAMPLE, "--ladder", "pmo-sequence", "-o", "-", "--lang", "zh")
    text = cli_plan(invoke, "pmo-sequence", "--lang", "zh")
    tokens = parse(text)
    target = data["target"]["title"]
    assert target == "中级项目经理" and data["placement"]["best_fit"]["title"] == "初级项目经理"
    h2 = [t for level, t in headings(tokens) if level == 2]
    assert any(t.startswith(f"目标职位：{target}") for t in h2), h2
    nodes, _ = mermaid(section(tokens, "晋升路径"))
    assert list(nodes.values()) == ["初级项目经理", target]


def test_plan_shows_the_date_it_was_prepared():
    """The date given to the renderer appears right under the title, with the pmladder version."""
    tokens = parse(direct_plan("pm-titles"))
    first = paragraphs(tokens)[0]
    assert "Prepared on 2026-01-15" in first and f"pmladder {__version__}" in first


# --- 1b. structure of the ladder overview ----------------------------------------------------


@pytest.mark.parametrize("ladder", SHIPPED)
def test_show_markdown_has_one_title_and_a_levels_table_with_tiers(invoke, ladder):
    """`show --format markdown` has one H1 (the ladder's name) and a table of every level with its tier."""
    data = cli_json(invoke, "show", ladder)
    tokens = parse(cli_show(invoke, ladder))
    assert [text for level, text in headings(tokens) if level == 1] == [data["name"]]
    found = tables(tokens)
    assert len(found) >= 2  # the levels, then their requirements side by side (tests/cli/test_show_grid.py)
    header, *rows = found[0]
    assert header == LEVELS_HEADER
    assert len(rows) == len(data["levels"])
    for number, (row, level) in enumerate(zip(rows, data["levels"]), start=1):
        assert len(row) == 5, row
        assert row[0] == str(number)
        assert row[1] == level["tier_name"]
        assert row[2].startswith(level["title"])


@pytest.mark.parametrize("ladder", SHIPPED)
def test_show_markdown_diagram_has_every_level_and_every_next_edge(invoke, ladder):
    """The Mermaid diagram has a node for every level title and an arrow for every `next` link, and nothing else."""
    data = cli_json(invoke, "show", ladder)
    tokens = parse(cli_show(invoke, ladder))
    nodes, edges = mermaid(section(tokens, "Paths"))
    title = {lv["id"]: lv["title"] for lv in data["levels"]}
    assert sorted(nodes.values()) == sorted(title.values())
    assert edges == {(title[lv["id"]], title[n]) for lv in data["levels"] for n in lv["next"]}


def test_show_markdown_diagram_draws_both_arms_of_the_pmo_career_branch(invoke):
    """Project Manager leads to both Program Manager and PMO Manager, and both lead to Director of PMO."""
    _, edges = mermaid(parse(cli_show(invoke, "pmo-career")))
    assert {
        ("Project Manager", "Program Manager"),
        ("Project Manager", "PMO Manager"),
        ("Program Manager", "Director of PMO"),
        ("PMO Manager", "Director of PMO"),
    } <= edges


def test_show_markdown_in_chinese_uses_the_chinese_titles(invoke):
    """`show pmo-sequence --lang zh` titles the table rows, the diagram and the details in Chinese."""
    tokens = parse(cli_show(invoke, "pmo-sequence", "--lang", "zh"))
    _, *rows = tables(tokens)[0]
    assert rows[0][1] == "项目协调员"
    assert rows[0][2] == "初级项目协调员（Junior Project Coordinator）"
    nodes, edges = mermaid(tokens)
    assert "初级项目协调员" in nodes.values()
    assert ("初级项目协调员", "中级项目协调员") in edges
    assert (3, "1. 初级项目协调员（Junior Project Coordinator）") in headings(tokens)


@pytest.mark.parametrize("ladder", SHIPPED)
def test_show_markdown_footer_names_the_source_and_defers_to_issuers(invoke, ladder):
    """The last H2 is 'About this ladder', naming the source and deferring to the issuers."""
    source = cli_json(invoke, "show", ladder)["source"]
    tokens = parse(cli_show(invoke, ladder))
    assert headings(tokens)[-1] == (2, "About this ladder")
    footer = " ".join(paragraphs(section(tokens, "About this ladder")))
    assert source.rstrip(".") in footer
    assert "the issuers' own rules are authoritative" in footer


# --- footers read as sentences ---------------------------------------------------------------


def _custom_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "acme.yaml").write_text(CUSTOM.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("ladder", SHIPPED + ("acme-delivery",))
@pytest.mark.parametrize("kind", ["plan", "show"])
def test_footer_ends_the_source_with_exactly_one_full_stop(invoke, tmp_path, ladder, kind):
    """The footer sentence naming the source ends with one full stop, whether or not the source text has one."""
    extra = ("--ladders-dir", _custom_dir(tmp_path))
    source = cli_json(invoke, "show", ladder, *extra)["source"]
    text = cli_plan(invoke, ladder, *extra) if kind == "plan" else cli_show(invoke, ladder, *extra)
    heading = "About this plan" if kind == "plan" else "About this ladder"
    footer = " ".join(paragraphs(section(parse(text), heading)))
    stem = source.rstrip(".")
    assert re.search(re.escape(stem) + r"\. [A-Z]", footer), f"source not followed by one full stop: {footer!r}"
    assert ".." not in footer


@pytest.mark.parametrize("kind", ["plan", "show"])
def test_issuer_note_shows_the_date_it_refers_to(invoke, kind):
    """The footer says the certification rules are 'as of the date shown': that date (the catalog's as_of) is shown."""
    from pmladder.inputs.loader import load_catalog

    dates = {c.as_of.isoformat() for c in load_catalog().certs.values()}
    text = cli_plan(invoke, "pm-titles") if kind == "plan" else cli_show(invoke, "pm-titles")
    if "as of the date shown" in text:
        assert any(d in text for d in dates), f"the note refers to a date that the document never shows ({sorted(dates)})"
    else:
        assert "authoritative" in text


# --- 2. markdownlint -------------------------------------------------------------------------


LINT_CASES = [("plan", ladder, None) for ladder in SHIPPED] + [("plan", "pmo-sequence", "zh")]
LINT_CASES += [("show", ladder, None) for ladder in SHIPPED] + [("show", "pmo-sequence", "zh")]


@pytest.mark.parametrize(("kind", "ladder", "lang"), LINT_CASES)
def test_markdownlint_finds_nothing(invoke, kind, ladder, lang):
    """The plan and the ladder overview pass markdownlint's rules (pymarkdownlnt), line length aside."""
    extra = ("--lang", lang) if lang else ()
    text = cli_plan(invoke, ladder, *extra) if kind == "plan" else cli_show(invoke, ladder, *extra)
    problems = lint(text)
    assert problems == [], "markdownlint:\n" + "\n".join(problems)


def test_markdownlint_sees_a_violation_when_there_is_one():
    """The lint helper really runs the rules (a heading without a blank line after it is reported)."""
    assert any("MD022" in p for p in lint("# Title\nText right under it.\n"))


# --- 3. golden files -------------------------------------------------------------------------


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {path.relative_to(REPO)} (PMLADDER_UPDATE_GOLDEN=1)")
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"{name} (golden)", f"{name} (now)"
            )
        )
        pytest.fail(
            f"the output differs from tests/golden/{name}.\n"
            f"If the change is intended, review it and update the golden file with:\n"
            f"    PMLADDER_UPDATE_GOLDEN=1 python -m pytest tests/render/test_markdown.py -k golden\n\n{diff[:6000]}",
            pytrace=False,
        )


def _versionless(text: str) -> str:
    marker = f"pmladder {__version__}."
    assert text.count(marker) == 1, "the plan names the pmladder version once"
    return text.replace(marker, "pmladder VERSION.")


def test_golden_plan_for_alex_on_pm_titles():
    """The plan for the example profile on pm-titles, prepared 2026-01-15, matches tests/golden/plan-alex-pm-titles.md."""
    check_golden("plan-alex-pm-titles.md", _versionless(direct_plan("pm-titles", FIXED_DAY)))


def test_golden_show_pmo_career():
    """The Markdown overview of pmo-career matches tests/golden/show-pmo-career.md."""
    check_golden("show-pmo-career.md", direct_show("pmo-career"))


def test_cli_plan_is_the_golden_plan_but_for_the_date(invoke):
    """What `plan -o -` prints is what the renderer gives, with today's date in place of the fixed one."""
    cli = cli_plan(invoke, "pm-titles")
    today = dt.date.today()
    assert cli == direct_plan("pm-titles", today, options=f"--ladder pm-titles --profile {EXAMPLE}")
    assert f"Prepared on {today.isoformat()}" in cli


# --- 4. untrusted text cannot inject ---------------------------------------------------------


HOSTILE = 'Delivery <b>html</b> | cell | [x](javascript:alert(1)) "q"\nsecond line \x1b[31m ``` end'
EVE = "Eve\n# Injected heading\n- [ ] fake task <script>alert(1)</script> [link](http://evil) | pipe |"


def _yaml_str(s: str) -> str:
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


@pytest.fixture
def hostile(tmp_path) -> dict:
    """A profile with a hostile name and a custom ladder whose text is hostile everywhere it can be."""
    src = CUSTOM.read_text(encoding="utf-8")
    q = _yaml_str(HOSTILE)
    for old, new in [
        ("id: acme-delivery", "id: evil-ladder"),
        ("name: Acme delivery ladder", f"name: {_yaml_str(HOSTILE + ' ladder')}"),
        ("    title: Associate Delivery Manager\n", f"    title: {_yaml_str(HOSTILE + ' A')}\n"),
        ("    title: Delivery Manager\n", f"    title: {_yaml_str(HOSTILE + ' B')}\n"),
        ("    name: Product knowledge\n", f"    name: {_yaml_str(HOSTILE + ' C')}\n"),
        ("      - Take the internal product training\n", f"      - {q}\n"),
        ("      - Learn the release process from start to finish.\n", f"      - {q}\n"),
        ("      - Ask to run one release on your own with a delivery manager as backup.\n", f"      - {q}\n"),
        ("  - Talk to your manager about which branch suits you before you start preparing.\n", f"  - {q}\n"),
        ("    name: Mid level\n", f"    name: {_yaml_str(HOSTILE + ' tier')}\n"),
    ]:
        assert src.count(old) == 1, old
        src = src.replace(old, new)
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "evil.yaml").write_text(src, encoding="utf-8")
    profile = tmp_path / "eve.yaml"
    profile.write_text(
        "schema_version: 1\n"
        f"name: {_yaml_str(EVE)}\n"
        "education: bachelor\n"
        "facts: {years_experience: 1}\n"
        "certifications: []\n"
        "competencies: {organisation: 2, communication: 2}\n",
        encoding="utf-8",
    )
    return {"dir": folder, "profile": profile, "ladder": "evil-ladder", "target": "delivery-manager"}


def _hostile_plan(invoke, h) -> str:
    return cli_plan(invoke, h["ladder"], "--target", h["target"], "--ladders-dir", h["dir"], profile=h["profile"])


def _hostile_show(invoke, h) -> str:
    return cli_show(invoke, h["ladder"], "--ladders-dir", h["dir"])


def assert_inert(text: str) -> list:
    """No HTML, no link, no image, one H1; returns the tokens."""
    tokens = parse(text)
    kinds = {tok.type for tok in tokens} | {child.type for child in all_inline_children(tokens)}
    assert not kinds & {"html_block", "html_inline", "link_open", "image"}, kinds
    assert [level for level, _ in headings(tokens)].count(1) == 1
    assert "\x1b" not in text
    return tokens


def test_hostile_text_in_a_plan_stays_literal(invoke, hostile):
    """A hostile name and hostile ladder text add no heading, HTML, link or escape code to the plan."""
    text = _hostile_plan(invoke, hostile)
    tokens = assert_inert(text)
    h1 = [t for level, t in headings(tokens) if level == 1][0]
    assert h1 == "Career plan for " + " ".join(EVE.split()), "the name is shown whole, on one line"
    assert "Injected heading" not in [t for _, t in headings(tokens)]


def test_hostile_text_keeps_the_plan_tables_whole(invoke, hostile):
    """A '|' in a competency name or its advice never adds a column to the gap table (next title as target)."""
    h = hostile
    text = cli_plan(invoke, h["ladder"], "--ladders-dir", h["dir"], "--all-gaps", profile=h["profile"])
    found = tables(section(parse(text), "Gaps"))
    assert len(found) == 1
    header, *rows = found[0]
    assert header == GAP_HEADER
    assert rows and all(len(row) == 6 for row in rows)
    assert any("| cell |" in row[0] for row in rows), "the hostile competency name is in the table, literally"


def test_hostile_text_adds_no_task_items(invoke, hostile):
    """The only task items are the roadmap steps pmladder made, as many as `assess --format json` lists."""
    h = hostile
    data = cli_json(
        invoke, "assess", "--answers", h["profile"], "--ladder", h["ladder"], "--target", h["target"], "--ladders-dir", h["dir"]
    )
    text = _hostile_plan(invoke, h)
    items = task_items(text)
    assert len(items) == sum(len(q["start"]) for q in data["timeline"]) > 0
    assert all(h2 == (2, "Timeline") and h3 is not None for h2, h3, _ in items)
    assert not any("fake task" in item for _, _, item in items)


def test_hostile_text_keeps_the_plan_mermaid_block_whole(invoke, hostile):
    """Hostile titles neither close the Mermaid fence early nor put a raw quote in a node label."""
    text = _hostile_plan(invoke, hostile)
    tokens = parse(text)
    nodes, edges = mermaid(tokens)  # one fence, every line a node, edge or class line
    assert len(nodes) == 2 and len(edges) == 1
    for label in nodes.values():
        assert '"' not in label and "`" not in label and "<" not in label and "\n" not in label
    assert headings(tokens)[-1] == (2, "About this plan"), "the document goes on normally after the diagram"


def test_hostile_text_in_a_ladder_overview_stays_literal(invoke, hostile):
    """The overview of a hostile ladder has one H1, no HTML or links, whole tables and a whole diagram."""
    text = _hostile_show(invoke, hostile)
    tokens = assert_inert(text)
    header, *rows = tables(tokens)[0]
    assert header == LEVELS_HEADER
    assert len(rows) == 3 and all(len(row) == 5 for row in rows)
    nodes, edges = mermaid(tokens)
    assert len(nodes) == 3 and len(edges) == 2
    assert all('"' not in label for label in nodes.values())
    assert task_items(text) == []
    assert headings(tokens)[-1] == (2, "About this ladder")


@pytest.mark.parametrize("kind", ["plan", "show"])
def test_hostile_documents_pass_markdownlint(invoke, hostile, kind):
    """Escaped hostile text still yields lint-clean Markdown."""
    text = _hostile_plan(invoke, hostile) if kind == "plan" else _hostile_show(invoke, hostile)
    problems = lint(text)
    assert problems == [], "markdownlint:\n" + "\n".join(problems)
