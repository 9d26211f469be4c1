"""A command's world comes from one Run (cli/run.py), and its output from one registry of renderers.

A Run handed to the command in place of the process's one (a terminal on standard input, a fixed
today, a language, other streams, another environment) makes the command behave exactly as it
does when the process itself is like that: same output, same exit code, same message.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from pmladder.cli.run import Run

REPO = Path(__file__).resolve().parents[2]
TESTS = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "ladders" / "examples" / "profile-alex.yaml"
PLAN = ("plan", "--profile", EXAMPLE, "--ladder", "pm-titles")


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


# --- the Run ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_a_run_with_a_fixed_today_plans_as_today_option_does(invoke, fmt):
    day = "2026-01-01"
    assert dt.date.today() != dt.date.fromisoformat(day)  # else this test could not tell them apart
    by_run = ok(invoke(*PLAN, "--format", fmt, run=Run(today=dt.date(2026, 1, 1))))
    by_option = ok(invoke(*PLAN, "--format", fmt, "--today", day))
    assert by_run.stdout == by_option.stdout and by_run.stderr == by_option.stderr
    assert by_run.stdout != ok(invoke(*PLAN, "--format", fmt)).stdout  # the real today plans otherwise


def test_an_option_still_wins_over_the_runs_today(invoke):
    by_both = ok(invoke(*PLAN, "--format", "json", "--today", "2027-03-01", run=Run(today=dt.date(2026, 1, 1))))
    assert by_both.stdout == ok(invoke(*PLAN, "--format", "json", "--today", "2027-03-01")).stdout


@pytest.mark.parametrize("args", [
    ("assess", "--profile", EXAMPLE, "--ladder", "pmo-sequence", "--today", "2026-01-01"),
    ("where", "--profile", EXAMPLE, "--today", "2026-01-01"),
    ("ladders",),
    ("plan", "--profile", "missing.yaml", "--ladder", "pmo-sequence"),
])
def test_a_run_in_chinese_speaks_as_pmladder_lang_zh_does(invoke, args):
    by_run = invoke(*args, run=Run(lang="zh"))
    by_env = invoke(*args, env={"PMLADDER_LANG": "zh"})
    english = invoke(*args)
    assert (by_run.exit_code, by_run.stdout, by_run.stderr) == (by_env.exit_code, by_env.stdout, by_env.stderr)
    assert (by_run.stdout, by_run.stderr) != (english.stdout, english.stderr)


def test_lang_option_wins_over_the_runs_language(invoke):
    args = ("assess", "--profile", EXAMPLE, "--ladder", "pmo-sequence", "--today", "2026-01-01", "--lang", "en")
    assert ok(invoke(*args, run=Run(lang="zh"))).stdout == ok(invoke(*args)).stdout


def test_forget_all_asks_on_a_terminal_and_refuses_without_one(invoke):
    for day in ("2026-01-10", "2026-02-10"):
        ok(invoke("history", "import", EXAMPLE, "--ladder", "pm-titles", "--date", day))
    refused = invoke("history", "forget", "--all", run=Run(stdin_tty=False))
    assert refused.exit_code == 2 and "there is no terminal to confirm on: add --yes" in refused.stderr
    declined = ok(invoke("history", "forget", "--all", input="n\n", run=Run(stdin_tty=True)))
    assert "Forget all 2 recorded assessments" in declined.stderr and "Nothing was forgotten" in declined.stderr
    confirmed = ok(invoke("history", "forget", "--all", input="y\n", run=Run(stdin_tty=True)))
    assert "Forgot all 2" in confirmed.stdout


def test_assess_without_a_terminal_says_so(invoke):
    refused = invoke("assess", "--ladder", "pm-titles", run=Run(stdin_tty=False))
    assert refused.exit_code == 2 and "no terminal to ask questions on" in refused.stderr
    only = invoke("assess", "--ladder", "pm-titles", "--profile", EXAMPLE, "--only", "skills", run=Run(stdin_tty=False))
    assert only.exit_code == 2 and "add --ask to read the answers of --only skills" in " ".join(only.stderr.split())
    assert "pass --profile" not in only.stderr  # it was passed


def test_a_runs_streams_get_the_output_and_the_messages(invoke):
    out, err = io.StringIO(), io.StringIO()
    result = invoke(*PLAN, "--format", "json", "--today", "2026-01-01", run=Run(stdout=out, stderr=err))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.getvalue() == ok(invoke(*PLAN, "--format", "json", "--today", "2026-01-01")).stdout
    failed = invoke("plan", "--profile", "missing.yaml", "--ladder", "pm-titles", run=Run(stdout=out, stderr=err))
    assert failed.exit_code == 66 and failed.stderr == "" and "profile not found: missing.yaml" in err.getvalue()


def test_team_reads_its_list_of_paths_from_the_runs_stdin(invoke):
    args = ("team", "-", "--ladder", "pm-titles", "--today", "2026-01-01", "--format", "json")
    by_run = ok(invoke(*args, run=Run(stdin=io.StringIO(f"{EXAMPLE}\n"))))
    assert by_run.stdout == ok(invoke(*args, input=f"{EXAMPLE}\n")).stdout
    assert json.loads(by_run.stdout)["ladder"]


def test_the_ladder_search_path_comes_from_the_runs_environment(invoke):
    environ = dict(os.environ, PMLADDER_PATH=str(TESTS / "good_ladders"))
    run = Run(environ=environ)
    assert run.complete().ladder_path()[-1] == TESTS / "good_ladders"
    ids = {item["id"] for item in json.loads(ok(invoke("ladders", "--format", "json", run=run)).stdout)["ladders"]}
    assert {"tiny", "pm-titles"} <= ids
    plain = {item["id"] for item in json.loads(ok(invoke("ladders", "--format", "json")).stdout)["ladders"]}
    assert "tiny" not in plain


def test_what_a_run_leaves_out_is_read_from_the_process():
    run = Run(stdin_tty=True).complete()
    assert run.stdin_tty is True and run.today == dt.date.today() and run.environ is os.environ
    assert run.stdin is not None and run.stdout is not None and run.lang is None


# --- the registry -----------------------------------------------------------------------------

from pmladder.render import registry  # noqa: E402

DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """A real result of every view, as its command computes it: Alex on pm-titles, two recorded assessments."""
    from typer.testing import CliRunner

    from pmladder.cli import app
    from pmladder.cli.assess import build
    from pmladder.inputs.library import load_library
    from pmladder.inputs.profiles import load_profile
    from pmladder.inputs.team import find
    from pmladder.store.history import open_history
    from pmladder.views.grid import diff as grid_diff
    from pmladder.views.grid import make_grid
    from pmladder.views.progress import choose, compare, crosswalk
    from pmladder.views.team import Request, build_team

    lib = load_library()
    loaded = lib.get("pm-titles")
    person = load_profile(EXAMPLE, lib.vocabulary())
    plan = build(lib, loaded, person, target=None, today_=DAY, pace=3, lang=None)
    sources, empty = find([str(EXAMPLE)], None)
    team = build_team(Request(loaded.ladder, lib.vocabulary(), DAY, role_from=lib.catalog.role_ratings_from, workers=1), sources, tuple(empty))
    database = tmp_path_factory.mktemp("history") / "history.sqlite3"
    runner = CliRunner()
    for day in ("2025-06-30", "2026-01-01"):
        done = runner.invoke(app, ["history", "import", str(EXAMPLE), "--ladder", "pm-titles", "--date", day],
                             env={"PMLADDER_HOME": str(database.parent)})
        assert done.exit_code == 0, done.stderr
    with open_history(database.parent / "data" / "history.sqlite3", create=False) as history:
        rows = history.list()
        span = choose(rows)
        then, now = history.get(span.then.id), history.get(span.now.id)
        path = history.path
    report = compare(lib, loaded.ladder, then, now, {}, span.chart, lang=None)
    ladders = [{"id": lid, "name": item.ladder.name, "levels": len(item.ladder.levels), "languages": list(item.ladder.languages),
                "source": item.origin, "framework": None} for lid, item in sorted(lib.ladders.items())]
    from pmladder.views.summary import make_summary

    return {
        "plan": (plan, None),
        "summary": (make_summary(plan),),
        "where": (crosswalk(lib, person, DAY, pace=3), person, DAY),
        "progress": (report,),
        "team": (team,),
        "history": (rows, path, lambda ladder_id, level_id: level_id),
        "ladders": (ladders,),
        "ladder": (loaded, None, None),
        "grid": (make_grid(loaded.ladder, None),),
        "diff": (grid_diff(make_grid(loaded.ladder, None), "project-manager", "senior-project-manager", loaded.ladder),),
    }


def test_every_view_of_a_command_has_a_result_here(results):
    assert {r.view for r in registry.RENDERERS} == set(results)


@pytest.mark.parametrize("entry", registry.RENDERERS, ids=lambda r: f"{r.view}-{r.format}")
def test_every_pair_in_the_registry_draws_a_real_result(results, entry):
    import csv

    from pmladder.render.terminal import make_console

    args = results[entry.view]
    if entry.screen:
        out = io.StringIO()
        entry.draw(make_console(file=out), *args)
        text = out.getvalue()
    else:
        text = entry.draw(*args)
    assert isinstance(text, str) and text.strip()
    if entry.format == "json":
        assert isinstance(json.loads(text), dict)
    elif entry.format == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) >= 2 and len(rows[0]) == len(rows[1])
    elif entry.format == "markdown":
        assert text.startswith("# ")
    if entry.view in ("plan", "summary", "where", "team", "ladder", "ladders", "grid", "diff"):
        assert "Project management titles" in text or "pm-titles" in text or "Project Manager" in text


@pytest.mark.parametrize("command, view", [("plan", "plan"), ("assess", "plan"), ("where", "where"), ("progress", "progress"),
                                           ("team", "team"), ("history", "history"), ("ladders", "ladders"), ("show", "ladder")])
def test_a_commands_format_choices_are_its_views_formats(invoke, command, view):
    shown = invoke(command, "--help").stdout
    assert f"<{'|'.join(registry.formats(view))}>" in shown


@pytest.mark.parametrize("view, name, fmt", [
    ("plan", "plan.json", "json"), ("plan", "PLAN.JSON", "json"), ("plan", "plan.csv", "markdown"), ("plan", "plan.txt", "markdown"),
    ("team", "team.csv", "csv"), ("team", "Team.Json", "json"), ("team", "team.md", "markdown"), ("team", "team.xlsx", "markdown"),
])
def test_a_files_extension_picks_the_format_the_registry_gives_it(view, name, fmt):
    assert registry.format_of_file(view, name) == fmt


def test_an_extension_no_format_claims_writes_markdown_as_before(invoke, tmp_path):
    result = ok(invoke(*PLAN, "--today", "2026-01-01", "-o", tmp_path / "plan.docx"))
    assert (tmp_path / "plan.docx").read_text(encoding="utf-8").startswith("# ") and "Wrote the plan to" in result.stderr


@pytest.mark.parametrize("args", [(*PLAN, "--format", "csv"), (*PLAN, "--format", "xml", "-o", "plan.xml"),
                                  ("history", "--format", "markdown"), ("team", EXAMPLE, "--ladder", "pm-titles", "--format", "html")])
def test_a_format_the_registry_lacks_is_a_usage_error(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 2 and "Invalid value for '--format' / '-f'" in result.stderr
