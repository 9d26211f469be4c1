"""The arrow-key questionnaire in a real pseudo-terminal (pexpect): what a person does, and the saved file.

Each test runs `python -m pmladder assess` on a pty (so standard input really is a terminal
and Ctrl-C really is the terminal's interrupt character), with its own PMLADDER_HOME,
TERM=xterm, a fixed 100x40 window and NO_COLOR (the screen is still full of cursor
movement, so the tests look for short phrases, never for whole screens). Keys are the
escape sequences a terminal sends: "\\x1b[B" is the down arrow. After every run the profile
file is read back: what was chosen is what was saved, and a cancelled run wrote nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

from conftest import REPO, warm_library_cache  # noqa: E402
from pmladder.inputs.loader import load_library  # noqa: E402
from pmladder import words  # noqa: E402
from pmladder.engine.types import tr  # noqa: E402
from pmladder.ask.questions import OTHER, counted, questions  # noqa: E402

TIMEOUT = 30  # generous: a slow CI machine starts Python, loads the ladders and draws each prompt
CANCELLED = "Cancelled \u2014 nothing saved."
KEPT = "Cancelled \u2014 your profile is not saved"  # ...; the answers so far kept as a draft (the line may wrap after it)
DOWN, UP, ENTER, SPACE, CTRL_U = "\x1b[B", "\x1b[A", "\r", " ", "\x15"

LIB = load_library()
PM = LIB.get("pm-titles").ladder
QS = counted(questions(PM))
KEYS = [q.key for q in QS]
CERTS = next(q for q in QS if q.kind == "certifications")
SKILLS = [q for q in QS if q.kind == "competency"]


def _pty_works() -> bool:
    try:
        child = pexpect.spawn("true", timeout=5)
        child.expect(pexpect.EOF)
        child.close()
        return True
    except (OSError, pexpect.ExceptionPexpect):
        return False


pytestmark = pytest.mark.skipif(not _pty_works(), reason="no pseudo-terminal available")


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "pmladder-home"


def saved_path(home: Path) -> Path:
    return home / "data" / "profile.yaml"


def spawn(home: Path, *args: str, locale: str = "C.UTF-8"):
    """`pmladder assess ARGS` on a pty; `locale` is the person's LANG (LC_ALL and PMLADDER_LANG unset)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TTY_COMPATIBLE", "_TYPER_FORCE_DISABLE_TERMINAL", "FORCE_COLOR", "PMLADDER_PATH",
                        "PMLADDER_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(PMLADDER_HOME=str(home), TERM="xterm", NO_COLOR="1", COLUMNS="100", LINES="40",
               PROMPT_TOOLKIT_NO_CPR="1", LANG=locale, LC_CTYPE="C.UTF-8", PYTHONUNBUFFERED="1",
               PAGER="cat")  # the report is printed, not paged (tests/cli/test_brief_and_pager.py pages it)
    child = pexpect.spawn(sys.executable, ["-m", "pmladder", "assess", *args], cwd=str(REPO), env=warm_library_cache(env),
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100))
    child.setwinsize(40, 100)
    return Term(child, 40, 100)


def quick(child):
    """No fixed sleeps around the child: pexpect waits 50 ms before every write (for programs that
    turn echo off after their prompt; the questionnaire reads raw keys, and every test waits for
    the screen it answers) and 100 ms after closing; `finish` waits for the exit instead."""
    child.delaybeforesend = None
    child.ptyproc.delayafterclose = 0
    return child


