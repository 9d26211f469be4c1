"""`pmladder assess` from the outside: interactive runs through CliRunner(input=...), saving,
pre-fill, `back`, re-asks, bad profiles, exit codes, and the text report's shape.

CliRunner's stdin is not a terminal, so interactive runs pass `--interactive`.
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
from rich.cells import cell_len

from assess_support import REPO, exactly, expected_placement, level, level_ids, write_profile
from pmladder.cli import app
from pmladder.loader import load_library
from pmladder.model import Profile
from pmladder.profiles import load_profile
from pmladder.questionnaire import questions

LIB = load_library()
CANCELLED = "Cancelled \u2014 nothing saved."


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    """XDG_DATA_HOME (where the default profile is saved) as a fresh folder under tmp_path."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


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
    return questions(LIB.get(ladder_id).ladder, LIB.catalog)


def answer_lines(ladder_id: str, person: dict) -> list[str]:
    """What a person with this profile types, one line per question of the ladder."""
    lines = []
    for q in qs(ladder_id):
        if q.kind == "name":
            lines.append(person.get("name", ""))
        elif q.kind == "education":
            lines.append(person.get("education") or "none")
        elif q.kind == "fact":
            lines.append(str((person.get("facts") or {}).get(q.key, 0)))
        elif q.kind == "certifications":
            offered = {c for c, _ in q.choices}
            held = [c for c in person.get("certifications") or [] if c in offered]
            lines.append(", ".join(held) or "none")
        else:
            lines.append(str((person.get("competencies") or {}).get(q.key, 0)))
    return lines


def feed(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def question_index(ladder_id: str, key: str) -> int:
    return next(i for i, q in enumerate(qs(ladder_id)) if q.key == key)


PM = exactly("pm-titles", "project-manager", name="Mei Chen")


# --- interactive runs -------------------------------------------------------------------------


def test_question_counts_follow_the_ladder():
    """Each ladder asks a name, an education, its facts, one certification multi-select and its ratings."""
    for ladder_id in ("pm-titles", "pmo-sequence", "pmo-career"):
        ladder = LIB.get(ladder_id).ladder
        facts = {k for lv in ladder.levels for k in lv.requires.facts}
        comps = {k for lv in ladder.levels for k in lv.requires.competencies}
        keys = [q.key for q in qs(ladder_id)]
        assert keys[:2] == ["name", "education"]
        assert facts <= set(keys) and comps <= set(keys) and "certifications" in keys
        assert len(keys) == len(set(keys))


@pytest.mark.parametrize("ladder_id", ["pm-titles", "pmo-career"])
def test_interactive_full_run(run, tmp_path, ladder_id):
    """Answering every question places the person as their answers say, saves them, and numbers the questions."""
    person = exactly(ladder_id, level_ids(ladder_id)[1], name="Mei Chen")
    n = len(qs(ladder_id))
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", ladder_id, "--interactive", "--save", saved, "--format", "json",
                 input=feed(answer_lines(ladder_id, person)))
    assert result.exit_code == 0, result.stderr
    assert f"Question 1 of {n}" in result.stderr and f"Question {n} of {n}" in result.stderr
    for section in ("Experience", "Certifications", "Skills"):
        assert section in result.stderr
    data = json.loads(result.stdout)
    want = expected_placement(ladder_id, person)
    assert data["level"]["id"] == want
    loaded = load_profile(saved, LIB.catalog)
    typed = Profile.model_validate(person)  # every question answered: a missing fact or rating is 0
    assert (loaded.name, loaded.education, loaded.ladder) == (typed.name, typed.education, ladder_id)
    assert sorted(loaded.certifications) == sorted(typed.certifications)
    for q in qs(ladder_id):
        if q.kind == "fact":
            assert loaded.facts[q.key] == typed.fact(q.key), q.key
        elif q.kind == "competency":
            assert loaded.competencies[q.key] == typed.rating(q.key), q.key
    assert f"Saved your answers to {saved}" in result.stderr


