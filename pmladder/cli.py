"""The `pmladder` command line: parse options, call the core, pick a renderer, map errors to exit codes.

Heavy modules (rich, yaml, the renderers) are imported inside the commands that need them,
so `pmladder --version` and `--help` stay quick.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from . import __version__

# Exit codes (DESIGN.md): named once, used everywhere.
OK = 0
UNEXPECTED = 1
USAGE = 2
DATA_ERR = 65  # a bad ladder or profile file
NO_INPUT = 66  # an input file is missing
CANT_CREATE = 73  # would overwrite without --force
IO_ERR = 74
INTERRUPTED = 130

CANCELLED = "Cancelled \u2014 nothing saved."

app = typer.Typer(
    name="pmladder",
    help=(
        "Plan a project-management career: see a title ladder, find where you stand on it, "
        "and get the gap list and roadmap to the next title."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "Exit codes: 0 ok, 1 unexpected, 2 usage, 65 bad ladder or profile file, 66 input missing, "
        "73 would overwrite (use --force), 74 I/O error, 130 interrupted. More: README.md."
    ),
)


class TextFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


LaddersDir = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--ladders-dir", metavar="DIR",
        help="Also load ladders from this folder (repeatable); a ladder with the same id overrides an earlier one.",
        exists=True,
        file_okay=False,
        dir_okay=True,
        show_default=False,
    ),
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


# --- output and errors --------------------------------------------------------------------


def err(message: str) -> None:
    """One line on stderr, with anything a terminal would act on made visible."""
    from .textsafe import visible

    sys.stderr.write(visible(message) + "\n")
    sys.stderr.flush()


def fail(message: str, code: int) -> typer.Exit:
    err(f"pmladder: {message}")
    return typer.Exit(code)


@contextmanager
def handled() -> Iterator[None]:
    """Turn every expected failure into a clear message and its exit code; never a traceback."""
    from .fsio import FileWriteError, WouldOverwrite
    from .yamlsafe import DataError

    try:
        yield
    except DataError as exc:
        for problem in exc.problems:
            err(str(problem))
        if exc.hint:
            err(f"pmladder: {exc.hint}")
        raise typer.Exit(DATA_ERR) from None
    except WouldOverwrite as exc:
        raise fail(f"{exc.path} already exists; use --force to replace it", CANT_CREATE) from None
    except FileWriteError as exc:
        raise fail(str(exc), IO_ERR) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise fail(CANCELLED, INTERRUPTED) from None
    except EOFError:  # input ended at a prompt: nothing was saved either
        sys.stderr.write("\n")
        raise fail(CANCELLED + " (input ended)", INTERRUPTED) from None
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Rich does for its output
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(UNEXPECTED) from None


def console(*, stderr: bool = False):
    from .render.terminal import make_console

    return make_console(stderr=stderr)


def emit(text: str) -> None:
    """Plain text (JSON, Markdown) to stdout, as is."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


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
        known = ", ".join(sorted(lib.ladders)) or "none"
        raise fail(f"unknown ladder '{ladder_id}'; known ladders: {known}", USAGE)
    return loaded


