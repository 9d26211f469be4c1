"""The `pmladder` command line: options in, one call to the library, one renderer out.

Commands map their options to a request, call `service.make_plan` (or the loader), and
hand the result to a renderer. Every expected failure becomes a message and an exit code
in one place (`Boundary.invoke`). Heavy modules (rich, yaml, the renderers) are imported
inside the commands that need them, so `--version` and `--help` stay quick.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .exits import CANCELLED, DATA_ERR, INTERRUPTED, NO_INPUT, OK, USAGE

__all__ = ["app", "main", "OK"]


class Boundary(TyperGroup):
    """Typer's group with one error boundary: every command's expected failures end here."""

    def invoke(self, ctx):
        from .errors import handle

        return handle(lambda: super(Boundary, self).invoke(ctx))


app = typer.Typer(
    name="pmladder",
    cls=Boundary,
    help=(
        "Plan a project-management career: see a title ladder, find where you stand on it, "
        "and get the gap list and roadmap to the next title."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 65 bad ladder or profile file, 66 input missing, "
        "73 would overwrite (use --force), 74 I/O error, 130 interrupted."
    ),
)


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def _complete_ladders(ctx: typer.Context, incomplete: str):
    from .completion import ladder_ids

    return ladder_ids(ctx, incomplete)


def _complete_levels(ctx: typer.Context, incomplete: str):
    from .completion import level_ids

    return level_ids(ctx, incomplete)


LaddersDir = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--ladders-dir", metavar="DIR",
        help="Also load ladders from this folder (repeatable); a ladder with the same id overrides an earlier one.",
        exists=True, file_okay=False, dir_okay=True, show_default=False,
    ),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="CODE", help="Language of titles and text: any language the ladder has (en, zh, ...).", show_default=False),
]
TodayOpt = Annotated[
    Optional[str],
    typer.Option("--today", metavar="YYYY-MM-DD", help="Plan as if today were this date (for scripts and replaying old profiles).", show_default=False),
]
PaceOpt = Annotated[
    int,
    typer.Option("--pace", min=1, max=10, metavar="N", help="How many development items you work on at once (skills, courses, exams)."),
]
TargetOpt = Annotated[
    Optional[str],
    typer.Option("--target", "-t", metavar="LEVEL", help="Plan to this title instead of the next: its id, its title or its number in the overview.",
                 show_default=False, autocompletion=_complete_levels),
]
LadderOpt = Annotated[
    Optional[str],
    typer.Option("--ladder", "-L", metavar="LADDER", help="The ladder (default: the one your profile was last assessed on).",
                 show_default=False, autocompletion=_complete_ladders),
]
ProfileOpt = Annotated[
    Optional[Path],
    typer.Option("--profile", "-p", metavar="FILE", help="The profile file to use (default: your saved profile).",
                 dir_okay=False, show_default=False),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmladder {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", metavar="", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan a project-management career from title ladders written as YAML."""


# --- small helpers ----------------------------------------------------------------------------


def err(message: str) -> None:
    from .errors import err as _err

    _err(message)


def fail(message: str, code: int = USAGE):
    from .errors import Fail

    return Fail(message, code)


def emit(text: str) -> None:
    """Plain text (JSON, Markdown) to stdout, as is."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def to_json(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def console(*, stderr: bool = False):
    from .render.terminal import make_console

    return make_console(stderr=stderr)


def library(dirs: list[Path] | None):
    from .loader import load_library
    from .yamlsafe import DataError

    try:
        lib = load_library(dirs)
    except DataError as exc:
        first = min(p.path for p in exc.problems)
        exc.hint = f"fix the ladder file(s) above or move them out of the ladder folders; check one with: pmladder validate {first}"
        raise
    for notice in lib.notices:
        err(f"note: {notice}")
    return lib


def pick_ladder(lib, ladder_id: str):
    loaded = lib.get(ladder_id)
    if loaded is None:
        import difflib

        hint = difflib.get_close_matches(ladder_id, list(lib.ladders), n=1)
        tip = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise fail(f"unknown ladder '{ladder_id}'{tip}; known ladders: {', '.join(sorted(lib.ladders)) or 'none'}")
    return loaded


def pick_level(loaded, wanted: str | None, option: str = "--level"):
    """A level by id, by title in any of the ladder's languages (any case), or by its number; None for None."""
    if wanted is None:
        return None
    from .lookup import find_level

    level, problem = find_level(loaded.ladder, wanted)
    if level is None:
        raise fail(f"{option}: {problem}")
    return level


