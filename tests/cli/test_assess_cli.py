"""`pmladder assess` from the outside, with answers piped in (`--ask`, one line per answer).

CliRunner's stdin is not a terminal, so these runs use the line front end (`render/prompt.py`);
the arrow-key prompts are driven in a real pseudo-terminal in test_questionnaire_terminal.py.
Both share the pure questionnaire, so what is checked here (what is asked, re-asks, skips,
the review, pre-fill, `--only`, saving, cancelling) holds for both. Every test that saves
reads the saved file back.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from pmladder.cli import app
from pmladder.inputs.loader import load_library
from pmladder.inputs.profiles import load_profile
from pmladder.ask.questions import counted, questions

LIB = load_library()
CANCELLED = "Cancelled \u2014 nothing saved."


def asked_a_question(stderr: str) -> bool:
    """A question's counter (`3/25 ...`) at the start of a line; paths such as /tmp/pytest-41/ do not count."""
    return re.search(r"(?m)^\s*\d+/\d+ \S", stderr) is not None


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    """PMLADDER_HOME (where the default profile is saved) as a fresh folder under tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("PMLADDER_HOME", str(home))
    return home / "data"


@pytest.fixture
def run(runner, data_home):
    """Run `pmladder ARGS` in-process with `input` on stdin; a crash fails the test."""

    def _run(*args, input=None, env=None):
        result = runner.invoke(app, [str(a) for a in args], input=input, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            raise AssertionError("".join(traceback.format_exception(*result.exc_info)))
        return result

    return _run


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def qs(ladder_id: str):
    return counted(questions(LIB.get(ladder_id).ladder))


def keys(ladder_id: str) -> list[str]:
    return [q.key for q in qs(ladder_id)]


def number(ladder_id: str, key: str) -> int:
    return keys(ladder_id).index(key) + 1


PERSON = {
    "name": "Mei Chen",
    "education": "bachelor",
    "facts": {"years_experience": 6, "years_managing": 3.5, "years_program": 1, "years_pmo": 0,
              "years_leading_managers": 0, "team_size": 8, "concurrent_projects": 2, "pm_training_hours": 40},
    "certifications": ["PMP", "CSM"],
    "competencies": {"risk": 4, "leadership": 2},
}


def lines_for(ladder_id: str, person: dict = PERSON, *, other: str | None = None) -> list[str]:
    """What a person with `person`'s answers types, one line per question (ratings not given: 3)."""
    out = []
    for q in qs(ladder_id):
        if q.kind == "name":
            out.append(person["name"])
        elif q.kind == "education":
            out.append(person["education"])
        elif q.kind == "track":  # a branching ladder asks the pathway: not sure
            out.append("skip")
        elif q.kind == "fact":
            out.append(str(person["facts"][q.key]))
        elif q.kind == "certifications":
            out.append(", ".join(person["certifications"] + (["other"] if other else [])) or "none")
            if other:
                out.append(other)
            lib = LIB.get(ladder_id).ladder  # Enter at "when did you last earn or renew X?" for each that lapses
            out += ["" for c in lib.certs if c in person["certifications"] and lib.certs[c].valid_years is not None]
        else:
            out.append(str(person["competencies"].get(q.key, 3)))
    return out


