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
        "--ladders-dir",
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
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
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
        raise typer.Exit(DATA_ERR) from None
    except WouldOverwrite as exc:
        raise fail(f"{exc.path} already exists; use --force to replace it", CANT_CREATE) from None
    except FileWriteError as exc:
        raise fail(str(exc), IO_ERR) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise fail(CANCELLED, INTERRUPTED) from None
    except BrokenPipeError:
        raise typer.Exit(OK) from None


def console(*, stderr: bool = False):
    from .render.terminal import make_console

    return make_console(stderr=stderr)


def emit(text: str) -> None:
    """Plain text (JSON, Markdown) to stdout, as is."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def library(dirs: list[Path] | None):
    from .loader import load_library

    lib = load_library(dirs)
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
    level: Annotated[Optional[str], typer.Option("--level", "-l", help="Show only this level (its id).", show_default=False)] = None,
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
        if level is not None and level not in {lv.id for lv in loaded.ladder.levels}:
            known = ", ".join(lv.id for lv in loaded.ladder.levels)
            raise fail(f"ladder '{ladder}' has no level '{level}'; its levels: {known}", USAGE)
        language = lang.value if lang is not Lang.en else None
        if lang is not Lang.en and lang.value not in loaded.ladder.languages:
            err(f"note: ladder '{ladder}' has no '{lang.value}' text; showing English")
        if fmt is TextFormat.json:
            from .render.data import ladder_json

            emit(to_json(ladder_json(loaded, lib.catalog, language, level)))
        elif fmt is TextFormat.markdown:
            from .render.markdown import ladder_markdown

            emit(ladder_markdown(loaded, lib.catalog, language, level))
        else:
            from .render.terminal import show_ladder

            show_ladder(console(), loaded, lib.catalog, language, level)


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
        bad = 0
        for path in files:
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
            raise typer.Exit(DATA_ERR)


@app.command("schema")
def schema_cmd(
    catalog: Annotated[bool, typer.Option("--catalog", help="Print the schema of catalog.yaml instead.")] = False,
) -> None:
    """Print the JSON Schema of a ladder file, for editors and CI checks.

    Example: [bold]pmladder schema > ladder.schema.json[/bold]
    """
    from .schema import catalog_schema, ladder_schema

    emit(to_json(catalog_schema() if catalog else ladder_schema()))


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
