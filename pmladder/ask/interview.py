"""The questionnaire at a terminal: choose a ladder, answer its questions, get a profile back.

The one entry point the CLI uses for asking (`choose_ladder`, `interview`). At a terminal the
prompts are questionary's (`ask/arrows.py`, imported here only, never at start-up); with answers
piped in (`assess --ask`) they are plain lines (`ask/lines.py`). One front end serves the
whole run, so the first screen's note on going back and cancelling is shown once.
"""

from __future__ import annotations

import os
import sys

from .questions import BackOut

__all__ = ["BackToLadder", "choose_ladder", "interview"]

BackToLadder = BackOut  # `back` at the first question: the CLI shows the ladder choice again

_front_end: tuple = (None, None)  # (the standard input it reads, the front end)


def _asker():
    """The front end for this run: arrow-key prompts at a terminal, else one line per answer.

    One per standard input, so a run's ladder choice and questions share it (the first screen's
    note is shown once) while a new run in the same process (tests) gets a fresh one.
    """
    global _front_end
    stdin, asker = _front_end
    if asker is None or stdin is not sys.stdin:
        if _terminal():
            from .arrows import TerminalAsker

            asker = TerminalAsker()
        else:
            from .lines import LineAsker
            from ..render.terminal import make_console

            asker = LineAsker(make_console(stderr=True), sys.stdin)
        _front_end = (sys.stdin, asker)
    return asker


def _terminal() -> bool:
    """A terminal that can draw the arrow-key prompts (a 'dumb' one gets the line front end)."""
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def choose_ladder(lib, last: str | None) -> str:
    """Ask which ladder (each shown with its description); the saved profile's ladder is highlighted."""
    from .questions import HELP, QUIT, InvalidAnswer, Quit, command, intro_lines, ladder_question, parse
    from ..words import _, language_for

    from ..words import speaking

    asker = _asker()
    asker.intro(intro_lines(arrows=getattr(asker, 'arrows', True)))
    lang = speaking()
    question = ladder_question(lib, last, lang)
    current = last if last in lib.ladders else None
    while True:
        raw = asker.ask(question, 0, 0, current, lambda r: None)
        cmd = command(raw)
        if cmd == QUIT:
            raise Quit
        if cmd == HELP:
            asker.help(list(question.help))
            continue
        if cmd is not None:
            asker.invalid(_("This is the first question; there is nothing to go back to."))
            continue
        try:
            chosen = parse(question, raw)
        except InvalidAnswer as exc:
            asker.invalid(str(exc))
            continue
        ladder = lib.ladders[chosen].ladder
        asker.answered(question, ladder.name_in(language_for(lang, ladder).text))
        return chosen


def interview(lib, ladder, prefill, *, only: str | None = None, today=None, back_to_ladder: bool = False,
              lang: str | None = None):
    """Ask `ladder`'s questions over `prefill`, show the review, return the profile (nothing saved here).

    `only`: re-ask one section (experience, certifications, skills). `back_to_ladder`: `back` at
    the first question raises BackToLadder (the CLI asks for the ladder again). `lang`: the
    language of the ladder's and the catalog's text (pmladder's own words are set by the CLI).
    """
    from .questions import FOLLOWERS, counted, intro_lines, questions
    from .session import Session
    from ..words import _

    asker = _asker()
    asker.intro(intro_lines(arrows=getattr(asker, 'arrows', True)))
    session = Session(questions(ladder, lang=lang), asker, ladder, prefill, lang)
    name = ladder.name_in(lang)
    if prefill is not None:
        if prefill.assessed_on is not None:
            asker.note(_("Pre-filled from your last assessment on {date}.").format(date=prefill.assessed_on.isoformat()))
        else:
            asker.note(_("Pre-filled from your saved profile."))
    todo = [q for q in (session.qs[i] for i in session.plan(only)) if q.kind not in FOLLOWERS]
    total = len(counted(session.qs))
    if not todo:
        asker.note(_("Every question of {ladder} has an answer: check them below.").format(ladder=name))
    elif len(todo) == total:
        asker.note(_("{ladder}: {n} questions.").format(ladder=name, n=total))
    else:
        asker.note(_("{ladder}: {n} of its {total} questions to answer, then the review.").format(
            ladder=name, n=len(todo), total=total))
    return session.run(only, back_out=back_to_ladder)
