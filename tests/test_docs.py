"""The README tells the truth: every command is documented, and CI runs the README's commands."""

from __future__ import annotations

import re

import pytest

from pmladder.cli import app
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cmd.name for cmd in app.registered_commands)


def fenced_sh_commands() -> list[str]:
    """Lines of the README's ```sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_app_has_the_commands_of_the_design():
    """The command surface is the one DESIGN.md names."""
    assert COMMANDS == sorted(["ladders", "show", "validate", "schema", "assess", "plan"])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(invoke, command):
    """`pmladder COMMAND --help` exits 0 and shows a description and an example."""
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert len(result.stdout.strip().splitlines()) > 5


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    """The README shows each command in use."""
    assert f"pmladder {command}" in README


def test_readme_gives_the_two_fresh_machine_commands():
    """One line installs and runs the main job; one installs and runs the tests."""
    lines = fenced_sh_commands()
    main = [l for l in lines if "pip install ." in l and "pmladder assess" in l]
    tests = [l for l in lines if "pip install '.[test]'" in l and "pytest" in l]
    assert main and tests


def test_ci_runs_the_readme_test_command():
    """.ci/run runs the exact test command the README gives."""
    test_line = next(l for l in fenced_sh_commands() if "pip install '.[test]'" in l and "pytest" in l)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.strip().startswith(test_line) for line in ci.splitlines())


def test_readme_quick_start_files_exist():
    """The files the README's commands name are in the repository."""
    for path in ("ladders/examples/profile-alex.yaml", "examples/ladders/custom-ladder.yaml", "ladders/README.md"):
        assert (REPO / path).is_file(), path
