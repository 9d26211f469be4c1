"""`pmladder where`: one profile on every installed ladder (issue 10, points 1 and 6).

The crosswalk must say, ladder by ladder, exactly what `pmladder assess --ladder L --format
json` says for the same profile and date: the personas of tests/personas.py on every
shipped ladder, a custom ladder from --ladders-dir, and a profile with unanswered items
(unknown, never a miss).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import yaml

from assessed import persona_assessed
from personas import LADDERS, PERSONAS

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-02"


def write(tmp_path: Path, data: dict, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def ok_json(result) -> dict:
    assert result.exit_code == 0, result.stderr + result.stdout
    return json.loads(result.stdout)


def agrees(row: dict, plan: dict) -> None:
    """A crosswalk row against `assess --format json` on that ladder."""
    assert row["best_fit"] == plan["placement"]["best_fit"]
    assert row["fully_met"] == plan["placement"]["fully_met"]
    assert row["next"] == plan["target"]
    if plan["target"] is None:
        assert row["fit"] is None
    else:
        fit = next(f for f in plan["fit"] if f["level"] == plan["target"]["id"])
        assert {k: row["fit"][k] for k in ("met", "short", "missing", "unknown", "total")} == \
            {k: fit[k] for k in ("met", "short", "missing", "unknown", "total")}
    assert row["already_met"] == plan["already_met"]
    open_questions = plan["eta_months"] == 0 and not plan["already_met"] and any(s["kind"] == "answer" for s in plan["roadmap"])
    assert row["eta_months"] == (None if open_questions or plan["target"] is None else plan["eta_months"])
    if row["eta_months"] is not None:
        assert row["eta_by"] == plan["eta_by"]
    assert set(row["not_answered"]) == {u["key"] for u in plan["unknowns"]}


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.key for p in PERSONAS])
def test_every_persona_on_every_shipped_ladder_agrees_with_assess(persona, tmp_path, invoke):
    """`where` against `pmladder assess --profile FILE --ladder L --today DAY --format json` on each ladder
    (the assess results are test_persona_table.py's, made once on the worker that runs both files)."""
    path = write(tmp_path, persona.profile)
    where = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))
    assert where["today"] == TODAY and where["name"] == persona.profile.get("name")
    rows = {r["ladder"]["id"]: r for r in where["ladders"]}
    assert set(LADDERS) <= set(rows)
    for ladder in LADDERS:
        agrees(rows[ladder], persona_assessed(invoke, tmp_path, persona.key, ladder, TODAY))


def test_unanswered_requirements_are_unknown_not_missing(tmp_path, invoke):
    alex = yaml.safe_load((REPO / "ladders" / "examples" / "profile-alex.yaml").read_text(encoding="utf-8"))
    full = ok_json(invoke("where", "--profile", write(tmp_path, alex, "full.yaml"), "--today", TODAY, "--format", "json"))
    gaps = dict(alex)
    gaps["competencies"] = {k: v for k, v in alex["competencies"].items() if k not in ("governance", "data", "methods")}
    gaps["facts"] = {k: v for k, v in alex["facts"].items() if k != "years_pmo"}
    path = write(tmp_path, gaps, "gaps.yaml")
    part = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))
    for before, after in zip(full["ladders"], part["ladders"]):
        if after["fit"] is None or after["next"] != before["next"]:
            continue  # fit is to the next title: compare only where it is the same title
        assert after["fit"]["missing"] <= before["fit"]["missing"]  # an unanswered item is never counted as a miss
        assert after["fit"]["unknown"] >= before["fit"]["unknown"]
    career = next(r for r in part["ladders"] if r["ladder"]["id"] == "pmo-career")
    assert career["fit"]["unknown"] > 0
    assert {"governance", "data", "methods", "years_pmo"} & set(career["not_answered"])
    text = invoke("where", "--profile", path, "--today", TODAY)
    assert text.exit_code == 0 and "not answered" in text.stdout


