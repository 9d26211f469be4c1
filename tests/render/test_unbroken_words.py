"""No word is broken across lines, in any output, at 60, 80 and 120 columns, in English and Chinese.

Every command's output is made at the width tested and at 200 columns. A line longer than the width
is cut where a terminal would cut it (soft wrap), so a message printed without wrapping counts too.
Then, for every line break, the token ending one line and the token starting the next (in the same
column of a table) must not together be one path, command, id or word of the 200-column output: a
token is a run between spaces, and in Chinese a clause (up to its punctuation, or before a bracket).
A Chinese clause wider than its column must break somewhere, and so must a path wider than the
terminal: that is allowed, nothing else is.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, chop_cells
from typer.testing import CliRunner

import teamdata
from conftest import REPO
from pmladder.cli import app

WIDTHS = (60, 80, 120)
BOX = re.compile(r"[\u2500-\u257f]")
WIDE = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CLAUSE_END = "，。；：、！？）」』》”’"
SPLIT = re.compile(rf"(?<=[{CLAUSE_END}])|(?=[（「『《“])|(?<=[.,;:!?])(?=[{WIDE}])")

HELPS = ("", "ladders", "show", "validate", "schema", "example-profile", "migrate", "import", "assess", "plan",
         "review", "where", "progress", "team", "history", "history list", "history import", "history forget")


# --- the check -------------------------------------------------------------------------------------

def tokens(segment: str) -> list[str]:
    return [part for word in segment.split() for part in SPLIT.split(word) if part]


def segments(line: str) -> list[tuple[int, int, str]]:
    """(first cell, end cell, text) of the runs of a line between table rules or two spaces."""
    clean = BOX.sub(" ", line)
    out = []
    for m in re.finditer(r"\S+(?: \S+)*", clean):
        start = cell_len(clean[:m.start()])
        out.append((start, start + cell_len(m.group()), m.group()))
    return out


def screen(text: str, width: int) -> list[str]:
    """The lines a terminal `width` cells wide shows: a longer line continues on the next."""
    lines = []
    for line in text.splitlines():
        line = line.rstrip()
        lines.extend(chop_cells(line, width) if cell_len(line) > width else [line])
    return lines


def broken_words(text: str, width: int, reference: str) -> list[tuple[str, str]]:
    """The (end of a line, start of the next) pairs that are one token of `reference` cut in two."""
    whole = {tok for line in reference.splitlines() for seg in segments(line) for tok in tokens(seg[2])}
    joined = "\n".join(whole)
    lines = screen(text, width)
    column = {}  # a column's width: the widest run that starts where it starts
    for line in lines:
        for start, end, _ in segments(line):
            column[start] = max(column.get(start, 0), end - start)
    found = []
    for above, below in zip(lines, lines[1:]):
        for start, end, seg in segments(above):
            last = tokens(seg)[-1]
            for start2, _end2, seg2 in segments(below):
                if not start - 4 <= start2 <= end:
                    continue
                first = tokens(seg2)[0]
                both = last + first
                if both in joined and not (last in whole and first in whole):
                    room = max(column.get(start2, 0), column.get(start, 0), end - start)
                    # it would have fitted: a Chinese clause in its column, anything else on a line of its own
                    if cell_len(both) <= (room if re.search(f"[{WIDE}]", both) else width - 4):
                        found.append((last, first))
    return found


# --- every command's output -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A home with two recorded assessments, a profile deep in folders, a team and a broken ladder."""
    base = tmp_path_factory.mktemp("unbroken")
    team = base / "team"
    teamdata.write_org(team)
    profile = base / "deep" / "folder" / "with-a-rather-long-name" / "pmladder" / "profile.yaml"
    profile.parent.mkdir(parents=True)
    shutil.copy(REPO / "examples" / "profiles" / "pmp-six-years.yaml", profile)
    bad = base / "bad-ladder.yaml"
    bad.write_text("schema_version: 2\nid: x\nname: y\nlevels:\n  - id: a\n    titel: b\n", encoding="utf-8")
    home = base / "home"
    runner = CliRunner()
    for day in ("2025-01-10", "2026-01-10"):
        result = runner.invoke(app, ["history", "import", str(profile), "--ladder", "pm-titles", "--date", day],
                               env={"PMLADDER_HOME": str(home)})
        assert result.exit_code == 0, result.stderr
    return {"home": home, "team": team, "profile": profile, "bad": bad}


def commands(world) -> dict[str, list[str]]:
    p, day = str(world["profile"]), "2026-02-01"
    out = {
        "ladders": ["ladders"],
        "show": ["show", "pmo-career"],
        "show-level": ["show", "pm-titles", "--level", "senior-project-manager"],
        "assess": ["assess", "--profile", p, "--ladder", "pm-titles", "--today", day],
        "plan": ["plan", "--profile", p, "--ladder", "pmo-career", "--today", day],
        "where": ["where", "--profile", p, "--today", day],
        "history": ["history", "list"],
        "progress": ["progress"],
        "team": ["team", str(world["team"]), "--ladder", "pmo-career", "--today", day],
        "validate": ["validate", str(world["bad"])],
        "usage-error": ["assess", "--profile", p, "--no-save"],
    }
    for command in HELPS:
        out["help-" + (command.replace(" ", "-") or "root")] = [*command.split(), "--help"]
    return out


NAMES = ("ladders", "show", "show-level", "assess", "plan", "where", "history", "progress", "team", "validate",
         "usage-error", *("help-" + (c.replace(" ", "-") or "root") for c in HELPS))


