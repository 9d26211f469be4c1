"""A plan leads with the three gaps that matter most and folds the rest (issue 19).

The order: a gate first, then what sets the date (the longest step first), then the cheapest
wins (the soonest closed first), then what has no date (a role change, education), then what
is not answered. The terminal and the Markdown show the first three in full and name the
others in one line; `--all-gaps` shows them all; the JSON always has every gap with its
`order`, `lead` and `reason`. A sentence several rows would share is said once under the list.
All through the command line, on a ladder written here and on the built-in ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from mdread import inline_text, tables
from people import BUILTIN_LADDERS, PEOPLE

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

TODAY = "2026-12-01"
WIDE = {"COLUMNS": "400"}  # no wrapping: one terminal line per row
REASONS = ("gate", "sets_date", "soonest", "undated", "unanswered")

# Two titles; the top one asks for much: a gated certificate, years that take long, two role
# changes, training hours, eight ratings and two facts the person leaves unanswered.
LADDER = """\
schema_version: 1
id: gap-test
name: Gap test ladder
source: written for pmladder tests
description: A two-level ladder whose top title asks for much.
languages: [en]
tiers:
  entry:
    name: Entry
  senior:
    name: Senior
levels:
  - id: coordinator
    title: Coordinator
    tier: entry
    summary: Keeps projects on track.
    requires:
      competencies:
        organisation: 2
    next: [lead]
  - id: lead
    title: Delivery Lead
    tier: senior
    summary: Leads delivery.
    requires:
      facts:
        years_experience: 9
        team_size: 12
        concurrent_projects: 4
        pm_training_hours: 35
        years_pmo: 1
        years_program: 1
      certifications:
        any_of: [PMP]
      competencies:
        organisation: 3
        communication: 3
        scope: 3
        schedule: 3
        cost: 3
        risk: 3
        stakeholders: 3
        leadership: 4
      gates: [certifications]
"""

MANY = {
    "schema_version": 1,
    "name": "Gap Tester",
    "education": "bachelor",
    "facts": {"years_experience": 4, "years_managing": 4, "team_size": 5, "concurrent_projects": 1, "pm_training_hours": 20},
    "certifications": [],
    "competencies": {k: 2 for k in ("organisation", "communication", "scope", "schedule", "cost", "risk", "stakeholders", "leadership")},
}
# The same person who never answered the experience questions: six gaps are open questions.
BLANKS = {k: v for k, v in MANY.items() if k != "facts"} | {"name": "Blank Facts"}


@pytest.fixture
def gap_ladder(tmp_path) -> Path:
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "gap-test.yaml").write_text(LADDER, encoding="utf-8")
    return folder


def write_profile(tmp_path: Path, data: dict, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True), encoding="utf-8")
    return path


def plan(invoke, profile: Path, ladder: str, *extra, fmt: str = "text", env: dict | None = None) -> str:
    result = invoke("plan", "--profile", profile, "--ladder", ladder, "--today", TODAY, "--format", fmt, *extra, env={**WIDE, **(env or {})})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def plan_json(invoke, profile: Path, ladder: str, *extra) -> dict:
    return json.loads(plan(invoke, profile, ladder, *extra, fmt="json"))


def gap_section(markdown: str) -> tuple[list[list[str]], list[str]]:
    """The Gaps section of a Markdown plan: its table (header first) and its paragraphs."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    start = end = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            if start is not None:
                end = i
                break
            if inline_text(tokens[i + 1]) == "Gaps":
                start = i
    assert start is not None, "the plan has no Gaps section"
    part = tokens[start:end]
    found = tables(part)
    assert len(found) == 1
    paras = [inline_text(part[i + 1]) for i, tok in enumerate(part) if tok.type == "paragraph_open"]
    return found[0], paras


def terminal_rows(text: str) -> list[int]:
    """The numbers of the gap table's rows in the terminal report (its only table with numbered rows)."""
    return [int(m.group(1)) for m in re.finditer(r"^\s*(\d+) \u2502", text, flags=re.M)]


def sentences(cell: str) -> set[str]:
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", cell) if s.strip()}


