"""Errors of the history, of progress and of team are worded at the CLI's boundary, in the
language of the run: Chinese under PMLADDER_LANG=zh or --lang zh, with the same exit codes."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from pmladder.exits import DATA_ERR, NO_INPUT, USAGE, Message
from pmladder.store.history import MIGRATIONS

PROFILE = Path(__file__).resolve().parents[2] / "ladders" / "examples" / "profile-alex.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_left(text: str, *known: str) -> list[str]:
    """The English words left in a message once paths, commands, options and file formats are taken out."""
    for part in sorted(known, key=len, reverse=True):
        text = text.replace(part, " ")
    text = re.sub(r"'pmladder [^']*'|pmladder(?: history| where| progress)?|--\w+|\bmv\b|SQLite|JSON|ISO", " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.fixture
def home(tmp_path):
    return {"PMLADDER_HOME": str(tmp_path / "home")}


@pytest.fixture
def db(home) -> Path:
    return Path(home["PMLADDER_HOME"]) / "data" / "history.sqlite3"


def record(invoke, home, *days):
    for day in days:
        assert invoke("history", "import", PROFILE, "--date", day, "--ladder", "pmo-career", env=home).exit_code == 0


def assert_chinese(result, code, *known):
    assert result.exit_code == code, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("pmladder") and CJK.search(line), line
    assert not english_left(line, *known), f"English left in: {line}"


def both_ways(invoke, home, *args, option: bool = True):
    """The same command under PMLADDER_LANG=zh and (`option`) under --lang zh in an English locale."""
    yield invoke(*args, env={**home, "PMLADDER_LANG": "zh"})
    if option:
        yield invoke(*args, "--lang", "zh", env={**home, "LANG": "C.UTF-8"})


@pytest.mark.parametrize("args, days, code", [
    (["progress"], (), NO_INPUT),  # nothing recorded yet
    (["progress"], ("2025-01-01",), NO_INPUT),  # only one assessment
    (["progress", "--from", "7"], ("2025-01-01",), NO_INPUT),
    (["progress", "--ladder", "pm-titles"], ("2025-01-01",), NO_INPUT),
    (["progress", "--since", "2024-01-01"], ("2025-01-01",), NO_INPUT),
    (["progress", "--from", "2", "--to", "1"], ("2025-01-01", "2025-06-01"), USAGE),
])
def test_progress_errors_are_chinese(invoke, home, db, args, days, code):
    record(invoke, home, *days)
    for result in both_ways(invoke, home, *args):
        assert_chinese(result, code, str(db), "pmo-career", "pm-titles")


def test_progress_on_another_ladder_is_chinese(invoke, home, db):
    record(invoke, home, "2025-01-01")
    assert invoke("history", "import", PROFILE, "--date", "2025-02-01", "--ladder", "pm-titles", env=home).exit_code == 0
    for result in both_ways(invoke, home, "progress", "--from", "1", "--ladder", "pm-titles"):
        assert_chinese(result, USAGE, "pmo-career", "pm-titles")


def test_an_unknown_assessment_is_chinese(invoke, home, db):
    record(invoke, home, "2025-01-01")
    for result in both_ways(invoke, home, "history", "forget", "9", "--yes", option=False):  # forget has no --lang
        assert_chinese(result, NO_INPUT, str(db))


def _not_sqlite(db: Path):
    db.write_bytes(b"not a database at all, " * 10)


def _foreign(db: Path):
    for old in db.parent.glob(db.name + "*"):
        old.unlink()
    con = sqlite3.connect(db)
    with con:
        con.execute("CREATE TABLE ledger (x)")
    con.close()


def _newer(db: Path):
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()


def _damaged_row(db: Path):
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE assessments SET recorded_at = 5 WHERE id = 1")
    con.close()


@pytest.mark.parametrize("spoil", [_not_sqlite, _foreign, _newer, _damaged_row])
def test_history_errors_are_chinese(invoke, home, db, spoil):
    record(invoke, home, "2025-01-01")
    spoil(db)
    for result in both_ways(invoke, home, "history"):
        assert_chinese(result, DATA_ERR, str(db), str(db) + ".old", "recorded_at", "ledger")


def test_history_errors_stay_english_without_a_language(invoke, home, db):
    record(invoke, home, "2025-01-01")
    _newer(db)
    result = invoke("history", env={**home, "LANG": "C.UTF-8"})
    assert result.exit_code == DATA_ERR
    assert result.stderr == (f"pmladder: {db}: written by a newer pmladder (history schema version 99; this pmladder reads "
                             f"up to {len(MIGRATIONS)}); upgrade pmladder, or move it away (mv {db} {db}.old) and pmladder will start a "
                             "new history\n")


@pytest.mark.parametrize("spoil", [_not_sqlite, _newer])
def test_an_import_that_cannot_be_recorded_is_chinese(invoke, home, db, spoil):
    record(invoke, home, "2025-01-01")
    spoil(db)
    args = ("history", "import", PROFILE, "--date", "2025-02-01", "--ladder", "pmo-career")
    for result in both_ways(invoke, home, *args):
        assert_chinese(result, DATA_ERR, str(db), str(db) + ".old")


@pytest.mark.parametrize("output", [None, "team.md"])
def test_team_skipped_line_is_chinese(invoke, home, tmp_path, output):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(PROFILE, folder / "alex.yaml")
    (folder / "bad.yaml").write_text("name: [\n", encoding="utf-8")
    args = ["team", folder, "--ladder", "pmo-career"] + (["-o", tmp_path / output] if output else [])
    for result in both_ways(invoke, home, *args, option=False):  # --lang zh stops on an English-only ladder
        line = result.stderr.strip().splitlines()[-1]
        assert_chinese(result, DATA_ERR, str(tmp_path / "team.md"))
        assert ("team.md" in line) == bool(output), line
        if output:
            (tmp_path / output).unlink()


def test_a_message_is_english_until_worded():
    message = Message("{a} and {b}", a=1, b=Message("{n} more", n=2))
    assert str(message) == "1 and 2 more"
    assert message.worded(lambda m: m.replace("and", "und").replace("more", "mehr")) == "1 und 2 mehr"
