"""A new user's first hour with the questionnaire, in a real pseudo-terminal (issue 22, "Questions without traps").

Each run is `python -m pmladder assess` on a pty of 60, 80 or 120 columns and 30 rows (smaller than the
review's 33 answers), in English or with `--lang zh`, read through a VT100 emulator (pyte; see
test_questionnaire_terminal.py): the tests wait for what is on the screen, never for a fixed time.
What they prove: Enter on a highlighted certificate takes it (never "none"), a typed digit picks a
numbered choice, '?' explains with an example, going back erases the section header and the answer
line it leaves, Ctrl-C keeps a private draft in PMLADDER_HOME that the next run resumes (or deletes
when declined), every page of the review fits the terminal, and what is saved is what was chosen.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pytest.importorskip("pyte")

from conftest import REPO, warm_library_cache  # noqa: E402
from test_questionnaire_terminal import (  # noqa: E402
    CANCELLED, DOWN, ENTER, LIB, PM, Term, _pty_works, down_to, finish, keys, read, saved_path, saved_profile,
)
from pmladder import words  # noqa: E402
from pmladder.exits import KEPT  # noqa: E402
from pmladder.ask.questions import counted, education_label, questions, section_title  # noqa: E402
from pmladder.ask.session import Session  # noqa: E402
from pmladder.store.draft import Draft, load_draft  # noqa: E402

pytestmark = pytest.mark.skipif(not _pty_works(), reason="no pseudo-terminal available")

ROWS = 30
FACTS = {"years_experience": "6", "years_managing": "3", "years_leading_managers": "0", "team_size": "8",
         "concurrent_projects": "2", "pm_training_hours": "40", "years_pmo": "2"}


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "pmladder-home"


def draft_file(home: Path) -> Path:
    return home / "data" / "draft.json"


def start(home: Path, cols: int, *args: str) -> Term:
    """`pmladder assess ARGS` on a pty of `cols` x 30, whose size Rich and prompt_toolkit both see."""
    keep = ("PATH", "HOME", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env |= {"PMLADDER_HOME": str(home), "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": str(cols), "LINES": str(ROWS),
            "PROMPT_TOOLKIT_NO_CPR": "1", "LANG": "C.UTF-8", "LC_CTYPE": "C.UTF-8", "PYTHONUNBUFFERED": "1",
            "PAGER": "cat"}  # the report is printed, not paged (tests/cli/test_brief_and_pager.py pages it)
    child = pexpect.spawn(sys.executable, ["-m", "pmladder", "assess", *args], cwd=str(REPO), env=warm_library_cache(env),
                          encoding="utf-8", timeout=30, dimensions=(ROWS, cols))
    return Term(child, ROWS, cols)


class Said:
    """The questions and the phrases a reader of `lang` sees (computed in that language, then English again)."""

    def __init__(self, lang: str):
        self.ladder = "pmo-sequence" if lang == "zh" else "pm-titles"  # pm-titles has no Chinese text
        words.use(None if lang == "en" else lang)
        try:
            _ = words._
            ladder = LIB.get(self.ladder).ladder
            self.qs = counted(questions(ladder, lang=lang))
            self.all = questions(ladder, lang=lang)
            self.colon = words.C_("label", ": ")
            self.bachelor = education_label("bachelor")
            self.skills = section_title("skills")
            self.kept = _("Your {n} answers so far are kept: the next 'pmladder assess' offers to pick up where you "
                          "left off.").split("{")[0]
            self.cancelled = _(KEPT).split(";")[0].split("\uff1b")[0]  # Ctrl-C after answers: the draft is kept, and said
            self.resume = _("You stopped with {n} answers on {ladder} ({date}). Pick up where you left off?").split("{")[0]
            self.picked = _("Picked up {n} answers where you left off.").split("{")[0]
            self.title = _("Review your answers")
            self.prompt = _("Change which answer?")
            self.page = _("Page {page} of {pages}.")
            # the last screen: the summary ends the run and says where the answers are (the line "Saved your
            # answers to" comes before the report and has scrolled away on a 30-row screen)
            self.saved = _("Your answers are saved in {path}.").split("{")[0]
        finally:
            words.use(None)

    def q(self, key: str):
        return next(q for q in self.all if q.key == key)


def head(text: str, cols: int) -> str:
    """The start of a question as it shows on one screen line (wide characters take two cells)."""
    return text[: (cols // 4 if not text.isascii() else cols // 2) - 6]


def lines_starting(screen: str, text: str) -> list[str]:
    return [line for line in screen.splitlines() if line.startswith(text)]


def answer_to_review(term: Term, said: Said, cols: int, ratings: dict, first_skill: int) -> None:
    """Rate the skills from `first_skill` on with a digit and Enter."""
    skills = [q for q in said.qs if q.kind == "competency"]
    for i, q in enumerate(skills[first_skill:], first_skill):
        term.see(head(q.prompt, cols))
        ratings[q.key] = i % 6
        keys(term, str(ratings[q.key]), ENTER)
        term.see(f"{q.label}{said.colon}{ratings[q.key]}")


def accept_review(term: Term, said: Said, paged: bool) -> None:
    """Every page of the review fits the terminal (its title is still on screen with the prompt); Enter goes
    through them; together they show every answer's number."""
    numbers: set[int] = set()
    term.see(said.title)
    for k in range(1, 8):
        term.see(said.prompt)
        screen = term.text().splitlines()
        tops = [i for i, line in enumerate(screen) if line.startswith(said.title)]
        assert tops, "the review's title scrolled off: the page does not fit"
        pages = next((n for n in range(1, 8) if said.page.format(page=k, pages=n) in term.text()), None)
        assert (pages is not None) == paged, term.text()
        for line in screen[tops[-1]:]:
            found = re.match(r"^\s{0,2}(\d{1,2}) ", line)
            if found:
                numbers.add(int(found.group(1)))
        keys(term, ENTER)
        if not paged or k == pages:
            break
        term.see(said.page.format(page=k + 1, pages=pages))
    if paged:
        assert numbers == set(range(1, len(said.qs) + 1))