def test_custom_ladders_are_included(tmp_path, invoke):
    folder = tmp_path / "ladders"
    folder.mkdir()
    body = (REPO / "ladders" / "pmo-career.yaml").read_text(encoding="utf-8")
    body = body.replace("\nid: pmo-career\n", "\nid: acme-pmo\n").replace("\nname: PMO career ladder\n", "\nname: Acme PMO ladder\n")
    (folder / "acme.yaml").write_text(body, encoding="utf-8")
    path = write(tmp_path, PERSONAS[0].profile)
    where = ok_json(invoke("where", "--profile", path, "--ladders-dir", folder, "--today", TODAY, "--format", "json"))
    rows = {r["ladder"]["id"]: r for r in where["ladders"]}
    assert rows["acme-pmo"]["ladder"]["loaded_from"] != "built-in"
    def same(row: dict) -> dict:  # but for the ladder itself, which the line on what holds the person back names
        held = row["held_back"] and {k: v for k, v in row["held_back"].items() if k != "text"}
        return {**{k: v for k, v in row.items() if k != "ladder"}, "held_back": held}

    assert same(rows["acme-pmo"]) == same(rows["pmo-career"])
    assert rows["acme-pmo"]["held_back"]["text"].startswith("On acme-pmo: ")
    plan = ok_json(invoke("assess", "--profile", path, "--ladder", "acme-pmo", "--ladders-dir", folder, "--today", TODAY,
                          "--format", "json"))
    agrees(rows["acme-pmo"], plan)


def test_text_and_markdown_show_every_ladder(tmp_path, invoke):
    path = write(tmp_path, PERSONAS[0].profile)
    where = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))
    text = invoke("where", "--profile", path, "--today", TODAY)
    assert text.exit_code == 0
    for row in where["ladders"]:
        assert row["ladder"]["id"] in text.stdout
    md = invoke("where", "--profile", path, "--today", TODAY, "--format", "markdown")
    assert md.exit_code == 0 and md.stdout.startswith("# ")
    table = [line for line in md.stdout.splitlines() if line.startswith("| ")]
    assert len(table) == 2 + len(where["ladders"])
    for row, line in zip(where["ladders"], table[2:]):
        assert f"({row['ladder']['id']})" in line.replace("\\", "")


@functools.cache
def title_words() -> frozenset[str]:
    """Every word of every shipped title, read from the ladder files (once: the same for every persona)."""
    return frozenset(w for ladder in LADDERS for lv in yaml.safe_load((REPO / "ladders" / f"{ladder}.yaml").read_text(encoding="utf-8"))["levels"]
                     for w in re.findall(r"[A-Za-z]+", lv["title"]))


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.key for p in PERSONAS])
def test_the_table_wraps_titles_between_words_at_80_columns(persona, tmp_path, invoke):
    """At 80 columns every title word is whole on its line (`Intermediate`, never `Intermedia` + `te`)."""
    path = write(tmp_path, persona.profile)
    text = invoke("where", "--profile", path, "--today", TODAY, env={"COLUMNS": "80"})
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    words = set(re.findall(r"[A-Za-z]+", text.stdout))
    titles = title_words()
    cut = {w for w in words - titles if any(t.startswith(w) and t != w for t in titles) and len(w) > 2}
    assert not cut, cut


def test_today_sets_the_estimates(tmp_path, invoke):
    path = write(tmp_path, PERSONAS[1].profile)
    early = ok_json(invoke("where", "--profile", path, "--today", "2026-01-10", "--format", "json"))
    late = ok_json(invoke("where", "--profile", path, "--today", "2027-01-10", "--format", "json"))
    for a, b in zip(early["ladders"], late["ladders"]):
        if a["eta_months"] and b["eta_months"] is not None and a["eta_months"] == b["eta_months"]:
            ya, ma = map(int, a["eta_by"].split("-"))
            yb, mb = map(int, b["eta_by"].split("-"))
            assert (yb * 12 + mb) - (ya * 12 + ma) == 12
    assert invoke("where", "--profile", path, "--today", "tomorrow").exit_code == 2


