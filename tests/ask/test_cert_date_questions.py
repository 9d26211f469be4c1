"""The questionnaire asks when each ticked certificate that lapses was last earned or renewed (issue 20).

One optional question per ticked certificate with a validity, right after the certifications;
Enter leaves it out (the certificate then counts as current). Driven through a scripted front
end, and once through the real arrow-key prompts on a pseudo-terminal.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pmladder.ask.questions import InvalidAnswer, counted, parse, questions
from pmladder.ask.session import Session
from pmladder.engine.types import CertDates, Profile
from pmladder.inputs.loader import load_library

LIB = load_library()
PM = LIB.get("pm-titles").ladder
QS = questions(PM)


class Script:
    """An Asker that answers by question key (anything not in the script: Enter), and logs what was asked."""

    def __init__(self, answers: dict, review=("",)):
        self.answers = dict(answers)
        self.asked: list[tuple[str, str, int, int, object]] = []  # (key, prompt, number, total, current)
        self.reviews = list(review)
        self.rows = []
        self.invalids: list[str] = []

    def intro(self, lines): ...
    def note(self, text): ...
    def help(self, lines): ...
    def answered(self, q, shown): ...

    def invalid(self, message):
        self.invalids.append(message)

    def ask(self, q, number, total, current, check):
        self.asked.append((q.key, q.prompt, number, total, current))
        answer = self.answers.get(q.key, current if current not in (None, []) else "")
        if isinstance(answer, list) and answer and isinstance(answer[0], tuple):  # several tries: [(raw,), ...]
            return self.answers[q.key].pop(0)[0]
        return answer

    def review(self, rows, lines, check):
        self.rows.append(rows)
        return self.reviews.pop(0)


FIRST = {"name": "Mei Chen", "education": "bachelor", "certifications": ["PMP", "CSM"],
         **{q.key: "2" for q in QS if q.kind == "fact"}, **{q.key: "3" for q in QS if q.kind == "competency"}}


def test_one_date_question_for_each_ticked_certificate_that_lapses():
    script = Script({**FIRST, "certifications": ["PMP", "CSM", "PRINCE2-Practitioner"], "date:PMP": "2024-05",
                     "date:PRINCE2-Practitioner": ""})
    person = Session(QS, script, PM).run()
    asked = [k for k, *_ in script.asked]
    at = asked.index("certifications")
    assert asked[at + 1:at + 3] == ["date:PMP", "date:PRINCE2-Practitioner"]  # CSM never lapses: no question
    assert "date:CSM" not in asked and "date:CAPM" not in asked  # not ticked: not asked
    prompt = dict((k, p) for k, p, *_ in script.asked)["date:PMP"]
    assert prompt == "When did you last earn or renew PMP? (YYYY-MM, Enter to skip)"
    numbers = {k: (n, t) for k, _p, n, t, _c in script.asked}
    assert numbers["date:PMP"] == numbers["certifications"]  # it goes with the certifications, no number of its own
    assert person.certification_dates == {"PMP": CertDates("2024-05", None)}  # Enter left PRINCE2 out: counted as current
    row = next(r for r in script.rows[0] if r.label == "Certifications")
    assert row.value == "PMP (2024-05), CSM, PRINCE2-Practitioner"


def test_a_bad_or_future_date_is_refused_and_asked_again():
    q = next(q for q in QS if q.key == "date:PMP")
    assert parse(q, "") is None and parse(q, "skip") is None
    assert parse(q, "2024-05") == "2024-05" and parse(q, "2024") == "2024" and parse(q, "2024-05-17") == "2024-05-17"
    for bad, says in (("May 2024", "YYYY-MM"), ("2024-13", "YYYY-MM"), (f"{dt.date.today().year + 1}-01", "in the future"),
                      ("1960-01", "from 1970")):
        with pytest.raises(InvalidAnswer, match=says):
            parse(q, bad)


def test_a_second_date_is_the_renewal_and_unticking_drops_the_dates():
    saved = Profile(name="Mei", ladder="pmi-path", certifications=("PMP",),
                    certification_dates={"PMP": CertDates("2019-05", None)})
    script = Script({**FIRST, "certifications": ["PMP"], "date:PMP": "2022-04"})
    person = Session(QS, script, PM, saved).run(only="certifications")
    assert dict((k, c) for k, _p, _n, _t, c in script.asked)["date:PMP"] == "2019-05"  # the saved date is shown
    assert person.certification_dates == {"PMP": CertDates("2019-05", "2022-04")}
    script = Script({"certifications": ["CSM"]})
    person = Session(QS, script, PM, saved).run(only="certifications")
    assert person.certifications == ("CSM",) and person.certification_dates == {}
    assert "date:PMP" not in [k for k, *_ in script.asked]


def test_enter_keeps_a_saved_date():
    saved = Profile(ladder="pmi-path", certifications=("PMP",), certification_dates={"PMP": CertDates("2019-05", "2022-05")})
    person = Session(QS, Script({}), PM, saved).run(only="certifications")
    assert person.certification_dates == saved.certification_dates


def test_the_dates_questions_are_not_counted():
    assert all(q.kind != "cert_date" for q in counted(QS))
    assert {q.key for q in QS if q.kind == "cert_date"} == {f"date:{c}" for c, d in PM.certs.items() if d.valid_years}


# --- the real prompts -------------------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")
pytest.importorskip("pyte")

from test_questionnaire_terminal import ENTER, finish, keys, read, saved_path, saved_profile, spawn  # noqa: E402


def test_the_arrow_key_questionnaire_asks_and_saves_the_date(home):
    saved_profile(home, certifications=["PMP"])
    child = spawn(home, "--ladder", "pm-titles", "--only", "certifications")
    child.see("Which certifications do you hold?")
    keys(child, ENTER)  # PMP stays ticked
    child.see("When did you last earn or renew PMP? (YYYY-MM, Enter to skip)")
    keys(child, "May 2024", ENTER)
    child.see("Please type a month as YYYY-MM")
    keys(child, "\x15", "2024-05", ENTER)
    child.see("Change which answer?")
    child.see("PMP (2024-05)")
    keys(child, ENTER)
    child.see("Saved your answers to")
    assert finish(child) == 0
    data = read(saved_path(home))
    assert data["certifications"] == ["PMP"]
    assert data["certification_dates"] == {"PMP": {"earned": "2024-05"}}


@pytest.fixture
def home(tmp_path):
    return tmp_path / "pmladder-home"
