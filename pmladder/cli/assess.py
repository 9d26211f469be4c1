"""`assess` and `plan`: a person's plan on one ladder; and the recording of an assessment in the history."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import NO_INPUT
from .run import this_run
from .app import (N_, C_, Command, NoPagerOpt, in_language, PlanFormat, LadderOpt, LaddersDir, LangOpt, PaceOpt, ProfileOpt, RatingsOpt, Ratings, TargetOpt, TodayOpt, _, app, check_export,
                  document, err, fail, language, ladder_for, library, listed, output_format, pick_ladder, pick_level, read_profile,
                  rerun_options, saved_profile_path, show, shown_in, today, write_file)


AllGapsOpt = Annotated[bool, typer.Option("--all-gaps", metavar="", help=N_(
    "Show every gap in full; without it the plan shows the three that matter most (a gate, what sets the date, "
    "the quickest wins) and names the rest in one line."))]


def build(lib, loaded, person, *, target, today_, pace, lang, options: str = "", all_gaps: bool = False, ratings: str = "self"):
    from ..views.plan import make_plan

    if target is not None:
        check_target(lib, loaded, person, target, today_, ratings)
    return make_plan(loaded.ladder, person, today_, target=target.id if target is not None else None, pace=pace,
                     lang=lang, origin=loaded.origin, role_from=lib.catalog.role_ratings_from, options=options, all_gaps=all_gaps,
                     ratings=ratings)


def check_target(lib, loaded, person, target, today_, ratings: str = "self") -> None:
    """A target at or below where the person stands is a usage error with a clear reason."""
    from ..engine.placement import assess
    from ..engine.reviews import rated
    from ..engine.roadmap import at_or_above

    a = assess(loaded.ladder, rated(person, ratings)[0], today_)
    if a.best is not None and a.best.id == target.id and not a.fit(target.id).fully:
        return  # the title held, with something still open: the plan confirms it
    if at_or_above(loaded.ladder, a.best, target):
        lang = shown_in(loaded)
        raise fail(_("--target: you already stand at {best} (best fit); {target} is not above it. "
                     "Pick a higher title, or leave --target out to plan the next one.").format(
                         best=a.best.title_in(lang), target=target.title_in(lang)))


def unanswered_note(plan) -> None:
    """Say on stderr which answers the ladder uses that the profile lacks (they are unknown, not 0)."""
    from .. import words as w

    items = [w.label(c.atom, plan.ladder, plan.lang) for c, _levels in plan.unknowns]
    if items:
        shown = C_("list", ", ").join(items[:5])
        if len(items) > 5:
            shown = _("{items} and {n} more").format(items=shown, n=len(items) - 5)
        err(_("note: not answered: {items} (unknown, not 0); answer them with: {command}").format(
            items=shown, command=plan.rerun("assess --ask")))


def other_ladders(lib, person, when, skip: str, pace: int) -> list:
    """The Markdown plan's "On other ladders" rows: the profile on every other installed ladder."""
    from ..views.progress import crosswalk
    from ..render.progress import other_ladder_rows

    return other_ladder_rows(crosswalk(listed(lib), person, when, pace=pace, skip=skip))


BriefOpt = Annotated[bool, typer.Option("--brief", metavar="", help=N_(
    "Show only the plan in short (about 15 lines): the title, the next one and when, the three things that matter most "
    "and where the full plan is; in every format."))]


def check_brief(brief: bool, all_gaps: bool) -> None:
    if brief and all_gaps:
        raise fail(_("--brief shows the plan in short and --all-gaps every gap in full: give one of them"))


def no_brief_calendar(fmt: str) -> None:
    if fmt == "ics":
        raise fail(_("--brief is the plan in short, which has no calendar form: give --format text, markdown or json with it"))


def report(result, fmt: str, others, summary, *, brief: bool, no_pager: bool) -> None:
    """The plan on stdout in `fmt`: the summary alone with --brief; the full text report through the pager on a terminal."""
    if brief:
        no_brief_calendar(fmt)
        show("summary", fmt, summary)
    elif fmt == "text":
        from .pager import paged
        from ..render.registry import renderer

        paged(lambda console: renderer("plan", "text").draw(console, result, others, summary), no_pager=no_pager)
    else:
        show("plan", fmt, result, others, summary)


class Section(str, Enum):
    experience = "experience"
    certifications = "certifications"
    skills = "skills"


