"""The commands that read ladders: --version, ladders, show, validate, schema; what a user sees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from rich.cells import cell_len

import pmladder

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load's loader, in C where PyYAML has libyaml

REPO = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).resolve().parents[1] / "good_ladders" / "minimal.yaml"
BUILTIN_IDS = ("pm-titles", "pmo-career", "pmo-sequence")

# A level's heading line in `show` text output: " 3  Senior Project Manager  senior-project-manager".
HEAD = re.compile(r"^\s*(\d+)  (.+?)  ([a-z0-9][a-z0-9-]*)$")


def source(ladders_dir: Path, ladder_id: str) -> dict:
    """The ladder file as plain data, to compare the output against."""
    path = ladders_dir / f"{ladder_id}.yaml"
    if not path.is_file():
        pytest.skip(f"ladders/{ladder_id}.yaml is not written yet")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE)  # yaml.safe_load, in C where PyYAML has libyaml


def heads(output: str) -> list[tuple[int, str, str]]:
    out = []
    for line in output.splitlines():
        m = HEAD.match(line.rstrip())
        if m:
            out.append((int(m.group(1)), m.group(2), m.group(3)))
    return out


def markdown_tokens(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


# --- --version and ladders --------------------------------------------------------------------


def test_version(invoke):
    """`pmladder --version` prints the package version and exits 0."""
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pmladder {pmladder.__version__}\n"


def test_no_arguments_shows_help(invoke):
    """`pmladder` alone shows usage listing the commands instead of failing silently."""
    result = invoke()
    for command in ("ladders", "show", "validate", "schema"):
        assert command in result.output
    assert "Traceback" not in result.output


def test_ladders_text_lists_every_builtin_ladder(invoke, ladders_dir):
    """`pmladder ladders` shows a row per ladder: id, name, number of levels, built-in."""
    result = invoke("ladders")
    assert result.exit_code == 0
    assert result.stderr == ""
    for ladder_id in BUILTIN_IDS:
        data = source(ladders_dir, ladder_id)
        row = next((line for line in result.stdout.splitlines() if re.match(rf"^\W*{re.escape(ladder_id)}\s", line)), None)
        assert row is not None, f"no row for {ladder_id}:\n{result.stdout}"
        assert re.search(rf"{re.escape(data['name'])}\W+{len(data['levels'])}\W+built-in", row), row


def test_ladders_json(invoke, ladders_dir):
    """`ladders --format json` lists ids, names, level counts, languages and source "built-in", sorted by id."""
    result = invoke("ladders", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    rows = data["ladders"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    by_id = {r["id"]: r for r in rows}
    for ladder_id in BUILTIN_IDS:
        src = source(ladders_dir, ladder_id)
        row = by_id[ladder_id]
        assert {k: row[k] for k in ("id", "name", "levels", "source")} == {
            "id": ladder_id, "name": src["name"], "levels": len(src["levels"]), "source": "built-in"}
        assert row["languages"] == src.get("languages", ["en"])
        assert "framework" in row


# --- show: JSON -----------------------------------------------------------------------------------


def test_show_json_levels_bottom_to_top(invoke, ladders_dir):
    """`show pm-titles --format json` lists levels bottom to top with the documented keys."""
    result = invoke("show", "pm-titles", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["id"] == "pm-titles"
    levels = data["levels"]
    assert [lv["id"] for lv in levels] == [lv["id"] for lv in source(ladders_dir, "pm-titles")["levels"]]
    for lv in levels:
        assert {"id", "title", "titles", "tier", "next", "requires", "responsibilities"} <= set(lv), lv.keys()
        assert isinstance(lv["responsibilities"], list) and lv["responsibilities"]
        assert lv["titles"]["en"] == lv["title"]
    assert levels[0]["id"] == "project-coordinator"
    assert levels[0]["title"] == "Project Coordinator"
    assert levels[-1]["next"] == []
    order = [lv["id"] for lv in levels]
    for i, lv in enumerate(levels):
        for target in lv["next"]:
            assert order.index(target) > i, f"{lv['id']} -> {target} points down"


def test_show_json_requires_is_concrete(invoke):
    """The JSON `requires` of a mid-ladder level carries the numbers from the file."""
    data = json.loads(invoke("show", "pm-titles", "--format", "json").stdout)
    pm = next(lv for lv in data["levels"] if lv["id"] == "project-manager")
    assert "years_experience" in json.dumps(pm["requires"])


def test_show_pmo_career_has_the_branch(invoke, ladders_dir):
    """pmo-career: Project Manager leads to Program Manager or PMO Manager, in JSON and in text."""
    source(ladders_dir, "pmo-career")
    data = json.loads(invoke("show", "pmo-career", "--format", "json").stdout)
    branches = {lv["id"]: set(lv["next"]) for lv in data["levels"] if len(lv["next"]) >= 2}
    assert branches == {"project-manager": {"program-manager", "pmo-manager"}}
    text = invoke("show", "pmo-career").stdout
    assert "(branch: choose one)" in text


def test_show_level_json(invoke):
    """`show --level ID --format json` carries just that level."""
    result = invoke("show", "pm-titles", "--level", "project-director", "--format", "json")
    assert result.exit_code == 0
    assert [lv["id"] for lv in json.loads(result.stdout)["levels"]] == ["project-director"]


# --- show: text -----------------------------------------------------------------------------------


def test_show_pmo_sequence_in_chinese(invoke, ladders_dir):
    """`show pmo-sequence --lang zh` shows the Chinese titles, bottom and top, with no warning."""
    result = invoke("show", "pmo-sequence", "--lang", "zh")
    assert result.exit_code == 0
    assert "初级项目协调员" in result.stdout
    assert "PMO经理" in result.stdout
    assert result.stderr == ""
    titles = [h[1].split("  ")[0] for h in heads(result.stdout)]
    assert titles[0] == "初级项目协调员" and titles[-1] == "PMO经理"
    assert len(titles) == len(source(ladders_dir, "pmo-sequence")["levels"]) == 10


def test_show_lang_the_ladder_lacks_is_refused_naming_its_languages(invoke):
    """`--lang zh` on an English-only ladder is a usage error (exit 2) that names the ladder's languages."""
    result = invoke("show", "pm-titles", "--lang", "zh")
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1, result.stderr
    assert "“zh”" in line and "pm-titles" in line  # --lang zh asks for pmladder's words in Chinese too
    assert re.search(r"语言\W+en\b", line), line


