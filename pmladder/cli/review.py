"""`review`: a manager or mentor rates a person's skills beside the person's own ratings (a second opinion)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import NO_INPUT
from .app import N_, Command, LadderOpt, LaddersDir, LangOpt, _, app, err, fail, language, ladder_for, library, parse_day, pick_ladder, read_profile, today
from .run import this_run

MAX_BY = 200


@app.command("review", cls=Command)
def review_cmd(
    profile: Annotated[Path, typer.Argument(metavar="PROFILE", help=N_("The person's profile file; the review is added to it."), dir_okay=False, show_default=False)],
    by: Annotated[str, typer.Option("--by", metavar="NAME", help=N_("Who is reviewing, with their role: \"Dana Lee (manager)\"."), show_default=False)],
    on: Annotated[Optional[str], typer.Option("--on", metavar="YYYY-MM-DD", help=N_("The day of the review (default: today)."), show_default=False)] = None,
    ladder: LadderOpt = None,
    lang: LangOpt = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """Give a second opinion on someone's skills: the ladder's skill questions, each pre-filled with their own rating.

    The answers are saved in the profile's reviews, beside (never over) the person's own answers;
    reports then show where the two differ, and --ratings chooses which ratings place them.
    With no terminal, the answers are read from standard input, one a line.

    Example: [bold]pmladder review me.yaml --ladder pm-titles --by "Dana Lee (manager)"[/bold]
    """
    import datetime as dt

    from ..engine.types import Review
    from ..inputs.profiles import save_profile
    from ..text.safe import clean

    name = clean(by).strip()
    if not name:
        raise fail(_("--by: name the reviewer, such as \"Dana Lee (manager)\""))
    if len(name) > MAX_BY:
        raise fail(_("--by: longer than {n} characters").format(n=MAX_BY))
    day = parse_day("--on", on, plan=True) if on is not None else today(None)
    if day > dt.date.today() + dt.timedelta(days=1) and on is not None:
        raise fail(_("--on: {day} is in the future").format(day=day.isoformat()))
    lib = library(ladders_dir)
    if not profile.is_file():
        raise fail(_("profile not found: {path}").format(path=profile), NO_INPUT)
    person = read_profile(lib, profile)
    loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
    shown_lang = language(lang, loaded).text
    ratings = ask_ratings(lib, loaded.ladder, person, shown_lang, name)
    kept = tuple(r for r in person.reviews if not (r.by == name and r.on == day))  # the same reviewer on the same day: replaced
    save_profile(profile, person.replace(reviews=(*kept, Review(name, day, ratings))), environ=this_run().environ)
    err(_("Saved the review by {by} on {date} in {path}; the person's own answers are unchanged.").format(
        by=name, date=day.isoformat(), path=profile))


def ask_ratings(lib, ladder, person, lang: str | None, by: str) -> dict:
    """The ladder's skill questions (the questionnaire's own), pre-filled with the self-ratings; the reviewer's answers."""
    from ..ask.interview import _asker
    from ..ask.questions import intro_lines, questions
    from ..ask.session import Session

    asker = _asker()
    asker.intro(intro_lines(arrows=getattr(asker, "arrows", True)))
    asked = [q._replace(prompt=_("{skill}: the reviewer's rating").format(skill=q.label))
             for q in questions(ladder, lang=lang) if q.kind == "competency"]
    asker.note(_("Reviewing as {by}: {n} skills of {ladder}, each pre-filled with the person's own rating.").format(
        by=by, n=len(asked), ladder=ladder.name_in(lang)))
    session = Session(asked, asker, ladder, person.replace(ladder=None), lang)
    answered = session.run(only="skills")
    return {q.key: answered.competencies[q.key] for q in asked if q.key in answered.competencies}