def assert_ordered(gaps: list[dict]) -> None:
    """The order rule, checked on a JSON gap list."""
    assert [g["order"] for g in gaps] == list(range(1, len(gaps) + 1))
    assert [g["lead"] for g in gaps] == [i < 3 for i in range(len(gaps))], "the first three lead, no others"
    ranks = [REASONS.index(g["reason"]) for g in gaps]
    assert ranks == sorted(ranks), [g["reason"] for g in gaps]
    for g in gaps:
        assert (g["reason"] == "gate") == (g["gate"] and g["state"] != "unknown"), g
        assert (g["reason"] == "unanswered") == (g["state"] == "unknown"), g
        assert (g["reason"] == "undated") == (g["state"] != "unknown" and not g["gate"] and g["reason"] != "sets_date"
                                              and g["done_month"] is None), g
        if g["sets_date"] and not g["gate"]:
            assert g["reason"] == "sets_date", g
    never = 10**6
    for reason, longest_first in (("gate", True), ("sets_date", True), ("soonest", False)):
        months = [never if g["done_month"] is None else g["done_month"] for g in gaps if g["reason"] == reason]
        assert months == sorted(months, reverse=longest_first), (reason, months)


# --- 1. three in full, the rest folded ------------------------------------------------------------


def test_many_gaps_show_three_in_full_and_fold_the_rest_in_the_terminal(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    data = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder)
    gaps = data["gaps"]
    assert len(gaps) == 15
    text = plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder)
    assert terminal_rows(text) == [1, 2, 3]
    start = text.index("12 more gaps: ")  # (the plan in short, above, says "Ready for" too)
    folded = " ".join(text[start:text.index("Ready for ", start)].split())
    for g in gaps[3:]:
        assert g["label"] in folded, g["label"]
    for g in gaps[:3]:
        assert g["label"] not in folded
    assert "Add --all-gaps to see every gap in full." in folded
    every = plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps")
    assert terminal_rows(every) == list(range(1, 16))
    assert "more gaps" not in every


def test_many_gaps_show_three_in_full_and_fold_the_rest_in_markdown(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    gaps = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder)["gaps"]
    (_header, *rows), paras = gap_section(plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, fmt="markdown"))
    assert [r[0] for r in rows] == [g["label"] for g in gaps if g["lead"]]
    folded = [p for p in paras if p.startswith("12 more gaps: ")]
    assert len(folded) == 1
    assert all(g["label"] in folded[0] for g in gaps if not g["lead"])
    (_header, *rows), paras = gap_section(plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps", fmt="markdown"))
    assert [r[0] for r in rows] == [g["label"] for g in gaps]
    assert not any("more gaps" in p for p in paras)


def test_one_gap_more_than_three_is_shown_rather_than_folded(invoke, tmp_path):
    """Folding a single gap saves nothing: four gaps are four rows (the example profile on pmo-sequence)."""
    alex = Path(__file__).resolve().parents[2] / "ladders" / "examples" / "profile-alex.yaml"
    gaps = plan_json(invoke, alex, "pmo-sequence")["gaps"]
    assert len(gaps) == 4 and [g["lead"] for g in gaps] == [True, True, True, False]
    assert terminal_rows(plan(invoke, alex, "pmo-sequence")) == [1, 2, 3, 4]


def test_chinese_words_fold_the_gaps_too(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    text = plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, env={"PMLADDER_LANG": "zh"})  # the ladder itself is English only
    assert terminal_rows(text) == [1, 2, 3]
    assert "另有12项差距" in text and "--all-gaps" in text and "more gaps" not in text


# --- 2. the order ----------------------------------------------------------------------------------


def test_gate_then_date_setter_then_quickest_win(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    data = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder)
    gaps = data["gaps"]
    assert_ordered(gaps)
    first, second, third = gaps[:3]
    assert (first["key"], first["reason"], first["gate"]) == ("PMP", "gate", True)
    assert second["reason"] == "sets_date" and second["key"] == "years_experience"
    assert second["done_month"] == data["eta_months"] == max(g["done_month"] or 0 for g in gaps)
    dated = [g["done_month"] for g in gaps if g["reason"] == "soonest"]
    assert third["reason"] == "soonest" and third["done_month"] == min(dated), "the third is the quickest win"
    assert [g["reason"] for g in gaps[-4:]] == ["undated", "undated", "unanswered", "unanswered"]
    text = plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder)
    assert "[gate]" in text and "[sets the date]" in text and "[quick win]" in text


