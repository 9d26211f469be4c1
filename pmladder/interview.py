"""The questionnaire at a terminal: choose a ladder, answer its questions, get a profile back.

The one entry point the CLI uses for asking (`choose_ladder`, `interview`).
"""

from __future__ import annotations

import sys


def _asker():
    from .render.prompt import TerminalAsker
    from .render.terminal import make_console

    return TerminalAsker(make_console(stderr=True), sys.stdin)


def choose_ladder(lib, last: str | None) -> str:
    """Ask which ladder; Enter keeps the one the saved profile was assessed on."""
    from .questionnaire import InvalidAnswer, Question, parse

    asker = _asker()
    ids = sorted(lib.ladders)
    default = last if last in lib.ladders else ids[0]
    choices = tuple((i, f"{lib.ladders[i].ladder.name} ({i})") for i in ids)
    question = Question("Ladder", "choice", "ladder", "Which ladder do you want to be placed on?", choices=choices)
    while True:
        try:
            return parse(question, asker.ask(question, 0, 0, default), default)
        except InvalidAnswer as exc:
            asker.invalid(str(exc))


def interview(lib, ladder, prefill, *, only: str | None = None, today=None):
    from .questionnaire import questions, run

    qs = questions(ladder)
    if only:
        section = {"experience": ("About you", "Experience"), "certifications": ("Certifications",), "skills": ("Skills",)}[only]
        qs = [q for q in qs if q.section in section]
    return run(qs, _asker(), ladder, prefill)
