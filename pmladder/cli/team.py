"""`team`: many profiles on one ladder, summed once."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import DATA_ERR, NO_INPUT
from ..words import sheet as sheet_words
from .run import is_tty, this_run
from .app import (N_, Command, NoPagerOpt, parse_day, format_choices, LaddersDir, LangOpt, PaceOpt, Ratings, RatingsOpt, TodayOpt, _, _complete_ladders, _complete_levels, app, check_export,
                  document, emit, err, fail, language, library, output_format, pick_ladder, pick_level, show, today)


TeamFormat = format_choices("TeamFormat", "team")


class TeamTemplate(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


class GroupBy(str, Enum):
    department = "department"
    manager = "manager"


@app.command("team", cls=Command)
def team_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help=N_("Profile files, folders (searched recursively for *.yaml and *.yml), spreadsheets (FILE.csv, one row a person), or - to read a list of paths from standard input."), show_default=False)] = None,
    ladder: Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help=N_("The ladder to place everyone on."), show_default=False, autocompletion=_complete_ladders)] = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="LEVEL", help=N_("Measure readiness and gaps toward this title for everyone (default: each person's next title)."), show_default=False, autocompletion=_complete_levels)] = None,
    fmt: Annotated[Optional[TeamFormat], typer.Option("--format", "-f", help=N_("Output format (default: text on screen; with -o, json or csv by the file's extension, else markdown)."), show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=N_("Write the report to this file ('-' for stdout) instead of showing it."), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Replace an existing output file."))] = False,
    anonymise: Annotated[bool, typer.Option("--anonymise", "--anonymize", metavar="", help=N_("Hide who is who: every name and every file path (in all formats, skipped files too) becomes a pseudonym such as 'Person 7F3A-9KQ2', the same for the same file and name from run to run. The pseudonyms come from a secret key in your data folder (or in PMLADDER_PSEUDONYM_KEY, 64 hexadecimal characters), so they cannot be worked back to names without it."))] = False,
    template: Annotated[Optional[TeamTemplate], typer.Option("--template", metavar="csv|xlsx", help=N_("Print the header of a team spreadsheet with one example row (the columns of --ladder, or of every ladder), then exit. The example row starts with '#': rows that do are skipped, so make it a real row or delete it. The CSV template explains each column and rating in '#' lines above the header; the xlsx template (written with -o FILE.xlsx) in a second sheet."), show_default=False)] = None,
    sheet: Annotated[Optional[str], typer.Option("--sheet", metavar="NAME|N", help=N_("The sheet of an .xlsx workbook to read, by name or number (default: the first)."), show_default=False)] = None,
    by: Annotated[Optional[GroupBy], typer.Option("--by", help=N_("Show the report for each department or each manager (the department and manager columns or profile fields), with subtotals and a summary line a group."), show_default=False)] = None,
    succession: Annotated[bool, typer.Option("--succession", metavar="", help=N_("Add a succession view: for each title from --succession-from up, who could step in now, within 12 months and within 24 months, and the gap that sets each date."))] = False,
    succession_from: Annotated[Optional[str], typer.Option("--succession-from", metavar="LEVEL", help=N_("The lowest title of the succession view (implies --succession; default: the ladder's top tier)."), show_default=False, autocompletion=_complete_levels)] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Add how the team changed since this date: level distribution then and now, who moved up, readiness gained, gaps closed, who joined or left. When PATH is one folder of dated snapshots (sub-folders or spreadsheets named like 2025-06-01), then is the latest snapshot dated on or before the date and now is the latest snapshot; otherwise then is, for each person of PATH, their latest assessment on this ladder recorded in the history on or before the date, matched by name (case and spacing ignored). Someone found only then left; only now, joined."), show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ratings: RatingsOpt = Ratings.self,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, metavar="N", help=N_("Processes to place people in (default: 2 for a team of 400 or more when two cores are free, else 1)."), show_default=False)] = None,
    ladders_dir: LaddersDir = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """See a whole team on one ladder: level spread, who is ready when, common gaps and training, certification pipeline.

    Reads profile files (as 'pmladder assess' saves them) and spreadsheets (FILE.csv, or FILE.xlsx once the optional extra 'xlsx' is installed): one row a person, columns named by profile keys ('pmladder team --template csv' prints them; certifications by id or name separated by ';' or '/', 'none' for none held; an empty cell, N/A or - is not answered; '5 years', '3,5' and words such as MBA are read). A cell that cannot be read is left unanswered and named, with its person, at the end of the report; the person stays in every figure. A profile that does not load is listed with its FILE:LINE:COL: message (FILE:ROW: message in a spreadsheet) and skipped; a row whose first cell starts with '#' is a comment, and so are '#' lines above the header.

    Exit codes: 0 every profile read (cells not read are listed, not counted as errors); 65 some skipped (the report lists them; a workbook that cannot be read is one of them); 66 a path does not exist, no profile was found, --since is earlier than every dated snapshot, or an .xlsx file is named and openpyxl is not installed; 2 usage (--template xlsx without openpyxl too); 73 would overwrite (use --force).

    Example: [bold]pmladder team profiles/ --ladder pmo-career -o team.md[/bold]
    """
    from .. import words

    run = this_run()
    if fmt is TeamFormat.text and output not in (None, "-"):
        raise fail(_("--format text is for the screen; write a file as markdown, json or csv"))
    if output not in (None, "-"):
        check_export(Path(output), force)
    if template is not None:
        from ..inputs.team import template as csv_template

        if template is TeamTemplate.xlsx:
            from ..inputs import xlsx

            if output in (None, "-"):
                raise fail(_("--template xlsx writes a workbook: name it with -o FILE.xlsx"))
            if not xlsx.available():
                raise fail(sheet_words.no_openpyxl_template(xlsx.INSTALL))
        lib = library(ladders_dir)
        uses = chosen_ladder = None
        if ladder is not None:
            from ..engine.types import uses as ladder_uses

            picked = pick_ladder(lib, ladder)
            chosen_ladder, uses = picked.ladder, ladder_uses(picked.ladder)
            shown = language(lang, picked).text
        else:
            shown = language(lang).words  # the catalog speaks every language pmladder has words in
        from ..inputs.loader import builtin_dir
        from ..inputs.yamlsafe import read_file

        example = read_file(builtin_dir() / "examples" / "profile-alex.yaml").data
        if template is TeamTemplate.xlsx:
            text = xlsx.template_xlsx(lib.vocabulary(), uses, example, chosen_ladder, shown)
        else:
            text = csv_template(lib.vocabulary(), uses, example, chosen_ladder, shown)
        if output in (None, "-"):
            emit(text)
        else:
            from ..store.fsio import atomic_write

            atomic_write(Path(output), text, overwrite=force)
            err(_("Wrote the team spreadsheet template to {path}").format(path=output))
        return
    if not paths:
        raise fail(_("name the profiles: files, folders or spreadsheets (FILE.csv), or - to read paths from standard input"))
    when = today(today_)
    since_day = parse_day("--since", since) if since is not None else None
    snap_then = None
    if since_day is not None:
        from ..views.team_since import dated_snapshots, pick

        snaps = dated_snapshots(Path(paths[0])) if len(paths) == 1 and paths[0] != "-" else []
        if snaps:
            snap_then, snap_now = pick(snaps, since_day)
            if snap_then is None:
                raise fail(_("--since {date}: no snapshot in {path} is dated on or before it; the earliest is {first}").format(
                    date=since_day.isoformat(), path=paths[0], first=snaps[0][0].isoformat()), NO_INPUT)
            paths = [str(snap_now[1])]
    lib = library(ladders_dir)
    if ladder is None:
        raise fail(_("name the ladder to place the team on with --ladder; known ladders: {known}").format(known=", ".join(sorted(lib.ladders))))
    loaded = pick_ladder(lib, ladder)
    goal = pick_level(loaded, target, "--target")
    floor = pick_level(loaded, succession_from, "--succession-from")
    shown_lang = language(lang, loaded).text
    from ..views.team import Request, build_team, succession_levels
    from ..inputs.team import Missing, find

    try:
        sources, empty = find(paths, run.stdin if "-" in paths else None)
    except Missing as exc:
        raise fail(_("not found: {path}").format(path=exc.path), NO_INPUT) from None
    if not sources:
        raise fail(words.no_profiles(empty or paths), NO_INPUT)
    if any(s.kind == "xlsx" for s in sources):
        from ..inputs.xlsx import INSTALL, available

        if not available():  # the input cannot be read on this installation: 66, before any work
            raise fail(sheet_words.no_openpyxl(INSTALL), NO_INPUT)
    chosen = output_format(fmt, output, "team")
    from ..render.team import Progress

    progress = Progress(enabled=chosen in ("text", "markdown") and is_tty(run.stderr) and (output not in (None, "-") or is_tty(run.stdout)))
    req = Request(loaded.ladder, lib.vocabulary(), when, origin=loaded.origin, target=goal.id if goal else None, pace=pace,
                  lang=shown_lang, role_from=lib.catalog.role_ratings_from, anonymise=anonymise, workers=workers, sheet=sheet,
                  succession=succession_levels(loaded.ladder, floor.id if floor else None) if succession or floor else (),
                  by=by.value if by else None, ratings=ratings.value)
    try:
        result = build_team(req._replace(anonymise=False) if since_day else req, sources, tuple(empty), progress.update,
                            _warm(chosen))
    finally:
        progress.stop()
    if since_day is not None:
        result = _since(req, result, since_day, snap_then)
    if chosen in ("csv", "json"):  # one person at a time: written in pieces, never the whole text at once
        _parts_out(result, chosen, output, force)
    elif output in (None, "-"):
        show("team", chosen, result, pager=not no_pager)
    else:
        from ..store.fsio import atomic_write

        atomic_write(Path(output), document("team", chosen, result), overwrite=force)
    if output not in (None, "-"):
        err(_("Wrote the team report to {path}").format(path=output))
    if result.skipped:
        where = _("listed in the report") if output in (None, "-") else _("listed in {path}").format(path=output)
        err(_("pmladder: skipped {n} of {total} profiles ({where}); exit 65").format(n=len(result.skipped), total=result.read + len(result.skipped), where=where))
        raise typer.Exit(DATA_ERR)


def _warm(chosen: str):
    """What drawing the report imports, imported while a helper process places people (views.team_stream.place)."""
    def warm() -> None:
        from ..render import team  # noqa: F401
        if chosen == "text":
            from ..render import terminal  # noqa: F401
            from ..text import layout  # noqa: F401

    return warm


def _since(req, raw, since_day, snap_then):
    """The report's team with its "Since" figures: `raw` is the team as read, names not hidden (they are matched);
    hidden afterwards when the report is anonymised. `snap_then`: (day, path) of the earlier dated snapshot, or None
    to take the earlier assessments from the history."""
    from ..inputs.team import find
    from ..views import team_since as ts
    from ..views.team import build_team, fold

    if snap_then is not None:
        day, path = snap_then
        sources, empty = find([str(path)])
        then_team = build_team(req._replace(today=day, anonymise=False, by=None, succession=()), sources, tuple(empty))
        then, source = [(p, day) for p in then_team.people], ts.FOLDERS
    else:
        from .history import history_call, open_or_fail

        keys = {k for k in (ts.name_key(p.name) for p in raw.people) if k}
        with open_or_fail() as history:
            rows = history_call(lambda: history.list(ladder=req.ladder.id, with_data=True))
        then, source = ts.from_history(req, ts.history_people(rows, since_day, keys), req.vocab), ts.HISTORY
    figures = ts.compare(req.ladder, then, raw, since_day, source, req.anonymise)
    team = fold(req, list(raw.people) + list(raw.skipped), raw.files, raw.empty, raw.workers) if req.anonymise else raw
    return team._replace(since=figures)


def _parts_out(team, chosen: str, output: str | None, force: bool) -> None:
    """The CSV or JSON export to stdout or, atomically, to `output` (every cell escaped by the renderer), piece by
    piece."""
    from ..render.team import csv_parts, json_parts

    parts = csv_parts(team) if chosen == "csv" else json_parts(team)
    if output not in (None, "-"):
        from ..store.fsio import atomic_write

        atomic_write(Path(output), parts, overwrite=force)
        return
    out = this_run().stdout
    for piece in parts:
        out.write(piece)
    out.flush()
