"""`migrate`: a ladder, catalog or profile file rewritten to the current format, comments kept."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import NO_INPUT
from .app import N_, Command, ListFormat, WordsLangOpt, _, app, emit, err, fail, language, to_json


@app.command("migrate", cls=Command)
def migrate_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The ladder, catalog or profile file to rewrite."), readable=False, show_default=False)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="OUT", help=N_("Write the result to this file (default: print it)."),
                                                   show_default=False)] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help=N_("Replace FILE with the result."))] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace OUT if it exists."))] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help=N_("How to report what changed: text or json."))] = ListFormat.text,
    lang: WordsLangOpt = None,
) -> None:
    """Rewrite a file of an earlier format to the current one (format 2), keeping comments and key order.

    Deprecated forms are rewritten: grow lines spread to one per step (with a comment asking to rewrite
    them), a fact's 'how' as advice, a missing 'grows' from the unit. What cannot be rewritten safely is
    named and left as it is (the file then stays at format 1 and still loads). A file already current is
    left alone.

    Example: [bold]pmladder migrate my-ladder.yaml -o my-ladder-2.yaml[/bold]
    """
    from ..inputs.formats import CURRENT, file_kind, version_of
    from ..inputs.library import CATALOG_NAME
    from ..inputs.loader import by_hand, load_catalog, parse_catalog, parse_ladder
    from ..inputs.migrate import migrate
    from ..inputs.profiles import SCHEMA_VERSION
    from ..inputs.yamlsafe import DataError, parse_bytes, read_problem
    from ..store.fsio import FileReadError, read_regular, atomic_write, check_writable
    from ..inputs.yamlsafe import MAX_BYTES

    language(lang)
    if in_place and output is not None:
        raise fail(_("--in-place and --output: choose one"))
    if not file.exists():
        raise fail(_("{path}: file not found").format(path=file), NO_INPUT)
    try:
        raw = read_regular(file, MAX_BYTES)
    except FileReadError as exc:
        raise fail(str(read_problem(str(file), exc)), NO_INPUT) from None
    target = file if in_place else output
    if target is not None and str(target) != "-":
        check_writable(target, overwrite=force or in_place)
    doc = parse_bytes(raw, str(file))
    kind = "catalog" if file.name == CATALOG_NAME else file_kind(doc.data)
    report = {"path": str(file), "kind": kind, "from": None, "to": None, "changes": [], "by_hand": [], "written": None}
    if kind == "profile":
        report["from"] = report["to"] = SCHEMA_VERSION
        _done(report, fmt.value, _("{path}: already in format {n} (the current profile format)").format(path=file, n=SCHEMA_VERSION))
        return
    catalog = load_catalog()
    notes: list = []
    ladder = parse_catalog(doc, notes) if kind == "catalog" else parse_ladder(doc, catalog, notes)  # DataError: 65, every problem
    version = version_of(doc.data)
    report["from"] = version
    if version == CURRENT:
        report["to"] = CURRENT
        _done(report, fmt.value, _("{path}: already in format {n}").format(path=file, n=CURRENT))
        return
    text = raw.decode("utf-8-sig")
    result = migrate(doc, text, by_hand(doc, ladder if kind == "ladder" else None, catalog))
    after = parse_bytes(result.text.encode("utf-8"), str(file))
    check = parse_catalog(after) if kind == "catalog" else parse_ladder(after, catalog)
    if _same(check) != _same(ladder):  # a safety net: the rewrite must mean what the file meant
        raise DataError([doc.problem((), _("the rewrite would change what the file means; it was not written: rewrite it by hand "
                                           "(format 1 still loads)"))])
    report["to"] = version_of(after.data)
    report["changes"] = [_(m).format(**v) for m, v in result.changes]
    report["by_hand"] = [_(m).format(**v) for m, v in result.by_hand]
    if target is not None and str(target) != "-":
        atomic_write(target, result.text.encode("utf-8"), overwrite=force or in_place)
        report["written"] = str(target)
    elif fmt.value != "json":
        emit(result.text)
    else:
        report["text"] = result.text
    if fmt.value == "json":
        emit(to_json(report))
        return
    for line in report["changes"]:
        err(_("changed: {text}").format(text=line))
    for line in report["by_hand"]:
        err(_("left as it is: {text}").format(text=line))
    if report["written"]:
        err(_("Wrote format {n} to {path}").format(n=report["to"], path=report["written"]))


def _same(compiled):
    """What a compiled ladder or catalog means, without where it came from (path, line numbers)."""
    fields = getattr(compiled, "_fields", ())
    return compiled._replace(**{k: None for k in ("path", "lines") if k in fields})


def _done(report: dict, fmt: str, line: str) -> None:
    if fmt == "json":
        emit(to_json(report))
    else:
        emit(line)