class Term:
    """The child's terminal as a person sees it: its output fed to a VT100 emulator (pyte).

    prompt_toolkit redraws only what changed (a refusal that replaces another is written as the
    differing characters), so the tests read the emulated screen, never the raw byte stream.
    """

    def __init__(self, child, rows: int, cols: int):
        self.child = quick(child)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.raw: list[str] = []
        self.ended = False
        self.shown: str | None = None  # text() until the next output arrives

    def pump(self, timeout: float = 0.1) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self.ended = True
            return
        self.raw.append(data)
        self.stream.feed(data)
        self.shown = None

    def text(self) -> str:
        """The screen's lines, right-trimmed, as pyte's `display` gives them. `display` measures the width of every
        cell (5 ms a screen, most of these tests' own CPU): a screen whose every line is one ASCII character a cell
        (no wide character and its stub) is its cells joined; any other goes through `display`."""
        if self.shown is None:
            screen, columns = self.screen, range(self.screen.columns)
            lines = ["".join([row[x].data for x in columns]) for row in (screen.buffer[y] for y in range(screen.lines))]
            if not all(line.isascii() and len(line) == screen.columns for line in lines):
                lines = screen.display
            self.shown = "\n".join(line.rstrip() for line in lines)
        return self.shown

    def see(self, phrase: str, timeout: float = TIMEOUT) -> None:
        """Wait until `phrase` is on the screen (on one line)."""
        deadline = time.monotonic() + timeout
        while phrase not in self.text():
            if self.ended or time.monotonic() > deadline:
                pytest.fail(f"never saw {phrase!r}; the screen:\n{self.text()}")
            self.pump()

    def send(self, *sequence: str) -> None:
        for key in sequence:
            self.child.send(key)
            self.pump(0.02)

    def output(self) -> str:
        return "".join(self.raw)


def keys(term: Term, *sequence: str) -> None:
    term.send(*sequence)


def finish(term: Term) -> int:
    child = term.child
    child.expect(pexpect.EOF)
    term.raw.append(child.before or "")
    child.wait()
    child.close()
    assert child.signalstatus is None, "killed by a signal instead of exiting"
    return child.exitstatus


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def profile_files(home: Path) -> list[Path]:
    """Files in the data folder (the cache folder beside it may hold the ladder cache)."""
    return files_under(home / "data")


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def down_to(options: list[str], start: str | None, target: str) -> list[str]:
    """The down-arrow presses from `start` (None: the first line) to `target` in a list of values."""
    return [DOWN] * (options.index(target) - (options.index(start) if start else 0))


FACTS = {"years_experience": "6", "years_managing": "3", "years_leading_managers": "0", "team_size": "8",
         "concurrent_projects": "2", "pm_training_hours": "40"}


def answer_facts(child: Term, facts=FACTS) -> None:
    for q in QS:
        if q.kind == "fact":
            child.see(q.prompt[:40])
            keys(child, facts[q.key], ENTER)
            child.see(f"{q.label}: ")


def saved_profile(home: Path, **changes) -> dict:
    """A complete saved pm-titles profile, as a first run leaves it."""
    data = {
        "schema_version": 1, "name": "Mei Chen", "ladder": "pm-titles", "assessed_on": "2026-03-01",
        "education": "bachelor", "facts": {k: int(v) for k, v in FACTS.items()}, "certifications": ["PMP"],
        "competencies": {q.key: 3 for q in SKILLS},
    }
    data.update(changes)
    path = saved_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return data


# --- a whole first assessment -------------------------------------------------------------------------