def test_show_text_lists_levels_in_ladder_order(invoke, ladders_dir):
    """`show pm-titles` has one numbered heading per level, in file order, each with title and id."""
    src = source(ladders_dir, "pm-titles")
    result = invoke("show", "pm-titles")
    assert result.exit_code == 0
    expected = [(i + 1, lv["title"], lv["id"]) for i, lv in enumerate(src["levels"])]
    assert heads(result.stdout) == expected
    lines = result.stdout.splitlines()
    positions = [next(i for i, line in enumerate(lines) if HEAD.match(line.rstrip()) and line.rstrip().endswith(f"  {lv['id']}"))
                 for lv in src["levels"]]
    assert positions == sorted(positions)


def test_show_text_shows_every_tier_in_order(invoke, ladders_dir):
    """Each tier's name heads its levels, in ladder order, and appears in the overview."""
    src = source(ladders_dir, "pm-titles")
    out = invoke("show", "pm-titles").stdout
    tier_order = list(dict.fromkeys(lv["tier"] for lv in src["levels"]))
    names = [src["tiers"][t]["name"] for t in tier_order]
    # A tier heading is its name followed by a horizontal rule (Rich draws it with ─, or - without Unicode).
    rule = re.compile(r"^(\S.*?)\s+[─━-]{3,}\s*$")
    rules = [m.group(1) for line in out.splitlines() if (m := rule.match(line))]
    assert rules == names + ["Advice for climbing"]
    first_rule = next(m.start() for m in re.finditer(r"^.*$", out, re.M) if rule.match(m.group()))
    overview = out[out.index("The ladder, from the bottom"):first_rule]
    for name in names:
        assert name in overview


