"""`ladders`, `show`, `validate`, `schema` and `example-profile`: the ladders and the files pmladder reads."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import DATA_ERR, NO_INPUT
from .app import (N_, Command, Format, LaddersDir, NoPagerOpt, LangOpt, ListFormat, WordsLangOpt, _, _complete_ladders, _complete_levels, app,
                  emit, err, fail, language, library, listed, partial_note, pick_ladder, pick_level, show, to_json)


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
    grid: Annotated[bool, typer.Option("--grid", help=N_("Requirements side by side: one row per requirement, one column per "
                                                         "title, what rises at each step marked."))] = False,
    diff: Annotated[Optional[tuple[str, str]], typer.Option("--diff", metavar="A B", show_default=False,
                                                            help=N_("What changes from title A to title B (each an id, title or number)."))] = None,
    ladders_dir: LaddersDir = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """Show a ladder: its tiers and titles, what each level does and requires, and where it leads.

    Example: [bold]pmladder show pmo-sequence --lang zh[/bold]; [bold]pmladder show pm-titles --grid[/bold];
    [bold]pmladder show pm-titles --diff 2 3[/bold]
    """
    lib = library(ladders_dir)
    loaded = pick_ladder(lib, ladder)
    if (grid or diff is not None) and level is not None:
        raise fail(_("--grid and --diff compare every level: leave out --level"))
    if grid and diff is not None:
        raise fail(_("--grid and --diff do not go together: choose one"))
    only = pick_level(loaded, level)
    ends = [pick_level(loaded, wanted, "--diff") for wanted in diff] if diff is not None else None
    chosen = language(lang, loaded).text
    if grid or ends:
        from ..views.grid import diff as diff_of
        from ..views.grid import make_grid

        table = make_grid(loaded.ladder, chosen)
        if ends:
            show("diff", fmt.value, diff_of(table, ends[0].id, ends[1].id, loaded.ladder), pager=not no_pager)
        else:
            show("grid", fmt.value, table, pager=not no_pager)
        return
    only_id = only.id if only else None
    show("ladder", fmt.value, loaded, chosen, only_id, pager=not no_pager)


@app.command("validate", cls=Command)
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help=N_("Ladder, catalog or profile files to check (a profile is told by its keys)."),
                                                readable=False, show_default=False)],
    lang: WordsLangOpt = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("Output format."))] = ListFormat.text,
    ladders_dir: LaddersDir = None,
) -> None:
    """Check ladder, catalog and profile files: exit 0 when all are valid, else 65 with every problem as FILE:LINE:COL: message.

    A profile is checked against the ladders it names (else every installed one); answers no ladder uses
    and years that do not fit together are warnings.

    Example: [bold]pmladder validate my-ladder.yaml[/bold]
    """
    from ..inputs.loader import load_catalog
    from ..inputs.yamlsafe import DataError, Unreadable, read_file

    language(lang)
    catalog = load_catalog()
    found, bad, missing = [], 0, 0
    for path in files:
        row = {"path": str(path), "kind": None, "ok": False, "what": None, "problems": [], "warnings": [], "notes": []}
        found.append(row)
        if not path.exists():
            missing += 1
            row["problems"] = [_("{path}: file not found").format(path=path)]
            continue
        try:
            doc = read_file(path)
            _check_one(path, doc, row, catalog, ladders_dir)
        except Unreadable as exc:  # a folder, a pipe, a device: not a file to check (66, as a missing one)
            missing += 1
            row["problems"] = [str(p) for p in exc.problems]
            continue
        except DataError as exc:
            bad += 1
            row["problems"] = [str(p) for p in exc.problems]
            continue
        row["ok"] = True
    if fmt.value == "json":
        emit(to_json({"schema_version": 1, "files": found}))
    else:
        for row in found:
            for line in row["problems"]:
                err(line)
            for line in row["notes"]:
                err(_("note: {text}").format(text=line))
            for line in row["warnings"]:
                err(_("warning: {text}").format(text=line))
            if row["ok"]:
                emit(_("{path}: ok ({what})").format(path=row["path"], what=row["what"]))
        if bad:
            err(_("{bad} of {n} file(s) invalid").format(bad=bad, n=len(files)))
    if bad or missing:
        raise typer.Exit(DATA_ERR if bad else NO_INPUT)


def _check_one(path: Path, doc, row: dict, catalog, ladders_dir) -> None:
    """Check one parsed file as what it is (the catalog, a profile or a ladder); fill in `row`; DataError on problems."""
    from ..inputs.formats import file_kind
    from ..inputs.library import CATALOG_NAME
    from ..inputs.loader import parse_catalog, parse_ladder

    kind = "catalog" if path.name == CATALOG_NAME else file_kind(doc.data)
    notes: list = []
    if kind == "profile":
        row["kind"] = "profile"
        _check_profile(doc, row, library(ladders_dir))
        return
    if kind == "catalog":
        row["kind"] = "catalog"
        parse_catalog(doc, notes)
        row["what"] = _("catalog")
    else:
        row["kind"] = "ladder"
        result = parse_ladder(doc, catalog, notes)
        row["what"] = _("ladder '{id}', {n} levels").format(id=result.id, n=len(result.levels))
    row["notes"] = [_(msgid).format(**values) for msgid, values in notes]
    if kind != "catalog":
        from .app import partial_text

        row["notes"] += [partial_text(result, text_lang) for text_lang in result.partial]


def _check_profile(doc, row: dict, lib) -> None:
    """A profile against the installed ladders: problems (DataError) and warnings (answers no ladder
    uses, a ladder not installed, a part above the whole it belongs to: engine/flags.py's rule)."""
    from ..engine.flags import PART_ABOVE_WHOLE, flags
    from ..inputs.profiles import answer_warnings, check
    from ..words.lookup import nearest
    from ..words.plan import flag_text
    from .app import ladder_uses

    uses = ladder_uses(lib)
    person = check(doc, lib.vocabulary(), uses)
    warnings = [str(p) for p in answer_warnings(doc, person, uses, person.ladder)]
    if person.ladder is not None and person.ladder not in lib.ladders:
        hint = nearest(person.ladder, lib.ladders)
        text = _("ladder: '{id}' is not installed; its answers are checked against every installed ladder").format(id=person.ladder)
        warnings.append(str(doc.problem(("ladder",), text + (_(" (did you mean '{hint}'?)").format(hint=hint) if hint else ""))))
    chosen = [lib.ladders[person.ladder]] if person.ladder in lib.ladders else list(lib.ladders.values())
    seen = set()
    for item in chosen:
        for flag in flags(person, item.ladder):
            key = flag.params.get("fact")
            if flag.code == PART_ABOVE_WHOLE and key not in seen:
                seen.add(key)
                warnings.append(str(doc.problem(("facts", key), f"facts.{key}: " + flag_text(flag, item.ladder))))
    row["warnings"] = warnings
    row["what"] = _("profile, {n} answers").format(n=len(person.facts) + len(person.competencies) + (person.education is not None)
                                                  + (person.certifications is not None))


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