def test_competency_question_shows_every_rating_description(run):
    """A rating question prints the competency's description and what each rating 0-5 looks like."""
    comp = LIB.catalog.file.competencies["organisation"]
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save",
                 input=feed(answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stderr.split())
    assert " ".join(comp.description.split()) in flat
    for i, text in enumerate(comp.ratings):
        assert f"{i} {' '.join(text.split())}" in flat


def test_bad_years_are_re_asked_then_accepted(run, tmp_path):
    """'abc', '-3' and '90' for years are each refused with a clear message, then '2.5' is accepted."""
    lines = answer_lines("pm-titles", PM)
    i = question_index("pm-titles", "years_managing")
    n = len(lines)
    lines[i:i + 1] = ["abc", "-3", "90", "2.5"]
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", saved, "--format", "json", input=feed(lines))
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert "Please answer with a number" in err
    assert "cannot be negative" in err
    assert "90 looks too high" in err and "50 years" in err  # the catalog's max for years_managing
    assert LIB.catalog.facts["years_managing"].max == 50
    assert err.count(f"Question {i + 1} of {n}") == 4  # asked, then re-asked three times
    assert load_profile(saved, LIB.catalog).fact("years_managing") == 2.5


def test_years_managing_cannot_exceed_years_in_project_work(run, tmp_path):
    """More years managing than years in project work is refused, naming the other answer."""
    lines = answer_lines("pm-titles", PM)
    i = question_index("pm-titles", "years_managing")
    have = PM["facts"].get("years_experience", 0)
    lines[i:i + 1] = [str(have + 1), str(have)]
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save", "--format", "json", input=feed(lines))
    assert result.exit_code == 0, result.stderr
    assert f"is more than your years in project work ({have:g})" in result.stderr


def test_people_are_counted_in_whole_numbers(run):
    """A team of 7.5 people is refused; 7 is accepted."""
    lines = answer_lines("pm-titles", PM)
    i = question_index("pm-titles", "team_size")
    lines[i:i + 1] = ["7.5", "7"]
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save", "--format", "json", input=feed(lines))
    assert result.exit_code == 0, result.stderr
    assert "whole number of people" in result.stderr


def test_bad_rating_and_certification_are_re_asked(run, tmp_path):
    """A rating of 7 and an unknown certification are refused with a message naming what to type."""
    lines = answer_lines("pm-titles", PM)
    r = question_index("pm-titles", "risk")
    c = question_index("pm-titles", "certifications")
    lines[r:r + 1] = ["7", "3.5", "4"]
    lines[c:c + 1] = ["PMX", "99", "PMP, 4"]  # ids and numbers mix
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", saved, input=feed(lines))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("whole number from 0 to 5") == 2
    assert "'PMX' is not one of the choices" in result.stderr
    assert "'99' is not one of the choices" in result.stderr
    loaded = load_profile(saved, LIB.catalog)
    cert_q = qs("pm-titles")[c]
    fourth = cert_q.choices[3][0]
    assert loaded.rating("risk") == 4
    assert loaded.certifications == list(dict.fromkeys(["PMP", fourth]))


def test_back_returns_to_the_previous_question(run, tmp_path):
    """`back` shows the previous question again, with the answer just given as its default, and the new answer wins."""
    lines = answer_lines("pm-titles", PM)
    i = question_index("pm-titles", "years_experience")
    n = len(lines)
    lines[i:i + 2] = ["7", "back", "9", lines[i + 1]]
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", saved, input=feed(lines))
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    prompt = LIB.catalog.facts["years_experience"].question
    assert err.count(f"Question {i + 1} of {n}") == 2
    assert err.count(prompt) == 2
    second = err.split(f"Question {i + 2} of {n}", 1)[1]
    assert f"Question {i + 1} of {n}" in second and "Enter keeps [7]" in second
    assert load_profile(saved, LIB.catalog).fact("years_experience") == 9