def test_show_text_shows_what_a_level_requires_and_leads_to(invoke):
    """The text overview names each level's requirements and next title; the top says so."""
    out = invoke("show", "pm-titles").stdout
    assert "Requires" in out and "Does" in out and "Next" in out
    assert re.search(r"Years in project work\W+3\+", out)
    assert "top of the ladder" in out


def test_show_text_fits_60_columns(invoke, ladders_dir):
    """With COLUMNS=60 every line fits in 60 cells and the level headings are intact."""
    src = source(ladders_dir, "pm-titles")
    result = invoke("show", "pm-titles", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > 60]
    assert not too_wide, too_wide
    assert [h[2] for h in heads(result.stdout)] == [lv["id"] for lv in src["levels"]]
    for lv in src["levels"]:
        assert lv["title"] in result.stdout


def test_show_chinese_fits_60_columns(invoke):
    """Wide (CJK) text also fits: no line of `show pmo-sequence --lang zh` exceeds 60 cells at COLUMNS=60."""
    result = invoke("show", "pmo-sequence", "--lang", "zh", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > 60]
    assert not too_wide, too_wide


@pytest.mark.parametrize("columns", ["60", "80"])
def test_show_bullets_hang_under_their_text(invoke, columns):
    """A requirement too long for one line goes on under its own first word, not under the bullet."""
    result = invoke("show", "ipma-levels", "--level", "level-c", env={"COLUMNS": columns})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    wrapped = 0
    for i, line in enumerate(lines[:-1]):
        if line.lstrip().startswith("\u2022 "):
            text_at = line.index("\u2022") + 2
            for after in lines[i + 1:]:
                body = after.rstrip()
                if not body or body.lstrip().startswith("\u2022") or len(body) - len(body.lstrip()) < text_at:
                    break
                assert len(body) - len(body.lstrip()) == text_at, (line, after)
                wrapped += 1
    assert wrapped >= 3  # the any-of-these requirements do wrap at this width
    assert not [line for line in lines if cell_len(line) > int(columns)]


@pytest.mark.parametrize("ladder", ["pm-titles", "pmo-sequence", "pmo-career", "ipma-levels", "pmi-path"])
def test_the_overview_keeps_every_title_word_and_id_whole_at_80_columns(invoke, ladders_dir, ladder):
    """'leads to' names titles, never 'Senior Project Coordi' cut at the edge; ids are whole."""
    src = source(ladders_dir, ladder)
    out = invoke("show", ladder, env={"COLUMNS": "80"}).stdout
    overview = out.split("The ladder, from the bottom", 1)[1].split("\u2500", 1)[0]
    assert not [line for line in overview.splitlines() if cell_len(line) > 80]
    words = set(re.findall(r"[A-Za-z0-9-]+", overview))
    whole = {w for lv in src["levels"] for w in [lv["id"], *re.findall(r"[A-Za-z0-9-]+", lv["title"])]}
    tiers = src.get("tiers") or {}
    whole |= {w for key, tier in tiers.items() for w in re.findall(r"[A-Za-z0-9-]+", f"{key} {tier.get('name', '')}")}
    assert {lv["id"] for lv in src["levels"]} <= words
    cut = {w for w in words - whole if any(x.startswith(w) for x in whole)}
    assert not cut, cut


def test_show_one_level(invoke):
    """`show pm-titles --level project-director` shows that level in detail and no other level."""
    result = invoke("show", "pm-titles", "--level", "project-director")
    assert result.exit_code == 0
    assert heads(result.stdout) == [(4, "Project Director", "project-director")]
    assert "To get here" in result.stdout
    assert "Chief Project Officer" in result.stdout  # where it leads


# --- show: errors ------------------------------------------------------------------------------


def test_unknown_ladder_is_one_line_listing_known_ids(invoke):
    """`show nope` exits 2 with a single stderr line naming every known ladder id."""
    result = invoke("show", "nope")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unknown ladder 'nope'" in lines[0]
    for ladder_id in ("pm-titles", "pmo-sequence"):
        assert ladder_id in lines[0]
    assert result.stdout == ""