def test_a_whole_first_assessment_with_arrow_keys_saves_exactly_what_was_chosen(home):
    child = spawn(home, "--ladder", "pm-titles")
    child.see("Go back: 'back'")  # the first screen says how to go back ...
    child.see("Cancel: Ctrl-C")  # ... and how to cancel
    child.see("Your name (for exported")
    keys(child, "Mei Chen", ENTER)
    child.see("Name: Mei Chen")

    child.see("Highest completed education")
    keys(child, ENTER)  # a stray Enter on a first run answers nothing
    child.see("Choose an answer")
    education = [o.value for o in QS[1].options]
    keys(child, *down_to(education, None, "bachelor"), DOWN, ENTER)  # the placeholder is the first line
    child.see("Education: Bachelor's degree")

    child.see(PM.facts["years_experience"].question[:40])
    keys(child, "6", ENTER)
    child.see(PM.facts["years_managing"].question[:40])
    keys(child, "abc", ENTER)  # a wrong answer: refused in place, the question stays
    child.see("Please answer with a number")
    keys(child, CTRL_U, "9", ENTER)  # more than years in project work: the cross-check
    child.see("is more than your years in project work (6)")
    keys(child, CTRL_U, "3", ENTER)
    child.see("Years managing projects: 3 years")
    for key in ("years_leading_managers", "team_size", "concurrent_projects", "pm_training_hours"):
        child.see(PM.facts[key].question[:40])
        keys(child, FACTS[key], ENTER)
        child.see(f"{PM.facts[key].name}: ")

    child.see("Which certifications do you hold?")
    child.see("Project Management Institute (PMI)")  # grouped by issuer
    values = [o.value for o in CERTS.options]
    keys(child, *down_to(values, None, "PgMP"), SPACE, "?")  # '?' explains, then the list as it was left
    child.see("Tick every certification you hold now")
    child.see("Which certifications do you hold?")
    keys(child, *down_to(values, "PgMP", "CSM"), SPACE, *down_to(values, "CSM", OTHER), SPACE, ENTER)
    child.see("Names of your other certificates")
    keys(child, "Scrum@Scale Practitioner, Six Sigma Green Belt", ENTER)
    child.see("Other certificates: Scrum@Scale Practitioner, Six Sigma Green Belt")
    child.see("When did you last earn or renew PgMP? (YYYY-MM, Enter to skip)")  # PgMP lapses; CSM does not
    keys(child, ENTER)

    ratings = {}
    for i, q in enumerate(SKILLS):
        child.see(q.prompt)
        if i == 0:  # arrows: the placeholder, then 0, 1, 2
            keys(child, DOWN, DOWN, DOWN, ENTER)
            ratings[q.key] = 2
        elif i == 1:  # '?' shows what every rating means for this skill, then the same question
            keys(child, "?")
            child.see(PM.comps[q.key].ratings[5][:40])
            child.see(q.prompt)
            keys(child, "5", ENTER)
            ratings[q.key] = 5
        elif i == 2:
            keys(child, *down_to([o.value for o in q.options], None, "skip"), DOWN, ENTER)  # not sure
        else:
            ratings[q.key] = i % 6
            keys(child, str(ratings[q.key]), ENTER)
        child.see(f"{q.label}: ")

    child.see("Review your answers")
    child.see("Change which answer?")
    risk = KEYS.index("risk") + 1
    keys(child, str(risk), ENTER)  # change one answer on the review screen
    child.see("Risk management: your rating")
    keys(child, UP, ENTER)
    ratings["risk"] -= 1
    child.see("Change which answer?")
    keys(child, ENTER)
    child.see("Saved your answers to")
    assert finish(child) == 0

    data = read(saved_path(home))
    assert data["name"] == "Mei Chen" and data["education"] == "bachelor" and data["ladder"] == "pm-titles"
    assert data["facts"] == {k: int(v) for k, v in FACTS.items()}
    assert data["certifications"] == ["PgMP", "CSM"]
    assert data["other_certifications"] == ["Scrum@Scale Practitioner", "Six Sigma Green Belt"]
    assert data["competencies"] == ratings
    assert SKILLS[2].key not in data["competencies"]  # skipped: unknown, not 0
    assert oct(saved_path(home).stat().st_mode & 0o777) == "0o600"


def test_none_of_these_records_none_in_three_keys(home):
    """Certifications never answered: 'None of these' (↑ twice from the top) and Enter records 'none' (not unknown)."""
    saved_profile(home, certifications=None)
    child = spawn(home, "--ladder", "pm-titles", "--only", "certifications")
    child.see("Which certifications do you hold?")
    child.see("None of these")
    keys(child, UP, UP, ENTER)
    child.see("Certifications: none")
    child.see("Change which answer?")
    keys(child, ENTER)
    assert finish(child) == 0
    assert read(saved_path(home))["certifications"] == []


# --- second runs ------------------------------------------------------------------------------------


def test_a_second_run_changes_one_rating_in_a_handful_of_keys(home):
    before = saved_profile(home)
    child = spawn(home, "--ladder", "pm-titles", "--today", "2026-09-01")
    child.see("Pre-filled from your last assessment on 2026-03-01.")
    child.see("Change which answer?")
    number = str(KEYS.index("risk") + 1)
    keys(child, *number, ENTER)
    child.see("Risk management: your rating")
    keys(child, DOWN, ENTER)
    child.see("Change which answer?")
    keys(child, ENTER)
    child.see("Saved your answers to")
    assert finish(child) == 0
    assert len(number) + 4 <= 6  # the number, Enter, one arrow, Enter, Enter
    after = read(saved_path(home))
    assert after["competencies"] == {**before["competencies"], "risk": 4}
    assert {k: v for k, v in after.items() if k not in ("competencies", "assessed_on")} == \
        {k: v for k, v in before.items() if k not in ("competencies", "assessed_on")}
    assert after["assessed_on"] == "2026-09-01"


