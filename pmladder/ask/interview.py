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

__all__ = ["BackToLadder", "choose_ladder", "interview", "open_draft"]

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


def _first(question, current) -> str:
    """Ask a question that comes before the questionnaire (nothing to go back to) until it has an answer."""
    from .questions import HELP, QUIT, InvalidAnswer, Quit, command, intro_lines, parse
    from ..words import _

    asker = _asker()
    asker.intro(intro_lines(arrows=getattr(asker, 'arrows', True)))
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
            return parse(question, raw)
        except InvalidAnswer as exc:
            asker.invalid(str(exc))


def choose_ladder(lib, last: str | None) -> str:
    """Ask which ladder (each shown with its description); the saved profile's ladder is highlighted."""
    from .questions import ladder_question
    from ..words import language_for, speaking

    lang = speaking()
    question = ladder_question(lib, last, lang)
    chosen = _first(question, last if last in lib.ladders else None)
    ladder = lib.ladders[chosen].ladder
    _asker().answered(question, ladder.name_in(language_for(lang, ladder).text))
    return chosen


def open_draft(lib, environ, ladder: str | None = None):
    """The answers a run cancelled with Ctrl-C kept, when the person wants to go on with them.

    Only at a terminal (without one nothing is kept or offered). A draft for another ladder than
    `--ladder` is left for a later run; a draft that cannot be read is removed with a note.
    Returns a `Draft`: its `ladder` is None unless the person resumes it.
    """
    from .questions import resume_question
    from ..store.draft import Draft, draft_path, load_draft
    from ..words import _, language_for, speaking

    path = draft_path(environ)
    if not _terminal():
        return Draft(path, on=False)
    try:
        draft = load_draft(path)
    except ValueError:
        Draft(path).discard()
        _asker().invalid(_("An unfinished draft at {path} could not be read; it was removed.").format(path=path))
        return Draft(path)
    if draft is None or draft.ladder not in lib.ladders or (ladder is not None and ladder != draft.ladder):
        return Draft(path)
    if not draft.answers:
        draft.discard()
        return draft
    kept = lib.ladders[draft.ladder].ladder
    question = resume_question(len(draft.answers), kept.name_in(language_for(speaking(), kept).text), draft.kept_on)
    chosen = _first(question, "yes")
    _asker().answered(question, next(o.label for o in question.options if o.value == chosen))
    if chosen != "yes":
        draft.discard()
    return draft


def _keep(draft, ladder, answers: dict, asker) -> bool:
    """Ctrl-C: keep the answers so far for the next run (a write that fails is said, never a new error)."""
    from ..store.fsio import FileWriteError
    from ..words import _

    if draft is None or not draft.on or not answers:
        return False
    try:
        draft.keep(ladder.id, answers)
    except FileWriteError as exc:
        asker.invalid(_("Your answers could not be kept for next time ({path}: {reason}).").format(path=exc.path, reason=_(exc.reason)))
        return False
    asker.note(_("Your {n} answers so far are kept: the next 'pmladder assess' offers to pick up where you left off.").format(
        n=len(answers)))
    return True


def interview(lib, ladder, prefill, *, only: str | None = None, today=None, back_to_ladder: bool = False,
              lang: str | None = None, draft=None):
    """Ask `ladder`'s questions over `prefill`, show the review, return the profile (nothing saved here).

    `only`: re-ask one section (experience, certifications, skills). `back_to_ladder`: `back` at
    the first question raises BackToLadder (the CLI asks for the ladder again). `lang`: the
    language of the ladder's and the catalog's text (pmladder's own words are set by the CLI). `draft`
    (see `open_draft`): its answers are taken when it is for this ladder; Ctrl-C keeps the answers in
    it, and accepting the review removes it.
    """
    from .questions import FOLLOWERS, Quit, counted, intro_lines, questions
    from .session import Session
    from ..words import _

    asker = _asker()
    asker.intro(intro_lines(arrows=getattr(asker, 'arrows', True)))
    session = Session(questions(ladder, lang=lang), asker, ladder, prefill, lang)
    name = ladder.name_in(lang)
    if draft is not None and draft.ladder == ladder.id and draft.answers:
        asker.note(_("Picked up {n} answers where you left off.").format(n=session.resume(draft.answers)))
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
    try:
        person = session.run(only, back_out=back_to_ladder)
    except KeyboardInterrupt as exc:
        if isinstance(exc, Quit):  # 'quit' keeps nothing
            if draft is not None:
                draft.discard()
        elif _keep(draft, ladder, session.answers, asker):
            from ..exits import DraftKept

            raise DraftKept from exc
        raise
    if draft is not None:
        draft.discard()
    return person