def test_unknown_level_is_a_usage_error(invoke):
    """`show pm-titles --level nope` exits 2 and lists the ladder's level ids."""
    result = invoke("show", "pm-titles", "--level", "nope")
    assert result.exit_code == 2
    assert "has no level 'nope'" in result.stderr
    assert "project-coordinator" in result.stderr and "chief-project-officer" in result.stderr
    assert result.stdout == ""


def test_bad_format_is_a_usage_error(invoke):
    """An unknown --format value is Typer's usage error (exit 2), not a crash."""
    result = invoke("show", "pm-titles", "--format", "yaml")
    assert result.exit_code == 2


# --- show: Markdown -----------------------------------------------------------------------------


def test_show_markdown_is_well_formed(invoke, ladders_dir):
    """`show --format markdown` parses into one h1 (the name), a table with a row per level, and a mermaid fence."""
    src = source(ladders_dir, "pm-titles")
    result = invoke("show", "pm-titles", "--format", "markdown")
    assert result.exit_code == 0
    tokens = markdown_tokens(result.stdout)
    h1 = [i for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.tag == "h1"]
    assert len(h1) == 1
    assert tokens[h1[0] + 1].content == src["name"]
    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    assert sum(tok.type == "table_open" for tok in tokens) == 2  # the levels, and their requirements side by side
    body = tokens[[t.type for t in tokens].index("tbody_open"):[t.type for t in tokens].index("tbody_close")]
    assert sum(tok.type == "tr_open" for tok in body) == len(src["levels"])
    fences = [tok for tok in tokens if tok.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"]
    assert fences[0].content.startswith("flowchart BT\n")
    for lv in src["levels"]:
        assert lv["title"] in fences[0].content


def test_markdown_mermaid_shows_the_branch(invoke, ladders_dir):
    """In pmo-career's Markdown, the branch is two arrows out of Project Manager's node."""
    source(ladders_dir, "pmo-career")
    fence = next(t for t in markdown_tokens(invoke("show", "pmo-career", "--format", "markdown").stdout) if t.type == "fence")
    node = re.search(r'(\w+)\["Project Manager"\]', fence.content).group(1)
    assert len(re.findall(rf"^\s*{node} --> ", fence.content, re.M)) == 2


# --- untrusted ladder text ------------------------------------------------------------------------

NASTY = "[/] [link=http://x]y[/link] \x1b[31mred\x1b]8;;http://evil\x07click\u202eevil | [bold]b[/bold] <b>x</b>"


@pytest.fixture
def nasty_dir(tmp_path) -> Path:
    """A --ladders-dir holding ladder `nasty`, whose text is full of markup, escapes and a bidi override."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["id"] = "nasty"
    data["name"] = "Name " + NASTY
    data["description"] = "Description " + NASTY
    data["source"] = "Source " + NASTY
    data["tiers"]["entry"]["name"] = "Tier " + NASTY
    for lv in data["levels"]:
        lv["title"] = f"{lv['title']} {NASTY}"
        lv["summary"] = "Summary " + NASTY
        lv["responsibilities"] = ["Duty " + NASTY]
        lv["advice"] = ["Advice " + NASTY]
    data["advice"] = ["Ladder advice " + NASTY]
    # JSON is YAML: the control characters travel as \u escapes inside double quotes.
    (tmp_path / "nasty.yaml").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def assert_terminal_safe(output: str) -> None:
    assert "\x1b" not in output, "an escape sequence reached the terminal"
    assert "\x07" not in output
    assert "\u202e" not in output, "a bidi override reached the terminal"


def test_untrusted_text_prints_as_text(invoke, nasty_dir):
    """`show` on a hostile ladder exits 0, prints `[/]` and the link markup literally, and lets no ESC or U+202E through."""
    result = invoke("show", "nasty", "--ladders-dir", nasty_dir, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert_terminal_safe(result.output)
    assert "[/]" in out
    assert "[link=http://x]y[/link]" in out
    assert "[bold]b[/bold]" in out
    assert "\\x1b[31mred" in out  # shown as a visible escape
    assert "\\u202e" in out
    assert "Project Coordinator [/]" in out


def test_untrusted_text_in_one_level_and_in_ladders(invoke, nasty_dir):
    """`show --level` and `ladders` are just as safe with the hostile ladder."""
    one = invoke("show", "nasty", "--level", "project-manager", "--ladders-dir", nasty_dir, env={"COLUMNS": "400"})
    assert one.exit_code == 0
    assert_terminal_safe(one.output)
    assert "[/]" in one.stdout
    listing = invoke("ladders", "--ladders-dir", nasty_dir, env={"COLUMNS": "400"})
    assert listing.exit_code == 0
    assert_terminal_safe(listing.output)
    assert "[/]" in listing.stdout


def test_untrusted_text_in_markdown(invoke, nasty_dir):
    """Markdown of a hostile ladder: no ESC or U+202E, a `|` does not break the table, no HTML or link survives."""
    result = invoke("show", "nasty", "--format", "markdown", "--ladders-dir", nasty_dir)
    assert result.exit_code == 0
    assert_terminal_safe(result.stdout)
    tokens = markdown_tokens(result.stdout)
    body = tokens[[t.type for t in tokens].index("tbody_open"):[t.type for t in tokens].index("tbody_close")]
    rows = [i for i, t in enumerate(body) if t.type == "tr_open"]
    assert len(rows) == 2
    assert sum(t.type == "td_open" for t in body) == 2 * 5
    inline = [c for t in tokens if t.type == "inline" for c in (t.children or [])]
    assert not [c for c in inline if c.type in ("link_open", "html_inline")]
    assert not [t for t in tokens if t.type == "html_block"]
    assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1


def test_untrusted_text_survives_in_json(invoke, nasty_dir):
    """JSON keeps the hostile title exactly (as data), with control characters escaped by JSON."""
    result = invoke("show", "nasty", "--format", "json", "--ladders-dir", nasty_dir)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)["levels"][0]["title"] == "Project Coordinator " + NASTY


# --- schema and shipped files ---------------------------------------------------------------------


def untitled(node):
    """A JSON Schema without the "title" keywords pydantic generates for each field and model."""
    if isinstance(node, dict):  # a property called "title" maps to a schema (a dict), so it stays
        return {k: untitled(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
    if isinstance(node, list):
        return [untitled(v) for v in node]
    return node


@pytest.mark.parametrize(
    ("args", "file"),
    [((), "schema.json"), (("--catalog",), "catalog.schema.json")],
    ids=["ladder", "catalog"],
)
def test_schema_matches_shipped_file(invoke, ladders_dir, args, file):
    """`pmladder schema` prints exactly ladders/schema.json (and --catalog, catalog.schema.json)."""
    result = invoke("schema", *args)
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["$schema"].startswith("https://json-schema.org/")
    shipped = json.loads((ladders_dir / file).read_text(encoding="utf-8"))
    flag = " ".join(args)
    assert printed["title"] == shipped["title"]
    # pydantic names every field with a generated "title"; those are its wording, not the format.
    assert untitled(printed) == untitled(shipped), (
        f"ladders/{file} is out of date with the models; regenerate it with "
        f"`python -m pmladder schema{' ' + flag if flag else ''} > ladders/{file}`"
    )


def test_every_shipped_yaml_names_its_schema(ladders_dir):
    """Each shipped YAML file starts with the yaml-language-server $schema comment pointing at a real schema."""
    files = sorted(ladders_dir.glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{path.name} starts with {first!r}"
        expected = "./catalog.schema.json" if path.name == "catalog.yaml" else "./schema.json"
        assert m.group(1) == expected, path.name
        assert (path.parent / m.group(1)).is_file()


def test_validate_accepts_every_builtin_file(invoke, ladders_dir):
    """`pmladder validate ladders/*.yaml` exits 0 and says ok for each file, the catalog included."""
    files = sorted(ladders_dir.glob("*.yaml"))
    result = invoke("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    for path in files:
        assert f"{path}: ok (" in result.stdout
    assert f"{ladders_dir / 'catalog.yaml'}: ok (catalog)" in result.stdout
