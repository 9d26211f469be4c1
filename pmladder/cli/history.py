"""`history` (list, import, forget): the recorded assessments; and the history helpers `progress` shares."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import DATA_ERR, IO_ERR, NO_INPUT, Message
from .app import (N_, Boundary, Command, LadderOpt, LaddersDir, ListFormat, PaceOpt, TargetOpt, WordsLangOpt, _, _complete_ladders, app,
                  emit, err, fail, language, ladder_for, library, parse_day, pick_ladder, pick_level, read_profile, shown_in, show)
from .assess import build, record_plan
from .run import this_run


def history_fail(exc):
    """A HistoryError as one line (worded at the boundary): exit 74 when the file system failed, 65 when the file's content did."""
    return fail(exc.message, IO_ERR if exc.io else DATA_ERR)


def open_or_fail():
    """The history database for a `history`/`progress` command (no file is made for reading):
    a damaged or foreign one stops with one line and exit 65, a disk that fails with 74."""
    from ..store.history import HistoryError, open_history
    from ..store.paths import history_path

    try:
        return open_history(history_path(this_run().environ), create=False)
    except HistoryError as exc:
        raise history_fail(exc) from None


def history_call(fn):
    """Run a read or write on the open history; HistoryError is one line and exit 65 (74 for the disk)."""
    from ..store.history import HistoryError, UnknownAssessment

    try:
        return fn()
    except HistoryError as exc:
        raise history_fail(exc) from None
    except UnknownAssessment as exc:
        raise fail(Message(N_("{problem} (see: pmladder history)"), problem=exc.message), NO_INPUT) from None


history_app = typer.Typer(
    name="history", cls=Boundary,
    help=N_("Your recorded assessments: list them, import an older profile with its date, forget them."),
    rich_markup_mode="rich", context_settings={"help_option_names": ["-h", "--help"]},
)
HistLadder = Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help=N_("Only assessments on this ladder."),
                                                  show_default=False, autocompletion=_complete_ladders)]


def _list_history(ladder: str | None, fmt: ListFormat) -> None:
    with open_or_fail() as history:
        rows = history_call(lambda: history.list(ladder=ladder))
        every = history_call(lambda: history.list()) if ladder is not None and not rows else []
        if every and ladder not in {r.ladder_id for r in every}:  # a ladder named by its title
            ladder = _ladder_id(ladder)
            rows = [r for r in every if r.ladder_id == ladder]
        path = history.path
    if every and not rows:  # none on this ladder, some on others: say so, not "no assessments yet"
        from .. import words as w

        counts: dict[str, int] = {}
        for r in every:
            counts[r.ladder_id] = counts.get(r.ladder_id, 0) + 1
        line = w.none_on_ladder(ladder, counts, path)
        if fmt.value == "text":
            emit(line)
            return
        err(_("note: {text}").format(text=line))
    show("history", fmt.value, rows, path, _titles())


def _ladder_id(name: str) -> str:
    """The id of the installed ladder `name` is the title of (as --ladder takes it elsewhere); `name` when none is."""
    from ..inputs.loader import load_library
    from .app import ladder_named

    try:
        return ladder_named(load_library(environ=this_run().environ), name)
    except Exception:  # noqa: BLE001 - the history lists without the ladders; a broken library leaves the name as typed
        return name


def _titles():
    """(ladder id, level id) -> the title on the installed ladder (None when it is not installed)."""
    cache: dict = {}

    def title(ladder_id: str, level_id: str | None):
        if level_id is None:
            return None
        if "lib" not in cache:
            from ..inputs.loader import load_library

            try:
                cache["lib"] = load_library(environ=this_run().environ)
            except Exception:  # noqa: BLE001 - titles are a nicety: the ids still show
                cache["lib"] = None
        lib = cache["lib"]
        loaded = lib.get(ladder_id) if lib else None
        if loaded is None:
            return level_id
        try:
            return loaded.ladder.level(level_id).title_in(shown_in(loaded))
        except KeyError:
            return level_id

    return title


