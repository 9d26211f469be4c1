"""The `pmladder` command line: options in, one call to the library, one renderer out.

Commands map their options to a request, call `service.make_plan` (or the loader), and
hand the result to a renderer. Every expected failure becomes a message and an exit code
in one place (`Boundary.invoke`). Heavy modules (rich, yaml, the renderers) are imported
inside the commands that need them, so `--version` and `--help` stay quick.
"""


import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .. import __version__
from ..exits import CANCELLED, DATA_ERR, INTERRUPTED, IO_ERR, NO_INPUT, OK, USAGE, Message

__all__ = ["app", "main", "OK"]


def N_(message: str) -> str:
    """Mark a help text for the message catalog; it is translated when the help is shown (see helpwords.py)."""
    return message


class PlainHelp:
    """`--help` without Python types: Typer shows `<bool>` after a flag (--help, --install-completion)
    and `<str>` or `<list[Path]>` after an argument that already has a placeholder (LADDER, FILE).

    Also the language of a run's help and usage errors: the root command sets pmladder's words to
    `--lang` when the command line has it, else to PMLADDER_LANG or the locale, before anything is
    parsed; help and usage errors are translated only when shown (helpwords.py)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            elif isinstance(param, TyperArgument) and param.metavar and not _is_choice(param):
                param.display_type_rich = lambda ctx: None  # the placeholder says it; keep choices like <ladder|catalog>
        return params

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            from .. import words

            words.use(_lang_of_run(args))
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:
            _translate_error(exc)
            raise

    def format_help(self, ctx, formatter):
        from ..words import speaking

        if speaking() is not None or _translated_before:
            from .help import translate_help

            _translated_before.append(True)
            translate_help(self, ctx)
        return super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter):
        from ..words import _

        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))


_translated_before: list = []  # help was translated in this process: translate (back) every time after


def _translate_error(exc) -> None:
    """Usage errors in our own words, in the current language (English too: not a library's 'Value error, ...')."""
    from .help import translate_error

    translate_error(exc)


def _lang_of_run(args) -> str | None:
    """The language a command line asks for: `--lang CODE` (or `--lang=CODE`) when given, else the environment's."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1].strip().lower() or None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1].strip().lower() or None
    from ..words.language import from_environment

    return from_environment()


def _is_choice(param) -> bool:
    return bool(getattr(getattr(param, "type_descriptor", None), "is_choice", False))


class Command(PlainHelp, TyperCommand):
    """Every command: help without Python types."""


class Boundary(PlainHelp, TyperGroup):
    """Typer's group with one error boundary: every command's expected failures end here."""

    def invoke(self, ctx):
        from .errors import handle

        return handle(lambda: super(Boundary, self).invoke(ctx))

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            _translate_error(exc)
            raise


app = typer.Typer(
    name="pmladder",
    cls=Boundary,
    help=N_(
        "Plan a project-management career: see a title ladder, find where you stand on it, "
        "and get the gap list and roadmap to the next title."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=N_(
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
        help=N_("Also load ladders from this folder (repeatable); a ladder with the same id overrides an earlier one."),
        exists=True, file_okay=False, dir_okay=True, show_default=False,
    ),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="CODE", help=N_("Language of the output, the ladder's titles and text included: any language the ladder has "
                                                   "(en, zh, ...). Default: PMLADDER_LANG, else the locale (LANG=zh_CN.UTF-8 gives zh), else en."),
                 show_default=False),
]
WordsLangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="CODE", help=N_("Language of the output: en, zh, ... Default: PMLADDER_LANG, else the locale, else en."),
                 show_default=False),
]
TodayOpt = Annotated[
    Optional[str],
    typer.Option("--today", metavar="YYYY-MM-DD", help=N_("Plan as if today were this date (for scripts and replaying old profiles)."), show_default=False),
]
PaceOpt = Annotated[
    int,
    typer.Option("--pace", min=1, max=10, metavar="N", help=N_("How many development items you work on at once (skills, courses, exams).")),
]
TargetOpt = Annotated[
    Optional[str],
    typer.Option("--target", "-t", metavar="LEVEL", help=N_("Plan to this title instead of the next: its id, its title or its number in the overview."),
                 show_default=False, autocompletion=_complete_levels),
]
LadderOpt = Annotated[
    Optional[str],
    typer.Option("--ladder", "-L", metavar="LADDER", help=N_("The ladder (default: the one your profile was last assessed on)."),
                 show_default=False, autocompletion=_complete_ladders),
]
ProfileOpt = Annotated[
    Optional[Path],
    # readable=False: a file that cannot be read is said by the reader (exit 66), not with the usage box
    typer.Option("--profile", "-p", metavar="FILE", help=N_("The profile file to use (default: your saved profile)."),
                 readable=False, show_default=False),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmladder {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", metavar="", callback=_version, is_eager=True, help=N_("Show the version and exit."))
    ] = False,
) -> None:
    """Plan a project-management career from title ladders written as YAML."""


# --- small helpers ----------------------------------------------------------------------------


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


def C_(context: str, message: str) -> str:
    from ..words import C_ as translate

    return translate(context, message)


def err(message: str) -> None:
    from .errors import err as _err

    _err(message)


def fail(message: str | Message, code: int = USAGE):
    from .errors import Fail

    return Fail(message, code)


def emit(text: str) -> None:
    """Plain text (lines, JSON, Markdown) to stdout, anything a terminal acts on made visible (a last guard)."""
    from ..text.safe import visible

    sys.stdout.write(visible(text if text.endswith("\n") else text + "\n", keep_newlines=True))
    sys.stdout.flush()


def to_json(data) -> str:
    from ..text.safe import dumps

    return dumps(data)


def console(*, stderr: bool = False):
    from ..render.terminal import make_console

    return make_console(stderr=stderr)


def library(dirs: list[Path] | None):
    from ..inputs.library import load_library
    from ..inputs.yamlsafe import DataError

    try:
        lib = load_library(dirs)
    except DataError as exc:
        first = min(p.path for p in exc.problems)
        exc.hint = _("fix the ladder file(s) above or move them out of the ladder folders; check one with: "
                     "pmladder validate {file}").format(file=first)
        raise
    for msgid, values in lib.notices:
        err(_("note: {text}").format(text=_(msgid).format(**values)))
    return lib


def pick_ladder(lib, ladder_id: str):
    loaded = lib.get(ladder_id)
    if loaded is None:
        from ..words.lookup import nearest

        hint = nearest(ladder_id, lib.ladders)
        known = C_("list", ", ").join(sorted(lib.ladders)) or _("none")
        if hint:
            raise fail(_("unknown ladder '{id}' (did you mean '{hint}'?); known ladders: {known}").format(id=ladder_id, hint=hint, known=known))
        raise fail(_("unknown ladder '{id}'; known ladders: {known}").format(id=ladder_id, known=known))
    return loaded


def pick_level(loaded, wanted: str | None, option: str = "--level"):
    """A level by id, by title in any of the ladder's languages (any case), or by its number; None for None."""
    if wanted is None:
        return None
    from ..words.lookup import find_level

    level, problem = find_level(loaded.ladder, wanted, words_lang())
    if level is None:
        raise fail(_("{name}: {hint}").format(name=option, hint=problem))
    return level


def language(lang: str | None, loaded=None):
    """The language of this run (words.Language: pmladder's words, the ladder's text), and pmladder's
    own words set to speak it: the one rule of words.language_for.

    Asked for with `--lang`, it must exist: a language the ladder declares (a command on one ladder),
    or one pmladder has a catalog for (a command without one). Without `--lang`, PMLADDER_LANG or the
    locale choose, and anything missing just falls back to English.
    """
    from .. import words
    from ..words.language import from_environment, has_catalog, languages

    if lang is not None:
        code = lang.strip().lower()
        if loaded is not None and code != "en" and code not in loaded.ladder.languages:
            raise fail(_("--lang: ladder '{id}' has no '{lang}' text; its languages: {languages}").format(
                id=loaded.ladder.id, lang=lang, languages=C_("list", ", ").join(loaded.ladder.languages)))
        if loaded is None and not has_catalog(code):
            raise fail(_("--lang: pmladder has no '{lang}' catalog; its languages: {languages}").format(
                lang=lang, languages=C_("list", ", ").join(languages())))
    else:
        code = from_environment()
    chosen = words.language_for(code, loaded.ladder if loaded is not None else None)
    words.use(chosen.words)
    return chosen


def words_lang() -> str | None:
    from ..words import speaking

    return speaking()


def shown_in(loaded) -> str | None:
    """The language of the ladder's own text for the words pmladder speaks now (None: its English)."""
    from ..words import language_for

    return language_for(words_lang(), loaded.ladder).text


def today(value: str | None):
    import datetime as dt

    if value is None:
        return dt.date.today()
    return _day("--today", value, plan=True)


def read_profile(lib, path: Path):
    from ..inputs.profiles import load_profile

    if not path.exists():
        raise fail(_("profile not found: {path}").format(path=path), NO_INPUT)
    return load_profile(path, lib.vocabulary())


def saved_profile_path() -> Path:
    from ..store.paths import profile_path

    return profile_path()


def ladder_for(lib, ladder: str | None, person) -> str:
    """The ladder asked for, else the one the profile was assessed on."""
    if ladder is None and person.ladder is None:
        raise fail(_("name the ladder with --ladder; known ladders: {known}").format(known=C_("list", ", ").join(sorted(lib.ladders))))
    chosen = ladder or person.ladder
    if ladder is None and chosen not in lib.ladders:
        raise fail(_("the profile was assessed on ladder '{id}', which is not installed; name one with --ladder "
                     "(known: {known})").format(id=chosen, known=C_("list", ", ").join(sorted(lib.ladders))))
    return chosen


def rerun_options(ladders_dir, lang, profile: Path | None, ladder: str | None = None) -> str:
    """The options a suggested command must repeat to work like this run (quoted for a shell).

    The ladder is named too: a profile file written by hand does not say which ladder it is for."""
    import shlex

    parts = []
    if ladder:
        parts.append(f"--ladder {shlex.quote(ladder)}")
    if profile is not None:
        parts.append(f"--profile {shlex.quote(str(profile))}")
    for folder in ladders_dir or []:
        parts.append(f"--ladders-dir {shlex.quote(str(folder))}")
    if lang:
        parts.append(f"--lang {shlex.quote(lang)}")
    return " ".join(parts)


def build(lib, loaded, person, *, target, today_, pace, lang, options: str = ""):
    from ..views.plan import make_plan

    if target is not None:
        check_target(lib, loaded, person, target, today_)
    return make_plan(loaded.ladder, person, today_, target=target.id if target is not None else None, pace=pace,
                     lang=lang, origin=loaded.origin, role_from=lib.catalog.role_ratings_from, options=options)


def check_target(lib, loaded, person, target, today_) -> None:
    """A target at or below where the person stands is a usage error with a clear reason."""
    from ..engine.placement import assess
    from ..engine.roadmap import at_or_above

    a = assess(loaded.ladder, person, today_)
    if at_or_above(loaded.ladder, a.best, target):
        lang = shown_in(loaded)
        raise fail(_("--target: you already stand at {best} (best fit); {target} is not above it. "
                     "Pick a higher title, or leave --target out to plan the next one.").format(
                         best=a.best.title_in(lang), target=target.title_in(lang)))


def render(plan, fmt: str, others: list | None = None) -> str:
    if fmt == "json":
        from ..views.plan_data import plan_json

        return to_json(plan_json(plan)) + "\n"
    from ..render.plan import plan_markdown

    return plan_markdown(plan, others=others)


def show_plan(plan, fmt: str, others: list | None = None) -> None:
    if fmt == "text":
        from ..render.report import print_report

        print_report(console(), plan)
    else:
        emit(render(plan, fmt, others))


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


def check_export(path: Path | None, force: bool) -> None:
    """Before any question: an export target that exists (without --force) or cannot be written stops the run."""
    if path is None:
        return
    if str(path) == "-":
        raise fail(_("--export writes a file; to print the plan, use --format markdown"))
    from ..store.fsio import check_writable

    check_writable(path, overwrite=force)


def write_file(path: Path, text: str, force: bool) -> None:
    from ..store.fsio import atomic_write

    atomic_write(path, text, overwrite=force)
    err(_("Wrote the plan to {path}").format(path=path))


# --- commands ---------------------------------------------------------------------------------


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

    shown = language(lang).words
    lib = library(ladders_dir)
    rows = [
        {"id": lid, "name": item.ladder.name_in(language_for(shown, item.ladder).text), "levels": len(item.ladder.levels), "languages": list(item.ladder.languages),
         "source": item.origin, "framework": item.ladder.framework.issuer if item.ladder.framework else None}
        for lid, item in sorted(lib.ladders.items())
    ]
    if fmt is ListFormat.json:
        emit(to_json({"schema_version": 1, "ladders": rows}))
        return
    from ..render.terminal import ladders_table

    console().print(ladders_table(rows))


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
    if fmt is Format.json:
        from ..views.plan_data import ladder_json

        emit(to_json(ladder_json(loaded, chosen, only_id)))
    elif fmt is Format.markdown:
        from ..render.markdown import ladder_markdown

        emit(ladder_markdown(loaded, chosen, only_id))
    else:
        from ..render.terminal import show_ladder

        show_ladder(console(), loaded, chosen, only_id)


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
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="FILE", help=N_("Also write the plan as Markdown to this file."), dir_okay=False, show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Let --export replace an existing file."))] = False,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
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
    if not asking and (save is not None or no_save):
        raise fail(_("--save and --no-save go with questions; with --profile nothing is asked, so nothing is saved "
                     "(add --ask to answer again)"))
    if save is not None and no_save:
        raise fail(_("--save and --no-save contradict each other: give one"))
    when = today(today_)
    check_export(export, force)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if asking:
        if not (ask or sys.stdin.isatty()):
            raise fail(_("no terminal to ask questions on: pass --profile FILE (a saved profile), or --ask to read answers "
                         "from standard input"))
        prefill = read_profile(lib, source) if source.exists() else None
        if only is not None and prefill is None:
            raise fail(_("--only re-asks one section of a saved profile, and there is none at {path}: run 'pmladder assess' "
                         "first").format(path=source), NO_INPUT)
        from ..ask.interview import BackToLadder, choose_ladder, interview

        fixed = ladder or (prefill.ladder if (prefill and prefill.ladder in lib.ladders and only is not None) else None)
        last = prefill.ladder if prefill else None
        while True:  # `back` at the first question returns to the ladder choice (when it was asked)
            chosen = fixed or choose_ladder(lib, last)
            loaded = pick_ladder(lib, chosen)
            goal = pick_level(loaded, target, "--target")
            shown_lang = language(lang, loaded).text
            try:
                person = interview(lib, loaded.ladder, prefill, only=only.value if only else None, today=when,
                                   back_to_ladder=fixed is None, lang=shown_lang)
                break
            except BackToLadder:
                last = chosen
        person = person.replace(ladder=loaded.ladder.id, assessed_on=when)
        if not no_save:
            from ..inputs.profiles import save_profile

            where = save or source
            save_profile(where, person, make_folder=where == saved_profile_path())
            err(_("Saved your answers to {path} (use them again with --profile {path}).").format(path=where))
        options = rerun_options(ladders_dir, shown_lang, save or profile, loaded.ladder.id)
    else:
        person = read_profile(lib, source)
        loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
        goal = pick_level(loaded, target, "--target")
        shown_lang = language(lang, loaded).text
        options = rerun_options(ladders_dir, shown_lang, profile, loaded.ladder.id)
    result = build(lib, loaded, person, target=goal, today_=when, pace=pace, lang=shown_lang, options=options)
    if asking and not no_save:  # the answers were saved: record the assessment (issue 10.2)
        record_assessment(result)
    if not asking:
        unanswered_note(result)
    if export is not None:  # written before the report, so a closed pipe cannot lose it
        write_file(export, render(result, "markdown", other_ladders(lib, person, when, loaded.ladder.id, pace)), force)
    show_plan(result, fmt.value)


@app.command("plan", cls=Command)
def plan_cmd(
    ladder: LadderOpt = None,
    profile: ProfileOpt = None,
    target: TargetOpt = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=N_("Write the plan to this file ('-' for stdout) instead of showing it."), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Replace an existing output file."))] = False,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help=N_("Output format (default: text on screen; with -o, json for a .json file, else markdown)."), show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """Build your plan from a saved profile: show it, or export it as Markdown or JSON to share.

    Example: [bold]pmladder plan -o my-plan.md[/bold]
    """
    if fmt is Format.text and output not in (None, "-"):
        raise fail(_("--format text is for the screen; write a file as markdown or json"))
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
                   options=rerun_options(ladders_dir, shown_lang, profile, loaded.ladder.id))
    unanswered_note(result)
    if fmt is not None:
        chosen = fmt.value
    elif output in (None, "-"):
        chosen = "text" if output is None else "markdown"
    else:
        chosen = "json" if output.lower().endswith(".json") else "markdown"
    others = other_ladders(lib, person, when, loaded.ladder.id, pace) if chosen == "markdown" else None
    if output in (None, "-"):
        show_plan(result, chosen, others)
    else:
        write_file(Path(output), render(result, chosen, others), force)


# === where, history and progress (issue 10) ===================================================
# One block: the `where`, `history` and `progress` commands, and `record_assessment`, which
# `assess_cmd` calls once. The logic is in progress.py and render/progress.py; this only wires.


def record_assessment(plan, *, source: str = "assess") -> int | None:
    """Record a saved assessment in the history; a database that cannot be used is one note, never a stop."""
    from .. import words as w
    from ..store.history import HistoryError
    from .errors import worded

    try:
        assessment_id, _entry = _record(plan, source)
    except HistoryError as exc:
        err(w.not_recorded(worded(exc.message)))
        return None
    err(w.recorded_line(assessment_id))
    return assessment_id


def _record(plan, source: str):
    """Record `plan` (its snapshot, see views/snapshot.py); (the new id, the entry recorded)."""
    import datetime as dt

    from ..store.history import open_history
    from ..store.paths import history_path
    from ..views.snapshot import history_entry

    entry = history_entry(plan, source=source, recorded_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    with open_history(history_path()) as history:
        return history.record(entry), entry


def _history_fail(exc):
    """A HistoryError as one line (worded at the boundary): exit 74 when the file system failed, 65 when the file's content did."""
    return fail(exc.message, IO_ERR if exc.io else DATA_ERR)


def _history():
    """The history database for a `history`/`progress` command (no file is made for reading):
    a damaged or foreign one stops with one line and exit 65, a disk that fails with 74."""
    from ..store.history import HistoryError, open_history
    from ..store.paths import history_path

    try:
        return open_history(history_path(), create=False)
    except HistoryError as exc:
        raise _history_fail(exc) from None


def _history_call(fn):
    """Run a read or write on the open history; HistoryError is one line and exit 65 (74 for the disk)."""
    from ..store.history import HistoryError, UnknownAssessment

    try:
        return fn()
    except HistoryError as exc:
        raise _history_fail(exc) from None
    except UnknownAssessment as exc:
        raise fail(Message(N_("{problem} (see: pmladder history)"), problem=exc.message), NO_INPUT) from None


def other_ladders(lib, person, when, skip: str, pace: int) -> list:
    """The Markdown plan's "On other ladders" rows: the profile on every other installed ladder."""
    from ..views.progress import crosswalk
    from ..render.progress import other_ladder_rows

    return other_ladder_rows(crosswalk(lib, person, when, pace=pace, skip=skip))


def _day(option: str, value: str, *, plan: bool = False):
    """The date an option names; `plan`: a day a plan starts on, within the range the plan can hold."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise fail(_("{option}: '{value}' is not a date as YYYY-MM-DD").format(option=option, value=value)) from None
    if plan:
        from ..inputs.profiles import day_problem

        problem = day_problem(option, day)
        if problem:
            raise fail(problem)
    return day


def _stdin_tty() -> bool:
    return sys.stdin.isatty()


@app.command("where", cls=Command)
def where_cmd(
    profile: ProfileOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    ladders_dir: LaddersDir = None,
    lang: WordsLangOpt = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", hidden=True, readable=False, help=N_("Old name of --profile."))] = None,
) -> None:
    """Place one profile on every installed ladder at once: best fit, fully met, next title, fit and when you could be ready.

    Example: [bold]pmladder where --profile me.yaml[/bold]
    """
    from ..views.progress import crosswalk

    if answers is not None and profile is not None:
        raise fail(_("--answers is the old name of --profile: give one of them"))
    profile = profile or answers
    shown = language(lang).words
    when = today(today_)
    lib = library(ladders_dir)
    source = profile or saved_profile_path()
    if profile is None and not source.exists():
        raise fail(_("no saved profile at {path}: run 'pmladder assess' first, or pass --profile FILE").format(path=source), NO_INPUT)
    person = read_profile(lib, source)
    plans = crosswalk(lib, person, when, pace=pace, lang=shown)
    if fmt is Format.json:
        from ..render.progress import where_json

        emit(to_json(where_json(plans, person, when)))
    elif fmt is Format.markdown:
        from ..render.progress import where_markdown

        emit(where_markdown(plans, person, when))
    else:
        from ..render.progress import where_table

        console().print(where_table(plans, person, when))


history_app = typer.Typer(
    name="history", cls=Boundary,
    help=N_("Your recorded assessments: list them, import an older profile with its date, forget them."),
    rich_markup_mode="rich", context_settings={"help_option_names": ["-h", "--help"]},
)
HistLadder = Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help=N_("Only assessments on this ladder."),
                                                  show_default=False, autocompletion=_complete_ladders)]


def _list_history(ladder: str | None, fmt: ListFormat) -> None:
    from .. import words as w

    with _history() as history:
        rows = _history_call(lambda: history.list(ladder=ladder))
        path = history.path
    titles = _titles()
    if fmt is ListFormat.json:
        from ..render.progress import history_json

        emit(to_json(history_json(rows, path, titles)))
        return
    if not rows:
        emit(w.no_history(path))
        return
    from ..render.progress import history_lines

    emit("\n".join([w.history_title(len(rows), path), "", *history_lines(rows, titles)]))


def _titles():
    """(ladder id, level id) -> the title on the installed ladder (None when it is not installed)."""
    cache: dict = {}

    def title(ladder_id: str, level_id: str | None):
        if level_id is None:
            return None
        if "lib" not in cache:
            from ..inputs.loader import load_library

            try:
                cache["lib"] = load_library()
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
    when = _day("--date", date, plan=True) if date is not None else person.assessed_on
    loaded = pick_ladder(lib, ladder_for(lib, ladder, person))
    goal = pick_level(loaded, target, "--target")
    result = build(lib, loaded, person.replace(ladder=loaded.ladder.id, assessed_on=when), target=goal, today_=when, pace=pace, lang=None)
    shown = shown_in(loaded)
    from ..store.history import HistoryError

    try:
        assessment_id, entry = _record(result, f"import:{file}")
    except HistoryError as exc:
        raise _history_fail(exc) from None
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
    with _history() as history:
        if assessment is not None:
            row = _history_call(lambda: _row_to_forget(history, assessment))
            _history_call(lambda: history.forget(assessment))
            emit(w.forgot_line(row) if row else w.forgot_damaged_line(assessment))
            return
        count = _history_call(history.count)
        if count == 0:
            typer.echo(w.nothing_to_forget())
            return
        if not yes:
            if not _stdin_tty():
                raise fail(_("forget --all deletes every recorded assessment and there is no terminal to confirm on: add --yes"))
            if not typer.confirm(w.forget_question(count, history.path), default=False, err=True):
                err(w.nothing_forgotten())
                return
        n = _history_call(history.forget_all)
        typer.echo(w.forgot_all_line(n))


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


@app.command("progress", cls=Command)
def progress_cmd(
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help=N_("Compare with the assessment in effect on this date (the last one on or before it)."), show_default=False)] = None,
    from_id: Annotated[Optional[int], typer.Option("--from", metavar="ID", help=N_("Compare from this assessment (default: the one before --to)."), show_default=False)] = None,
    to_id: Annotated[Optional[int], typer.Option("--to", metavar="ID", help=N_("Compare up to this assessment (default: the latest)."), show_default=False)] = None,
    ladder: HistLadder = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help=N_("Output format."))] = Format.text,
    ladders_dir: LaddersDir = None,
    lang: WordsLangOpt = None,
) -> None:
    """Compare two recorded assessments: placement, answers and gaps then and now, the earlier roadmap's steps, and whether you are on schedule.

    Without options it compares the latest assessment with the one before it.

    Example: [bold]pmladder progress --since 2026-01-01 --format markdown[/bold]
    """
    language(lang)
    from ..views.progress import choose, compare

    if since is not None and from_id is not None:
        raise fail(_("--since and --from both choose the earlier assessment: give one"))
    day = _day("--since", since) if since is not None else None
    with _history() as history:
        rows = _history_call(lambda: history.list())
        span = choose(rows, ladder=ladder, since=day, from_id=from_id, to_id=to_id)  # a ProgressError is worded at the boundary
        then = _history_call(lambda: history.get(span.then.id))
        now = _history_call(lambda: history.get(span.now.id))
        target = then.target
        plans = {r.id: _history_call(lambda r=r: history.get(r.id)).plan for r in span.chart if r.target != target}
    lib = library(ladders_dir)
    loaded = lib.get(span.ladder)
    if loaded is None:
        raise fail(_("assessments {a} and {b} are on ladder '{ladder}', which is not installed; "
                     "add its folder with --ladders-dir (known: {known})").format(a=then.id, b=now.id, ladder=span.ladder,
                                                                               known=", ".join(sorted(lib.ladders))))
    report = compare(lib, loaded.ladder, then, now, plans, span.chart, lang=shown_in(loaded))
    if fmt is Format.json:
        from ..render.progress import progress_json

        emit(to_json(progress_json(report)))
    elif fmt is Format.markdown:
        from ..render.progress import progress_markdown

        emit(progress_markdown(report))
    else:
        from ..render.progress import print_progress

        print_progress(console(), report)


# === end of where, history and progress ========================================================



def only_the_command_asked_for(args: list[str]) -> None:
    """Typer turns every command into a Click command at start-up; build only the one that runs.

    `pmladder assess ...` needs only `assess`; `pmladder`, `pmladder --help` and shell
    completion need them all, so the app is left whole for those.
    """
    import os

    if any(k.startswith("_PMLADDER_COMPLETE") or k.startswith("_TYPER_COMPLETE") for k in os.environ):
        return
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None:
        return
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


class TeamFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class TeamTemplate(str, Enum):
    csv = "csv"


@app.command("team", cls=Command)
def team_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help=N_("Profile files, folders (searched recursively for *.yaml and *.yml), spreadsheets (FILE.csv, one row a person), or - to read a list of paths from standard input."), show_default=False)] = None,
    ladder: Annotated[Optional[str], typer.Option("--ladder", "-L", metavar="LADDER", help=N_("The ladder to place everyone on."), show_default=False, autocompletion=_complete_ladders)] = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="LEVEL", help=N_("Measure readiness and gaps toward this title for everyone (default: each person's next title)."), show_default=False, autocompletion=_complete_levels)] = None,
    fmt: Annotated[Optional[TeamFormat], typer.Option("--format", "-f", help=N_("Output format (default: text on screen; with -o, json or csv by the file's extension, else markdown)."), show_default=False)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=N_("Write the report to this file ('-' for stdout) instead of showing it."), show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help=N_("Replace an existing output file."))] = False,
    anonymise: Annotated[bool, typer.Option("--anonymise", "--anonymize", metavar="", help=N_("Hide who is who: every name and every file path (in all formats, skipped files too) becomes a pseudonym such as 'Person 7F3A-9KQ2', the same for the same file and name from run to run. The pseudonyms come from a secret key in your data folder (or in PMLADDER_PSEUDONYM_KEY, 64 hexadecimal characters), so they cannot be worked back to names without it."))] = False,
    template: Annotated[Optional[TeamTemplate], typer.Option("--template", metavar="csv", help=N_("Print the header of a team spreadsheet with one example row (the columns of --ladder, or of every ladder), then exit. The example row starts with '#': rows that do are skipped, so make it a real row or delete it."), show_default=False)] = None,
    lang: LangOpt = None,
    pace: PaceOpt = 3,
    today_: TodayOpt = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, max=64, metavar="N", help=N_("Processes to place people in (default: 2 for a team of 400 or more when two cores are free, else 1)."), show_default=False)] = None,
    ladders_dir: LaddersDir = None,
) -> None:
    """See a whole team on one ladder: level spread, who is ready when, common gaps and training, certification pipeline.

    Reads profile files (as 'pmladder assess' saves them) and spreadsheets: one row a person, columns named by profile keys ('pmladder team --template csv' prints them; certifications separated by ';', 'none' for none held; an empty cell is not answered). A profile that does not load is listed with its FILE:LINE:COL: message (FILE:ROW: column: message in a spreadsheet) and skipped; a row whose first cell starts with '#' is a comment.

    Exit codes: 0 every profile read; 65 some skipped (the report lists them); 66 a path does not exist or no profile was found; 2 usage; 73 would overwrite (use --force).

    Example: [bold]pmladder team profiles/ --ladder pmo-career -o team.md[/bold]
    """
    from .. import words

    if fmt is TeamFormat.text and output not in (None, "-"):
        raise fail(_("--format text is for the screen; write a file as markdown, json or csv"))
    if output not in (None, "-"):
        check_export(Path(output), force)
    if template is not None:
        from ..inputs.team import template as csv_template

        lib = library(ladders_dir)
        uses = None
        if ladder is not None:
            from ..engine.types import uses as ladder_uses

            uses = ladder_uses(pick_ladder(lib, ladder).ladder)
        from ..inputs.loader import builtin_dir
        from ..inputs.yamlsafe import read_file

        example = read_file(builtin_dir() / "examples" / "profile-alex.yaml").data
        text = csv_template(lib.vocabulary(), uses, example)
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
    lib = library(ladders_dir)
    if ladder is None:
        raise fail(_("name the ladder to place the team on with --ladder; known ladders: {known}").format(known=", ".join(sorted(lib.ladders))))
    loaded = pick_ladder(lib, ladder)
    goal = pick_level(loaded, target, "--target")
    shown_lang = language(lang, loaded).text
    from ..views.team import Request, build_team
    from ..inputs.team import Missing, find

    try:
        sources, empty = find(paths, sys.stdin if "-" in paths else None)
    except Missing as exc:
        raise fail(_("not found: {path}").format(path=exc.path), NO_INPUT) from None
    if not sources:
        raise fail(words.no_profiles(empty or paths), NO_INPUT)
    if fmt is not None:
        chosen = fmt.value
    elif output in (None, "-"):
        chosen = "text" if output is None else "markdown"
    else:
        chosen = {".json": "json", ".csv": "csv"}.get(Path(output).suffix.lower(), "markdown")
    from ..render.team import Progress

    progress = Progress(enabled=chosen in ("text", "markdown") and sys.stderr.isatty() and (output not in (None, "-") or sys.stdout.isatty()))
    req = Request(loaded.ladder, lib.vocabulary(), when, origin=loaded.origin, target=goal.id if goal else None, pace=pace,
                  lang=shown_lang, role_from=lib.catalog.role_ratings_from, anonymise=anonymise, workers=workers)
    try:
        result = build_team(req, sources, tuple(empty), progress.update)
    finally:
        progress.stop()
    from ..render import team as draw

    if chosen == "text":
        draw.print_team(console(), result)
    else:
        text = {"markdown": draw.team_markdown, "json": lambda r: draw.dumps(draw.team_json(r)), "csv": draw.team_csv}[chosen](result)
        if output in (None, "-"):  # as written (CSV rows end in CR LF); every cell from a file is escaped already
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        else:
            from ..store.fsio import atomic_write

            atomic_write(Path(output), text, overwrite=force)
            err(_("Wrote the team report to {path}").format(path=output))
    if result.skipped:
        where = _("listed in the report") if output in (None, "-") else _("listed in {path}").format(path=output)
        err(_("pmladder: skipped {n} of {total} profiles ({where}); exit 65").format(n=len(result.skipped), total=result.read + len(result.skipped), where=where))
        raise typer.Exit(DATA_ERR)

def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    from .completion import request

    code = request(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    only_the_command_asked_for(sys.argv[1:])
    try:
        app(prog_name="pmladder")
    except KeyboardInterrupt:
        sys.stderr.write(f"\npmladder: {_(CANCELLED)}\n")
        sys.exit(INTERRUPTED)