def language(lang: str | None, loaded) -> str | None:
    """The language to show (None for English); a code the ladder does not declare is a usage error."""
    if lang is None or lang == "en":
        return None
    if lang not in loaded.ladder.languages:
        raise fail(f"--lang: ladder '{loaded.ladder.id}' has no '{lang}' text; its languages: {', '.join(loaded.ladder.languages)}")
    return lang


def today(value: str | None):
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--today: '{value}' is not a date as YYYY-MM-DD") from None


def read_profile(lib, path: Path):
    from .profiles import load_profile

    if not path.exists():
        raise fail(f"profile not found: {path}", NO_INPUT)
    return load_profile(path, lib.vocabulary())


def saved_profile_path() -> Path:
    from .paths import profile_path

    return profile_path()


def ladder_for(lib, ladder: str | None, person) -> str:
    """The ladder asked for, else the one the profile was assessed on."""
    if ladder is None and person.ladder is None:
        raise fail("name the ladder with --ladder; known ladders: " + ", ".join(sorted(lib.ladders)))
    chosen = ladder or person.ladder
    if ladder is None and chosen not in lib.ladders:
        raise fail(f"the profile was assessed on ladder '{chosen}', which is not installed; name one with --ladder "
                   f"(known: {', '.join(sorted(lib.ladders))})")
    return chosen


def rerun_options(ladders_dir, lang, profile: Path | None) -> str:
    """The options a suggested command must repeat to work like this run."""
    parts = []
    if profile is not None:
        parts.append(f"--profile {profile}")
    for folder in ladders_dir or []:
        parts.append(f"--ladders-dir {folder}")
    if lang:
        parts.append(f"--lang {lang}")
    return " ".join(parts)


def build(lib, loaded, person, *, target, today_, pace, lang, options: str = ""):
    from .service import make_plan

    if target is not None:
        check_target(lib, loaded, person, target, today_)
    return make_plan(loaded.ladder, person, today_, target=target.id if target is not None else None, pace=pace,
                     lang=lang, origin=loaded.origin, role_from=lib.catalog.role_ratings_from, options=options)


def check_target(lib, loaded, person, target, today_) -> None:
    """A target at or below where the person stands is a usage error with a clear reason."""
    from .assess import assess
    from .lookup import below

    a = assess(loaded.ladder, person, today_)
    if a.best is not None and (target.id == a.best.id or below(loaded.ladder, target.id, a.best.id)):
        raise fail(f"--target: you already stand at {a.best.title} (best fit); {target.title} is not above it. "
                   f"Pick a higher title, or leave --target out to plan the next one.")


def render(plan, fmt: str) -> str:
    if fmt == "json":
        from .render.data import plan_json

        return to_json(plan_json(plan)) + "\n"
    from .render.plan import plan_markdown

    return plan_markdown(plan)


def show_plan(plan, fmt: str) -> None:
    if fmt == "text":
        from .render.report import print_report

        print_report(console(), plan)
    else:
        emit(render(plan, fmt))


def unanswered_note(plan) -> None:
    """Say on stderr which answers the ladder uses that the profile lacks (they are unknown, not 0)."""
    from . import words as w

    items = [w.label(c.atom, plan.ladder, plan.lang) for c, _ in plan.unknowns]
    if items:
        shown = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
        err(f"note: not answered: {shown} (unknown, not 0); answer them with: {plan.rerun('assess --ask')}")


