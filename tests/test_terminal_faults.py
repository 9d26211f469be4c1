"""Ctrl-C and end of input at a prompt, in a real pseudo-terminal (pexpect).

The child runs `python -m pmladder assess` on a pty, so stdin really is a terminal (no
--interactive) and Ctrl-C really is a SIGINT from the terminal driver.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from assess_support import REPO  # noqa: E402

TIMEOUT = 20
CANCELLED = "Cancelled \u2014 nothing saved."


@pytest.fixture
def data_home(tmp_path) -> Path:
    return tmp_path / "xdg-data"


def spawn(data_home: Path, tmp_path: Path, *args: str):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "TTY_COMPATIBLE", "_TYPER_FORCE_DISABLE_TERMINAL")}
    env.update(
        XDG_DATA_HOME=str(data_home),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    child = pexpect.spawn(
        sys.executable, ["-m", "pmladder", "assess", *args],
        cwd=str(REPO), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100),
    )
    return child


def on_its_own_line(child) -> None:
    """The cancel message starts a fresh line (after the prompt and any echoed ^C)."""
    assert re.search(r"\n(pmladder: )?$", child.before), repr(child.before[-60:])


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None, "the child was killed by a signal instead of exiting 130"
    return child.exitstatus


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_ctrl_c_at_the_first_prompt(data_home, tmp_path):
    """Ctrl-C at the first question prints the cancel message, exits 130 and writes nothing."""
    child = spawn(data_home, tmp_path, "--ladder", "pm-titles", "--no-save")
    child.expect("Question 1 of")
    child.expect("> ")
    child.sendintr()
    child.expect_exact(CANCELLED)
    on_its_own_line(child)
    assert "Traceback" not in child.before
    assert finish(child) == 130
    assert "Traceback" not in (child.before or "")
    assert files_under(data_home) == []


def test_end_of_input_at_a_prompt(data_home, tmp_path):
    """Ctrl-D (end of input) at a question prints the same message and exits 130, writing nothing."""
    child = spawn(data_home, tmp_path, "--ladder", "pm-titles", "--no-save")
    child.expect("Question 1 of")
    child.expect("> ")
    child.sendeof()
    child.expect_exact(CANCELLED)
    on_its_own_line(child)
    assert finish(child) == 130
    assert files_under(data_home) == []


def test_ctrl_c_midway_without_no_save_leaves_no_profile_and_no_temp_file(data_home, tmp_path):
    """Ctrl-C after some answers, with saving on: no profile file and no temp file appear."""
    child = spawn(data_home, tmp_path, "--ladder", "pm-titles")
    child.expect("Question 1 of")
    child.expect("> ")
    child.sendline("Mei Chen")
    child.expect("Question 2 of")
    child.expect("> ")
    child.sendline("bachelor")
    child.expect("Question 3 of")
    child.expect("> ")
    child.sendline("6")
    child.expect("Question 4 of")
    child.expect("> ")
    child.sendintr()
    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert files_under(data_home) == []


def test_ctrl_c_keeps_an_existing_saved_profile_intact(data_home, tmp_path):
    """Ctrl-C midway leaves the previously saved profile byte for byte as it was, with nothing beside it."""
    saved = data_home / "pmladder" / "profile.yaml"
    saved.parent.mkdir(parents=True)
    original = "schema_version: 1\nname: Old Me\nfacts:\n  years_experience: 2\n"
    saved.write_text(original, encoding="utf-8")
    child = spawn(data_home, tmp_path, "--ladder", "pm-titles")
    child.expect("Question 1 of")
    child.expect(r"\[Old Me\]")  # the pre-filled default (colour codes may surround it)
    child.expect("> ")
    child.sendline("New Me")
    child.expect("Question 2 of")
    child.expect("> ")
    child.sendintr()
    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert saved.read_text(encoding="utf-8") == original
    assert files_under(data_home) == [saved]


def test_ctrl_c_at_the_ladder_choice(data_home, tmp_path):
    """Without --ladder the first prompt picks the ladder; Ctrl-C there also cancels with 130."""
    child = spawn(data_home, tmp_path, "--no-save")
    child.expect("Which ladder")
    child.expect("> ")
    child.sendintr()
    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert files_under(data_home) == []


def test_end_of_input_at_the_ladder_choice(data_home, tmp_path):
    """Ctrl-D at the ladder choice cancels like at any question: the message and exit 130."""
    child = spawn(data_home, tmp_path, "--no-save")
    child.expect("Which ladder")
    child.expect("> ")
    child.sendeof()
    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert files_under(data_home) == []


def test_a_terminal_run_to_the_end(data_home, tmp_path):
    """On a real terminal (no --interactive) answering with Enter throughout finishes with a report and exit 0."""
    child = spawn(data_home, tmp_path, "--ladder", "pm-titles", "--no-save", "--format", "json")
    for _ in range(200):
        i = child.expect([r"> ", r"\"schema_version\"", pexpect.EOF])
        if i != 0:
            break
        child.sendline("")
    else:
        pytest.fail("the questionnaire never ended")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert files_under(data_home) == []
