"""Shell completion through Typer's own mechanism (issue 7, point 9).

`pmladder --install-completion` installs, and `--show-completion bash` prints, a bash function
that runs `pmladder` with `_PMLADDER_COMPLETE=complete_bash` (Typer derives the variable from
the program name), the words typed in `COMP_WORDS` and the cursor word in `COMP_CWORD`; it
prints one candidate a line. These tests drive that entry point the way bash does (in-process:
the app with that environment, as the installed script calls it), and once through a real bash
with the script sourced, running the installed script. `--show-completion` and
`--install-completion` run the installed script too: they are handled before the app starts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import REPO, warm_library_cache

from conftest import TESTS
from typer.testing import CliRunner

from pmladder.cli import app, completion

SCRIPT = Path(sys.executable).with_name("pmladder")
MINIMAL = TESTS / "good_ladders" / "minimal.yaml"
PM_TITLES_IDS = ["project-coordinator", "project-manager", "senior-project-manager", "project-director", "chief-project-officer"]

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the pmladder console script is not installed beside this Python")


@pytest.fixture
def env(tmp_path) -> dict:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("PMLADDER_", "XDG_", "_PMLADDER", "COMP_"))}
    out.update(PMLADDER_HOME=str(tmp_path / "pmhome"), NO_COLOR="1")
    out["PATH"] = str(SCRIPT.parent) + os.pathsep + out.get("PATH", "")
    return out


def complete(line: str, env: dict, *, sep: str = " ") -> list[str]:
    """What bash gets back for the cursor at the end of `line` (a trailing space starts a new, empty word):
    the app run as `pmladder` with no arguments and bash's variables, in this process, as the console
    script runs it (its own handling of `--show-completion` and `--install-completion` is not reached)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    if line.endswith(" "):
        words.append("")
    own = {k: env.get(k) for k in ("PMLADDER_HOME", "PMLADDER_PATH")}  # None: not set for this run
    result = CliRunner().invoke(app, [], prog_name="pmladder", env={**own, "_PMLADDER_COMPLETE": "complete_bash",
                                                                    "COMP_WORDS": sep.join(words), "COMP_CWORD": str(cword)})
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exc_info
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_install_and_show_completion_are_offered(invoke):
    """The root help lists --install-completion and --show-completion (Typer's add_completion)."""
    out = invoke("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_show_completion_prints_the_bash_function(env):
    """`pmladder --show-completion bash` prints a function that calls pmladder with _PMLADDER_COMPLETE=complete_bash."""
    proc = subprocess.run([str(SCRIPT), "--show-completion", "bash"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "_PMLADDER_COMPLETE=complete_bash" in proc.stdout
    assert "complete " in proc.stdout and "pmladder" in proc.stdout.split("complete ", 1)[1]


@pytest.mark.parametrize("shell, mark", [("zsh", "#compdef pmladder"), ("fish", "complete --command pmladder"),
                                         ("powershell", "Register-ArgumentCompleter")])
def test_the_shell_named_is_the_shell_completed(env, shell, mark):
    """`--show-completion zsh` prints zsh's script whatever shell runs pmladder (Typer alone would ignore 'zsh')."""
    proc = subprocess.run([str(SCRIPT), "--show-completion", shell], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert mark in proc.stdout and "_PMLADDER_COMPLETE" in proc.stdout


@pytest.mark.parametrize("args", [["--show-completion", "tcsh"], ["--show-completion", "bash", "zsh"],
                                  ["--install-completion", "--force"]], ids=["unknown-shell", "two-shells", "an-option"])
def test_a_wrong_shell_is_a_usage_error_naming_the_shells(env, args):
    proc = subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == "" and proc.stderr.count("\n") == 1 and "bash, zsh, fish" in proc.stderr


def test_install_completion_for_a_named_shell_writes_under_home(env, tmp_path):
    home = tmp_path / "home"
    proc = subprocess.run([str(SCRIPT), "--install-completion", "bash"], env={**env, "HOME": str(home)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    script = home / ".bash_completions" / "pmladder.sh"
    assert "_PMLADDER_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (home / ".bashrc").read_text(encoding="utf-8")
    assert str(script) in proc.stdout


@pytest.mark.parametrize("sep", [" ", "\n"], ids=["spaces", "newlines-as-bash-joins-them"])
def test_ladder_ids_complete(env, sep):
    """`pmladder show pm<TAB>` offers the ladder ids that start with 'pm'."""
    shipped = sorted(p.stem for p in (REPO / "ladders").glob("*.yaml") if p.stem != "catalog")
    assert complete("pmladder show pm", env, sep=sep) == [i for i in shipped if i.startswith("pm")]
    assert {"pm-titles", "pmo-career", "pmo-sequence"} <= set(complete("pmladder show pm", env, sep=sep))


def test_level_ids_of_the_ladder_named_by_option(env):
    """`pmladder assess --ladder pm-titles --target sen<TAB>` offers pm-titles' senior-project-manager only."""
    assert complete("pmladder assess --ladder pm-titles --target sen", env) == ["senior-project-manager"]


def test_level_ids_of_the_ladder_given_as_argument(env):
    """`pmladder show pm-titles --level <TAB>` offers exactly pm-titles' levels, in order, none of another ladder."""
    assert complete("pmladder show pm-titles --level ", env) == PM_TITLES_IDS


def test_level_ids_follow_the_short_option(env):
    """`pmladder plan -L pmo-career --target pmo<TAB>` offers pmo-career's pmo-manager, not pmo-sequence's PMO leads."""
    assert complete("pmladder plan -L pmo-career --target pmo", env) == ["pmo-manager"]


def test_level_ids_of_the_saved_profiles_ladder(env):
    """With no ladder on the line, the levels come from the ladder the saved profile was assessed on."""
    saved = Path(env["PMLADDER_HOME"]) / "data" / "profile.yaml"
    saved.parent.mkdir(parents=True)
    saved.write_text("schema_version: 1\nladder: pmo-career\n", encoding="utf-8")
    assert complete("pmladder plan --target dir", env) == ["director-of-pmo"]


def test_commands_and_options_complete(env):
    """Typer completes command names and option names as well."""
    assert complete("pmladder sh", env) == ["show"]
    assert "--target" in complete("pmladder assess --ta", env)
    assert set(complete("pmladder ", env)) >= {"ladders", "show", "validate", "schema", "assess", "plan"}


def test_ladders_dir_on_the_line_is_used(env, tmp_path):
    """A ladder from `--ladders-dir DIR` typed earlier on the line is offered too."""
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "tiny.yaml")
    assert complete(f"pmladder show --ladders-dir {folder} ti", env) == ["tiny"]


def test_a_broken_ladder_folder_means_no_suggestions_not_an_error(env, tmp_path):
    """Completion never fails loudly: a broken ladder file on the path is skipped, the other ladders are
    still offered, and nothing else is printed."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "bad.yaml").write_text("levels: [\n", encoding="utf-8")
    assert complete("pmladder show pm", {**env, "PMLADDER_PATH": str(folder)}) == complete("pmladder show pm", env)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_with_the_script_sourced(env):
    """Source the script `--show-completion bash` prints into bash, set COMP_WORDS/COMP_CWORD and call its function."""
    script = (
        'eval "$(pmladder --show-completion bash)"\n'
        "COMP_WORDS=(pmladder assess --ladder pm-titles --target sen); COMP_CWORD=5\n"
        'fn=$(complete -p pmladder | sed -E "s/.* -F ([^ ]+) .*/\\1/")\n'
        '"$fn" pmladder\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], env=warm_library_cache(env), capture_output=True,
                          text=True, timeout=60)  # the completing child reads the library warm, as every run after the first
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["senior-project-manager"], proc.stdout + proc.stderr


# --- the completion functions themselves ---------------------------------------------------------


def fake_ctx(**params):
    return SimpleNamespace(params={"ladders_dir": None, **params}, args=[], _protected_args=[])


def test_completion_functions_in_process():
    """ladder_ids filters by prefix; level_ids keeps the ladder's order and filters by prefix."""
    assert completion.ladder_ids(fake_ctx(), "pmo-") == ["pmo-career", "pmo-sequence"]
    assert completion.level_ids(fake_ctx(ladder="pm-titles"), "") == PM_TITLES_IDS
    assert completion.level_ids(fake_ctx(ladder="pm-titles"), "project-d") == ["project-director"]
    leftover = SimpleNamespace(params={"ladders_dir": None, "ladder": None}, args=["pmo-career"], _protected_args=[])
    assert completion.level_ids(leftover, "pmo") == ["pmo-manager"]
