"""One rule for the language of a run (words.language_for), in every command.

PMLADDER_LANG=zh on a ladder written only in English: pmladder's own words are Chinese, the
ladder's own text (its name, its titles) stays English, whichever command runs.
"""

from __future__ import annotations

import re

import pytest

from pmladder.engine.types import Ladder
from pmladder.words import language_for

PROFILE = "ladders/examples/profile-alex.yaml"
TODAY = "2026-01-01"
CJK = re.compile(r"[\u4e00-\u9fff]")


class _Ladder:
    def __init__(self, *languages):
        self.languages = languages


@pytest.mark.parametrize("requested, languages, words, text", [
    ("zh", ("en",), "zh", None),
    ("zh", ("en", "zh"), "zh", "zh"),
    ("ZH ", ("en", "zh"), "zh", "zh"),
    ("en", ("en", "zh"), None, None),
    (None, ("en", "zh"), None, None),
    ("fr", ("en", "fr"), None, "fr"),  # the ladder's French text; pmladder has no French words
    ("xx", ("en",), None, None),
])
def test_the_rule(requested, languages, words, text):
    assert tuple(language_for(requested, _Ladder(*languages))) == (words, text)
    assert language_for(requested).text is None


def test_the_rule_reads_an_engine_ladder(ladders_dir):
    from pmladder.inputs.library import load_library

    ladder = load_library().get("pmo-career").ladder
    assert isinstance(ladder, Ladder) and ladder.languages == ("en",)
    assert language_for("zh", ladder) == ("zh", None)


@pytest.fixture
def home(tmp_path, invoke, ladders_dir):
    """A history with two assessments on pmo-career, recorded in English."""
    env = {"PMLADDER_HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}
    for day in ("2025-06-30", TODAY):
        assert invoke("history", "import", ladders_dir / "examples" / "profile-alex.yaml", "--date", day,
                      "--ladder", "pmo-career", env=env).exit_code == 0
    return env


COMMANDS = {
    "assess": (["assess", "--profile", PROFILE, "--ladder", "pmo-career", "--today", TODAY], "Project Manager"),
    "plan": (["plan", "--profile", PROFILE, "--ladder", "pmo-career", "--today", TODAY], "Project Manager"),
    "where": (["where", "--profile", PROFILE, "--today", TODAY], "Project Manager"),
    "team": (["team", PROFILE, "--ladder", "pmo-career", "--today", TODAY], "PMO career ladder"),
    "progress": (["progress", "--ladder", "pmo-career"], "Project Manager"),
    "history": (["history", "--ladder", "pmo-career"], "Project Manager"),
    "show": (["show", "pmo-career"], "PMO career ladder"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_speaks_chinese_around_english_ladder_text(invoke, home, command):
    args, english = COMMANDS[command]
    result = invoke(*args, env={**home, "PMLADDER_LANG": "zh"})
    assert result.exit_code == 0, result.stderr
    assert CJK.search(result.stdout), f"{command}: pmladder's words are not Chinese:\n{result.stdout}"
    assert english in result.stdout, f"{command}: the ladder's English text is missing:\n{result.stdout}"
    english_run = invoke(*args, env={**home, "PMLADDER_LANG": "en"})
    assert english_run.exit_code == 0 and not CJK.search(english_run.stdout)