class Terminal(io.StringIO):
    """Standard error as a terminal: messages are wrapped for a terminal only."""

    def isatty(self) -> bool:
        return True


def output(world, name: str, lang: str, width: int) -> str:
    from pmladder import words
    from pmladder.cli.run import Run

    words.use(None)
    env = {"PMLADDER_HOME": str(world["home"]), "COLUMNS": str(width), "PMLADDER_LANG": lang}
    stderr = Terminal()
    result = CliRunner().invoke(app, commands(world)[name], env=env, obj=Run(stderr=stderr))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2, 65), (result.exit_code, result.stderr)
    return result.stdout + "\n" + result.stderr + stderr.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_broken_across_lines(world, name, lang):
    reference = output(world, name, lang, 200)
    assert reference.strip()
    for width in WIDTHS:
        text = output(world, name, lang, width)
        assert broken_words(text, width, reference) == [], f"{name} --lang {lang} at {width} columns:\n{text}"


@pytest.mark.parametrize("name", ["history", "where", "ladders", "progress"])
def test_tables_fit_80_columns(world, name):
    for lang in ("en", "zh"):
        text = output(world, name, lang, 80)
        wide = [line for line in text.splitlines() if cell_len(line.rstrip()) > 80 and "/" not in line]
        assert wide == [], f"{name} --lang {lang}:\n{text}"


def test_help_keeps_option_names_whole(world):
    for width in (60, 80):
        text = output(world, "help-team", "en", width)
        assert "--anonymise,--anonymize" in text and "\u2026" not in text
        assert "<self|reviewer|lower>" in text and "<text|markdown|json|csv>" in text
        assert "pmladder example-profile > me.yaml" in output(world, "help-assess", "en", width)


def test_the_check_catches_a_broken_word(world):
    """The check can fail: a path, a command word and a Chinese clause cut in two are each caught,
    while the same lines broken between words are not."""
    reference = output(world, "validate", "en", 200)
    line = next(line for line in reference.splitlines() if "bad-ladder.yaml" in line)
    cut = line.index("ladder.yaml")
    assert broken_words(line[:cut] + "\n" + line[cut:], 200, reference) == [(line[:cut].split()[-1], line[cut:].split()[0])]
    space = line.index(" required")
    assert broken_words(line[:space] + "\n" + line[space + 1:], 200, reference) == []
    # a terminal cutting an over-long line counts as a break ("miss" | "ing")
    assert broken_words(line, cell_len(line) - 3, reference) == [("miss", "ing")]

    # a Chinese clause that fits its column, cut between 接 and 近, in a table row
    zh = "pm-titles     Project Manager  已满足12/20  6项接近，2项欠缺  2028-02"
    at = zh.index("近")
    column = cell_len(zh[:zh.index("6项")])
    assert broken_words(zh[:at] + "\n" + " " * column + zh[at:at + 6], 200, zh) == [("6项接", "近，")]
    assert broken_words(zh[:at + 2] + "\n" + " " * column + zh[at + 2:at + 6], 200, zh) == []  # after ，: allowed


# --- the wrap rule itself ---------------------------------------------------------------------------

LATIN = st.sampled_from(["pmladder", "assess", "--profile", "~/.config/pmladder/profile.yaml", "PRINCE2", "PMO",
                         "several.", "Project", "Manager", "2026-06", "12/20", "'pmladder progress'", "(about"])
CHINESE = st.sampled_from(["5项接近，", "7项缺失。", "这需要", "项目管理", "（约12个月）", "资格认证", "、", "高级项目经理",
                           "在此类岗位上才计入，", "每升一级所需时间至少为："])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(st.one_of(LATIN, CHINESE), st.sampled_from(["", " "])), min_size=1, max_size=40),
       width=st.integers(60, 200), indent=st.sampled_from([0, 2, 4]))
def test_wrap_never_breaks_a_run_that_fits(parts, width, indent):
    """`text.wrap.wrap` at any width from 60: every run (text/wrap.py `units`) that fits a line is on
    one line, whole; nothing is lost; no line is wider than the width unless it is one Latin run."""
    from pmladder.text.wrap import cells, has_wide, units, wrap

    text = "".join(a + b for a, b in parts).strip()
    lines = wrap(text, width, " " * indent, " " * indent)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for start, end, _ in units(text, ascii_spaces=True):
        run = text[start:end].strip()
        if cells(run) <= width - indent:
            assert any(run in line for line in lines), (run, lines)
    for line in lines:
        assert cells(line) <= width or (not has_wide(line) and len(line.split()) == 1), line


@settings(derandomize=True, max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.one_of(LATIN, CHINESE), st.sampled_from(["", " "])), min_size=1, max_size=40),
       width=st.integers(60, 200))
def test_rich_lines_break_between_runs(parts, width):
    """The same rule when Rich lays text out (text/wrap.py `divide_line`)."""
    from rich.console import Console
    from rich.text import Text

    from pmladder.text.wrap import cells, install_rich, units

    install_rich()
    text = "".join(a + b for a, b in parts).strip()
    console = Console(width=width, file=open(__import__("os").devnull, "w"), color_system=None)
    lines = [line.plain.rstrip() for line in Text(text).wrap(console, width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for start, end, _ in units(text, ascii_spaces=True):
        run = text[start:end].strip()
        if cells(run) <= width:
            assert any(run in line for line in lines), (run, lines)