def to_json(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


# --- commands ------------------------------------------------------------------------------


@app.command("ladders")
def ladders_cmd(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """List the ladders pmladder can use: id, name, number of levels and where each was loaded from.

    Example: [bold]pmladder ladders --format json[/bold]
    """
    with handled():
        lib = library(ladders_dir)
        rows = [
            {"id": lid, "name": item.ladder.name, "levels": len(item.ladder.levels), "source": item.origin}
            for lid, item in sorted(lib.ladders.items())
        ]
        if fmt is ListFormat.json:
            emit(to_json({"schema_version": 1, "ladders": rows}))
            return
        from .render.terminal import ladders_table

        console().print(ladders_table(rows))


@app.command("show")
def show_cmd(
    ladder: Annotated[str, typer.Argument(help="The ladder id, e.g. pmo-career (see: pmladder ladders).", show_default=False)],
    level: Annotated[Optional[str], typer.Option("--level", "-l", metavar="LEVEL", help="Show only this level (its id).", show_default=False)] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of titles and text, where the ladder has it.")] = Lang.en,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """Show a ladder: its tiers and titles, what each level does and requires, and where it leads.

    Example: [bold]pmladder show pmo-sequence --lang zh[/bold]
    """
    with handled():
        lib = library(ladders_dir)
        loaded = pick_ladder(lib, ladder)
        pick_level(loaded, level)
        chosen = language(lang, loaded)
        if fmt is TextFormat.json:
            from .render.data import ladder_json

            emit(to_json(ladder_json(loaded, lib.catalog, chosen, level)))
        elif fmt is TextFormat.markdown:
            from .render.markdown import ladder_markdown

            emit(ladder_markdown(loaded, lib.catalog, chosen, level))
        else:
            from .render.terminal import show_ladder

            show_ladder(console(), loaded, lib.catalog, chosen, level)


@app.command("validate")
def validate_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(help="Ladder files to check (a file named catalog.yaml is checked as the catalog).", show_default=False),
    ],
) -> None:
    """Check ladder files: exit 0 when all are valid, else 65 with every problem as FILE:LINE:COL: message.

    Example: [bold]pmladder validate my-ladder.yaml[/bold]
    """
    with handled():
        from .loader import load_catalog, validate_file
        from .model import Ladder
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
            what = f"ladder '{result.id}', {len(result.levels)} levels" if isinstance(result, Ladder) else "catalog"
            typer.echo(f"{path}: ok ({what})")
        if bad:
            err(f"{bad} of {len(files)} file(s) invalid")
        if bad or missing:
            raise typer.Exit(DATA_ERR if bad else NO_INPUT)


@app.command("schema")
def schema_cmd(
    catalog: Annotated[bool, typer.Option("--catalog", metavar="", help="Print the schema of catalog.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of a ladder file, for editors and CI checks.

    Example: [bold]pmladder schema > ladder.schema.json[/bold]
    """
    from .schema import catalog_schema, ladder_schema

    emit(to_json(catalog_schema() if catalog else ladder_schema()))


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def known_competencies(lib) -> dict:
    out = dict(lib.catalog.file.competencies)
    for item in lib.ladders.values():
        out.update(item.ladder.competencies)
    return out


def pick_level(loaded, target: str | None) -> None:
    """A level id the ladder does not have is a usage error that lists the ones it has."""
    if target is not None and target not in {lv.id for lv in loaded.ladder.levels}:
        known = ", ".join(lv.id for lv in loaded.ladder.levels)
        raise fail(f"ladder '{loaded.ladder.id}' has no level '{target}'; its levels: {known}", USAGE)


def read_profile(lib, path: Path):
    from .profiles import load_profile

    if not path.exists():
        raise fail(f"profile not found: {path}", NO_INPUT)
    return load_profile(path, lib.catalog, known_competencies(lib))


def choose_ladder(lib, asker, last: str | None) -> str:
    """Ask which ladder; Enter keeps the one the saved profile was assessed on."""
    from .questionnaire import InvalidAnswer, Question, parse

    ids = sorted(lib.ladders)
    default = last if last in lib.ladders else ids[0]
    choices = tuple((i, f"{lib.ladders[i].ladder.name} ({i})") for i in ids)
    question = Question("Ladder", "choice", "ladder", "Which ladder do you want to be placed on?", choices=choices)
    while True:
        try:
            return parse(question, asker.ask(question, 0, 0, default), default)
        except InvalidAnswer as exc:
            asker.invalid(str(exc))


@app.command("assess")
def assess_cmd(
    ladder: Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help="The ladder to be placed on; asked when not given.", show_default=False)] = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", metavar="FILE", help="Read the answers from this profile file and ask nothing.", dir_okay=False, show_default=False)] = None,
    profile: Annotated[Optional[Path], typer.Option("--profile", "-p", metavar="FILE", help="Pre-fill the questions from this profile (default: your saved profile).", dir_okay=False, show_default=False)] = None,
    save: Annotated[Optional[Path], typer.Option("--save", metavar="FILE", help="Save the answers to this file (default: your saved profile).", dir_okay=False, show_default=False)] = None,
    no_save: Annotated[bool, typer.Option("--no-save", metavar="", help="Do not save the answers.")] = False,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="LEVEL", help="Plan the roadmap to this level id instead of the next title.", show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="FILE", help="Also write the plan as Markdown to this file.", dir_okay=False, show_default=False)] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of titles and level text, where the ladder has it.")] = Lang.en,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Let --export replace an existing file.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", metavar="", help="Ask the questions even when stdin is not a terminal (answers piped in).")] = False,
    ladders_dir: LaddersDir = None,
) -> None:
    """Answer questions about your experience, certifications and skills; see where you stand, the gaps and the roadmap.

    Example: [bold]pmladder assess --ladder pm-titles[/bold], or without questions:
    [bold]pmladder assess --ladder pm-titles --answers examples/profile-alex.yaml[/bold]
    """
    with handled():
        if export is not None and str(export) == "-":
            raise fail("--export writes a file; to print the plan, use --format markdown", USAGE)
        lib = library(ladders_dir)
        if answers is not None:
            person = read_profile(lib, answers)
            loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
            pick_level(loaded, target)
            unanswered_note(lib, loaded, person)
        else:
            if not (interactive or sys.stdin.isatty()):
                raise fail("no terminal to ask questions on: pass --answers FILE (a saved profile), or --interactive to read answers from stdin", USAGE)
            from .profiles import default_path, save_profile
            from .questionnaire import questions, run
            from .render.prompt import TerminalAsker

            asker = TerminalAsker(console(stderr=True), sys.stdin)
            source = profile or default_path()
            prefill = read_profile(lib, source) if (profile is not None or source.exists()) else None
            chosen = ladder if ladder is not None else choose_ladder(lib, asker, prefill.ladder if prefill else None)
            loaded = pick_ladder(lib, chosen)
            pick_level(loaded, target)
            person = run(questions(loaded.ladder, lib.catalog), asker, lib.catalog, prefill)
            person = person.model_copy(update={"ladder": loaded.ladder.id})
            if not no_save:
                where = save or default_path()
                save_profile(where, person)
                err(f"Saved your answers to {where} (reuse them with --answers).")
        report(lib, loaded, person, target, fmt.value, export, force, language(lang, loaded))