def feed(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def first_run(run, ladder_id: str, saved: Path, lines=None, *extra):
    lines = lines_for(ladder_id) if lines is None else lines
    return run("assess", "--ladder", ladder_id, "--ask", "--save", saved, "--format", "json", *extra,
               input=feed(lines + [""]))  # the last Enter accepts the review


# --- a first run ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ladder_id", ["pm-titles", "pmo-career", "pmo-sequence"])
def test_a_first_run_saves_exactly_what_was_typed(run, tmp_path, ladder_id):
    saved = tmp_path / "me.yaml"
    result = first_run(run, ladder_id, saved)
    assert result.exit_code == 0, result.stderr
    n = len(qs(ladder_id))
    err = result.stderr
    assert f"1/{n} " in err and f"{n}/{n} " in err
    for section in ("About you", "Experience", "Certifications", "Skills", "Review your answers"):
        assert section in err
    assert "Pre-filled" not in err
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    used = [q.key for q in qs(ladder_id) if q.kind == "fact"]
    assert data["name"] == "Mei Chen" and data["education"] == "bachelor" and data["ladder"] == ladder_id
    assert data["facts"] == {k: PERSON["facts"][k] for k in used}
    assert data["certifications"] == ["PMP", "CSM"] and "other_certifications" not in data
    assert data["competencies"] == {q.key: PERSON["competencies"].get(q.key, 3) for q in qs(ladder_id) if q.kind == "competency"}
    again = run("assess", "--profile", saved, "--format", "json")
    assert json.loads(again.stdout)["level"] == json.loads(result.stdout)["level"]


def test_no_hidden_defaults_enter_on_an_empty_answer_asks_again(run, tmp_path):
    """A first run shows no 'Enter keeps'; Enter on an empty fact or choice is refused, 'skip' leaves it unknown."""
    lines = lines_for("pm-titles")
    e, t = number("pm-titles", "education") - 1, number("pm-titles", "team_size") - 1
    lines[t:t + 1] = ["", "skip"]
    lines[e:e + 1] = ["", "bachelor"]
    saved = tmp_path / "me.yaml"
    result = first_run(run, "pm-titles", saved, lines)
    assert result.exit_code == 0, result.stderr
    assert "Enter keeps" not in result.stderr
    assert result.stderr.count("Please answer this one, or type 'skip' to leave it unknown.") == 2
    loaded = load_profile(saved, LIB.vocabulary())
    assert "team_size" not in loaded.facts and loaded.education == "bachelor"
    assert "skipped (unknown)" in result.stderr  # on the review


def test_bad_numbers_are_re_asked_with_a_clear_message(run, tmp_path):
    lines = lines_for("pm-titles")
    i = number("pm-titles", "years_managing") - 1
    j = number("pm-titles", "team_size") - 1
    lines[j:j + 1] = ["7.5", "7"]
    lines[i:i + 1] = ["abc", "-3", "90", "7", "2.5"]
    saved = tmp_path / "me.yaml"
    result = first_run(run, "pm-titles", saved, lines)
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert "Please answer with a number, like 3 or 2.5 (years)" in err
    assert "That cannot be negative." in err
    assert "90 looks too high: the most this accepts is 50 years." in err
    assert "7 is more than your years in project work (6), which includes it." in err
    assert "whole number of people" in err
    loaded = load_profile(saved, LIB.vocabulary())
    assert loaded.facts["years_managing"] == 2.5 and loaded.facts["team_size"] == 7


def test_certifications_any_of_the_catalog_and_other_names(run, tmp_path):
    """PgMP, CSM and PSM-I can be chosen; an unknown id is refused by name; 'other' asks for names, kept apart."""
    lines = lines_for("pm-titles", {**PERSON, "certifications": ["PgMP", "CSM", "PSM-I"]}, other="Scrum@Scale, Six Sigma")
    c = number("pm-titles", "certifications") - 1
    lines.insert(c, "PMP, PMX")
    saved = tmp_path / "me.yaml"
    result = first_run(run, "pm-titles", saved, lines)
    assert result.exit_code == 0, result.stderr
    assert "Not in the list: PMX." in result.stderr
    loaded = load_profile(saved, LIB.vocabulary())
    assert loaded.certifications == ("PgMP", "CSM", "PSM-I")
    assert loaded.other_certifications == ("Scrum@Scale", "Six Sigma")
    assert "Other certificates (shown, not counted): Scrum@Scale, Six Sigma" in " ".join(
        run("assess", "--profile", saved).stdout.split())


def test_none_means_no_certifications(run, tmp_path):
    saved = tmp_path / "me.yaml"
    result = first_run(run, "pm-titles", saved, lines_for("pm-titles", {**PERSON, "certifications": []}))
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(saved.read_text())["certifications"] == []


def test_back_returns_to_the_previous_question(run, tmp_path):
    lines = lines_for("pm-titles")
    i = number("pm-titles", "years_managing") - 1
    lines[i:i] = ["back", "9"]  # at years managing: back to years in project work, then 9
    saved = tmp_path / "me.yaml"
    result = first_run(run, "pm-titles", saved, lines)
    assert result.exit_code == 0, result.stderr
    assert "Enter keeps [6]" in result.stderr  # the answer just given is shown again
    assert load_profile(saved, LIB.vocabulary()).facts["years_experience"] == 9


def test_back_at_the_first_question_returns_to_the_ladder_choice(run):
    ids = sorted(LIB.ladders)
    pick = ids.index("pm-titles") + 1
    lines = ["nope", str(pick), "back", str(ids.index("pmo-career") + 1)] + lines_for("pmo-career") + [""]
    result = run("assess", "--ask", "--no-save", "--format", "json", input=feed(lines))
    assert result.exit_code == 0, result.stderr
    assert "'nope' is not one of the choices" in result.stderr
    assert result.stderr.count("Which ladder") == 3
    assert json.loads(result.stdout)["ladder"]["id"] == "pmo-career"


def test_the_ladder_choice_shows_each_ladders_description(run):
    result = run("assess", "--ask", "--no-save", input="")
    for lid, item in LIB.ladders.items():
        assert item.ladder.name in result.stderr
        assert " ".join(item.ladder.description.split()).split(".")[0] in " ".join(result.stderr.split())


def test_help_and_quit_at_a_prompt(run, data_home):
    lines = lines_for("pm-titles")
    r = number("pm-titles", "risk") - 1 + len(lines) - len(keys("pm-titles"))  # and the PMP date line before it
    result = run("assess", "--ladder", "pm-titles", "--ask", input=feed(lines[:r] + ["?", "help", "quit"]))
    assert result.exit_code == 130
    assert CANCELLED in result.stderr
    flat = " ".join(result.stderr.split())
    for text in LIB.get("pm-titles").ladder.comps["risk"].ratings:
        assert text in flat
    assert flat.count("'back' returns to the previous question") == 2
    assert files_under(data_home) == []


# --- second runs: pre-fill, the review, --only --------------------------------------------------------


def saved_first(run, tmp_path) -> Path:
    saved = tmp_path / "me.yaml"
    assert first_run(run, "pm-titles", saved).exit_code == 0
    return saved


def test_a_second_run_changes_one_rating_from_the_review(run, tmp_path):
    """Pre-filled, said once, straight to the review: number, new rating, Enter; only that rating changes."""
    saved = saved_first(run, tmp_path)
    before = load_profile(saved, LIB.vocabulary())
    again = tmp_path / "again.yaml"
    r = number("pm-titles", "risk")
    result = run("assess", "--ladder", "pm-titles", "--profile", saved, "--ask", "--save", again, "--today", "2027-01-02",
                 input=feed([str(r), "5", ""]))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count(f"Pre-filled from your last assessment on {before.assessed_on.isoformat()}.") == 1
    assert result.stderr.count("Review your answers") == 2
    asked = [line for line in result.stderr.splitlines() if re.match(r"\s*\d+/\d+ \S", line)]
    assert asked and all("Risk management" in line for line in asked), asked  # only the answer being changed was asked
    after = load_profile(again, LIB.vocabulary())
    assert after == before.replace(competencies={**before.competencies, "risk": 5}, assessed_on=after.assessed_on)
    assert after.assessed_on.isoformat() == "2027-01-02"


def test_enter_at_the_review_keeps_every_answer(run, tmp_path):
    saved = saved_first(run, tmp_path)
    again = tmp_path / "again.yaml"
    result = run("assess", "--ladder", "pm-titles", "--profile", saved, "--ask", "--save", again, input="\n")
    assert result.exit_code == 0, result.stderr
    a, b = load_profile(saved, LIB.vocabulary()), load_profile(again, LIB.vocabulary())
    assert a == b.replace(assessed_on=a.assessed_on)


def test_another_ladder_asks_only_what_the_profile_lacks(run, tmp_path):
    saved = saved_first(run, tmp_path)
    again = tmp_path / "again.yaml"
    result = run("assess", "--ladder", "pmo-career", "--profile", saved, "--ask", "--save", again, "--format", "json",
                 input=feed(["1", "1", "skip", ""]))  # the pathway (pmo-career branches): the first one
    assert result.exit_code == 0, result.stderr
    assert "3 of its" in result.stderr
    after = load_profile(again, LIB.vocabulary())
    assert after.facts["years_program"] == 1 and "years_pmo" not in after.facts
    assert after.track == "program-manager"
    assert after.competencies == load_profile(saved, LIB.vocabulary()).competencies


def test_only_skills_re_asks_the_skills_and_keeps_the_rest(run, tmp_path, data_home):
    saved_default = data_home / "profile.yaml"
    first = run("assess", "--ladder", "pm-titles", "--ask", input=feed(lines_for("pm-titles") + [""]))
    assert first.exit_code == 0, first.stderr
    before = load_profile(saved_default, LIB.vocabulary())
    skills = [q.key for q in qs("pm-titles") if q.kind == "competency"]
    result = run("assess", "--only", "skills", "--ask", input=feed([""] * 2 + ["1"] + [""] * (len(skills) - 3) + ["", ""]))
    assert result.exit_code == 0, result.stderr
    assert f"1/{len(skills)} " in result.stderr and f"{len(skills)}/{len(skills)} " in result.stderr
    assert "Years in project work" not in result.stderr.split("Review your answers")[0]
    after = load_profile(saved_default, LIB.vocabulary())
    changed = {k for k in skills if after.competencies.get(k) != before.competencies.get(k)}
    assert changed == {skills[2]} and after.competencies[skills[2]] == 1
    assert after.facts == before.facts and after.certifications == before.certifications


def test_only_without_a_saved_profile_is_exit_66(run, data_home):
    result = run("assess", "--only", "skills", "--ask", input="\n")
    assert result.exit_code == 66
    assert "run 'pmladder assess' first" in result.stderr
    assert files_under(data_home) == []


# --- saving and cancelling ----------------------------------------------------------------------------


def test_answers_saved_0600_to_the_default_location(run, data_home):
    result = run("assess", "--ladder", "pm-titles", "--ask", input=feed(lines_for("pm-titles") + [""]))
    assert result.exit_code == 0, result.stderr
    # the history records it too, and the schema the profile links to is written beside it
    saved = [p for p in files_under(data_home) if not p.name.startswith("history.sqlite3") and p.name != "profile.schema.json"]
    assert [p.name for p in saved] == ["profile.yaml"]  # no temp file beside it
    assert stat.S_IMODE(os.stat(saved[0]).st_mode) == 0o600
    assert f"Saved your answers to {saved[0]}" in result.stderr


def test_save_replaces_a_world_readable_file_with_0600(run, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "me.yaml"
    path.write_text("old\n")
    os.chmod(path, 0o644)
    assert first_run(run, "pm-titles", path).exit_code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["me.yaml"]


def test_no_save_writes_nothing(run, data_home):
    result = run("assess", "--ladder", "pm-titles", "--ask", "--no-save", input=feed(lines_for("pm-titles") + [""]))
    assert result.exit_code == 0, result.stderr
    assert files_under(data_home) == [] and "Saved" not in result.stderr


def test_save_into_a_missing_folder_is_exit_74(run, tmp_path):
    target = tmp_path / "no-such-folder" / "me.yaml"
    result = first_run(run, "pm-titles", target)
    assert result.exit_code == 74, result.stderr[-300:]
    assert str(target) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("cut", [3, len(keys("pm-titles"))], ids=["midway", "at-the-review"])
def test_end_of_input_cancels_and_saves_nothing(run, data_home, cut):
    result = run("assess", "--ladder", "pm-titles", "--ask", input=feed(lines_for("pm-titles")[:cut]))
    assert result.exit_code == 130
    assert CANCELLED in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == "" and files_under(data_home) == []


def test_end_of_input_at_the_ladder_choice_cancels(run, data_home):
    result = run("assess", "--ask", input="")
    assert "Which ladder" in result.stderr
    assert result.exit_code == 130 and CANCELLED in result.stderr
    assert files_under(data_home) == []


def test_no_terminal_and_no_ask_is_a_usage_error_naming_profile(run, data_home):
    result = run("assess", "--ladder", "pm-titles", input="")
    assert result.exit_code == 2
    assert "--profile" in result.stderr and not asked_a_question(result.stderr)
    assert files_under(data_home) == []


def test_a_typed_name_with_controls_is_saved_clean(run, tmp_path):
    raw = ("\u9648\u6653\u660e \x1b[31mMei\x07 Chen").encode() + b" \xed\xa0\x80\n"
    rest = feed(lines_for("pm-titles")[1:] + [""]).encode()
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--ask", "--save", saved, input=raw + rest)
    assert result.exit_code == 0, result.stderr
    text = saved.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    name = load_profile(saved, LIB.vocabulary()).name
    assert name.startswith("\u9648\u6653\u660e") and "Mei" in name and "Chen" in name


def test_json_stdout_is_clean_while_asking(run):
    result = run("assess", "--ladder", "pmo-sequence", "--ask", "--no-save", "--format", "json",
                 input=feed(lines_for("pmo-sequence") + [""]))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ladder"]["id"] == "pmo-sequence"
    assert "Review your answers" in result.stderr and "Review" not in result.stdout


def test_a_bad_profile_to_pre_fill_from_is_exit_65(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ncompetencies:\n  risk: 7\n", encoding="utf-8")
    result = run("assess", "--ladder", "pm-titles", "--ask", "--profile", bad, input="\n" * 40)
    assert result.exit_code == 65 and f"{bad}:3:" in result.stderr


def test_unknown_target_is_refused_before_any_question(run, data_home):
    result = run("assess", "--ladder", "pm-titles", "--ask", "--target", "astronaut", input="\n" * 40)
    assert result.exit_code == 2
    assert not asked_a_question(result.stderr) and files_under(data_home) == []


# --- start-up ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["assess", "--profile", "ladders/examples/profile-alex.yaml", "--ladder", "pm-titles"]],
                         ids=["help", "assess-a-profile"])
def test_the_prompt_library_is_not_imported_unless_asking(tmp_path, args):
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "pmladder", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert imported, "no import times"
    assert not [m for m in imported if m.startswith(("questionary", "prompt_toolkit"))]