@app.command("assess", cls=Command)
def assess_cmd(
    ladder: LadderOpt = None,
    profile: ProfileOpt = None,
    ask: Annotated[bool, typer.Option("--ask", metavar="", help=N_("Ask the questions even with --profile (pre-filled from it) or without a terminal (answers from standard input)."))] = False,
    only: Annotated[Optional[Section], typer.Option("--only", metavar="SECTION", help=N_("Ask one section again: experience, certifications or skills."), show_default=False)] = None,
    save: Annotated[Optional[Path], typer.Option("--save", metavar="FILE", help=N_("Save the answers to this file (default: the profile they came from)."), dir_okay=False, show_default=False)] = None,
    no_save: Annotated[bool, typer.Option("--no-save", metavar="", help=N_("Do not save the answers."))] = False,
    target: TargetOpt = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help=N_("Output format."))] = PlanFormat.text,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="FILE", help=N_("Also write the plan as Markdown to this file."), dir_okay=False, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Let --export replace an existing file."))] = False,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
    all_gaps: AllGapsOpt = False,
    ratings: RatingsOpt = Ratings.self,
    brief: BriefOpt = False,
    no_pager: NoPagerOpt = False,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", hidden=True, readable=False, help=N_("Old name of --profile."))] = None,
    interactive: Annotated[bool, typer.Option("--interactive", hidden=True, help=N_("Old name of --ask."))] = False,
) -> None:
    """See where you stand, the gaps and the roadmap: answer the questions, or assess a profile file.

    Without --profile it asks the questions (pre-filled from your saved profile) and saves the answers;
    with --profile FILE it asks nothing unless you add --ask or --only.

    Examples: [bold]pmladder assess --ladder pm-titles[/bold]; [bold]pmladder example-profile > me.yaml[/bold], then
    [bold]pmladder assess --profile me.yaml --ladder pm-titles[/bold]
    """
    if answers is not None and profile is not None:
        raise fail(_("--answers is the old name of --profile: give one of them"))
    profile = profile or answers
    ask = ask or interactive
    asking = profile is None or ask or only is not None
    if not asking and save is not None:  # --no-save is what --profile does anyway: accepted, nothing is saved
        raise fail(_("--save goes with questions; with --profile nothing is asked, so nothing is saved "
                     "(add --ask to answer again)"))
    if save is not None and no_save:
        raise fail(_("--save and --no-save contradict each other: give one"))
    check_brief(brief, all_gaps)
    when = today(today_)
    check_export(export, force)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if asking:
        if not (ask or this_run().stdin_tty):
            if only is not None:  # --profile may be given: what is missing is a way to read the answers
                raise fail(_("no terminal to ask questions on: add --ask to read the answers of --only {section} from standard "
                             "input").format(section=only.value))
            raise fail(_("no terminal to ask questions on: pass --profile FILE (a saved profile), or --ask to read answers "
                         "from standard input"))
        prefill = read_profile(lib, source) if source.exists() else None
        if only is not None and prefill is None:
            raise fail(_("--only re-asks one section of a saved profile, and there is none at {path}: run 'pmladder assess' "
                         "first").format(path=source), NO_INPUT)
        from ..ask.interview import BackToLadder, choose_ladder, interview, open_draft

        draft = open_draft(listed(lib), this_run().environ, ladder)  # the answers a Ctrl-C kept, if resumed
        fixed = ladder or draft.ladder or (prefill.ladder if (prefill and prefill.ladder in lib.ladders and only is not None) else None)
        last = prefill.ladder if prefill else None
        while True:  # `back` at the first question returns to the ladder choice (when it was asked)
            chosen = fixed or choose_ladder(in_language(listed(lib), lang), last)  # with --lang zh: the ladders in Chinese
            loaded = pick_ladder(lib, chosen)
            goal = pick_level(loaded, target, "--target")
            shown_lang = language(lang, loaded).text
            try:
                person = interview(lib, loaded.ladder, prefill, only=only.value if only else None, today=when,
                                   back_to_ladder=fixed is None, lang=shown_lang, draft=draft)
                break
            except BackToLadder:
                last = chosen
        person = person.replace(ladder=loaded.ladder.id, assessed_on=when)
        if not no_save:
            from ..inputs.profiles import save_profile

            where = save or source
            save_profile(where, person, make_folder=where == saved_profile_path(), environ=this_run().environ)
            err(_("Saved your answers to {path} (use them again with --profile {path}).").format(path=where))
        options = rerun_options(ladders_dir, shown_lang, save or profile, loaded.ladder.id, goal.id if goal else None)
    else:
        person = read_profile(lib, source)
        loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
        goal = pick_level(loaded, target, "--target")
        shown_lang = language(lang, loaded).text
        options = rerun_options(ladders_dir, shown_lang, profile, loaded.ladder.id, goal.id if goal else None)
    result = build(lib, loaded, person, target=goal, today_=when, pace=pace, lang=shown_lang, options=options, all_gaps=all_gaps,
                   ratings=ratings.value)
    if asking and not no_save:  # the answers were saved: record the assessment (issue 10.2)
        record_assessment(result)
    if not asking:
        unanswered_note(result)
    from ..views.summary import make_summary

    saved = str(save or source) if asking and not no_save else None
    summary = make_summary(result, saved=saved, export=str(export) if export is not None else None)
    if export is not None:  # written before the report, so a closed pipe cannot lose it
        write_file(export, document("plan", "markdown", result, other_ladders(lib, person, when, loaded.ladder.id, pace)), force)
    report(result, fmt.value, None, summary, brief=brief, no_pager=no_pager)
    if asking and fmt is PlanFormat.text and not brief:  # after the questions, the screen ends on the answer
        show("summary", "text", summary)