def check_export(path: Path | None, force: bool) -> None:
    """Before any question: an export target that exists (without --force) or cannot be written stops the run."""
    if path is None:
        return
    if str(path) == "-":
        raise fail("--export writes a file; to print the plan, use --format markdown")
    from .fsio import check_writable

    check_writable(path, overwrite=force)


def write_file(path: Path, text: str, force: bool) -> None:
    from .fsio import atomic_write

    atomic_write(path, text, overwrite=force)
    err(f"Wrote the plan to {path}")


# --- commands ---------------------------------------------------------------------------------


@app.command("ladders")
def ladders_cmd(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """List the ladders pmladder can use: id, name, number of levels and where each was loaded from.

    Example: [bold]pmladder ladders --format json[/bold]
    """
    lib = library(ladders_dir)
    rows = [
        {"id": lid, "name": item.ladder.name, "levels": len(item.ladder.levels), "languages": list(item.ladder.languages),
         "source": item.origin, "framework": item.ladder.framework.issuer if item.ladder.framework else None}
        for lid, item in sorted(lib.ladders.items())
    ]
    if fmt is ListFormat.json:
        emit(to_json({"schema_version": 1, "ladders": rows}))
        return
    from .render.terminal import ladders_table

    console().print(ladders_table(rows))


@app.command("show")
def show_cmd(
    ladder: Annotated[str, typer.Argument(metavar="LADDER", help="The ladder id, e.g. pmo-career (see: pmladder ladders).",
                                          show_default=False, autocompletion=_complete_ladders)],
    level: Annotated[Optional[str], typer.Option("--level", "-l", metavar="LEVEL", help="Show only this level: its id, title or number.",
                                                 show_default=False, autocompletion=_complete_levels)] = None,
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """Show a ladder: its tiers and titles, what each level does and requires, and where it leads.

    Example: [bold]pmladder show pmo-sequence --lang zh[/bold]
    """
    from . import words

    lib = library(ladders_dir)
    loaded = pick_ladder(lib, ladder)
    only = pick_level(loaded, level)
    chosen = language(lang, loaded)
    words.use(chosen)
    only_id = only.id if only else None
    if fmt is Format.json:
        from .render.data import ladder_json

        emit(to_json(ladder_json(loaded, chosen, only_id)))
    elif fmt is Format.markdown:
        from .render.markdown import ladder_markdown

        emit(ladder_markdown(loaded, chosen, only_id))
    else:
        from .render.terminal import show_ladder

        show_ladder(console(), loaded, chosen, only_id)


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Ladder files to check (a file named catalog.yaml is checked as the catalog).", show_default=False)],
) -> None:
    """Check ladder files: exit 0 when all are valid, else 65 with every problem as FILE:LINE:COL: message.

    Example: [bold]pmladder validate my-ladder.yaml[/bold]
    """
    from .loader import load_catalog, validate_file
    from .yamlsafe import DataError

    catalog = load_catalog()
    bad = missing = 0
    for path in files:
        if not path.exists():
            missing += 1
            err(f"{path}: file not found")
            continue
        try:
            result = validate_file(path, catalog)
        except DataError as exc:
            bad += 1
            for problem in exc.problems:
                err(str(problem))
            continue
        what = f"ladder '{result.id}', {len(result.levels)} levels" if hasattr(result, "levels") else "catalog"
        typer.echo(f"{path}: ok ({what})")
    if bad:
        err(f"{bad} of {len(files)} file(s) invalid")
    if bad or missing:
        raise typer.Exit(DATA_ERR if bad else NO_INPUT)


class SchemaKind(str, Enum):
    ladder = "ladder"
    catalog = "catalog"
    profile = "profile"


@app.command("schema")
def schema_cmd(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file's schema: ladder, catalog or profile.")] = SchemaKind.ladder,
    catalog: Annotated[bool, typer.Option("--catalog", hidden=True, help="Same as 'schema catalog'.")] = False,
) -> None:
    """Print the JSON Schema of a ladder file (or of the catalog or a profile), for editors and CI checks.

    Example: [bold]pmladder schema profile > profile.schema.json[/bold]
    """
    if catalog:
        kind = SchemaKind.catalog
    if kind is SchemaKind.profile:
        from .profiles import profile_schema

        emit(to_json(profile_schema()))
        return
    from .schema import catalog_schema, ladder_schema

    emit(to_json(catalog_schema() if kind is SchemaKind.catalog else ladder_schema()))


@app.command("example-profile")
def example_profile_cmd() -> None:
    """Print a sample profile (Alex, a project manager) to start your own from.

    Example: [bold]pmladder example-profile > me.yaml[/bold], then [bold]pmladder assess --profile me.yaml --ladder pm-titles[/bold]
    """
    from .loader import builtin_dir

    emit((builtin_dir() / "examples" / "profile-alex.yaml").read_text(encoding="utf-8"))


class Section(str, Enum):
    experience = "experience"
    certifications = "certifications"
    skills = "skills"


@app.command("assess")
def assess_cmd(
    ladder: LadderOpt = None,
    profile: ProfileOpt = None,
    ask: Annotated[bool, typer.Option("--ask", metavar="", help="Ask the questions even with --profile (pre-filled from it) or without a terminal (answers from standard input).")] = False,
    only: Annotated[Optional[Section], typer.Option("--only", metavar="SECTION", help="Ask one section again: experience, certifications or skills.", show_default=False)] = None,
    save: Annotated[Optional[Path], typer.Option("--save", metavar="FILE", help="Save the answers to this file (default: the profile they came from).", dir_okay=False, show_default=False)] = None,
    no_save: Annotated[bool, typer.Option("--no-save", metavar="", help="Do not save the answers.")] = False,
    target: TargetOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="FILE", help="Also write the plan as Markdown to this file.", dir_okay=False, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Let --export replace an existing file.")] = False,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", hidden=True, dir_okay=False, help="Old name of --profile.")] = None,
    interactive: Annotated[bool, typer.Option("--interactive", hidden=True, help="Old name of --ask.")] = False,
) -> None:
    """See where you stand, the gaps and the roadmap: answer the questions, or assess a profile file.

    Without --profile it asks the questions (pre-filled from your saved profile) and saves the answers;
    with --profile FILE it asks nothing unless you add --ask or --only.

    Examples: [bold]pmladder assess --ladder pm-titles[/bold]; [bold]pmladder example-profile > me.yaml[/bold], then
    [bold]pmladder assess --profile me.yaml --ladder pm-titles[/bold]
    """
    from . import words

    if answers is not None and profile is not None:
        raise fail("--answers is the old name of --profile: give one of them")
    profile = profile or answers
    ask = ask or interactive
    asking = profile is None or ask or only is not None
    if not asking and (save is not None or no_save):
        raise fail("--save and --no-save go with questions; with --profile nothing is asked, so nothing is saved (add --ask to answer again)")
    if save is not None and no_save:
        raise fail("--save and --no-save contradict each other: give one")
    when = today(today_)
    check_export(export, force)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if asking:
        if not (ask or sys.stdin.isatty()):
            raise fail("no terminal to ask questions on: pass --profile FILE (a saved profile), or --ask to read answers from standard input")
        prefill = read_profile(lib, source) if source.exists() else None
        if only is not None and prefill is None:
            raise fail(f"--only re-asks one section of a saved profile, and there is none at {source}: run 'pmladder assess' first", NO_INPUT)
        from .interview import choose_ladder, interview

        chosen = ladder or (prefill.ladder if (prefill and prefill.ladder in lib.ladders and only is not None) else None) or choose_ladder(lib, prefill.ladder if prefill else None)
        loaded = pick_ladder(lib, chosen)
        goal = pick_level(loaded, target, "--target")
        shown_lang = language(lang, loaded)
        words.use(shown_lang)
        person = interview(lib, loaded.ladder, prefill, only=only.value if only else None, today=when)
        person = person.replace(ladder=loaded.ladder.id, assessed_on=when)
        if not no_save:
            from .profiles import save_profile

            where = save or source
            save_profile(where, person, make_folder=where == saved_profile_path())
            err(f"Saved your answers to {where} (use them again with --profile {where}).")
        options = rerun_options(ladders_dir, shown_lang, save or profile)
    else:
        person = read_profile(lib, source)
        loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
        goal = pick_level(loaded, target, "--target")
        shown_lang = language(lang, loaded)
        words.use(shown_lang)
        options = rerun_options(ladders_dir, shown_lang, profile)
    result = build(lib, loaded, person, target=goal, today_=when, pace=pace, lang=shown_lang, options=options)
    if not asking:
        unanswered_note(result)
    if export is not None:  # written before the report, so a closed pipe cannot lose it
        write_file(export, render(result, "markdown"), force)
    show_plan(result, fmt.value)


