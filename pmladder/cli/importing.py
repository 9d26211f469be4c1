"""`import`: a progression framework or a competency spreadsheet written as a ladder file."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from ..exits import NO_INPUT
from .app import N_, Command, WordsLangOpt, _, app, emit, err, fail, language


@app.command("import", cls=Command)
def import_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The framework: a page with YAML front matter (.md), its YAML (.yaml), or a spreadsheet (.csv, .xlsx)."),
                                         readable=False, show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="LADDER.yaml", help=N_("Write the ladder to this file ('-' or none: print it)."),
                                                  show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Replace an existing output file."))] = False,
    titles: Annotated[Optional[str], typer.Option("--titles", metavar="A,B,...", help=N_("The job title of each level, bottom first, separated by commas (default: the spreadsheet's level names, else 'Level 1', 'Level 2', ...)."),
                                                  show_default=False)] = None,
    share: Annotated[Optional[float], typer.Option("--share", metavar="SHARE", min=0.01, max=1.0, help=N_("The share of topics that must reach a level, for frameworks that say 'mostly at this level': 0.8 asks for 80 % of the topics at the level and the rest one level below (default: 1, every topic)."),
                                                   show_default=False)] = None,
    roles: Annotated[Optional[Path], typer.Option("--roles", metavar="ROLES.csv", help=N_("A roles sheet for a .csv matrix: columns title, level, min_years, certificates (';' between them) and next (titles, ';' between them; default: the row below)."),
                                                  readable=False, show_default=False)] = None,
    ladder_id: Annotated[Optional[str], typer.Option("--id", metavar="ID", help=N_("The ladder's id (default: from the file's name)."), show_default=False)] = None,
    name: Annotated[Optional[str], typer.Option("--name", metavar="NAME", help=N_("The ladder's name (default: the framework's title, else the file's name)."), show_default=False)] = None,
    lang: WordsLangOpt = None,
) -> None:
    """Write a ladder from a framework you already keep: a progression-framework page or a competency spreadsheet.

    A page's front matter says [bold]levels: N[/bold] and lists [bold]topics[/bold], each with a name, a title and [bold]content[/bold] entries of level and criteria. A spreadsheet has one row a competency and one column a level, each cell that level's criteria (one a line); a workbook's sheet named 'roles' (or --roles for a .csv) adds titles, minimum years, certificates and next. Each topic becomes a competency rated on the framework's levels (point 0 'Not yet'), each level's criteria what its point means; each level (or role) asks for every topic at its level, or --share of them. Ids come from the topics' names, so importing again after a change keeps profiles working.

    Exit codes: 0 written; 65 the framework does not fit (each problem as FILE:LINE:COL or FILE:ROW); 66 the file is missing; 2 usage; 73 would overwrite (use --force); 74 cannot write.

    Example: [bold]pmladder import framework.md --titles "Associate PM,PM,Senior PM,Lead PM" -o our-pm.yaml[/bold]
    """
    from ..inputs.importer import kebab, read_framework
    from ..inputs.importwriter import check, ladder_text
    from ..inputs.loader import load_catalog

    language(lang)
    for path in (file, roles):
        if path is not None and not path.exists():
            raise fail(_("not found: {path}").format(path=path), NO_INPUT)
    chosen_id = ladder_id if ladder_id is not None else kebab(file.stem, "imported")
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", chosen_id):
        raise fail(_("--id: '{id}' is not a ladder id: lower-case letters, digits and '-', e.g. our-pm-framework").format(id=chosen_id))
    names = None
    if titles is not None:
        names = [" ".join(t.split()) for t in titles.split(",")]
        if not all(names):
            raise fail(_("--titles: a title is empty; give one a level, bottom first, separated by commas"))
    if name is not None and not name.strip():
        raise fail(_("--name: the name is empty"))
    if output not in (None, "-"):
        from ..store.fsio import check_writable

        check_writable(Path(output), overwrite=force)
    catalog = load_catalog()
    reserved = set(catalog.comps) | set(catalog.facts)
    framework = read_framework(file, str(file), roles=roles, reserved=reserved)
    text = ladder_text(framework, ladder_id=chosen_id, name=name.strip() if name else None, titles=names, share=share,
                       certs=tuple(catalog.certs))
    ladder = check(text, output if output not in (None, "-") else f"{chosen_id}.yaml", catalog)
    if output in (None, "-"):
        emit(text)
        return
    from ..store.fsio import atomic_write

    atomic_write(Path(output), text, overwrite=force)
    err(_("Wrote ladder '{id}' ({levels} levels, {topics} competencies) to {path}; see it with: pmladder show {id} --ladders-dir {folder}").format(
        id=ladder.id, levels=len(ladder.levels), topics=len(framework.topics), path=output, folder=Path(output).parent or "."))
