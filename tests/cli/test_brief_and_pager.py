"""`--brief` (the plan in short, in every format) and the pager (issue 22, "A new user's first hour").

The pager tests run `python -m pmladder` on a real pseudo-terminal (pexpect) 24 lines high, with PAGER
set to a small script that records what it was given; piped output, `--no-pager`, a short report, JSON
and a pager that does not exist must never start it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, warm_library_cache

TODAY = "2026-12-01"
SAM = {"schema_version": 1, "name": "Sam Border", "education": "master",
       "facts": {"years_experience": 8, "years_managing": 5, "years_program": 0, "team_size": 12, "concurrent_projects": 3,
                 "pm_training_hours": 45},
       "certifications": ["PMP"],
       "competencies": {"organisation": 4, "communication": 4, "scope": 4, "schedule": 4, "cost": 3, "quality": 3, "risk": 3,
                        "stakeholders": 4, "methods": 3, "leadership": 3, "resources": 4, "coaching": 3, "strategy": 3,
                        "change": 2, "data": 3, "governance": 3}}
BORDERLINE = "borderline: 3 of its 20 requirements only close, the most this title allows."


@pytest.fixture
def me(tmp_path) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text(yaml.safe_dump(SAM), encoding="utf-8")
    return path


def flat(text: str) -> str:
    """Terminal text with the panel's borders and line breaks taken out, to find a sentence that wrapped."""
    return " ".join(text.replace("\u2502", " ").split())