@pytest.mark.parametrize("cols,lang", [(60, "en"), (80, "zh"), (120, "en"), (60, "zh")])
def test_enter_digits_help_back_ctrl_c_and_resume_save_what_was_chosen(home, cols, lang):
    said = Said(lang)
    args = ("--ladder", said.ladder, "--today", "2026-06-01") + (("--lang", "zh") if lang == "zh" else ())
    term = start(home, cols, *args)
    name, education = said.qs[0], said.qs[1]
    term.see(head(name.prompt, cols))
    keys(term, "Mei", ENTER)
    term.see(f"{name.label}{said.colon}Mei")

    term.see(head(education.prompt, cols))
    keys(term, "3", ENTER)  # the third line of the list, typed
    term.see(f"{education.label}{said.colon}{said.bachelor}")

    facts = [q for q in said.qs if q.kind == "fact"]
    for i, q in enumerate(facts):
        term.see(head(q.prompt, cols))
        if i == 0:  # '?' explains with an example, then asks again
            keys(term, "?", ENTER)
            term.see(head(q.help[-2], cols))
            term.see(head(q.prompt, cols))
        keys(term, FACTS[q.key], ENTER)
        term.see(f"{q.label}{said.colon}")

    certs = next(q for q in said.qs if q.kind == "certifications")
    term.see(head(certs.prompt, cols))
    keys(term, *down_to([o.value for o in certs.options], None, "PMP"), ENTER)  # Enter, not Space, on PMP
    term.see(f"{certs.label}{said.colon}PMP")
    date = said.q("date:PMP")
    term.see(head(date.prompt, cols))
    keys(term, ENTER)
    date_line = f"\u2713 {date.label}"
    term.see(date_line[:20])

    skills = [q for q in said.qs if q.kind == "competency"]
    term.see(head(skills[0].prompt, cols))
    assert len(lines_starting(term.text(), said.skills + " \u2500")) == 1
    keys(term, "\x1b[A", ENTER)  # up from the first line is '← back': to the PMP date again
    term.see(head(date.prompt, cols))
    keys(term, "")  # let the redraw settle
    screen = term.text()
    assert lines_starting(screen, said.skills + " \u2500") == [], screen  # no stray section header ...
    assert lines_starting(screen, date_line[:20]) == [], screen  # ... nor the answer being changed
    keys(term, "2024-05", ENTER)
    term.see(head(skills[0].prompt, cols))
    assert len(lines_starting(term.text(), said.skills + " \u2500")) == 1

    ratings: dict = {}
    for i in (0, 1):
        ratings[skills[i].key] = 2 + 2 * i
        term.see(head(skills[i].prompt, cols))
        keys(term, str(ratings[skills[i].key]), ENTER)
        term.see(f"{skills[i].label}{said.colon}{ratings[skills[i].key]}")
    term.see(head(skills[2].prompt, cols))
    term.child.sendintr()  # Ctrl-C at question 3 of the skills
    term.see(said.kept[:20])
    term.see(said.cancelled)
    assert finish(term) == 130
    assert not saved_path(home).exists()
    draft = draft_file(home)
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    assert draft.resolve().is_relative_to(home.resolve())

    term = start(home, cols, *args)  # the next run offers to pick up where it stopped
    term.see(said.resume[:16])
    keys(term, ENTER)
    term.see(said.picked[:12])
    answer_to_review(term, said, cols, ratings, 2)
    accept_review(term, said, paged=cols < 96)
    term.see(said.saved[:12])
    assert finish(term) == 0

    data = read(saved_path(home))
    assert data["name"] == "Mei" and data["education"] == "bachelor"
    assert data["facts"] == {q.key: int(FACTS[q.key]) for q in facts}
    assert data["certifications"] == ["PMP"]
    assert data["certification_dates"] == {"PMP": {"earned": "2024-05"}}
    assert data["competencies"] == ratings
    assert not draft.exists()  # a finished run deletes the draft


