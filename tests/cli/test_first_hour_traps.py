"""Small traps of a first hour with pmladder: --ladder by its title, `history --ladder` on a ladder with no
assessments while others have some, `assess --profile X --no-save`, and the schema link of a saved profile."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ALEX = REPO / "ladders" / "examples" / "profile-alex.yaml"
CUSTOM = REPO / "examples" / "ladders" / "custom-ladder.yaml"
TODAY = "2026-12-03"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# --- --ladder takes a title ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Project management titles", "project MANAGEMENT titles", "  Project management titles "])
def test_ladder_by_its_title(invoke, name):
    """`--ladder "Project management titles"` (any capitals) is the ladder pm-titles, as `--ladder pm-titles` is."""
    by_title = invoke("plan", "--profile", ALEX, "--ladder", name, "--today", TODAY, "--format", "json")
    by_id = invoke("plan", "--profile", ALEX, "--ladder", "pm-titles", "--today", TODAY, "--format", "json")
    assert by_title.exit_code == 0, by_title.stderr
    assert json.loads(by_title.stdout)["ladder"]["id"] == "pm-titles"
    assert by_title.stdout == by_id.stdout


def test_a_title_two_ladders_share_is_a_usage_error_naming_both(invoke, tmp_path):
    """A title two ladders have: exit 2, one line naming both ids; nothing printed on stdout."""
    folder = tmp_path / "ladders"
    folder.mkdir()
    src = CUSTOM.read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", src, re.M).group(1)
    (folder / "twin.yaml").write_text(src.replace("id: acme-delivery", "id: acme-twin"), encoding="utf-8")
    (folder / "acme.yaml").write_text(src, encoding="utf-8")
    result = invoke("plan", "--profile", ALEX, "--ladder", name.upper(), "--ladders-dir", folder, "--today", TODAY)
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert "acme-delivery" in line and "acme-twin" in line and "--ladder" in line
    assert result.stdout == ""


def test_a_title_no_ladder_has_is_still_unknown(invoke):
    result = invoke("plan", "--profile", ALEX, "--ladder", "No such ladder", "--today", TODAY)
    assert result.exit_code == 2
    assert "unknown ladder 'No such ladder'" in one_line(result.stderr)


# --- history --ladder with assessments on other ladders only ------------------------------------------


def test_history_on_a_ladder_without_assessments_names_the_ladders_that_have_some(invoke):
    """Two assessments on pm-titles and one on pmo-career: `history --ladder pmi-path` says none are on pmi-path
    and names both ladders with their counts, instead of "No assessments recorded yet"."""
    for ladder, day in (("pm-titles", "2026-01-01"), ("pm-titles", "2026-06-01"), ("pmo-career", "2026-03-01")):
        done = invoke("history", "import", ALEX, "--date", day, "--ladder", ladder)
        assert done.exit_code == 0, done.stderr
    result = invoke("history", "--ladder", "pmi-path")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "No assessments recorded yet" not in text
    assert "No assessments recorded on ladder 'pmi-path'" in text
    assert "pm-titles (2)" in text and "pmo-career (1)" in text
    as_json = invoke("history", "--ladder", "pmi-path", "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["assessments"] == []
    assert "pm-titles (2)" in as_json.stderr


def test_history_ladder_by_title_lists_its_assessments(invoke):
    done = invoke("history", "import", ALEX, "--date", "2026-01-01", "--ladder", "pm-titles")
    assert done.exit_code == 0, done.stderr
    result = invoke("history", "--ladder", "Project management titles", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [row["ladder"] for row in json.loads(result.stdout)["assessments"]] == ["pm-titles"]


def test_an_empty_history_still_says_no_assessments_yet(invoke):
    result = invoke("history", "--ladder", "pmi-path")
    assert result.exit_code == 0
    assert "No assessments recorded yet" in result.stdout


# --- assess --profile X --no-save --------------------------------------------------------------------


def test_assess_profile_with_no_save_is_accepted_and_saves_nothing(invoke, tmp_path):
    """`--no-save` with `--profile` says what already happens: exit 0, the plan shown, the profile file unchanged,
    no saved profile and no history entry made."""
    from pmladder.store.paths import data_dir

    profile = tmp_path / "me.yaml"
    profile.write_bytes(ALEX.read_bytes())
    result = invoke("assess", "--profile", profile, "--ladder", "pm-titles", "--no-save", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ladder"]["id"] == "pm-titles"
    assert profile.read_bytes() == ALEX.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.yaml"]
    assert not data_dir().exists() or sorted(p.name for p in data_dir().iterdir()) == []


def test_assess_profile_with_save_is_still_refused(invoke, tmp_path):
    result = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--save", tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert "--save" in one_line(result.stderr)
    assert not (tmp_path / "x.yaml").exists()


# --- the schema link of a saved profile --------------------------------------------------------------


def test_a_saved_profile_links_a_schema_outside_the_installation(invoke, tmp_path):
    """Saving answers writes the profile schema to the user's data folder and links the profile to it: a path that
    outlives a reinstall (not inside the virtual environment), holding what `pmladder schema profile` prints."""
    from pmladder.store.paths import data_dir

    saved = tmp_path / "me.yaml"
    result = invoke("assess", "--profile", ALEX, "--ladder", "pm-titles", "--ask", "--save", saved, "--today", TODAY,
                    "--format", "json", input="\n" * 300)
    assert result.exit_code == 0, result.stderr
    link = re.search(r"^# yaml-language-server: \$schema=(\S+)$", saved.read_text(encoding="utf-8"), re.M).group(1)
    schema = data_dir() / "profile.schema.json"
    assert link == schema.as_uri()
    assert not schema.resolve().is_relative_to(Path(sys.prefix).resolve())
    printed = invoke("schema", "profile")
    assert printed.exit_code == 0
    assert json.loads(schema.read_text(encoding="utf-8")) == json.loads(printed.stdout)


def test_an_old_schema_in_the_data_folder_is_refreshed(tmp_path):
    """A schema left by an older pmladder is replaced on the next save, so the link always shows this one's."""
    from pmladder.engine.types import Profile
    from pmladder.inputs.profiles import profile_schema, save_profile

    environ = {"PMLADDER_HOME": str(tmp_path / "home")}
    old = tmp_path / "home" / "data" / "profile.schema.json"
    old.parent.mkdir(parents=True)
    old.write_text('{"title": "an older schema"}\n', encoding="utf-8")
    save_profile(tmp_path / "me.yaml", Profile(name="Chris", education="bachelor", facts={}, certifications=()), environ=environ)
    assert json.loads(old.read_text(encoding="utf-8")) == profile_schema()


def test_a_data_folder_that_cannot_hold_the_schema_still_saves_the_profile(tmp_path):
    """When the schema cannot be written (the data folder is a file), the profile is saved without the link."""
    from pmladder.engine.types import Profile
    from pmladder.inputs.profiles import save_profile

    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "data").write_text("not a folder", encoding="utf-8")
    target = tmp_path / "me.yaml"
    save_profile(target, Profile(name="Chris", education="bachelor", facts={}, certifications=()),
                 environ={"PMLADDER_HOME": str(tmp_path / "home")})
    text = target.read_text(encoding="utf-8")
    assert "name: Chris" in text and "$schema" not in text