@pytest.mark.parametrize("ladder", BUILTIN_LADDERS)
def test_every_person_on_every_builtin_ladder_keeps_the_order_and_every_gap(invoke, tmp_path, ladder):
    """Over the persona table: the order rule holds, and the JSON lists every open requirement of the target."""
    seen = 0
    for person in PEOPLE:
        me = write_profile(tmp_path, person["profile"], f"{person['key']}.yaml")
        # each person a cache of their own, as each user has: one shared by all would grow with every profile
        # read, and every read rewrites it whole (the run time would grow with the square of the table)
        own_cache = {"XDG_CACHE_HOME": str(tmp_path / "cache" / person["key"])}
        result = invoke("plan", "--profile", me, "--ladder", ladder, "--today", TODAY, "--format", "json", env=own_cache)
        if result.exit_code != 0:  # a profile the ladder cannot plan for (e.g. at its top) is not this test's business
            continue
        data = json.loads(result.stdout)
        gaps = data["gaps"]
        assert_ordered(gaps)
        if data["target"] and not data["already_met"]:
            fit = next(f for f in data["fit"] if f["level"] == data["target"]["id"])
            assert len(gaps) == fit["total"] - fit["met"], (person["key"], ladder)
        seen += len(gaps) > 3
    assert seen > 5, "the table has people with more than three gaps on this ladder"


# --- 3. JSON keeps every gap ---------------------------------------------------------------------


def test_json_keeps_every_gap_with_its_order_lead_and_reason(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    folded = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder)
    every = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps")
    assert folded["gaps"] == every["gaps"], "--all-gaps changes what is shown, not the data"
    keys = {(g["kind"], g["key"]) for g in folded["gaps"]}
    assert len(keys) == 15 and sum(g["lead"] for g in folded["gaps"]) == 3
    for g in folded["gaps"]:
        assert g["how"], g  # the JSON keeps each gap's whole advice, role changes and open questions too
    role = next(g for g in folded["gaps"] if g["key"] == "team_size")
    assert "new assignment" in role["how"]


# --- 4. nothing said row after row ------------------------------------------------------------------


def test_no_sentence_repeats_on_consecutive_rows(invoke, tmp_path, gap_ladder):
    cases = [(write_profile(tmp_path, MANY), "gap-test"), (write_profile(tmp_path, BLANKS, "blanks.yaml"), "gap-test")]
    by_key = {p["key"]: p["profile"] for p in PEOPLE}
    for key, ladder in (("prince2_agile_practitioner", "pm-titles"), ("skills_only", "pmo-career"), ("fresh_graduate_no_pm", "pm-titles")):
        cases.append((write_profile(tmp_path, by_key[key], f"{key}.yaml"), ladder))
    for profile, ladder in cases:
        for extra in ((), ("--all-gaps",)):
            (_header, *rows), paras = gap_section(plan(invoke, profile, ladder, "--ladders-dir", gap_ladder, *extra, fmt="markdown"))
            for one, two in zip(rows, rows[1:]):
                shared = sentences(one[3]) & sentences(two[3])
                assert not shared, (profile.name, ladder, one[0], two[0], shared)
            below = [s for p in paras for s in sentences(p)]
            assert len(below) == len(set(below)), below


def test_role_changes_are_said_once_under_the_rows(invoke, tmp_path, gap_ladder):
    me = write_profile(tmp_path, MANY)
    text = plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps")
    assert text.count("new assignment") == 1
    line = next(x for x in text.splitlines() if "new assignment" in x)
    assert "Projects run at once" in line and "Largest team led" in line
    (_header, *rows), paras = gap_section(plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps", fmt="markdown"))
    assert not any("new assignment" in r[3] for r in rows)
    assert sum("new assignment" in p for p in paras) == 1


def test_open_questions_are_answered_by_one_command_said_once(invoke, tmp_path, gap_ladder):
    """Six experience questions open: their rows name them, the command that answers them is said once below."""
    me = write_profile(tmp_path, BLANKS, "blanks.yaml")
    gaps = plan_json(invoke, me, "gap-test", "--ladders-dir", gap_ladder)["gaps"]
    open_ = [g for g in gaps if g["reason"] == "unanswered"]
    assert len(open_) == 6
    (_header, *rows), paras = gap_section(plan(invoke, me, "gap-test", "--ladders-dir", gap_ladder, "--all-gaps", fmt="markdown"))
    assert len(rows) == len(gaps)
    assert [r[3] for r in rows[-6:]] == [""] * 6, "no advice repeated on the unanswered rows"
    command = [p for p in paras if "answer with" in p]
    assert len(command) == 1 and command[0].count("pmladder assess --only experience") == 1
    assert all(g["label"] in command[0] for g in open_)


# --- 5. the option is documented ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["plan", "assess"])
def test_all_gaps_is_in_the_help(invoke, command):
    out = " ".join(invoke(command, "--help", env=WIDE).stdout.split())
    assert "--all-gaps" in out and "Show every gap in full" in out


def test_all_gaps_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "`--all-gaps`" in readme