def test_declining_the_draft_deletes_it_and_starts_afresh(home):
    said = Said("en")
    Draft(draft_file(home)).keep("pm-titles", {"name": "Zed", "education": "master"})
    term = start(home, 80, "--ladder", "pm-titles")
    term.see(said.resume)
    keys(term, DOWN, ENTER)  # No
    term.see("1/")
    term.see(head(said.qs[0].prompt, 80))
    assert not draft_file(home).exists()
    assert "Zed" not in term.text()
    term.child.sendintr()  # nothing answered yet: nothing to keep
    term.see(CANCELLED)
    assert finish(term) == 130
    assert not draft_file(home).exists() and not saved_path(home).exists()


def test_the_review_of_a_second_run_says_what_changed_and_fits_60_columns(home):
    said = Said("en")
    saved_profile(home)
    term = start(home, 60, "--ladder", "pm-titles", "--today", "2026-09-01")
    term.see("Nothing changed since your earlier answers.")
    term.see("Page 1 of ")
    risk = [q.key for q in said.qs].index("risk") + 1
    keys(term, str(risk), ENTER)
    term.see("Risk management: your rating")
    keys(term, DOWN, ENTER)
    term.see("Changed since your earlier answers: 1 (each")
    accept_review(term, said, paged=True)
    term.see("(was: 3 ")  # on the page that holds it, scrolled past by now or not
    term.see("Saved your answers to")
    assert finish(term) == 0
    assert read(saved_path(home))["competencies"]["risk"] == 4


def test_without_a_terminal_no_draft_is_kept_or_offered(home):
    """Answers piped in (`--ask`): a draft from a terminal run is neither offered nor touched; end of input keeps none."""
    Draft(draft_file(home)).keep("pm-titles", {"name": "Zed"})
    before = draft_file(home).read_bytes()
    env = {**os.environ, "PMLADDER_HOME": str(home)}
    run = subprocess.run([sys.executable, "-m", "pmladder", "assess", "--ask", "--ladder", "pm-titles"], input="Mei\n3\n",
                         capture_output=True, text=True, env=env, cwd=str(REPO), timeout=60)
    assert run.returncode == 130
    assert "Pick up where you left off" not in run.stderr and "kept" not in run.stderr
    assert draft_file(home).read_bytes() == before
    assert not saved_path(home).exists()


def test_a_draft_is_read_as_hostile_input(home):
    """Every kept answer is read again as if typed: what is no longer a valid answer is left out."""
    path = draft_file(home)
    Draft(path).keep("pm-titles", {"name": "x" * 5000, "education": "phd", "years_experience": -3,
                                   "years_managing": 2.5, "team_size": "1e400", "organisation": 9, "communication": 4,
                                   "certifications": ["PMP", "NOPE"], "risk": None, "stakeholders": [1, 2]})
    draft = load_draft(path)
    session = Session(questions(PM), None, PM)
    taken = session.resume(draft.answers)
    assert session.answers == {"years_managing": 2.5, "communication": 4, "risk": None}
    assert taken == 3
    path.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(ValueError):
        load_draft(path)
    path.unlink()
    os.mkfifo(path)  # never blocks: a FIFO is not a draft
    with pytest.raises(ValueError):
        load_draft(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_on_every_question_of_every_ladder_gives_an_example(lang):
    words.use(None if lang == "en" else lang)
    try:
        prefix = words._("For example: {key} answers '{label}'.")[:3]
        for lid in LIB.ladders:
            for q in questions(LIB.get(lid).ladder, lang=lang):
                assert any(line.startswith(prefix) for line in q.help), (lid, q.key, q.help)
    finally:
        words.use(None)