def test_back_at_the_first_question_says_so(run):
    """`back` on question 1 explains there is nothing to go back to and asks again."""
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save",
                 input=feed(["back"] + answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    assert "nothing to go back to" in result.stderr
    assert result.stderr.count(f"Question 1 of {len(qs('pm-titles'))}") == 2


def test_prefill_enter_keeps_every_old_value(run, tmp_path):
    """A second run pre-filled from the saved profile, answered with Enter only, keeps every answer."""
    first = tmp_path / "first.yaml"
    again = tmp_path / "again.yaml"
    n = len(qs("pm-titles"))
    r1 = run("assess", "--ladder", "pm-titles", "--interactive", "--save", first, "--format", "json",
             input=feed(answer_lines("pm-titles", PM)))
    assert r1.exit_code == 0, r1.stderr
    r2 = run("assess", "--ladder", "pm-titles", "--interactive", "--profile", first, "--save", again,
             "--format", "json", input="\n" * n)
    assert r2.exit_code == 0, r2.stderr
    assert json.loads(r2.stdout)["level"] == json.loads(r1.stdout)["level"] == {
        "id": "project-manager", "title": level("pm-titles", "project-manager")["title"]}
    assert load_profile(again, LIB.catalog) == load_profile(first, LIB.catalog)
    assert "Enter keeps [Mei Chen]" in r2.stderr
    assert f"Enter keeps [{PM['facts']['pm_training_hours']}]" in r2.stderr


def test_prefill_across_ladders_keeps_the_other_answers(run, tmp_path):
    """Answering another ladder's questions with Enter over a saved profile keeps every earlier answer."""
    first = tmp_path / "first.yaml"
    again = tmp_path / "again.yaml"
    r1 = run("assess", "--ladder", "pm-titles", "--interactive", "--save", first, "--format", "json",
             input=feed(answer_lines("pm-titles", PM)))
    assert r1.exit_code == 0, r1.stderr
    r2 = run("assess", "--ladder", "pmo-career", "--interactive", "--profile", first, "--save", again,
             "--format", "json", input="\n" * len(qs("pmo-career")))
    assert r2.exit_code == 0, r2.stderr
    before, after = load_profile(first, LIB.catalog), load_profile(again, LIB.catalog)
    assert after.name == before.name and after.education == before.education
    assert after.certifications == before.certifications
    assert all(after.fact(k) == v for k, v in before.facts.items())
    assert all(after.rating(k) == v for k, v in before.competencies.items())
    r3 = run("assess", "--ladder", "pm-titles", "--answers", again, "--format", "json")
    assert json.loads(r3.stdout)["level"] == json.loads(r1.stdout)["level"]


def test_prefill_from_the_default_saved_profile(run, data_home):
    """Without --profile, the profile saved at the default location pre-fills the questions."""
    n = len(qs("pm-titles"))
    r1 = run("assess", "--ladder", "pm-titles", "--interactive", input=feed(answer_lines("pm-titles", PM)))
    assert r1.exit_code == 0, r1.stderr
    r2 = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save", "--format", "json", input="\n" * n)
    assert r2.exit_code == 0, r2.stderr
    assert json.loads(r2.stdout)["level"]["id"] == "project-manager"


def test_no_save_writes_nothing(run, data_home):
    """--no-save leaves the user data folder empty."""
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--no-save", input=feed(answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    assert files_under(data_home) == []
    assert "Saved" not in result.stderr


def test_answers_saved_0600_to_the_default_location(run, data_home):
    """Without --save, the answers go to the user data folder (under XDG_DATA_HOME), readable by the owner only."""
    result = run("assess", "--ladder", "pm-titles", "--interactive", input=feed(answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    saved = files_under(data_home)
    assert len(saved) == 1, saved  # no temp file left beside it
    path = saved[0]
    assert path.name == "profile.yaml" and "pmladder" in path.relative_to(data_home).parts
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert f"Saved your answers to {path}" in result.stderr
    assert load_profile(path, LIB.catalog).fact("years_managing") == PM["facts"]["years_managing"]


def test_save_file_is_0600_and_replaces_the_old_one(run, tmp_path):
    """--save FILE writes mode 0600 even over an existing world-readable file."""
    path = tmp_path / "me.yaml"
    path.write_text("old\n")
    os.chmod(path, 0o644)
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", path, input=feed(answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_profile(path, LIB.catalog).name == "Mei Chen"
    assert [p.name for p in tmp_path.iterdir()] == ["me.yaml"]


def test_save_into_a_missing_folder_is_exit_74(run, tmp_path):
    """--save into a folder that does not exist fails with exit 74 and a message naming the file, no traceback."""
    target = tmp_path / "no-such-folder" / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", target, input=feed(answer_lines("pm-titles", PM)))
    assert result.exit_code == 74, result.stderr[-300:]
    assert str(target) in result.stderr and "Traceback" not in result.stderr
    assert not target.parent.exists()


def test_a_typed_name_with_controls_and_chinese_is_sanitised_and_loads_again(run, tmp_path):
    """A name typed with escape sequences, a bell, invalid UTF-8 and Chinese is saved clean and loads again."""
    lines = answer_lines("pm-titles", PM)
    raw = ("\u9648\u6653\u660e \x1b[31mMei\x07 \x1b]0;pwned\x07 Chen").encode() + b" \xed\xa0\x80\n"
    rest = feed(lines[1:]).encode()
    saved = tmp_path / "me.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--save", saved, "--format", "json", input=raw + rest)
    assert result.exit_code == 0, result.stderr
    text = saved.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    name = load_profile(saved, LIB.catalog).name
    assert name.startswith("\u9648\u6653\u660e") and "Mei" in name and "Chen" in name
    again = run("assess", "--ladder", "pm-titles", "--answers", saved, "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["name"] == name


def test_saved_answers_place_the_same_as_the_session(run, tmp_path):
    """The saved profile gives the same placement as the answers typed: 2.999 years is not rounded up to 3."""
    lines = answer_lines("pm-titles", PM)
    i = question_index("pm-titles", "years_experience")
    assert PM["facts"]["years_experience"] == 3  # the project-manager minimum
    lines[i] = "2.999"
    saved = tmp_path / "me.yaml"
    first = run("assess", "--ladder", "pm-titles", "--interactive", "--save", saved, "--format", "json", input=feed(lines))
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["level"]["id"] == "project-coordinator"
    again = run("assess", "--ladder", "pm-titles", "--answers", saved, "--format", "json")
    assert json.loads(again.stdout)["level"] == json.loads(first.stdout)["level"]


def test_json_stdout_is_clean_in_interactive_mode(run):
    """With --format json the questions go to stderr and stdout is exactly one JSON document."""
    result = run("assess", "--ladder", "pmo-sequence", "--interactive", "--no-save", "--format", "json",
                 input=feed(answer_lines("pmo-sequence", PM)))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ladder"] == "pmo-sequence"
    assert "Question" not in result.stdout and "Question 1 of" in result.stderr


def test_ladder_is_asked_when_not_given(run):
    """Without --ladder the person picks one of the installed ladders first (by number or id)."""
    ids = sorted(LIB.ladders)
    pick = ids.index("pm-titles") + 1
    result = run("assess", "--interactive", "--no-save", "--format", "json",
                 input=feed(["nope", str(pick)] + answer_lines("pm-titles", PM)))
    assert result.exit_code == 0, result.stderr
    assert "'nope' is not one of the choices" in result.stderr
    assert json.loads(result.stdout)["ladder"] == "pm-titles"


def test_end_of_input_cancels_and_saves_nothing(run, data_home):
    """Input that ends before the last question: the cancel message, exit 130, nothing written."""
    lines = answer_lines("pm-titles", PM)[:5]
    result = run("assess", "--ladder", "pm-titles", "--interactive", input=feed(lines))
    assert result.exit_code == 130
    assert CANCELLED in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert files_under(data_home) == []


def test_end_of_input_at_the_ladder_choice_cancels(run, data_home):
    """Input that ends at the ladder choice (no --ladder) cancels like any other prompt: exit 130."""
    result = run("assess", "--interactive", input="")
    assert "Which ladder" in result.stderr
    assert (result.exit_code, CANCELLED in result.stderr) == (130, True), result.stderr[-200:]
    assert files_under(data_home) == []


# --- usage and data errors ----------------------------------------------------------------------


def test_no_terminal_and_no_answers_is_a_usage_error(run, data_home):
    """Without a terminal and without --answers: exit 2 and a message naming --answers."""
    result = run("assess", "--ladder", "pm-titles", input="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert "Question" not in result.stderr
    assert files_under(data_home) == []


def test_missing_answers_file_is_exit_66(run, tmp_path):
    """--answers naming a file that does not exist exits 66 and names the file."""
    missing = tmp_path / "nope.yaml"
    result = run("assess", "--ladder", "pm-titles", "--answers", missing)
    assert result.exit_code == 66
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_profile_file_is_exit_66(run, tmp_path):
    """--profile naming a file that does not exist exits 66 before asking anything."""
    missing = tmp_path / "nope.yaml"
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--profile", missing, input="\n" * 40)
    assert result.exit_code == 66
    assert str(missing) in result.stderr


HEAD = "schema_version: 1\neducation: bachelor\n"
BAD_PROFILES = {
    # name: (file text, the 1-based line of the mistake)
    "unknown fact id": (HEAD + "facts:\n  years_experience: 4\n  years_managin: 2\n", 5),
    "negative value": (HEAD + "facts:\n  years_experience: 4\n  team_size: -3\n", 5),
    "non-numeric value": (HEAD + "facts:\n  years_experience: 4\n  team_size: many\n", 5),
    "fact above the catalog max": (HEAD + "facts:\n  years_experience: 90\n", 4),
    "infinite value": (HEAD + "facts:\n  years_experience: .inf\n", 4),
    "rating 7": (HEAD + "facts: {}\ncompetencies:\n  scope: 3\n  risk: 7\n", 6),
    "rating 2.5": (HEAD + "competencies:\n  risk: 2.5\n", 4),
    "unknown competency": (HEAD + "competencies:\n  scope: 3\n  charisma: 4\n", 5),
    "unknown certification": (HEAD + "certifications:\n  - PMP\n  - PMX\n", 5),
    "unknown education": ("schema_version: 1\nfacts: {}\neducation: phd\n", 3),
    "unknown top-level key": (HEAD + "fact:\n  team_size: 3\n", 3),
    "broken YAML (indentation)": (HEAD + "facts:\n  years_experience: 4\n team_size: 3\n", 5),
    "broken YAML (colon)": (HEAD + "facts:\n  years_experience: 4: 5\n", 4),
}


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_profile_is_exit_65_with_file_and_line(run, tmp_path, case):
    """A bad profile prints FILE:LINE: message for the bad line and exits 65, never a traceback."""
    text, line = BAD_PROFILES[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("assess", "--ladder", "pm-titles", "--answers", path, "--format", "json")
    assert result.exit_code == 65, (result.exit_code, result.stderr)
    assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: \S", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_prefill_profile_is_exit_65_too(run, tmp_path):
    """A bad --profile for pre-filling is reported the same way (file:line, exit 65)."""
    text, line = BAD_PROFILES["rating 7"]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--profile", path, input="\n" * 40)
    assert result.exit_code == 65
    assert f"{path}:{line}:" in result.stderr


def test_unknown_target_is_a_usage_error(run, tmp_path):
    """--target naming no level of the ladder exits 2 and lists the ladder's levels."""
    path = write_profile(tmp_path / "me.yaml", PM)
    result = run("assess", "--ladder", "pm-titles", "--answers", path, "--target", "astronaut")
    assert result.exit_code == 2
    assert "astronaut" in result.stderr and "project-manager" in result.stderr


def test_unknown_target_is_refused_before_any_question(run, data_home):
    """In interactive mode an unknown --target is refused before the first question, and nothing is saved."""
    result = run("assess", "--ladder", "pm-titles", "--interactive", "--target", "astronaut", input="\n" * 40)
    assert result.exit_code == 2
    assert "Question 1" not in result.stderr
    assert files_under(data_home) == []


def test_unknown_ladder_is_a_usage_error(run, tmp_path):
    """--ladder naming no installed ladder exits 2 and lists the known ones."""
    path = write_profile(tmp_path / "me.yaml", PM)
    result = run("assess", "--ladder", "astronauts", "--answers", path)
    assert result.exit_code == 2
    assert "pm-titles" in result.stderr


def test_target_moves_the_roadmap(run, tmp_path):
    """--target plans through every unmet level on the way, ending at the target."""
    path = write_profile(tmp_path / "me.yaml", PM)
    result = run("assess", "--ladder", "pm-titles", "--answers", path, "--target", "project-director", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["target"]["id"] == "project-director"
    assert [m["level"] for m in data["milestones"]] == ["senior-project-manager", "project-director"]


# --- the text report ----------------------------------------------------------------------------


@pytest.mark.parametrize(("ladder_id", "person"), [
    ("pm-titles", PM),
    ("pmo-career", exactly("pmo-career", "project-manager", name="\u9648\u6653\u660e Chen")),
    ("pmo-sequence", exactly("pmo-sequence", "junior-project-coordinator")),
    ("pm-titles", {"schema_version": 1, "education": "bachelor"}),
], ids=["pm", "branch-chinese-name", "entry", "not-yet"])
def test_text_report_fits_60_columns(run, tmp_path, ladder_id, person):
    """At 60 columns with NO_COLOR the report shows the placement, gaps and roadmap, no line wider than 60."""
    path = write_profile(tmp_path / "me.yaml", person)
    result = run("assess", "--ladder", ladder_id, "--answers", path, env={"COLUMNS": "60", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    want = expected_placement(ladder_id, person)
    if want is None:
        assert "Not yet on this ladder" in out
        first = LIB.get(ladder_id).ladder.levels[0]
        assert f"Gaps to {first.title}" in out and f"Roadmap to {first.title}" in out
    else:
        assert level(ladder_id, want)["title"] in out
        for nid in level(ladder_id, want)["next"]:
            assert f"Gaps to {level(ladder_id, nid)['title']}" in out
        assert f"Roadmap to {level(ladder_id, level(ladder_id, want)['next'][0])['title']}" in out
    wide = [line for line in out.splitlines() if cell_len(line) > 60]
    assert wide == []
    assert "\x1b" not in out and "\x1b" not in result.stderr


def test_piped_report_has_no_escape_bytes(run, tmp_path):
    """Piped output (not a terminal) carries no ESC byte, even without NO_COLOR."""
    path = write_profile(tmp_path / "me.yaml", PM)
    env = {"NO_COLOR": None, "TTY_COMPATIBLE": None, "_TYPER_FORCE_DISABLE_TERMINAL": None, "FORCE_COLOR": None,
           "TERM": "xterm-256color"}
    result = run("assess", "--ladder", "pm-titles", "--answers", path, env=env)
    assert result.exit_code == 0, result.stderr
    assert "Roadmap to" in result.stdout
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr


def test_piped_report_through_a_real_pipe_has_no_escape_bytes(tmp_path):
    """`python -m pmladder assess ... | cat`: stdout and stderr are plain text."""
    path = write_profile(tmp_path / "me.yaml", PM)
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "TTY_COMPATIBLE", "_TYPER_FORCE_DISABLE_TERMINAL", "FORCE_COLOR", "COLUMNS")}
    env.update(TERM="xterm-256color", XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run([sys.executable, "-m", "pmladder", "assess", "--ladder", "pm-titles", "--answers", str(path)],
                          cwd=REPO, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"Roadmap to" in proc.stdout
    assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr


def test_example_profile_runs(run):
    """The README's demo: `assess --ladder pm-titles --answers ladders/examples/profile-alex.yaml` works."""
    example = REPO / "ladders" / "examples" / "profile-alex.yaml"
    person = yaml.safe_load(example.read_text(encoding="utf-8"))
    result = run("assess", "--ladder", "pm-titles", "--answers", example, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["level"]["id"] == expected_placement("pm-titles", person)
