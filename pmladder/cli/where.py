"""`where` (one profile on every ladder) and `progress` (two recorded assessments compared)."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import NO_INPUT
from .app import (N_, Command, Format, LaddersDir, PaceOpt, ProfileOpt, TodayOpt, WordsLangOpt, _, app, err, fail, language,
                  library, listed, parse_day, partial_note, read_profile, rerun_options, saved_profile_path, show, shown_in, today)
from .history import HistLadder, history_call, open_or_fail
from .run import this_run


@app.command("where", cls=Command)
def where_cmd(
    profile: ProfileOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
    lang: WordsLangOpt = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", hidden=True, readable=False, help=N_("Old name of --profile."))] = None,
) -> None:
    """Place one profile on every installed ladder at once: best fit, fully met, next title, fit and when you could be ready.

    Example: [bold]pmladder where --profile me.yaml[/bold]
    """
    from ..views.progress import crosswalk

    if answers is not None and profile is not None:
        raise fail(_("--answers is the old name of --profile: give one of them"))
    profile = profile or answers
    when = today(today_)
    lib = listed(library(ladders_dir))
    language(lang, lib=lib)
    source = profile or saved_profile_path()
    if profile is None and not source.exists():
        raise fail(_("no saved profile at {path}: run 'pmladder assess' first, or pass --profile FILE").format(path=source), NO_INPUT)
    person = read_profile(lib, source)
    plans = crosswalk(lib, person, when, pace=pace, lang=this_run().asked,
                      options=lambda lid: rerun_options(ladders_dir, lang, profile, lid))
    for plan in plans:
        partial_note(plan.ladder, plan.lang)
    show("where", fmt.value, plans, person, when)


@app.command("progress", cls=Command)
def progress_cmd(
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Compare with the assessment in effect on this date (the last one on or before it)."), show_default=False)] = None,
    from_id: Annotated[Optional[int], typer.Option("--from", metavar="ID", help=N_("Compare from this assessment (default: the one before --to)."), show_default=False)] = None,
    to_id: Annotated[Optional[int], typer.Option("--to", metavar="ID", help=N_("Compare up to this assessment (default: the latest)."), show_default=False)] = None,
    ladder: HistLadder = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    ladders_dir: LaddersDir = None,
    lang: WordsLangOpt = None,
) -> None:
    """Compare two recorded assessments: placement, answers and gaps then and now, the earlier roadmap's steps, and whether you are on schedule.

    Without options it compares the latest assessment with the one before it.

    Example: [bold]pmladder progress --since 2026-01-01 --format markdown[/bold]
    """
    language(lang)
    from ..views.progress import choose, compare

    if since is not None and from_id is not None:
        raise fail(_("--since and --from both choose the earlier assessment: give one"))
    day = parse_day("--since", since) if since is not None else None
    with open_or_fail() as history:
        rows = history_call(lambda: history.list())
        span = choose(rows, ladder=ladder, since=day, from_id=from_id, to_id=to_id)  # a ProgressError is worded at the boundary
        then = history_call(lambda: history.get(span.then.id))
        now = history_call(lambda: history.get(span.now.id))
        target = then.target
        plans = {r.id: history_call(lambda r=r: history.get(r.id)).plan for r in span.chart if r.target != target}
    lib = library(ladders_dir)
    loaded = lib.get(span.ladder)
    if loaded is None:
        raise fail(_("assessments {a} and {b} are on ladder '{ladder}', which is not installed; "
                     "add its folder with --ladders-dir (known: {known})").format(a=then.id, b=now.id, ladder=span.ladder,
                                                                               known=", ".join(sorted(lib.ladders))))
    names = [" ".join(str((r.profile or {}).get("name") or "").split()) for r in (then, now)]
    if all(names) and names[0].casefold() != names[1].casefold():  # one history, two people: say so, compare as asked
        err(_("note: {text}").format(text=_("assessment {a} is of {first} and {b} of {second}; progress compares one person's "
                                            "assessments (keep each person's history apart with PMLADDER_HOME=FOLDER)").format(
            a=then.id, first=names[0], b=now.id, second=names[1])))
    report = compare(lib, loaded.ladder, then, now, plans, span.chart, lang=shown_in(loaded))
    show("progress", fmt.value, report)
