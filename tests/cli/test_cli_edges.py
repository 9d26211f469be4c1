"""The edges a new user hits (issue 7): options never silently ignored, exports never lost, closed
pipes, finding levels, languages, help without Python placeholders, examples that work, and
Mermaid diagrams readable in a dark theme.

Subprocess tests run the installed console script next to the interpreter (`.venv/bin/pmladder`),
from a temporary folder outside the checkout, with PMLADDER_HOME pointing at a temp folder.
"""

from __future__ import annotations

import colorsys
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS, warm_library_cache
from pmladder.cli import app
from pmladder.inputs.loader import builtin_dir

ALEX = builtin_dir() / "examples" / "profile-alex.yaml"
MINIMAL = TESTS / "good_ladders" / "minimal.yaml"
BAD = TESTS / "bad_ladders"
TODAY = "2025-01-15"
SCRIPT = Path(sys.executable).with_name("pmladder")
COMMANDS = sorted(cmd.name for cmd in app.registered_commands)
PM_TITLES_IDS = ["project-coordinator", "project-manager", "senior-project-manager", "project-director", "chief-project-officer"]

needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="the pmladder console script is not installed beside this Python")


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def assert_no_crash(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


@pytest.fixture
def outside(tmp_path) -> Path:
    """An empty working folder outside the checkout."""
    work = tmp_path / "work"
    work.mkdir()
    return work


@pytest.fixture
def sub_env(tmp_path) -> dict:
    """The environment for a subprocess: no colour, a known width, everything pmladder keeps under a temp folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMLADDER_", "XDG_"))}
    env.update(NO_COLOR="1", COLUMNS="100", PMLADDER_HOME=str(tmp_path / "pmhome"))
    env["PATH"] = str(SCRIPT.parent) + os.pathsep + env.get("PATH", "")
    return warm_library_cache(env)


# --- 7.5: no option is silently ignored --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--profile", ALEX, "--save", "x.yaml"], id="profile+save"),
        pytest.param(["--answers", ALEX, "--save", "x.yaml"], id="answers+save"),
        pytest.param(["--save", "x.yaml", "--no-save"], id="save+no-save"),
        pytest.param(["--answers", ALEX, "--profile", ALEX], id="answers+profile"),
    ],
)
def test_assess_rejects_options_that_would_do_nothing(invoke, tmp_path, monkeypatch, args):
    """Combinations that could only be ignored are a usage error (exit 2) naming the options, and nothing is written."""
    monkeypatch.chdir(tmp_path)
    result = invoke("assess", "--ladder", "pm-titles", *args, input="")
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    named = [a for a in args if isinstance(a, str) and a.startswith("--")]
    assert any(opt in line for opt in named), line
    assert result.stdout == ""
    assert not (tmp_path / "x.yaml").exists()


def test_interactive_alias_is_honoured_as_ask(invoke):
    """`--interactive` (the old name of --ask) with a profile asks the questions exactly as --ask does: with no
    answers on stdin both stop the same way, instead of silently assessing the file (exit 0)."""
    args = ["assess", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY]
    old = invoke(*args, "--interactive", input="")
    new = invoke(*args, "--ask", input="")
    assert old.exit_code != 0, old.output
    assert (old.exit_code, old.stdout, old.stderr) == (new.exit_code, new.stdout, new.stderr)


def test_answers_alias_reads_the_profile(invoke):
    """`--answers FILE` (the old name of --profile) assesses the same file the same way."""
    old = invoke("assess", "--answers", ALEX, "--ladder", "pm-titles", "--format", "json", "--today", TODAY)
    new = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--format", "json", "--today", TODAY)
    assert old.exit_code == new.exit_code == 0, old.stderr + new.stderr
    assert json.loads(old.stdout) == json.loads(new.stdout)


def test_export_dash_is_refused_with_the_way_to_print(invoke, tmp_path, monkeypatch):
    """`assess --export -` is a usage error (exit 2) pointing at `--format markdown`; no file named '-' appears."""
    monkeypatch.chdir(tmp_path)
    result = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--export", "-")
    assert result.exit_code == 2, result.output
    assert "--format markdown" in one_line(result.stderr)
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


# --- 7.6: exports are never lost ---------------------------------------------------------------


def test_existing_export_stops_before_the_first_question(invoke, tmp_path):
    """`assess --ask --export FILE` with FILE present (no --force) exits 73 before asking anything:
    with no answers on stdin it must not end as an interrupted questionnaire (130)."""
    target = tmp_path / "plan.md"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke("assess", "--ask", "--ladder", "pm-titles", "--export", target, input="")
    assert result.exit_code == 73, result.output
    assert "--force" in one_line(result.stderr)
    assert "Question" not in result.output and result.stdout == ""
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_export_into_a_missing_folder_stops_before_the_first_question(invoke, tmp_path):
    """A missing folder for --export is exit 74 before any question, and nothing is created."""
    target = tmp_path / "nowhere" / "plan.md"
    result = invoke("assess", "--ask", "--ladder", "pm-titles", "--export", target, input="")
    assert result.exit_code == 74, result.output
    assert str(target) in one_line(result.stderr)
    assert result.stdout == ""
    assert not target.parent.exists()


def test_existing_export_with_a_profile_is_refused_before_loading(invoke, tmp_path):
    """With --profile too, an existing export target is 73 and the file is kept; --force replaces it."""
    target = tmp_path / "plan.md"
    target.write_text("old\n", encoding="utf-8")
    refused = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--export", target)
    assert refused.exit_code == 73 and target.read_text(encoding="utf-8") == "old\n"
    forced = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--export", target, "--force", "--today", TODAY)
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")


def closed_pipe_run(args: list, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed pmladder with a stdout whose reader has already gone (as after `| head` exits)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([str(SCRIPT), *map(str, args)], stdout=write_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              env=env, cwd=cwd, text=True, timeout=60)
    finally:
        os.close(write_end)


@needs_script
def test_export_is_complete_when_stdout_closes_early(outside, sub_env):
    """`assess --profile F --export FILE | head -1`: the file is written whole before the report, and the run ends quietly."""
    common = ["--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY]
    proc = subprocess.run(f"{SCRIPT} assess {' '.join(map(str, common))} --export plan.md | head -1",
                          shell=True, cwd=outside, env=sub_env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert_no_crash(proc.stderr)
    assert len(proc.stdout.splitlines()) == 1
    reference = subprocess.run([str(SCRIPT), "plan", *map(str, common), "-o", "-"], cwd=outside, env=sub_env,
                               capture_output=True, text=True, timeout=60)
    assert reference.returncode == 0, reference.stderr
    assert (outside / "plan.md").read_text(encoding="utf-8") == reference.stdout

    (outside / "plan.md").unlink()
    closed = closed_pipe_run(["assess", *common, "--export", "plan.md"], sub_env, outside)
    assert_no_crash(closed.stderr)
    assert (outside / "plan.md").read_text(encoding="utf-8") == reference.stdout
    assert closed.returncode == 1  # a closed pipe: pmladder/cli/errors.py ends quietly with 1


PIPED = {
    "show-text": ["show", "pm-titles"],
    "show-json": ["show", "pm-titles", "--format", "json"],
    "show-markdown": ["show", "pm-titles", "--format", "markdown"],
    "assess-text": ["assess", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY],
    "assess-json": ["assess", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, "--format", "json"],
    "assess-markdown": ["assess", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, "--format", "markdown"],
    "plan-text": ["plan", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY],
    "plan-markdown": ["plan", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, "-o", "-"],
    "plan-json": ["plan", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, "-o", "-", "--format", "json"],
    "ladders": ["ladders"],
}


@needs_script
def test_a_closed_pipe_ends_quietly_with_one_exit_code_in_every_format(outside, sub_env):
    """Every command and format, its reader gone: no traceback, no 'Exception ignored', and the same exit code, 1."""
    codes = {}
    for name, args in PIPED.items():
        proc = closed_pipe_run(args, sub_env, outside)
        assert_no_crash(proc.stderr)
        assert proc.stderr == "", (name, proc.stderr)
        codes[name] = proc.returncode
    assert set(codes.values()) == {1}, codes


@needs_script
@pytest.mark.parametrize("name", ["show-text", "assess-json", "assess-markdown", "assess-text", "plan-text"])
def test_piping_into_head_ends_quietly(outside, sub_env, name):
    """`pmladder ... | head -1` prints one line and nothing on stderr, whether or not the pipe closed in time."""
    args = " ".join(f"'{a}'" for a in PIPED[name])
    proc = subprocess.run(f"{SCRIPT} {args} 2>err.txt | head -1; echo \"rc=${{PIPESTATUS[0]}}\" >&2",
                          shell=True, executable="/bin/bash", cwd=outside, env=sub_env, capture_output=True, text=True, timeout=60)
    assert len(proc.stdout.splitlines()) == 1
    assert (outside / "err.txt").read_text() == ""
    assert re.search(r"rc=(0|1)$", proc.stderr.strip()), proc.stderr


# --- 7.7: finding levels -----------------------------------------------------------------------


def shown_level(invoke, ladder: str, wanted: str, *extra) -> str:
    result = invoke("show", ladder, "--level", wanted, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    [level] = json.loads(result.stdout)["levels"]
    return level["id"]


@pytest.mark.parametrize(
    ("ladder", "wanted", "expected"),
    [
        ("pm-titles", "senior-project-manager", "senior-project-manager"),
        ("pm-titles", "Senior Project Manager", "senior-project-manager"),
        ("pm-titles", "sENIOR project MANAGER", "senior-project-manager"),
        ("pm-titles", "3", "senior-project-manager"),
        ("pm-titles", "  project director ", "project-director"),
        ("pm-titles", "1", "project-coordinator"),
        ("pm-titles", "5", "chief-project-officer"),
        ("pmo-sequence", "高级项目经理", "senior-project-manager"),
        ("pmo-sequence", "pmo经理", "pmo-manager"),
        ("pmo-sequence", "PMO MANAGER", "pmo-manager"),
        ("pmo-sequence", "10", "pmo-manager"),
    ],
)
def test_level_by_id_title_or_number(invoke, ladder, wanted, expected):
    """`--level` takes an id, a title in any of the ladder's languages (any case) or the number in the overview."""
    assert shown_level(invoke, ladder, wanted) == expected


def test_level_by_english_title_while_showing_chinese(invoke):
    """The lookup does not depend on --lang: an English title finds the level when showing Chinese."""
    assert shown_level(invoke, "pmo-sequence", "Junior PMO Lead", "--lang", "zh") == "junior-pmo-lead"


@pytest.mark.parametrize(
    ("command", "wanted", "expected"),
    [
        ("assess", "project director", "project-director"),
        ("assess", "4", "project-director"),
        ("plan", "Chief Project Officer", "chief-project-officer"),
        ("plan", "chief-project-officer", "chief-project-officer"),
    ],
)
def test_target_by_id_title_or_number(invoke, command, wanted, expected):
    """`--target` finds levels the same way, on assess and on plan."""
    args = ["--profile", ALEX, "--ladder", "pm-titles", "--target", wanted, "--today", TODAY, "--format", "json"]
    if command == "plan":
        args += ["-o", "-"]
    result = invoke(command, *args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["target"]["id"] == expected


def test_target_by_chinese_title(invoke):
    """A Chinese title is a target too."""
    result = invoke("assess", "--profile", ALEX, "--ladder", "pmo-sequence", "--target", "高级项目经理", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["target"]["id"] == "senior-project-manager"


@pytest.mark.parametrize("option", ["--level", "--target"])
def test_unknown_level_says_did_you_mean_and_lists_the_levels(invoke, option):
    """A near miss gets "did you mean" with the id; every level of the ladder is listed with its number; exit 2."""
    if option == "--level":
        result = invoke("show", "pm-titles", "--level", "senior project mangaer")
    else:
        result = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--target", "senior project mangaer")
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert option in line
    assert re.search(r"did you mean\W+senior-project-manager", line), line
    for i, level_id in enumerate(PM_TITLES_IDS, 1):
        assert f"{i}. {level_id}" in line, line
    assert result.stdout == ""


@pytest.mark.parametrize("wanted", ["0", "6", "99", "zzz"])
def test_out_of_range_number_or_nonsense_is_unknown(invoke, wanted):
    """A number outside the overview, or a word like no level, is the same clear usage error."""
    result = invoke("show", "pm-titles", "--level", wanted)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert f"'{wanted}'" in line and "project-coordinator" in line


@pytest.mark.parametrize("wanted", ["project-manager", "Project Coordinator", "1"])
def test_target_at_or_below_the_best_fit_is_a_clear_usage_error(invoke, wanted):
    """Alex stands at Project Manager: a target there or below is refused (exit 2), saying where Alex stands."""
    for command in ("assess", "plan"):
        result = invoke(command, "--profile", ALEX, "--ladder", "pm-titles", "--target", wanted, "--today", TODAY)
        assert result.exit_code == 2, (command, result.output)
        line = one_line(result.stderr)
        assert "--target" in line and "Project Manager" in line
        assert re.search(r"already|not above", line), line
        assert result.stdout == ""


def test_overview_lists_the_ids(invoke):
    """`show LADDER` opens with an overview that has each level's number, title and id, in ladder order."""
    out = invoke("show", "pm-titles").stdout
    overview = out[out.index("The ladder, from the bottom"):]
    overview = overview[: overview.index("Entry level \u2500")] if "Entry level \u2500" in overview else overview
    numbers = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s", overview, flags=re.M)]
    assert numbers == list(range(1, len(PM_TITLES_IDS) + 1)), overview
    where = [overview.find(level_id) for level_id in PM_TITLES_IDS]
    assert all(w >= 0 for w in where) and where == sorted(where), overview


# --- 7.8: languages ----------------------------------------------------------------------------


FRENCH = """\
schema_version: 1
id: tiny-fr
name: Tiny ladder
names: {fr: Petite échelle}
source: Written for the tests
description: Two levels, one step up.
languages: [en, fr]
tiers:
  entry: {name: Entry level, names: {fr: Débutant}}
  mid: {name: Mid level, names: {fr: Intermédiaire}}
translations:
  fr: {description: "Deux niveaux, un échelon.", source: Écrit pour les tests}
facts:
  years_tiny:
    name: Years on tiny projects
    question: For how many years have you worked on tiny projects?
    unit: years
    max: 50
    grows: time
    months_per_unit: 12
    advice: [{from: 0, text: Join a tiny project.}]
    translations:
      fr: {name: Années sur de petits projets, question: Depuis combien d'années travaillez-vous sur de petits projets ?,
           advice: [Rejoignez un petit projet.]}
competencies:
  talking:
    name: Talking
    description: Saying things clearly.
    ratings: [Silent., Aware., Helped., Alone., Leads., Sets the rules.]
    grow: [Listen., Try., Practise., Lead., Teach.]
    months_per_step: 6
    translations:
      fr:
        name: Expression
        description: Dire les choses clairement.
        ratings: [Muet., Conscient., Aidé., Seul., Dirige., Fixe les règles.]
        grow: [Écouter., Essayer., S'exercer., Diriger., Enseigner.]
levels:
  - id: project-coordinator
    title: Project Coordinator
    titles: {fr: Coordinateur de projet}
    tier: entry
    summary: Helps a project manager run a project.
    requires: {facts: {years_tiny: 1}, competencies: {talking: 2}}
    next: [project-manager]
    translations: {fr: {summary: Aide un chef de projet à mener un projet.}}
  - id: project-manager
    title: Project Manager
    titles: {fr: Chef de projet}
    tier: mid
    summary: Runs a project from start to finish.
    requires: {facts: {years_tiny: 3}, competencies: {talking: 3}}
    next: []
    translations: {fr: {summary: Mène un projet du début à la fin.}}
"""


@pytest.fixture
def french_dir(tmp_path) -> Path:
    """A --ladders-dir with `tiny-fr`: a two-level ladder declaring languages [en, fr], complete in French
    (its own fact and competency, so no catalog text is needed in French)."""
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "tiny-fr.yaml").write_text(FRENCH, encoding="utf-8")
    return folder


def test_a_french_ladder_validates_and_shows_in_french(invoke, french_dir):
    """A ladder declaring [en, fr] validates, and `show --lang fr` shows its French titles."""
    valid = invoke("validate", french_dir / "tiny-fr.yaml")
    assert valid.exit_code == 0, valid.stderr
    shown = invoke("show", "tiny-fr", "--ladders-dir", french_dir, "--lang", "fr")
    assert shown.exit_code == 0, shown.stderr
    assert "Coordinateur de projet" in shown.stdout and "Chef de projet" in shown.stdout
    assert "Expression" in shown.stdout and "Années sur de petits projets" in shown.stdout
    assert shown.stderr == ""
    data = json.loads(invoke("show", "tiny-fr", "--ladders-dir", french_dir, "--lang", "fr", "--format", "json").stdout)
    assert data["languages"] == ["en", "fr"]
    assert [lv["titles"]["fr"] for lv in data["levels"]] == ["Coordinateur de projet", "Chef de projet"]


def test_a_french_ladder_with_titles_only_is_refused(invoke, tmp_path):
    """Declaring [en, fr] with French titles only is an error for each missing French text, with its key (format 2;
    a format-1 file loads with a note, as the releases before complete text was asked for read it)."""
    src = MINIMAL.read_text(encoding="utf-8").replace("schema_version: 1\n", "schema_version: 2\n")
    src = src.replace("id: tiny\n", "id: tiny-fr\nlanguages: [en, fr]\nnames: {fr: Petite échelle}\n")
    src = src.replace("    title: Project Coordinator\n", "    title: Project Coordinator\n    titles: {fr: Coordinateur de projet}\n")
    src = src.replace("    title: Project Manager\n", "    title: Project Manager\n    titles: {fr: Chef de projet}\n")
    (tmp_path / "tiny-fr.yaml").write_text(src, encoding="utf-8")
    result = invoke("validate", tmp_path / "tiny-fr.yaml")
    assert result.exit_code == 65
    assert "levels[0].translations.fr.summary: missing 'fr' text" in result.stderr
    assert "tiers.entry.names.fr: missing 'fr' text" in result.stderr
    # the built-in catalog's skills lack French: shown in English with a note, never an error into the installed catalog
    assert "competencies.communication" not in result.stderr and "catalog.yaml" not in result.stderr


def test_french_title_finds_the_level(invoke, french_dir):
    """A French title, any case, is a --level like any other title."""
    assert shown_level(invoke, "tiny-fr", "chef de PROJET", "--ladders-dir", french_dir) == "project-manager"


@pytest.mark.parametrize("code", ["de", "zh"])
def test_a_language_the_ladder_lacks_is_refused_naming_its_languages(invoke, french_dir, code):
    """`--lang de` on the [en, fr] ladder is exit 2 and names en and fr."""
    result = invoke("show", "tiny-fr", "--ladders-dir", french_dir, "--lang", code)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    # --lang zh also asks for pmladder's own words in Chinese, so that refusal is in Chinese (quoted “zh”)
    assert re.search(rf"['“]{code}['”]", line) and re.search(r"\ben\b", line) and re.search(r"\bfr\b", line), line
    assert result.stdout == ""


def test_assess_and_plan_take_any_declared_language(invoke):
    """--lang zh works on assess and plan for the ladder that has it, and is refused for the one that has not."""
    ok = invoke("assess", "--profile", ALEX, "--ladder", "pmo-sequence", "--lang", "zh", "--today", TODAY, "--format", "markdown")
    assert ok.exit_code == 0, ok.stderr
    assert "初级项目经理" in ok.stdout
    refused = invoke("plan", "--profile", ALEX, "--ladder", "pm-titles", "--lang", "zh", "--today", TODAY)
    assert refused.exit_code == 2
    assert "“zh”" in one_line(refused.stderr)  # in Chinese: --lang zh asked for pmladder's words in Chinese too


# --- 7.10: help and messages ---------------------------------------------------------------------

# What Typer prints when it shows a Python type instead of a placeholder a user can read.
PYTHON_PLACEHOLDERS = re.compile(r"<(bool|str|int|float|Path|list\[[^>]*|tuple[^>]*|class [^>]*|NoneType|Optional[^>]*)>|\{[a-z_]+\}|<class ")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_python_placeholders(invoke, command):
    """No `<bool>`, `<str>`, `<list[Path]>`, `{ladder}` or `<class ...>` in any --help (the root's included)."""
    args = ["--help"] if command is None else [command, "--help"]
    for columns in ("100", "400"):
        result = invoke(*args, env={"COLUMNS": columns})
        assert result.exit_code == 0
        found = sorted({m.group(0) for m in PYTHON_PLACEHOLDERS.finditer(result.stdout)})
        assert not found, f"pmladder {' '.join(args)} shows {found}:\n{result.stdout}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_argument_has_an_upper_case_placeholder(invoke, command):
    """The usage line names arguments as a user types them (LADDER, FILE, KIND), not as Python parameters."""
    usage = next(line for line in invoke(command, "--help", env={"COLUMNS": "400"}).stdout.splitlines() if "Usage:" in line)
    words = re.findall(r"[\[{]?([A-Za-z_.]+)[\]}]?(?:\.\.\.)?", usage.split(command, 1)[1])
    assert all(w.isupper() or w.strip(".") == "" for w in words if w not in ("OPTIONS",)), usage


def own_validator_ladder(tmp_path) -> Path:
    """A ladder whose own fact breaks one of pmladder's own checks (grows with time, no months_per_unit)."""
    src = MINIMAL.read_text(encoding="utf-8").replace("tiers:\n", (
        "facts:\n  years_on_call:\n    name: Years on call\n    question: How many years on call?\n    unit: years\n"
        "    max: 40\n    grows: time\n    advice:\n      - {from: 0, text: Join a rota.}\ntiers:\n"), 1)
    path = tmp_path / "own-check.yaml"
    path.write_text(src, encoding="utf-8")
    return path


def test_no_message_carries_pydantics_value_error_prefix(invoke, tmp_path):
    """No problem reported for any bad ladder file, nor for a failed check of pmladder's own, starts `Value error,`."""
    own = own_validator_ladder(tmp_path)
    files = sorted(BAD.glob("*.yaml")) + [own]
    result = invoke("validate", *files)
    assert result.exit_code == 65
    assert "Value error" not in result.stderr and "Assertion failed" not in result.stderr, result.stderr
    own_lines = [line for line in result.stderr.splitlines() if line.startswith(f"{own}:")]
    assert own_lines and any("months_per_unit" in line for line in own_lines), result.stderr


def help_examples(invoke, command: str) -> list[str]:
    """The command lines of the `Example:`/`Examples:` paragraph of `pmladder COMMAND --help`."""
    out = invoke(command, "--help", env={"COLUMNS": "400"}).stdout
    m = re.search(r"Examples?: (.*?)(?:\n\s*\n|$)", out, flags=re.S)
    assert m, out
    text = " ".join(m.group(1).split())
    return [part.strip() for part in re.split(r";\s+|,\s*then\s+", text) if part.strip()]


def test_every_help_example_is_a_pmladder_command(invoke):
    """Each example is a whole pmladder command line (so the next test can run it)."""
    for command in COMMANDS:
        examples = help_examples(invoke, command)
        assert examples, command
        for example in examples:
            assert example.startswith("pmladder "), (command, example)
        assert any(e.startswith(f"pmladder {command}") for e in examples), (command, examples)


def run_line(invoke, line: str, home: Path):
    """A help example's command line as bash runs it, in-process: its words as the shell splits them, and
    `> FILE` writing standard output to FILE. Any other shell syntax fails here: this runner has none."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    assert words[0] == "pmladder", line
    target = None
    if ">" in words:
        at = words.index(">")
        target, words = words[at + 1], words[:at] + words[at + 2:]
    assert all(not w or w.strip("|&;<>()") for w in words), f"shell syntax this runner does not have: {line}"
    result = invoke(*words[1:], env={"PMLADDER_HOME": str(home)}, input="")  # no answers on standard input
    if target is not None:
        Path(target).write_text(result.stdout, encoding="utf-8")
    return result


def test_every_help_example_works_outside_the_checkout(invoke, outside, tmp_path, monkeypatch):
    """Run each --help example from a temp folder, in-process: me.yaml comes from
    `pmladder example-profile > me.yaml` and my-ladder.yaml is a ladder the user wrote; an example
    that asks questions (assess without --profile) must stop cleanly with exit 2 when there is no terminal.
    (The installed script from outside the checkout is run by the closed-pipe tests above and by .ci/run.)"""
    monkeypatch.chdir(outside)
    home = tmp_path / "pmhome"
    assert run_line(invoke, "pmladder example-profile > me.yaml", home).exit_code == 0
    shutil.copy(MINIMAL, outside / "my-ladder.yaml")
    shutil.copy(Path(__file__).resolve().parent.parent / "import_frameworks" / "delivery-4.md", outside / "framework.md")  # `import` reads a framework page
    saved = home / "data" / "profile.yaml"  # `plan` reads the profile `assess` saved
    saved.parent.mkdir(parents=True)
    saved.write_text((outside / "me.yaml").read_text(encoding="utf-8") + "ladder: pm-titles\n", encoding="utf-8")
    (outside / "profiles").mkdir()  # `team` reads a folder of profiles
    shutil.copy(outside / "me.yaml", outside / "profiles" / "alex.yaml")
    for day in ("2025-06-30", "2026-02-01"):  # `progress` compares two recorded assessments
        recorded = run_line(invoke, f"pmladder history import me.yaml --date {day} --ladder pm-titles", home)
        assert recorded.exit_code == 0, recorded.stderr
    ran = []
    for command in COMMANDS:
        for example in help_examples(invoke, command):
            result = run_line(invoke, example, home)
            assert_no_crash(result.stderr)
            interactive = " assess" in example and "--profile" not in example
            if " review " in example:  # a review reads its answers from standard input: none here, so nothing is saved
                assert result.exit_code == 130 and "nothing saved" in result.stderr, (example, result.stderr)
            elif interactive:
                assert result.exit_code == 2, (example, result.stderr)
                assert "terminal" in result.stderr, result.stderr
            else:
                assert result.exit_code == 0, (example, result.exit_code, result.stderr)
            ran.append(example)
    assert len(ran) >= len(COMMANDS) and any("--profile me.yaml" in e for e in ran), ran
    for example in ran:  # what an example says it writes is there
        for written in re.findall(r"(?:-o|--export|>)\s*(\S+\.(?:md|json|yaml))", example):
            assert (outside / written).stat().st_size > 0, (example, written)


# --- 7.12: Mermaid diagrams readable in a dark theme ---------------------------------------------


def hex_rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(rgb) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hue_name(rgb) -> str:
    h, _, _ = colorsys.rgb_to_hls(*rgb)
    deg = h * 360
    for limit, name in ((15, "red"), (40, "orange"), (70, "yellow"), (170, "green"), (260, "blue"), (345, "purple")):
        if deg < limit:
            return name
    return "red"


@pytest.mark.parametrize("ladder", ["pm-titles", "pmo-career"])
def test_mermaid_highlights_have_readable_text_and_a_legend(invoke, ladder):
    """In `plan -o -`, every highlighted node's classDef sets fill and an explicit text colour with enough
    contrast (so GitHub's dark theme does not draw light text on the light fill), and the text before the
    diagram says what each highlight colour means."""
    result = invoke("plan", "--profile", ALEX, "--ladder", ladder, "--today", TODAY, "-o", "-")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    fence = re.search(r"```mermaid\n(.*?)```", out, flags=re.S)
    assert fence, out
    diagram = fence.group(1)
    used = set(re.findall(r"^\s*class\s+\S+\s+(\w+)\s*$", diagram, flags=re.M))
    assert {"here", "goal"} <= used, diagram
    legend = out[:fence.start()].rstrip().split("\n\n")[-1].lower()
    meanings = {"here": "where you stand", "goal": "target"}
    for cls in used:
        m = re.search(rf"^\s*classDef\s+{cls}\s+(\S+)\s*$", diagram, flags=re.M)
        assert m, f"no classDef for {cls}"
        style = dict(part.split(":", 1) for part in m.group(1).split(","))
        assert "fill" in style and "color" in style, style
        fill, text = hex_rgb(style["fill"]), hex_rgb(style["color"])
        assert contrast(fill, text) >= 4.5, (cls, style)
        colour = hue_name(fill)
        assert re.search(rf"{colour}\W+[^.;]*{meanings[cls]}", legend), (cls, colour, legend)


@pytest.mark.parametrize("args", [("show", "pm-titles", "--format", "xml"), ("assess", "--ladder", "pm-titles", "--pace", "0"),
                                  ("team", ".", "--ladder", "pm-titles", "--workers", "0")])
def test_bad_option_values_are_said_in_our_words_not_the_validators(invoke, args):
    """Typer validates option values with pydantic; its 'Value error, ...' and 'Input should be ...' never reach a user."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Value error" not in result.output and "Input should" not in result.output
    assert ("is not one of" in result.output) or ("the smallest value allowed is 1" in result.output)


def test_a_certification_in_other_capitals_is_suggested(invoke, tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text("schema_version: 1\nname: X\neducation: masters\ncertifications: [pmp]\n", encoding="utf-8")
    result = invoke("assess", "--ladder", "pm-titles", "--profile", path)
    assert result.exit_code == 65
    assert "unknown certification 'pmp' (did you mean 'PMP'?)" in result.stderr
    assert "(did you mean 'master'?)" in result.stderr