def test_only_skills_re_asks_the_skills_prefilled_and_keeps_the_rest(home):
    before = saved_profile(home)
    child = spawn(home, "--only", "skills")
    child.see("Pre-filled from your last assessment on 2026-03-01.")
    for i, q in enumerate(SKILLS):
        child.see(f"{i + 1}/{len(SKILLS)}")
        child.see(q.prompt)
        keys(child, UP if i == 4 else "", ENTER)  # Enter keeps the saved rating; one goes down to 2
        child.see(f"{q.label}: ")
    child.see("Change which answer?")
    keys(child, ENTER)
    assert finish(child) == 0
    after = read(saved_path(home))
    assert after["competencies"] == {**before["competencies"], SKILLS[4].key: 2}
    assert after["facts"] == before["facts"] and after["certifications"] == before["certifications"]


def test_back_at_the_first_question_returns_to_the_ladder_choice(home):
    child = spawn(home, "--no-save", "--format", "json")
    child.see("Which ladder do you want to be placed on?")
    ladders = sorted(LIB.ladders)
    keys(child, ENTER)  # the list starts on "(choose one)": a stray Enter picks no ladder
    child.see("Choose an answer")
    keys(child, *down_to(ladders, None, "pm-titles"), DOWN, ENTER)
    child.see("Ladder: Project management titles")
    child.see("Your name (for exported")
    keys(child, "back", ENTER)
    child.see("Which ladder do you want to be placed on?")
    keys(child, *down_to(ladders, "pm-titles", "pmo-career"), ENTER)
    child.see("Ladder: PMO career ladder")
    child.see("Your name (for exported")
    child.child.sendintr()
    child.see(CANCELLED)
    assert finish(child) == 130


# --- cancelling -------------------------------------------------------------------------------------


CANCEL_AT = {  # where: (the options, what is on the screen then)
    "ladder": ((), "Which ladder do you want"),
    "text": (("--ladder", "pm-titles", "--only", "experience"), "Your name (for exported"),
    "select": (("--ladder", "pm-titles", "--only", "skills"), "your rating"),
    "checkbox": (("--ladder", "pm-titles", "--only", "certifications"), "Which certifications"),
    "review": (("--ladder", "pm-titles"), "Change which answer?"),
}


@pytest.mark.parametrize("where", list(CANCEL_AT))
def test_ctrl_c_cancels_anywhere_and_leaves_the_saved_profile_intact(home, where):
    saved_profile(home)
    original = saved_path(home).read_bytes()
    args, screen = CANCEL_AT[where]
    child = spawn(home, *args)
    child.see(screen)
    child.child.sendintr()
    child.see(CANCELLED)
    assert "Traceback" not in child.output()
    assert finish(child) == 130
    assert saved_path(home).read_bytes() == original
    assert profile_files(home) == [saved_path(home)]  # no temp file beside it


def test_ctrl_c_on_a_first_run_writes_nothing(home):
    child = spawn(home, "--ladder", "pm-titles")
    child.see("Your name (for exported")
    keys(child, "Mei", ENTER)
    child.see("Highest completed education")
    child.child.sendintr()
    child.see(KEPT)  # not "nothing saved": the answer so far is kept, and the message says so
    assert finish(child) == 130
    assert profile_files(home) == [home / "data" / "draft.json"]  # no profile; the answer so far kept as a draft


@pytest.mark.parametrize("where", ["text", "select"])
def test_ctrl_d_cancels_too(home, where):
    child = spawn(home, "--ladder", "pm-titles")
    child.see("Your name (for exported")
    if where == "select":
        keys(child, ENTER)
        child.see("Highest completed education")
    child.child.sendeof()
    child.see(CANCELLED)
    assert finish(child) == 130
    assert profile_files(home) == []


def test_quit_typed_at_a_prompt_cancels(home):
    child = spawn(home, "--ladder", "pm-titles")
    child.see("Your name (for exported")
    keys(child, "quit", ENTER)
    child.see(CANCELLED)
    assert finish(child) == 130
    assert profile_files(home) == []