def test_where_without_a_profile_says_what_to_do(invoke):
    result = invoke("where")
    assert result.exit_code == 66 and "pmladder assess" in result.stderr


def test_the_markdown_plan_has_the_other_ladders(tmp_path, invoke):
    persona = PERSONAS[2]
    path = write(tmp_path, persona.profile)
    where = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))
    md = invoke("plan", "--profile", path, "--ladder", "pm-titles", "--today", TODAY, "--format", "markdown")
    assert md.exit_code == 0
    section = md.stdout.split("## On other ladders\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[0] == "| Ladder | Best fit | Fully meets | Next | Ready |"
    others = [r for r in where["ladders"] if r["ladder"]["id"] != "pm-titles"]
    assert len(section) == 2 + len(others)
    for row, line in zip(others, section[2:]):
        cells = [c.strip().replace("\\", "") for c in line.strip("|").split("|")]
        assert cells[0].endswith(f"({row['ladder']['id']})")
        shown = row["best_fit"]["title"] if row["best_fit"] else "not placed yet"
        if row["work_matches"]:  # the higher title the work matches, when its certificates are not held
            shown += f" (work matches {row['work_matches']['title']})"
        assert cells[1] == shown
        assert cells[4] == row["ready"]
    # JSON and text plans are unchanged: no section there
    assert "On other ladders" not in invoke("plan", "--profile", path, "--ladder", "pm-titles", "--today", TODAY).stdout
    out = tmp_path / "plan.md"
    assert invoke("plan", "--profile", path, "--ladder", "pm-titles", "--today", TODAY, "-o", out).exit_code == 0
    assert "## On other ladders" in out.read_text(encoding="utf-8")
    assert re.search(r"\| PMO career ladder \(pmo-career\) \|", out.read_text(encoding="utf-8").replace("\\", ""))


def test_where_markdown_passes_markdownlint(tmp_path, invoke):
    from pymarkdown.api import PyMarkdownApi

    path = write(tmp_path, PERSONAS[0].profile | {"name": "Zoë | *Lee* <b>", "competencies": {}})  # questions open: their lines too
    md = invoke("where", "--profile", path, "--today", TODAY, "--format", "markdown")
    assert md.exit_code == 0
    result = PyMarkdownApi().disable_rule_by_identifier("md013").scan_string(md.stdout)
    assert [f.rule_id for f in result.scan_failures] == []
    assert "<b>" not in md.stdout and "Zoë \\| \\*Lee\\*" in md.stdout


@pytest.mark.parametrize("columns", ["80", "100"])
def test_chinese_titles_and_dates_stay_whole(tmp_path, invoke, columns):
    """In Chinese a title (中级项目协调员) or a date (（约12个月）) is never split across lines when the terminal has room."""
    path = write(tmp_path, PERSONAS[0].profile)
    out = invoke("where", "--profile", path, "--today", TODAY, "--lang", "zh", env={"COLUMNS": columns}).stdout
    ladder = yaml.safe_load((REPO / "ladders" / "pmo-sequence.yaml").read_text(encoding="utf-8"))
    titles = {lv["titles"]["zh"] for lv in ladder["levels"]}
    lines = out.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("pmo-sequence"))
    cells = lines[row].split()
    assert sum(cell in titles for cell in cells) >= 2, lines[row]  # best fit and next, each whole on the line
    assert not [c for c in " ".join(lines[row:row + 3]).split() if "（" in c and "）" not in c]  # （约…） whole