def language(lang: "Lang", loaded) -> str | None:
    """The language to show, None for English; says so when the ladder has none of it."""
    if lang is Lang.en:
        return None
    if lang.value not in loaded.ladder.languages:
        err(f"note: ladder '{loaded.ladder.id}' has no '{lang.value}' text; showing English")
        return None
    return lang.value


def ladder_for(lib, ladder: str | None, person) -> str:
    """The ladder asked for, else the one the profile was assessed on."""
    if ladder is None and person.ladder is None:
        raise fail("name the ladder with --ladder; known ladders: " + ", ".join(sorted(lib.ladders)), USAGE)
    return ladder or person.ladder


def unanswered_note(lib, loaded, person) -> None:
    """Tell when a profile made on another ladder lacks answers this ladder uses (they count as 0)."""
    from .questionnaire import questions

    missing = [
        q.key for q in questions(loaded.ladder, lib.catalog)
        if (q.kind == "fact" and q.key not in person.facts) or (q.kind == "competency" and q.key not in person.competencies)
    ]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        err(f"note: the profile has no answer for {shown} (counted as 0); answer them with: pmladder assess --ladder {loaded.ladder.id}")


class PlanFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    text = "text"


@app.command("plan")
def plan_cmd(
    ladder: Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help="The ladder (default: the one your profile was assessed on).", show_default=False)] = None,
    profile: Annotated[Optional[Path], typer.Option("--profile", "-p", metavar="FILE", help="The profile to plan from (default: your saved profile).", dir_okay=False, show_default=False)] = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="LEVEL", help="Plan to this level id instead of the next title.", show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write the plan to this file ('-' for stdout) instead of showing it.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Replace an existing output file.")] = False,
    fmt: Annotated[Optional[PlanFormat], typer.Option("--format", "-f", help="Output format (default: text on screen; with -o, json for a .json file, else markdown).", show_default=False)] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of titles and level text, where the ladder has it.")] = Lang.en,
    ladders_dir: LaddersDir = None,
) -> None:
    """Build your plan from a saved profile: show it, or export it as Markdown or JSON to share.

    Example: [bold]pmladder plan -o my-plan.md[/bold]
    """
    with handled():
        from .profiles import default_path

        lib = library(ladders_dir)
        source = profile or default_path()
        if profile is None and not source.exists():
            raise fail(f"no saved profile at {source}: run 'pmladder assess' first, or pass --profile FILE", NO_INPUT)
        person = read_profile(lib, source)
        loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
        pick_level(loaded, target)
        unanswered_note(lib, loaded, person)
        if fmt:
            chosen = fmt.value
        elif output is None:
            chosen = "text"
        else:
            chosen = "json" if output.lower().endswith(".json") else "markdown"
        if output is None or output == "-":
            report(lib, loaded, person, target, chosen, None, force, language(lang, loaded))
        else:
            write_plan(lib, loaded, person, target, chosen, Path(output), force, language(lang, loaded))


def build(lib, loaded, person, target):
    from .assess import assess
    from .roadmap import plan

    result = assess(loaded.ladder, lib.catalog, person)
    return result, plan(result, lib.catalog, target)


def render_plan(lib, loaded, result, road, fmt: str, lang: str | None = None) -> str:
    """The plan as a document: Markdown, or JSON for scripts."""
    if fmt == "json":
        from .render.data import assessment_json

        return to_json(assessment_json(result, road, lib.catalog)) + "\n"
    import datetime as dt

    from .render.plan import plan_markdown

    return plan_markdown(result, road, lib.catalog, loaded, dt.date.today(), lang)


def write_plan(lib, loaded, person, target, fmt: str, path: Path, force: bool, lang: str | None = None) -> None:
    from .fsio import atomic_write

    if fmt == "text":
        raise fail("--format text is for the screen; write a file as markdown or json", USAGE)
    result, road = build(lib, loaded, person, target)
    atomic_write(path, render_plan(lib, loaded, result, road, fmt, lang), overwrite=force)
    err(f"Wrote the plan to {path}")


def report(lib, loaded, person, target, fmt: str, export: Path | None, force: bool, lang: str | None = None) -> None:
    """Place the person, plan the roadmap and print it (and export it) in the chosen format."""
    result, road = build(lib, loaded, person, target)
    if fmt == "text":
        from .render.report import print_report

        print_report(console(), result, road, lib.catalog, lang)
    else:
        emit(render_plan(lib, loaded, result, road, fmt, lang))
    if export is not None:
        from .fsio import atomic_write

        atomic_write(export, render_plan(lib, loaded, result, road, "markdown", lang), overwrite=force)
        err(f"Wrote the plan to {export}")


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
