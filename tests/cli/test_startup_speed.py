"""Start-up: a warm run needs neither pydantic nor PyYAML, and options read without pydantic read the same.

Typer 0.29 reads every option's value through a pydantic TypeAdapter; pmladder reads text,
path, choice and in-range whole-number values itself (cli/app.py `_plain_coercion`), so a warm
`show` or `assess` never imports pydantic. These tests hold both halves: the modules a real
process imports, and the values and refusals a person sees.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO

ALEX = "ladders/examples/profile-alex.yaml"


def imported_by(args, home) -> set[str]:
    """The modules a second (warm) run of `pmladder ARGS` imports."""
    env = {**os.environ, "PMLADDER_HOME": str(home)}
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "pmladder", *args], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-500:]
    return {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [
    ["show", "pmo-career"],
    ["assess", "--ladder", "pmo-career", "--profile", ALEX, "--format", "json"],
    ["where", "--profile", ALEX, "--ladders-dir", "ladders", "--format", "markdown"],
], ids=["show", "assess-json", "where-list-of-paths"])
def test_a_warm_run_imports_neither_pydantic_nor_yaml(tmp_path, args):
    imported = imported_by(args, tmp_path / "home")
    assert "pmladder.cli.app" in imported
    assert not {m for m in imported if m.split(".")[0] in ("pydantic", "pydantic_core", "yaml")}


def test_an_option_pmladder_does_not_read_itself_still_works(tmp_path):
    """A whole number given on the command line goes through Typer's own reading (pydantic)."""
    imported = imported_by(["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "2", "--format", "json"], tmp_path / "h")
    assert "pydantic" in imported


def test_options_read_the_same_values(invoke, tmp_path):
    out = tmp_path / "plan.md"
    result = invoke("assess", "--ladder", "pmo-career", "--profile", REPO / ALEX, "--pace", "3", "--export", out, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("#")
    json_one = invoke("show", "PMO-CAREER".lower(), "--format", "json")
    assert json_one.exit_code == 0 and json_one.stdout.lstrip().startswith("{")


@pytest.mark.parametrize(("args", "said"), [
    (["show", "pmo-career", "--format", "yaml"], "'yaml' is not one of 'text', 'markdown', 'json'."),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "0"], "--pace"),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "11"], "the largest value allowed is 10"),
    (["assess", "--ladder", "pmo-career", "--profile", ALEX, "--pace", "two"], "--pace"),
])
def test_a_bad_value_is_the_same_usage_error(invoke, args, said):
    result = invoke(*[REPO / a if a == ALEX else a for a in args])
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split()).replace("│", "").replace("  ", " ")
    assert "Value error" not in result.stderr and "Traceback" not in result.stderr