@history_app.callback(invoke_without_command=True)
def history_cmd(
    ctx: typer.Context,
    ladder: HistLadder = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListFormat.text,
    lang: WordsLangOpt = None,
) -> None:
    """List your recorded assessments: id, date, ladder, best fit and fit to the next title (what [bold]pmladder history list[/bold] does).

    Example: [bold]pmladder history --ladder pmo-career[/bold]
    """
    language(lang)
    if ctx.invoked_subcommand is None:
        _list_history(ladder, fmt)


@history_app.command("list", cls=Command)
def history_list_cmd(
    ladder: HistLadder = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListFormat.text,
    lang: WordsLangOpt = None,
) -> None:
    """List your recorded assessments, oldest first.

    Example: [bold]pmladder history list --format json[/bold]
    """
    language(lang)
    _list_history(ladder, fmt)


@history_app.command("import", cls=Command)
def history_import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("A profile file to record."), dir_okay=False, show_default=False)],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help=N_("The day these answers were true (default: the file's assessed_on)."), show_default=False)] = None,
    ladder: LadderOpt = None,
    target: TargetOpt = None,
    pace: PaceOpt = 3,
    ladders_dir: LaddersDir = None,
    lang: WordsLangOpt = None,
) -> None:
    """Record an existing profile file as an assessment on the date given: the plan is made as of that date.

    Example: [bold]pmladder history import me.yaml --date 2025-06-30[/bold]
    """
    from .. import words as w

    language(lang)
    lib = library(ladders_dir)
    person = read_profile(lib, file)
    if date is None and person.assessed_on is None:
        raise fail(_("--date: {file} has no assessed_on; give the day these answers were true as --date YYYY-MM-DD").format(file=file))
    when = parse_day("--date", date, plan=True) if date is not None else person.assessed_on
    loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
    goal = pick_level(loaded, target, "--target")
    result = build(lib, loaded, person.replace(ladder=loaded.ladder.id, assessed_on=when), target=goal, today_=when, pace=pace, lang=None)
    shown = shown_in(loaded)
    from ..store.history import HistoryError

    try:
        assessment_id, entry = record_plan(result, f"import:{file}")
    except HistoryError as exc:
        raise history_fail(exc) from None
    best, nxt = result.assessment.best, result.roadmap.target
    emit(w.imported_line(assessment_id, when, loaded.ladder.id, best.title_in(shown) if best else None, entry.fit_met,
                         entry.fit_total, nxt.title_in(shown) if nxt else None))


@history_app.command("forget", cls=Command)
def history_forget_cmd(
    assessment: Annotated[Optional[int], typer.Argument(metavar="ID", help=N_("The id of the assessment to delete (see: pmladder history)."), show_default=False)] = None,
    every: Annotated[bool, typer.Option("--all", metavar="", help=N_("Delete every recorded assessment."))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help=N_("Do not ask before --all (needed without a terminal)."))] = False,
) -> None:
    """Delete one recorded assessment, or all of them (the data is personal; deleted rows are overwritten).

    Forget one assessment by its id (see pmladder history), or all of them.

    Example: [bold]pmladder history forget --all --yes[/bold]
    """
    from .. import words as w

    if (assessment is None) == (not every):
        raise fail(_("give one assessment ID to forget, or --all (not both)"))
    with open_or_fail() as history:
        if assessment is not None:
            row = history_call(lambda: _row_to_forget(history, assessment))
            history_call(lambda: history.forget(assessment))
            emit(w.forgot_line(row) if row else w.forgot_damaged_line(assessment))
            return
        count = history_call(history.count)
        if count == 0:
            typer.echo(w.nothing_to_forget(), file=this_run().stdout)
            return
        if not yes:
            if not this_run().stdin_tty:
                raise fail(_("forget --all deletes every recorded assessment and there is no terminal to confirm on: add --yes"))
            if not typer.confirm(w.forget_question(count, history.path), default=False, err=True):
                err(w.nothing_forgotten())
                return
        n = history_call(history.forget_all)
        typer.echo(w.forgot_all_line(n), file=this_run().stdout)


def _row_to_forget(history, assessment: int):
    """The row `forget` names; None when the row cannot be read (forgetting a damaged row is
    its cure; a file damaged beyond one row is then refused by the write itself)."""
    from ..store.history import HistoryError

    try:
        return history.get(assessment)
    except HistoryError as exc:
        if exc.io:
            raise
        return None


app.add_typer(history_app, name="history")