# --- --brief ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["assess", "plan"])
def test_brief_shows_the_summary_alone_on_one_screen(invoke, me, command):
    result = invoke(command, "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "--brief", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert 5 <= len(lines) <= 15, result.stdout
    text = flat(result.stdout)
    assert BORDERLINE in text
    assert "Ready for Project Director in about 4 years (around 2030-12)." in text
    assert "What matters most:" in text
    assert "The full plan: pmladder plan --ladder pm-titles --profile" in text
    assert str(me) in "".join(result.stdout.replace("\u2502", " ").split())  # a long path folds across lines
    assert "Fit by level" not in text and "Timeline" not in text


@pytest.mark.parametrize("command", ["assess", "plan"])
def test_brief_is_honoured_in_markdown_and_json(invoke, me, command):
    base = (command, "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "--brief")
    md = invoke(*base, "--format", "markdown").stdout
    assert md.startswith("# In short\n") and BORDERLINE in md and "## Where you stand" not in md
    data = json.loads(invoke(*base, "--format", "json").stdout)
    assert set(data) == {"schema_version", "summary"}
    assert data["summary"]["borderline"] is True and len(data["summary"]["matters_most"]) == 3


def test_brief_to_a_file_writes_the_summary_in_the_files_format(invoke, me, tmp_path):
    out = tmp_path / "short.json"
    result = invoke("plan", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "--brief", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["title"]["id"] == "senior-project-manager"
    md = tmp_path / "short.md"
    invoke("plan", "--profile", me, "--ladder", "pm-titles", "--today", TODAY, "--brief", "-o", md)
    assert md.read_text(encoding="utf-8").startswith("# In short\n")


@pytest.mark.parametrize("command", ["assess", "plan"])
def test_brief_with_all_gaps_is_refused(invoke, me, command):
    result = invoke(command, "--profile", me, "--ladder", "pm-titles", "--brief", "--all-gaps")
    assert result.exit_code == 2
    assert "--brief shows the plan in short and --all-gaps every gap in full: give one of them" in result.stderr


def test_brief_after_the_questions_names_the_saved_answers(invoke, me, tmp_path, monkeypatch):
    """The questionnaire (pre-filled answers kept, piped, --ask) saves the answers; the summary says where, and the full plan's command."""
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    saved = tmp_path / "answers.yaml"
    result = invoke("assess", "--profile", me, "--ask", "--ladder", "pm-titles", "--save", saved, "--today", TODAY, "--brief",
                    input="skip\n" + "\n" * 20, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert f"Your answers are saved in {saved}." in result.stdout
    assert "The full plan: pmladder plan --ladder pm-titles --profile " in result.stdout
    assert "Fit by level" not in result.stdout


def test_the_questionnaire_run_ends_on_the_summary(invoke, me, tmp_path, monkeypatch):
    monkeypatch.setenv("PMLADDER_HOME", str(tmp_path / "home"))
    saved = tmp_path / "answers.yaml"
    result = invoke("assess", "--profile", me, "--ask", "--ladder", "pm-titles", "--save", saved, "--today", TODAY,
                    input="skip\n" + "\n" * 20, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    last_panel = out[out.rindex("In short"):]
    assert out.index("In short") < out.index("Fit by level") < out.rindex("In short")  # first, and again last
    assert "Your answers are saved in" in flat(last_panel)
    assert "Advice for climbing" not in last_panel and "issuers' own rules" not in last_panel


# --- the pager, on a real pseudo-terminal ---------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def _pty_works() -> bool:
    try:
        ends = os.openpty()
    except OSError:
        return False
    for fd in ends:
        os.close(fd)
    return True


needs_pty = pytest.mark.skipif(not _pty_works(), reason="no pseudo-terminal available")


@pytest.fixture
def recorder(tmp_path) -> tuple[Path, Path]:
    """A pager that records its arguments and what it read, then prints a marker: (script, record file)."""
    record = tmp_path / "paged.txt"
    script = tmp_path / "fake-pager"
    script.write_text(f"#!/bin/sh\necho \"args:$*\" > '{record}'\ncat >> '{record}'\necho PAGER-RAN\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


def child_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TTY_COMPATIBLE", "_TYPER_FORCE_DISABLE_TERMINAL", "FORCE_COLOR", "PMLADDER_PATH", "PMLADDER_LANG",
                        "LC_ALL", "LC_MESSAGES", "LANGUAGE", "COLUMNS", "LINES", "PAGER", "LESS")}
    env.update(PMLADDER_HOME=str(tmp_path / "home"), TERM="xterm", NO_COLOR="1", LANG="C.UTF-8", PYTHONUNBUFFERED="1")
    env.update(extra)
    return warm_library_cache(env)


def on_pty(tmp_path, *args, **env) -> tuple[int, str]:
    """`pmladder ARGS` with a pty 24 lines by 80 columns as its terminal; (exit status, what the terminal got)."""
    child = pexpect.spawn(sys.executable, ["-m", "pmladder", *map(str, args)], cwd=str(REPO), env=child_env(tmp_path, **env),
                          encoding="utf-8", timeout=60, dimensions=(24, 80))
    child.expect(pexpect.EOF)
    out = child.before or ""
    # wait for the exit itself, then close without pexpect's fixed 0.1 s pause (for a child still running
    # at close, which it would then hang up on); a child killed by a signal has no exit status
    child.wait()
    child.ptyproc.delayafterclose = 0
    child.close()
    assert child.signalstatus is None, "killed by a signal instead of exiting"
    return child.exitstatus, out


def report_args(me) -> tuple:
    return ("assess", "--profile", me, "--ladder", "pm-titles", "--today", TODAY)


@needs_pty
def test_a_long_report_on_a_terminal_goes_through_the_pager(tmp_path, me, recorder):
    script, record = recorder
    status, screen = on_pty(tmp_path, *report_args(me), PAGER=f"{script} --flag")
    assert status == 0
    assert "PAGER-RAN" in screen
    paged = record.read_text(encoding="utf-8")
    assert paged.startswith("args:--flag\n")  # PAGER is split into a program and its arguments
    assert "In short" in paged and "Fit by level" in paged and "Advice for climbing" in paged  # the whole report
    assert "Fit by level" not in screen  # ...and only through the pager
    assert paged.count("\n") > 24


@needs_pty
def test_less_gets_frx_unless_less_is_set(tmp_path, me):
    record = tmp_path / "env.txt"
    script = tmp_path / "env-pager"
    script.write_text(f"#!/bin/sh\necho \"LESS=$LESS\" > '{record}'\ncat > /dev/null\n", encoding="utf-8")
    script.chmod(0o700)
    on_pty(tmp_path, *report_args(me), PAGER=str(script))
    assert record.read_text(encoding="utf-8").strip() == "LESS=FRX"
    on_pty(tmp_path, *report_args(me), PAGER=str(script), LESS="S")
    assert record.read_text(encoding="utf-8").strip() == "LESS=S"


@needs_pty
@pytest.mark.parametrize("extra", [("--no-pager",), ("--brief",), ("--format", "json"), ("--format", "markdown")])
def test_no_pager_for_no_pager_a_short_report_or_a_document(tmp_path, me, recorder, extra):
    script, record = recorder
    status, screen = on_pty(tmp_path, *report_args(me), *extra, PAGER=str(script))
    assert status == 0
    assert not record.exists() and "PAGER-RAN" not in screen
    assert "Sam Border" in screen or "borderline" in screen


@needs_pty
@pytest.mark.parametrize("pager", ["/nonexistent/pager", "", "cat"])
def test_a_missing_or_empty_pager_prints_directly(tmp_path, me, pager):
    status, screen = on_pty(tmp_path, *report_args(me), PAGER=pager)
    assert status == 0
    assert "Advice for climbing" in screen and "In short" in screen


def test_piped_output_never_starts_the_pager(tmp_path, me, recorder):
    import subprocess

    script, record = recorder
    for extra in ((), ("--format", "markdown"), ("--format", "json")):
        proc = subprocess.run([sys.executable, "-m", "pmladder", *map(str, report_args(me)), *extra], cwd=str(REPO),
                              env=child_env(tmp_path, PAGER=str(script), LINES="5"), capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, proc.stderr
        assert not record.exists()
        assert "PAGER-RAN" not in proc.stdout
        assert "In short" in proc.stdout or '"summary"' in proc.stdout


@pytest.mark.parametrize("how", [("--format", "ics"), ("-o", "plan.ics")])
def test_brief_has_no_calendar_form_and_says_so(invoke, me, tmp_path, how):
    """--brief with a calendar is a usage error (2) with one line, and no file is written."""
    args = [a if a != "plan.ics" else str(tmp_path / "plan.ics") for a in how]
    result = invoke("plan", "--profile", me, "--ladder", "pm-titles", "--brief", *args)
    assert result.exit_code == 2 and "no calendar form" in result.stderr
    assert not (tmp_path / "plan.ics").exists()


@needs_pty
@pytest.mark.parametrize("args", [("show", "pmo-career"), ("show", "pmo-sequence", "--grid"),
                                  ("team", "ladders/examples/profile-alex.yaml", "--ladder", "pmo-career")])
def test_show_and_team_page_a_long_overview_as_assess_does(tmp_path, recorder, args):
    """The overview of a ladder (276 lines at 80 columns) and the team report page too; --no-pager prints them."""
    script, record = recorder
    status, screen = on_pty(tmp_path, *args, "--today" if args[0] == "team" else "--lang", TODAY if args[0] == "team" else "en",
                            PAGER=str(script))
    assert status == 0 and "PAGER-RAN" in screen
    assert record.read_text(encoding="utf-8").count("\n") > 24
    record.unlink()
    status, screen = on_pty(tmp_path, *args, "--no-pager", PAGER=str(script))
    assert status == 0 and not record.exists() and "PAGER-RAN" not in screen