@app.command("plan")
def plan_cmd(
    ladder: LadderOpt = None,
    profile: ProfileOpt = None,
    target: TargetOpt = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the plan to this file ('-' for stdout) instead of showing it.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Replace an existing output file.")] = False,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format (default: text on screen; with -o, json for a .json file, else markdown).", show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """Build your plan from a saved profile: show it, or export it as Markdown or JSON to share.

    Example: [bold]pmladder plan -o my-plan.md[/bold]
    """
    from . import words

    if fmt is Format.text and output not in (None, "-"):
        raise fail("--format text is for the screen; write a file as markdown or json")
    when = today(today_)
    if output not in (None, "-"):
        check_export(Path(output), force)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if profile is None and not source.exists():
        raise fail(f"no saved profile at {source}: run 'pmladder assess' first, or pass --profile FILE", NO_INPUT)
    person = read_profile(lib, source)
    loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
    goal = pick_level(loaded, target, "--target")
    shown_lang = language(lang, loaded)
    words.use(shown_lang)
    result = build(lib, loaded, person, target=goal, today_=when, pace=pace, lang=shown_lang,
                   options=rerun_options(ladders_dir, shown_lang, profile))
    unanswered_note(result)
    if fmt is not None:
        chosen = fmt.value
    elif output in (None, "-"):
        chosen = "text" if output is None else "markdown"
    else:
        chosen = "json" if output.lower().endswith(".json") else "markdown"
    if output in (None, "-"):
        show_plan(result, chosen)
    else:
        write_file(Path(output), render(result, chosen), force)


class TeamFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class TeamTemplate(str, Enum):
    csv = "csv"


@app.command("team")
def team_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", help="Profile files, folders (searched recursively for *.yaml and *.yml), spreadsheets (FILE.csv, one row a person), or - to read a list of paths from standard input.", show_default=False)] = None,
    ladder: Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help="The ladder to place everyone on.", show_default=False, autocompletion=_complete_ladders)] = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="LEVEL", help="Measure readiness and gaps toward this title for everyone (default: each person's next title).", show_default=False, autocompletion=_complete_levels)] = None,
    fmt: Annotated[Optional[TeamFormat], typer.Option("--format", "-f", help="Output format (default: text on screen; with -o, json or csv by the file's extension, else markdown).", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file ('-' for stdout) instead of showing it.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Replace an existing output file.")] = False,
    anonymise: Annotated[bool, typer.Option("--anonymise", "--anonymize", metavar="", help="Hide who is who: every name and every file path (in all formats, skipped files too) becomes a pseudonym such as 'Person 7F3A-9KQ2', the same for the same file and name from run to run. The pseudonyms come from a secret key in your data folder, so they cannot be worked back to names without it.")] = False,
    template: Annotated[Optional[TeamTemplate], typer.Option("--template", metavar="csv", help="Print the header of a team spreadsheet with one example row (the columns of --ladder, or of every ladder), then exit.", show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, metavar="N", help="Processes to place people in (default: 2 for a team of 400 or more when two cores are free, else 1).", show_default=False)] = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """See a whole team on one ladder: level spread, who is ready when, common gaps and training, certification pipeline.

    Reads profile files (as 'pmladder assess' saves them) and spreadsheets: one row a person, columns named by profile keys ('pmladder team --template csv' prints them; certifications separated by ';', 'none' for none held; an empty cell is not answered). A profile that does not load is listed with its FILE:LINE: message (FILE:ROW: column: message in a spreadsheet) and skipped.

    Exit codes: 0 every profile read; 65 some skipped (the report lists them); 66 a path does not exist or no profile was found; 2 usage; 73 would overwrite (use --force).

    Example: [bold]pmladder team profiles/ --ladder pmo-career -o team.md[/bold]
    """
    from . import words

    if fmt is TeamFormat.text and output not in (None, "-"):
        raise fail("--format text is for the screen; write a file as markdown, json or csv")
    if output not in (None, "-"):
        check_export(Path(output), force)
    if template is not None:
        from .teamread import template as csv_template

        lib = library(ladders_dir)
        uses = None
        if ladder is not None:
            from .domain import uses as ladder_uses

            uses = ladder_uses(pick_ladder(lib, ladder).ladder)
        from .loader import builtin_dir
        from .yamlsafe import read_file

        example = read_file(builtin_dir() / "examples" / "profile-alex.yaml").data
        text = csv_template(lib.vocabulary(), uses, example)
        if output in (None, "-"):
            sys.stdout.write(text)
        else:
            from .fsio import atomic_write

            atomic_write(Path(output), text, overwrite=force)
            err(f"Wrote the team spreadsheet template to {output}")
        return
    if not paths:
        raise fail("name the profiles: files, folders or spreadsheets (FILE.csv), or - to read paths from standard input")
    when = today(today_)
    lib = library(ladders_dir)
    if ladder is None:
        raise fail("name the ladder to place the team on with --ladder; known ladders: " + ", ".join(sorted(lib.ladders)))
    loaded = pick_ladder(lib, ladder)
    goal = pick_level(loaded, target, "--target")
    shown_lang = language(lang, loaded)
    words.use(shown_lang)
    from .team import Request, build_team
    from .teamread import Missing, find

    try:
        sources, empty = find(paths, sys.stdin if "-" in paths else None)
    except Missing as exc:
        raise fail(f"not found: {exc.path}", NO_INPUT) from None
    if not sources:
        raise fail(words.no_profiles(empty or paths), NO_INPUT)
    if fmt is not None:
        chosen = fmt.value
    elif output in (None, "-"):
        chosen = "text" if output is None else "markdown"
    else:
        chosen = {".json": "json", ".csv": "csv"}.get(Path(output).suffix.lower(), "markdown")
    from .render.team import Progress

    progress = Progress(enabled=chosen in ("text", "markdown") and sys.stderr.isatty() and (output not in (None, "-") or sys.stdout.isatty()))
    req = Request(loaded.ladder, lib.vocabulary(), when, origin=loaded.origin, target=goal.id if goal else None, pace=pace,
                  lang=shown_lang, role_from=lib.catalog.role_ratings_from, anonymise=anonymise, workers=workers)
    try:
        result = build_team(req, sources, tuple(empty), progress.update)
    finally:
        progress.stop()
    from .render import team as draw

    if chosen == "text":
        draw.print_team(console(), result)
    else:
        text = {"markdown": draw.team_markdown, "json": lambda r: draw.dumps(draw.team_json(r)), "csv": draw.team_csv}[chosen](result)
        if output in (None, "-"):
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        else:
            from .fsio import atomic_write

            atomic_write(Path(output), text, overwrite=force)
            err(f"Wrote the team report to {output}")
    if result.skipped:
        where = "listed in the report" if output in (None, "-") else f"listed in {output}"
        err(f"pmladder: skipped {len(result.skipped)} of {result.read + len(result.skipped)} profiles ({where}); exit 65")
        raise typer.Exit(DATA_ERR)

def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write(f"\npmladder: {CANCELLED}\n")
        sys.exit(INTERRUPTED)

