"""The README and `--help` tell the truth and agree: every command documented, CI runs the README's commands.

"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from pmladder.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cmd.name for cmd in app.registered_commands)



def fenced_sh_commands() -> list[str]:
    """Lines of the README's ```sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def readme_command_lines() -> list[str]:
    """Every pmladder command line the README shows: sh blocks, `$ pmladder ...` lines and inline code."""
    lines = fenced_sh_commands()
    lines += [m.group(1) for m in re.finditer(r"^\$ (pmladder .*)$", README, flags=re.M)]
    lines += [m.group(1) for m in re.finditer(r"`(pmladder [^`]*)`", README)]
    return lines


def test_the_app_has_the_documented_commands():
    """The command surface: the ladder commands, the sample profile, one person's plan, and the views over time and ladders."""
    assert COMMANDS == sorted(["ladders", "show", "validate", "migrate", "import", "schema", "example-profile", "assess", "plan", "review", "where", "progress", "team"])
    assert sorted(g.name for g in app.registered_groups) == ["history"]


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


def test_ci_uses_the_shipped_sample_and_the_one_option_name():
    """.ci/run runs the installed command on the sample that ships, with --profile (not the hidden --answers)."""
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "ladders/examples/profile-alex.yaml" in ci
    assert "--answers" not in ci and "--interactive" not in ci
    for path in re.findall(r"\$root/(\S+\.ya?ml)", ci):
        assert (REPO / path).is_file(), path


def test_readme_quick_start_files_exist():
    """The files the README's commands name are in the repository."""
    named = {m for line in readme_command_lines() for m in re.findall(r"(?<![\w/.-])((?:examples|ladders)/[\w./-]+\.ya?ml)", line)}
    assert named
    missing = sorted(p for p in named if not (REPO / p).is_file())
    assert not missing, missing


def test_the_shipped_sample_profile_is_where_the_help_says():
    """`pmladder example-profile` prints ladders/examples/profile-alex.yaml, the sample the help points at."""
    from pmladder.inputs.loader import builtin_dir

    assert (builtin_dir() / "examples" / "profile-alex.yaml").is_file()


def test_readme_uses_one_name_for_the_profile_option():
    """The README's commands say --profile and --ask, never the hidden old names --answers and --interactive (issue 7.14)."""
    stale = [line for line in readme_command_lines() if re.search(r"--answers\b|--interactive\b|(?<!\w)-a\s", line)]
    assert not stale, stale


def test_readme_shows_shell_completion():
    """The README says how to turn on shell completion, which `pmladder --help` offers."""
    assert "--install-completion" in README


def test_readme_shows_the_tool_installers():
    """The README gives the pipx and uv tool install lines beside the venv route (issue 7.11)."""
    assert "pipx install" in README and "uv tool install" in README


def test_help_and_readme_agree_on_the_profile_option(invoke):
    """`assess --help` and `plan --help` both name --profile FILE, and neither shows the hidden aliases."""
    for command in ("assess", "plan"):
        out = invoke(command, "--help").stdout
        assert "--profile" in out
        assert "--answers" not in out and "--interactive" not in out


# --- the README is a front page: the answer first, the tour and reference in docs/ -------------

BLOB = "https://github.com/pmladder/pmladder/blob/main/"


def test_readme_reaches_a_first_result_in_under_ten_lines():
    """The quick start's one command (install and a first report) comes within ten lines of the top."""
    lines = README.splitlines()
    first_command = next(i for i, line in enumerate(lines) if "pip install ." in line and "pmladder assess" in line)
    assert first_command < 15, first_command
    start = next(i for i, line in enumerate(lines) if line.startswith("## Quick start"))
    assert first_command - start < 10


def test_readme_says_how_long_the_tests_take():
    """The test command comes with how long it takes, so a newcomer is not left wondering."""
    section = README[README.index("## Quick start"):README.index("## What it answers")]
    before_tests = section[:section.index(".venv/bin/pytest")]
    assert re.search(r"about \w+ minutes? on two cores", before_tests)


def test_readme_stays_a_front_page():
    """The tour and the reference live in docs/; the README stays short."""
    assert len(README.splitlines()) < 150
    assert "## A tour" not in README


def test_readme_links_to_docs_that_exist():
    """Every document the README links to is in the repository, and the tour and reference are among them."""
    linked = re.findall(re.escape(BLOB) + r"([\w./-]+)", README)
    assert {"docs/tour.md", "docs/reference.md", "ladders/README.md", "docs/design.md"} <= set(linked)
    missing = [p for p in linked if not (REPO / p).is_file()]
    assert not missing, missing


def test_the_tour_names_files_that_exist():
    """The files the tour's commands name are in the repository, as the README's are."""
    tour = (REPO / "docs" / "tour.md").read_text(encoding="utf-8")
    lines = [m.group(1) for m in re.finditer(r"`(pmladder [^`]*)`", tour)]
    lines += [m.group(1) for m in re.finditer(r"^\$ (pmladder .*)$", tour, flags=re.M)]
    named = {m for line in lines for m in re.findall(r"(?<![\w/.-])((?:examples|ladders)/[\w./-]+\.ya?ml)", line)}
    assert named
    missing = sorted(p for p in named if not (REPO / p).is_file())
    assert not missing, missing


def test_every_command_is_in_the_tour():
    """The tour shows each command in use, as the README once did."""
    tour = (REPO / "docs" / "tour.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if f"pmladder {c}" not in tour]
    assert not missing, missing