def test_the_open_questions_are_named_ladder_by_ladder_with_the_command_that_asks_them(tmp_path, invoke):
    """Below the table, each ladder with questions not answered gets one line: what `assess` on that ladder lists as
    not answered (the ratings counted) and one command, for that ladder and this profile, that asks them."""
    person = {"name": "Half Hal", "education": "bachelor", "certifications": ["PMP"],
              "facts": {"years_experience": 6, "years_managing": 3}, "competencies": {"communication": 3}}
    path = write(tmp_path, person, "half.yaml")
    out = invoke("where", "--profile", path, "--today", TODAY, env={"COLUMNS": "400"})
    assert out.exit_code == 0, out.stderr
    lines = {m.group(1): m for m in re.finditer(r"On ([\w-]+): (.*); answer with:\n +(pmladder .*)", out.stdout)}
    where = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))
    assert set(lines) == {r["ladder"]["id"] for r in where["ladders"] if r["not_answered"]} and lines
    for ladder, m in lines.items():
        plan = ok_json(invoke("assess", "--profile", path, "--ladder", ladder, "--today", TODAY, "--format", "json"))
        names, command = m.group(2), m.group(3).split()  # the command on a line of its own, to copy whole
        others = [u for u in plan["unknowns"] if u["kind"] not in ("skill", "skills")]
        for u in others:
            assert u["label"] in names, (ladder, u["label"], names)
        skills = [u for u in plan["unknowns"] if u["kind"] == "skill"]
        rated = re.search(r"(\d+) skill ratings?", names)
        assert bool(rated) == any(u["kind"] in ("skill", "skills") for u in plan["unknowns"]), names
        if rated and len(skills) == len(plan["unknowns"]) - len(others):  # single ratings only: every one counted
            assert int(rated.group(1)) == len(skills)
        assert command[:2] == ["pmladder", "assess"] and command[command.index("--ladder") + 1] == ladder
        assert command[command.index("--profile") + 1] == str(path)
        sections = {re.search(r"--only (\w+)", u["answer"]).group(1) for u in plan["unknowns"]}
        assert (command[command.index("--only") + 1] == sections.pop()) if len(sections) == 1 else "--ask" in command
    md = invoke("where", "--profile", path, "--today", TODAY, "--format", "markdown").stdout
    for ladder in lines:  # the commands as code spans a reader can copy
        assert re.search(rf"On {ladder}: .*; answer with: `{re.escape(lines[ladder].group(3).rstrip())}`", md)


def test_with_everything_answered_no_question_is_listed(tmp_path, invoke):
    alex = REPO / "ladders" / "examples" / "profile-alex.yaml"
    where = ok_json(invoke("where", "--profile", alex, "--today", TODAY, "--format", "json"))
    assert not any(r["not_answered"] for r in where["ladders"])
    for fmt in ("text", "markdown"):
        out = invoke("where", "--profile", alex, "--today", TODAY, "--format", fmt).stdout
        assert "answer with" not in out and "Not answered yet" not in out


def test_a_next_title_that_is_the_best_fit_reads_confirm(tmp_path, invoke):
    """Where the plan makes the placement whole rather than moving up, the next column says so instead of repeating it."""
    path = write(tmp_path, {"name": "Priya", "education": "master", "facts": {"years_experience": 2, "years_managing": 1}})
    rows = ok_json(invoke("where", "--profile", path, "--today", TODAY, "--format", "json"))["ladders"]
    same = [r for r in rows if r["best_fit"] and r["next"] and r["best_fit"]["id"] == r["next"]["id"]]
    up = [r for r in rows if r["next"] and not (r["best_fit"] and r["best_fit"]["id"] == r["next"]["id"])]
    assert same and up
    for fmt in ("text", "markdown"):
        out = " ".join(invoke("where", "--profile", path, "--today", TODAY, "--format", fmt, env={"COLUMNS": "300"}).stdout.split())
        for r in same:
            assert f"confirm {r['next']['title']}" in out
        for r in up:
            assert f"confirm {r['next']['title']}" not in out and r["next"]["title"] in out
