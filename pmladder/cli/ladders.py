"""`ladders`, `show`, `validate`, `schema` and `example-profile`: the ladders and the files pmladder reads."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import DATA_ERR, NO_INPUT
from .app import (N_, Command, Format, LaddersDir, LangOpt, ListFormat, WordsLangOpt, _, _complete_ladders, _complete_levels, app,
                  emit, err, language, library, listed, partial_note, pick_ladder, pick_level, show, to_json)


@app.command("ladders", cls=Command)
def ladders_cmd(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListFormat.text,
    lang: WordsLangOpt = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """List the ladders pmladder can use: id, name, number of levels and where each was loaded from.

    Example: [bold]pmladder ladders --format json[/bold]
    """
    from ..words import language_for

    lib = listed(library(ladders_dir))
    language(lang, lib=lib)
    from .run import this_run

    shown = this_run().asked
    rows = [
        {"id": lid, "name": item.ladder.name_in(language_for(shown, item.ladder).text), "levels": len(item.ladder.levels), "languages": list(item.ladder.languages),
         "source": item.origin, "framework": item.ladder.framework.issuer if item.ladder.framework else None}
        for lid, item in sorted(lib.ladders.items())
    ]
    show("ladders", fmt.value, rows)


@app.command("show", cls=Command)
def show_cmd(
    ladder: Annotated[str, typer.Argument(metavar="LADDER", help=N_("The ladder id, e.g. pmo-career (see: pmladder ladders)."),
                                          show_default=False, autocompletion=_complete_ladders)],
    level: Annotated[Optional[str], typer.Option("--level", "-l", metavar="LEVEL", help=N_("Show only this level: its id, title or number."),
                                                 show_default=False, autocompletion=_complete_levels)] = None,
    lang: LangOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """Show a ladder: its tiers and titles, what each level does and requires, and where it leads.

    Example: [bold]pmladder show pmo-sequence --lang zh[/bold]
    """
    lib = library(ladders_dir)
    loaded = pick_ladder(lib, ladder)
    only = pick_level(loaded, level)
    chosen = language(lang, loaded).text
    only_id = only.id if only else None
    show("ladder", fmt.value, loaded, chosen, only_id)


@app.command("validate", cls=Command)
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help=N_("Ladder files to check (a file named catalog.yaml is checked as the catalog)."), readable=False, show_default=False)],
    lang: WordsLangOpt = None,
) -> None:
    """Check ladder files: exit 0 when all are valid, else 65 with every problem as FILE:LINE:COL: message.

    Example: [bold]pmladder validate my-ladder.yaml[/bold]
    """
    from ..inputs.loader import load_catalog, validate_file
    from ..inputs.yamlsafe import DataError, Unreadable

    language(lang)
    catalog = load_catalog()
    bad = missing = 0
    for path in files:
        if not path.exists():
            missing += 1
            err(_("{path}: file not found").format(path=path))
            continue
        try:
            result = validate_file(path, catalog)
        except Unreadable as exc:  # a folder, a pipe, a device: not a file to check (66, as a missing one)
            missing += 1
            for problem in exc.problems:
                err(str(problem))
            continue
        except DataError as exc:
            bad += 1
            for problem in exc.problems:
                err(str(problem))
            continue
        what = (_("ladder '{id}', {n} levels").format(id=result.id, n=len(result.levels)) if hasattr(result, "levels")
                else _("catalog"))
        emit(_("{path}: ok ({what})").format(path=path, what=what))
        for text_lang in getattr(result, "partial", ()):
            partial_note(result, text_lang)
    if bad:
        err(_("{bad} of {n} file(s) invalid").format(bad=bad, n=len(files)))
    if bad or missing:
        raise typer.Exit(DATA_ERR if bad else NO_INPUT)


class SchemaKind(str, Enum):
    ladder = "ladder"
    catalog = "catalog"
    profile = "profile"


@app.command("schema", cls=Command)
def schema_cmd(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", help=N_("Which file's schema: ladder, catalog or profile."))] = SchemaKind.ladder,
    catalog: Annotated[bool, typer.Option("--catalog", hidden=True, help=N_("Same as 'schema catalog'."))] = False,
) -> None:
    """Print the JSON Schema of a ladder file (or of the catalog or a profile), for editors and CI checks.

    Example: [bold]pmladder schema profile > profile.schema.json[/bold]
    """
    if catalog:
        kind = SchemaKind.catalog
    if kind is SchemaKind.profile:
        from ..inputs.profiles import profile_schema

        emit(to_json(profile_schema()))
        return
    from ..inputs.schema import catalog_schema, ladder_schema

    emit(to_json(catalog_schema() if kind is SchemaKind.catalog else ladder_schema()))


@app.command("example-profile", cls=Command)
def example_profile_cmd() -> None:
    """Print a sample profile (Alex, a project manager) to start your own from.

    Example: [bold]pmladder example-profile > me.yaml[/bold], then [bold]pmladder assess --profile me.yaml --ladder pm-titles[/bold]
    """
    from ..inputs.library import builtin_dir

    emit((builtin_dir() / "examples" / "profile-alex.yaml").read_text(encoding="utf-8"))