def test_the_report_follows_the_review_on_the_same_terminal(home):
    """After Enter on the review the answers are saved and the plan is shown (stdout is the terminal too)."""
    saved_profile(home)
    child = spawn(home, "--ladder", "pm-titles", "--today", dt.date(2026, 9, 1).isoformat())
    child.see("Change which answer?")
    before = len(child.output())
    keys(child, ENTER)
    assert finish(child) == 0
    # in all the terminal was given after the Enter, not on the last screen: the report is longer than the screen,
    # and on a busy machine this process may read it in one piece, its head already scrolled off
    assert "Where you stand" not in child.output()[:before]
    assert "Where you stand" in child.output()[before:]


# --- in Chinese -------------------------------------------------------------------------------------


def _in_chinese():
    """The pmo-sequence questions and the messages the test looks for, as a Chinese reader sees them."""
    words.use("zh")
    try:
        ladder = LIB.get("pmo-sequence").ladder
        qs = counted(questions(ladder, lang="zh"))
        said = {m: words._(m).split("{")[0] for m in (
            "Review your answers", "Change which answer?",
            "Saved your answers to {path} (use them again with --profile {path}).")}
        said["Where you stand"] = words._("Where you stand on {ladder}").format(ladder=ladder.name_in("zh"))
        said["PMP date"] = words._("When did you last earn or renew {cert}? (YYYY-MM, Enter to skip)").format(cert="PMP")
        return ladder, qs, said
    finally:
        words.use(None)


def test_a_whole_assessment_in_chinese_from_the_first_question_to_the_saved_profile(home):
    """LANG=zh_CN.UTF-8 and nothing else: every screen is Chinese, and what was chosen is what was saved."""
    ladder, qs, said = _in_chinese()
    assert all(not m.isascii() for m in said.values())  # the catalog really has these in Chinese
    child = spawn(home, "--ladder", "pmo-sequence", "--today", "2026-12-01", locale="zh_CN.UTF-8")
    child.see("取消：按 Ctrl-C")  # how to cancel, in Chinese
    facts = {"years_experience": 7, "years_managing": 4, "years_pmo": 3, "years_leading_managers": 1,
             "team_size": 12, "concurrent_projects": 3, "pm_training_hours": 60}
    ratings = {}
    for i, q in enumerate(qs, 1):
        child.see(f"{i}/{len(qs)} {q.prompt[:12]}")
        if q.kind == "name":
            keys(child, "梅晨", ENTER)
            child.see(f"{q.label}：梅晨")  # the name as typed, wide characters and all
        elif q.kind == "education":
            keys(child, *down_to([o.value for o in q.options], None, "master"), DOWN, ENTER)
            child.see(f"{q.label}：{next(o.label for o in q.options if o.value == 'master')}")
        elif q.kind == "fact":
            keys(child, str(facts[q.key]), ENTER)
            child.see(f"{q.label}：{facts[q.key]}")
        elif q.kind == "certifications":
            values = [o.value for o in q.options]
            keys(child, *down_to(values, None, "PMP"), SPACE, ENTER)
            child.see(f"{q.label}：PMP")
            child.see(said["PMP date"][:16])  # PMP lapses: when was it earned (Enter leaves it out)
            keys(child, ENTER)
        elif q.kind == "competency":
            if i == len(qs) - 1:  # '?' explains the ratings in Chinese, then the same question
                keys(child, "?")
                child.see(tr(ladder.comps[q.key], "ratings", "zh")[4][:12])
                child.see(q.prompt)
            ratings[q.key] = 1 + i % 5
            keys(child, str(ratings[q.key]), ENTER)
            child.see(f"{q.label}：")
    child.see(said["Review your answers"])
    child.see(said["Change which answer?"])
    keys(child, ENTER)
    child.see(said["Saved your answers to {path} (use them again with --profile {path})."].rstrip())  # the path may wrap to its own line
    assert finish(child) == 0

    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.output())  # the text, without styles and moves
    assert said["Where you stand"] in screen  # the report that follows is Chinese too (scrolled past by now)
    for english in ("Review your answers", "Change which answer", "Saved your answers", "Where you stand",
                    "Choose an answer", "Your name", "Which certifications"):
        assert english not in screen
    assert "Traceback" not in screen
    data = read(saved_path(home))
    assert data["name"] == "梅晨" and data["ladder"] == "pmo-sequence" and data["education"] == "master"
    assert data["facts"] == facts and data["certifications"] == ["PMP"] and data["competencies"] == ratings
    assert data["assessed_on"] == "2026-12-01"
