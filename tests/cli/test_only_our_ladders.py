"""Only our ladders: PMLADDER_LADDERS or `ladders = ...` in config.toml chooses what lists of ladders show
(`where`, `ladders`, the Markdown plan's other ladders, the default ladder); a command naming a ladder uses any."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgdata import ORG, org_folder, profile_file  # noqa: E402
TODAY = "2026-01-01"
PROFILE = """schema_version: 1
facts: {years_experience: 8, years_managing: 6, years_program: 1, cases_approved: 1, budget_led: 2500000, years_pmo: 3}
competencies: {risk: 3}
certifications: []
"""
BUILT_IN = {"ipma-levels", "pm-titles", "pmi-path", "pmo-career", "pmo-sequence"}


@pytest.fixture
def org(tmp_path) -> Path:
    return org_folder(tmp_path)


@pytest.fixture
def me(tmp_path) -> Path:
    return profile_file(tmp_path, PROFILE)


@pytest.fixture
def config(isolated_user_dirs) -> Path:
    """Where the settings file goes (XDG_CONFIG_HOME/pmladder/config.toml in the tests' home)."""
    folder = isolated_user_dirs / "config" / "pmladder"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "config.toml"


def listed(invoke, org, env=None) -> list[str]:
    result = invoke("ladders", "--ladders-dir", org, "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)["ladders"]]


def where_ids(invoke, org, me, env=None) -> list[str]:
    result = invoke("where", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return [row["ladder"]["id"] for row in json.loads(result.stdout)["ladders"]]


def test_without_a_setting_every_ladder_is_listed(invoke, org, me):
    assert set(listed(invoke, org)) == BUILT_IN | {"org-delivery"}
    assert set(where_ids(invoke, org, me)) == BUILT_IN | {"org-delivery"}


def test_mine_hides_the_built_in_ladders(invoke, org, me):
    env = {"PMLADDER_LADDERS": "mine"}
    assert listed(invoke, org, env) == ["org-delivery"]
    assert where_ids(invoke, org, me, env) == ["org-delivery"]


def test_a_list_of_ids_picks_those_ladders(invoke, org, me):
    env = {"PMLADDER_LADDERS": "org-delivery, pm-titles"}
    assert listed(invoke, org, env) == ["org-delivery", "pm-titles"]
    assert where_ids(invoke, org, me, env) == ["org-delivery", "pm-titles"]


def test_a_hidden_ladder_named_on_the_command_line_still_works(invoke, org, me):
    env = {"PMLADDER_LADDERS": "mine"}
    shown = invoke("show", "pmi-path", "--ladders-dir", org, env=env)
    assert shown.exit_code == 0, shown.stderr
    plan = invoke("assess", "--ladder", "pmi-path", "--profile", me, "--ladders-dir", org, "--today", TODAY,
                  "--format", "json", env=env)
    assert plan.exit_code == 0, plan.stderr
    assert json.loads(plan.stdout)["ladder"]["id"] == "pmi-path"


def test_a_profile_without_a_ladder_goes_to_the_only_ladder_listed(invoke, org, me):
    alone = invoke("assess", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--format", "json",
                   env={"PMLADDER_LADDERS": "mine"})
    assert alone.exit_code == 0, alone.stderr
    assert json.loads(alone.stdout)["ladder"]["id"] == "org-delivery"
    several = invoke("assess", "--profile", me, "--ladders-dir", org, "--today", TODAY, env={"PMLADDER_LADDERS": "mine,pm-titles"})
    assert several.exit_code == 2
    assert "known ladders: org-delivery, pm-titles" in several.stderr


def test_the_markdown_plan_lists_only_the_chosen_other_ladders(invoke, org, me):
    args = ("plan", "--ladder", "org-delivery", "--profile", me, "--ladders-dir", org, "--today", TODAY, "--format", "markdown")
    everything = invoke(*args)
    assert everything.exit_code == 0, everything.stderr
    assert "pmi-path" in everything.stdout
    ours = invoke(*args, env={"PMLADDER_LADDERS": "org-delivery,pm-titles"})
    assert ours.exit_code == 0, ours.stderr
    assert "pm-titles" in ours.stdout and "pmi-path" not in ours.stdout and "ipma-levels" not in ours.stdout


def test_an_id_that_is_not_installed_is_named_with_the_nearest(invoke, org):
    result = invoke("ladders", "--ladders-dir", org, env={"PMLADDER_LADDERS": "org-delivery,pm-titel"})
    assert result.exit_code == 0
    assert "PMLADDER_LADDERS names ladder 'pm-titel', which is not installed (did you mean 'pm-titles'?)" in result.stderr


def test_a_setting_that_leaves_nothing_shows_every_ladder_with_a_note(invoke):
    result = invoke("ladders", "--format", "json", env={"PMLADDER_LADDERS": "mine"})
    assert result.exit_code == 0
    assert {row["id"] for row in json.loads(result.stdout)["ladders"]} == BUILT_IN
    assert "PMLADDER_LADDERS leaves no installed ladder to show: showing them all" in result.stderr


def test_the_settings_file_chooses_and_the_variable_wins(invoke, org, me, config):
    config.write_text('# our ladders only\nladders = "mine"\n', encoding="utf-8")
    assert listed(invoke, org) == ["org-delivery"]
    assert where_ids(invoke, org, me) == ["org-delivery"]
    config.write_text('ladders = ["pm-titles", "org-delivery"]\n', encoding="utf-8")
    assert listed(invoke, org) == ["org-delivery", "pm-titles"]
    assert listed(invoke, org, {"PMLADDER_LADDERS": "all"}) == sorted(BUILT_IN | {"org-delivery"})


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ('\n\nladders = mine\n', 3, "TOML syntax: "),
    ('ladders = "mine"\nladder = 3\n', 2, "unknown setting 'ladder' (did you mean 'ladders'?)"),
    ('ladders = 3\n', 1, 'ladders: should be "mine", "all", or a list of ladder ids'),
])
def test_a_mistake_in_the_settings_file_stops_only_the_commands_that_list_ladders(invoke, org, me, config, text, line, fragment):
    config.write_text(text, encoding="utf-8")
    for args in (("ladders", "--ladders-dir", org), ("where", "--profile", me, "--ladders-dir", org, "--today", TODAY)):
        result = invoke(*args)
        assert result.exit_code == 65, result.output
        found = re.search(rf"^{re.escape(str(config))}:(\d+):(\d+): (.*)$", result.stderr, re.M)
        assert found, result.stderr
        assert int(found.group(1)) == line and fragment in found.group(3)
        assert "Traceback" not in result.output
    named = invoke("show", "pm-titles", "--ladders-dir", org)
    assert named.exit_code == 0, named.stderr
    assert str(config) not in named.stderr


def test_a_settings_file_that_is_not_a_file_is_refused_not_waited_on(invoke, org, config):
    import os

    os.mkfifo(config)
    result = invoke("ladders", "--ladders-dir", org)
    assert result.exit_code == 65
    assert f"{config}:1:1: cannot read the settings file" in result.stderr


def test_the_root_help_names_the_variable(invoke):
    result = invoke("--help")
    text = " ".join(result.stdout.split())
    assert "PMLADDER_LADDERS=mine" in text and "config.toml" in text and "PMLADDER_HOME" in text