@app.command("plan", cls=Command)
def plan_cmd(
    ladder: LadderOpt = None,
    profile: ProfileOpt = None,
    target: TargetOpt = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=N_("Write the plan to this file ('-' for stdout) instead of showing it."), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Replace an existing output file."))] = False,
    fmt: Annotated[Optional[PlanFormat], typer.Option("--format", "-f", help=N_("Output format (default: text on screen; with -o, json for a .json file, ics for a .ics file (a calendar), else markdown)."), show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
    all_gaps: AllGapsOpt = False,
    ratings: RatingsOpt = Ratings.self,
    brief: BriefOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Build your plan from a saved profile: show it, or export it as Markdown or JSON to share, or as a calendar (ics).

    Examples: [bold]pmladder plan -o my-plan.md[/bold]; [bold]pmladder plan -o my-plan.ics[/bold]
    """
    if fmt is PlanFormat.text and output not in (None, "-"):
        raise fail(_("--format text is for the screen; write a file as markdown, json or ics"))
    check_brief(brief, all_gaps)
    when = today(today_)
    if output not in (None, "-"):
        check_export(Path(output), force)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if profile is None and not source.exists():
        raise fail(_("no saved profile at {path}: run 'pmladder assess' first, or pass --profile FILE").format(path=source), NO_INPUT)
    person = read_profile(lib, source)
    loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
    goal = pick_level(loaded, target, "--target")
    shown_lang = language(lang, loaded).text
    result = build(lib, loaded, person, target=goal, today_=when, pace=pace, lang=shown_lang,
                   options=rerun_options(ladders_dir, shown_lang, profile, loaded.ladder.id, goal.id if goal else None), all_gaps=all_gaps,
                   ratings=ratings.value)
    unanswered_note(result)
    from ..views.summary import make_summary

    chosen = output_format(fmt, output, "plan")
    summary = make_summary(result)
    others = other_ladders(lib, person, when, loaded.ladder.id, pace) if chosen == "markdown" and not brief else None
    if output in (None, "-"):
        report(result, chosen, others, summary, brief=brief, no_pager=no_pager)
    elif brief:
        no_brief_calendar(chosen)
        write_file(Path(output), document("summary", chosen, summary), force)
    else:
        write_file(Path(output), document("plan", chosen, result, others, summary), force)


def record_assessment(plan, *, source: str = "assess") -> int | None:
    """Record a saved assessment in the history; a database that cannot be used is one note, never a stop."""
    from .. import words as w
    from ..store.history import HistoryError
    from .errors import worded

    try:
        assessment_id, _entry = record_plan(plan, source)
    except HistoryError as exc:
        err(w.not_recorded(worded(exc.message)))
        return None
    err(w.recorded_line(assessment_id))
    return assessment_id


def record_plan(plan, source: str):
    """Record `plan` (its snapshot, see views/snapshot.py); (the new id, the entry recorded)."""
    import datetime as dt

    from ..store.history import open_history
    from ..store.paths import history_path
    from ..views.snapshot import history_entry

    entry = history_entry(plan, source=source, recorded_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    with open_history(history_path(this_run().environ)) as history:
        return history.record(entry), entry
