"""One escaping rule for every output (issue 17, items 2 and 9).

A hostile ladder (a copy of examples/ladders/custom-ladder.yaml found through PMLADDER_PATH,
with terminal escapes, bidi overrides, C1 controls, line separators, a Mermaid directive, Rich
markup, HTML, `|` and newlines in its name, tiers, titles, summaries, duties, advice, and in a
fact, a certification and a competency of its own) and a hostile profile (name and other
certificates) go through every command and every format pmladder offers. No output, on
stdout, stderr or in a written file, may carry a character a terminal acts on; JSON must
parse and give the hostile text back whole; no Mermaid block may hold `%%` or a raw `<`.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from pmladder.cli import app
from pmladder.text.safe import dumps, mermaid, visible

REPO = Path(__file__).resolve().parents[2]

# Everything a terminal, a bidi-aware viewer or a Mermaid/Markdown/Rich reader would act on.
BAD = ("\x1b[2J\x1b]52;c;SGVsbG8=\x07\x1b]0;owned\x07\x1b[8m\u202e\u2066\x9b\x85\u2028\u2029\u200f\u061c\r"
       '%%{init: {"theme":"dark"}}%%[link=file:///etc/passwd]x[/link]<script>alert(1)</script>|\nend')
NAME = "Zed " + BAD
LADDER_NAME = "Hostile " + BAD
MARK = "etc/passwd"  # shows that the hostile text was printed (as text, not as a link)

# C0 but newline and tab, DEL, C1, bidi controls, line and paragraph separators.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
MERMAID = re.compile(r"^```mermaid\n(.*?)^```$", re.S | re.M)
TODAY = "2026-12-01"


def hostile(s: str) -> str:
    return f"{s} {BAD}"


def hostile_ladder() -> dict:
    d = yaml.safe_load((REPO / "examples" / "ladders" / "custom-ladder.yaml").read_text(encoding="utf-8"))
    d.update(id="hostile", name=LADDER_NAME, source=hostile("source"), description=hostile("description"),
             version="1\x1b]0;v\x07\u202e\x9b")
    for tier in d["tiers"].values():
        tier["name"] = hostile(tier["name"])
    d["advice"] = [hostile(a) for a in d["advice"]]
    for comp in d["competencies"].values():
        comp.update(name=hostile("Product"), description=hostile("what"),
                    ratings=[hostile(r) for r in comp["ratings"]], grow=[hostile(g) for g in comp["grow"]])
    d["facts"] = {"hostile_years": {"name": hostile("Hostile years"), "question": hostile("How many?"), "unit": "years",
                                    "max": 50, "grows": "time", "months_per_unit": 12,
                                    "advice": [{"from": 0, "text": hostile("do it")}]}}
    d["certifications"] = {"HOSTILE-CERT": {"name": hostile("Cert"), "issuer": hostile("Issuer"), "source": hostile("https://e.x"),
                                            "as_of": "2026-01-01", "prep_months": 3, "notes": hostile("notes")}}
    for level in d["levels"]:
        level.update(title=hostile(level["title"]), summary=hostile(level["summary"]), expectations=[hostile("expected")],
                     responsibilities=[hostile(r) for r in level["responsibilities"]], advice=[hostile(a) for a in level["advice"]])
    middle = d["levels"][1]["requires"]
    middle["facts"]["hostile_years"] = 2
    middle["certifications"]["any_of"].append("HOSTILE-CERT")
    return d


def hostile_profile(**changes) -> dict:
    p = yaml.safe_load((REPO / "ladders" / "examples" / "profile-alex.yaml").read_text(encoding="utf-8"))
    p.update(name=NAME, ladder="hostile", other_certifications=[hostile("Other")[:120]])
    p["competencies"]["product_knowledge"] = 2
    p["facts"]["hostile_years"] = 0  # below the middle level: a target, gaps, a roadmap and charts to draw
    for key, value in changes.items():
        p[key] = {**p[key], **value}
    return p


def dump(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")  # escapes written as YAML escapes
    return path


class World:
    """The hostile files, and a history holding two assessments of the hostile profile."""

    def __init__(self, root: Path):
        self.root = root
        self.ladders = root / "ladders"
        self.ladders.mkdir()
        self.ladder = dump(self.ladders / "hostile.yaml", hostile_ladder())
        self.profile = dump(root / "me.yaml", hostile_profile())
        self.later = dump(root / "later.yaml", hostile_profile(facts={"years_experience": 8, "hostile_years": 3},
                                                               competencies={"product_knowledge": 3}))
        team = root / "team"
        team.mkdir()
        dump(team / "me.yaml", hostile_profile())
        dump(team / "later \x1b]0;file\x07\u202e.yaml", hostile_profile(facts={"hostile_years": 3}))
        dump(team / "broken.yaml", {"name": "x", hostile("unknown key"): 1})  # skipped, its problem listed
        with (team / "people.csv").open("w", encoding="utf-8", newline="") as sheet:
            rows = [["name", "education", "other_certifications", "years_experience", "product_knowledge"],
                    [NAME, "bachelor", hostile("Sheet cert"), "4", "2"], [hostile("Sheet"), "master", "", "9", "3"]]
            csv.writer(sheet).writerows(rows)
        self.team = team
        bad = hostile_ladder()
        bad["levels"][0]["tier"] = "nope " + BAD
        bad[hostile("unknown")] = 1
        self.broken_ladder = dump(root / "broken-ladder.yaml", bad)
        self.home = root / "home"

    def env(self, home: Path | None = None) -> dict:
        return {"PMLADDER_HOME": str(home or self.home), "PMLADDER_PATH": str(self.ladders), "COLUMNS": "400"}


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    w = World(tmp_path_factory.mktemp("hostile"))
    runner = CliRunner()
    for path, day in ((w.profile, "2026-01-15"), (w.later, "2026-07-15")):
        result = runner.invoke(app, ["history", "import", str(path), "--date", day], env=w.env())
        assert result.exit_code == 0, result.stderr + result.stdout
    return w


# (id, arguments, files written (names in the test's folder), exit codes allowed, what the output must show)
# {P} the profile, {L} the hostile ladder file, {T} the team folder, {O} the test's output folder.
CASES = [
    ("ladders-text", ["ladders"], [], {0}, LADDER_NAME),
    ("ladders-json", ["ladders", "-f", "json"], [], {0}, LADDER_NAME),
    ("show-text", ["show", "hostile"], [], {0}, LADDER_NAME),
    ("show-markdown", ["show", "hostile", "-f", "markdown"], [], {0}, LADDER_NAME),
    ("show-json", ["show", "hostile", "-f", "json"], [], {0}, LADDER_NAME),
    ("show-level-text", ["show", "hostile", "--level", "2"], [], {0}, LADDER_NAME),
    ("validate-ok", ["validate", "{L}"], [], {0}, None),
    ("validate-bad", ["validate", "{B}"], [], {65}, None),
    ("schema-ladder", ["schema", "ladder"], [], {0}, None),
    ("schema-catalog", ["schema", "catalog"], [], {0}, None),
    ("schema-profile", ["schema", "profile"], [], {0}, None),
    ("example-profile", ["example-profile"], [], {0}, None),
    ("assess-text", ["assess", "-p", "{P}"], [], {0}, NAME),
    ("assess-markdown", ["assess", "-p", "{P}", "-f", "markdown"], [], {0}, NAME),
    ("assess-json", ["assess", "-p", "{P}", "-f", "json"], [], {0}, NAME),
    ("assess-export-md", ["assess", "-p", "{P}", "--export", "{O}/plan.md"], ["plan.md"], {0}, NAME),
    ("assess-ask-text", ["assess", "-p", "{P}", "--ask", "--no-save"], [], {0}, NAME),
    ("plan-text", ["plan", "-p", "{P}"], [], {0}, NAME),
    ("plan-markdown", ["plan", "-p", "{P}", "-f", "markdown"], [], {0}, NAME),
    ("plan-json", ["plan", "-p", "{P}", "-f", "json"], [], {0}, NAME),
    ("plan-output-md", ["plan", "-p", "{P}", "-o", "{O}/plan.md"], ["plan.md"], {0}, NAME),
    ("plan-output-json", ["plan", "-p", "{P}", "-o", "{O}/plan.json"], ["plan.json"], {0}, NAME),
    ("where-text", ["where", "-p", "{P}"], [], {0}, NAME),
    ("where-markdown", ["where", "-p", "{P}", "-f", "markdown"], [], {0}, NAME),
    ("where-json", ["where", "-p", "{P}", "-f", "json"], [], {0}, NAME),
    ("history-text", ["history"], [], {0}, BAD),
    ("history-json", ["history", "-f", "json"], [], {0}, BAD),
    ("history-list-json", ["history", "list", "-f", "json"], [], {0}, BAD),
    ("history-import", ["history", "import", "{P}", "--date", "2026-02-01"], [], {0}, BAD),
    ("history-forget", ["history", "forget", "1"], [], {0}, None),
    ("progress-text", ["progress"], [], {0}, BAD),
    ("progress-markdown", ["progress", "-f", "markdown"], [], {0}, BAD),
    ("progress-json", ["progress", "-f", "json"], [], {0}, BAD),
    ("team-text", ["team", "{T}", "-L", "hostile"], [], {65}, NAME),
    ("team-markdown", ["team", "{T}", "-L", "hostile", "-f", "markdown"], [], {65}, NAME),
    ("team-json", ["team", "{T}", "-L", "hostile", "-f", "json"], [], {65}, NAME),
    ("team-csv", ["team", "{T}", "-L", "hostile", "-f", "csv"], [], {65}, NAME),
    ("team-output-md", ["team", "{T}", "-L", "hostile", "-o", "{O}/team.md"], ["team.md"], {65}, NAME),
    ("team-output-json", ["team", "{T}", "-L", "hostile", "-o", "{O}/team.json"], ["team.json"], {65}, NAME),
    ("team-output-csv", ["team", "{T}", "-L", "hostile", "-o", "{O}/team.csv"], ["team.csv"], {65}, NAME),
    ("team-template-csv", ["team", "--template", "csv", "-L", "hostile"], [], {0}, None),
]
# The outputs with a Mermaid chart (ladder and plan flowcharts, the team's pie, the progress line chart).
WITH_CHART = {"show-markdown", "assess-markdown", "assess-export-md", "plan-markdown", "plan-output-md", "progress-markdown",
              "team-markdown", "team-output-md"}
# Commands that change the history run on a copy of it.
CHANGES_HISTORY = {"history-import", "history-forget", "assess-ask-text"}


def raw_characters(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})


def strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in strings(k) + strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_no_output_of_any_command_carries_a_raw_control_character(case, world, tmp_path):
    name, args, files, codes, shows = case
    home = world.home
    if name in CHANGES_HISTORY:
        home = tmp_path / "home"
        shutil.copytree(world.home, home)
    places = {"{P}": world.profile, "{L}": world.ladder, "{B}": world.broken_ladder, "{T}": world.team, "{O}": tmp_path}
    argv = list(args)
    for key, value in places.items():
        argv = [a.replace(key, str(value)) for a in argv]
    if args[0] in ("assess", "plan", "where") or (args[0] == "team" and "--template" not in args):
        argv += ["--today", TODAY]
    result = CliRunner().invoke(app, argv, env=world.env(home), input="\n" * 200 if "--ask" in args else None)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"pmladder {' '.join(args)} crashed: {result.exception!r}")
    assert result.exit_code in codes, result.stderr + result.stdout

    outputs = {"stdout": result.stdout_bytes.decode("utf-8"), "stderr": result.stderr_bytes.decode("utf-8")}
    outputs.update({f: (tmp_path / f).read_bytes().decode("utf-8") for f in files})  # no newline translation
    for where, text in outputs.items():
        if "csv" in name and "template" not in name:
            text = text.replace("\r\n", "\n")  # a spreadsheet's rows end in CR LF: only a lone CR is a control
        assert not raw_characters(text), f"{where} of pmladder {' '.join(args)} carries {raw_characters(text)}"

    main = outputs[files[0]] if files else result.stdout
    if shows is not None:
        if "json" in name:
            data = json.loads(main)
            assert any(shows in s for s in strings(data)), "the JSON lost the hostile text"
            assert "\\u001b" in main and "\\u202e" in main and "\\u0085" in main and "\\u2028" in main
        else:
            assert MARK in main, "the hostile text is not shown as text"
    elif name.startswith("schema"):
        json.loads(main)
    if "markdown" in name or files[:1] in (["plan.md"], ["team.md"]):
        tokens = MarkdownIt("commonmark").enable("table").parse(main)
        found = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not found & {"html_block", "html_inline", "link_open"}, "the Markdown grew HTML or a link"
    blocks = MERMAID.findall(main)
    assert bool(blocks) == (name in WITH_CHART), "a chart is missing, or the Mermaid fences are not where expected"
    for block in blocks:
        assert "%%" not in block, f"a Mermaid directive or comment reached the diagram: {block!r}"
        assert "<" not in block, block


# --- the rule itself ------------------------------------------------------------------------

# Characters a terminal acts on, Mermaid and Markdown syntax, and ordinary text (Chinese too).
HOSTILE_CHARS = list("\x00\x07\x1b\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029\ud800\udfff"
                     "%{}[];\"'`<>&#|\n\t\r ") + ["a", "中", "é", "%%{init:", "#quot;"]
hostile_text = st.lists(st.sampled_from(HOSTILE_CHARS), max_size=40).map("".join)
RULE = settings(derandomize=True, max_examples=300, deadline=None)


@RULE
@given(st.recursive(hostile_text | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4), max_leaves=12))
def test_json_has_no_raw_control_character_and_parses_back_to_the_same_data(data):
    text = dumps(data)
    assert not raw_characters(text) and not re.search("[\ud800-\udfff]", text)
    # A lone surrogate (a file name that is not UTF-8) is written as its \\u escape and read back as such;
    # only a high one right before a low one reads back as the pair's character: JSON cannot tell them apart.
    if not any(re.search("[\ud800-\udbff][\udc00-\udfff]", s) for s in strings(data)):
        assert json.loads(text) == data


def test_json_keeps_readable_text_as_json_writes_it():
    data = {"name": "项目经理 Zoë", "n": [1, 2.5, None, True], "nested": {"k": "a\"b\\c\td"}}
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    assert dumps(data, indent=None) == json.dumps(data, ensure_ascii=False)
    assert dumps({"x": "\x85\u202e\u2028"}, indent=None) == '{"x": "\\u0085\\u202e\\u2028"}'


def _mermaid_decoded(label: str) -> str:
    """What Mermaid draws for a label: its `#name;` and `#123;` entity codes turned back into characters."""
    names = {"amp": "&", "quot": '"', "lt": "<", "gt": ">"}
    return re.sub(r"#(\w+);", lambda m: names.get(m.group(1)) or chr(int(m.group(1))), label)


@RULE
@given(hostile_text)
def test_a_mermaid_label_cannot_close_its_quote_the_fence_or_start_a_directive(s):
    label = mermaid(s)
    assert not raw_characters(label) and "\n" not in label and "\t" not in label
    for syntax in ('"', "`", "%", "<", ">", "{", "}", "[", "]"):
        assert syntax not in label
    if "#" not in s:  # a `#word;` in the text itself is Mermaid's entity syntax: shown as the character it names
        assert _mermaid_decoded(label) == visible(" ".join(s.split()))


def test_the_console_draws_no_raw_control_character_even_from_a_plain_string():
    """The guard in make_console: a title or cell that a renderer forgot to escape is still made visible."""
    import io

    from rich.table import Table
    from rich.text import Text

    from pmladder.render.terminal import make_console

    console = make_console()
    console.file = io.StringIO()
    table = Table(title="title \x1b]0;owned\x07\u202e\x9b")
    table.add_column("head \x1b[8m")
    table.add_row(Text("cell \x1b[2J\u2028\u2066 end"))
    console.print(table)
    console.print("plain \x1b]52;c;SGVsbG8=\x07 string\n second line")
    out = console.file.getvalue()
    assert not raw_characters(out), raw_characters(out)
    assert "\\x1b[2J" in out and "\\u202e" in out and "second line" in out
