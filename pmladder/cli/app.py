"""The Typer app and what every command shares: help without Python types, the root callback, the
options, and the small helpers (the library, a ladder, the language, today, fail/err/emit).

Heavy modules (rich, yaml, the renderers) are imported inside the functions that need them, so
`--version` and `--help` stay quick.
"""


from enum import Enum
from pathlib import Path
import typing
from typing import Annotated, Optional

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .. import __version__
from ..exits import NO_INPUT, USAGE, Message

def N_(message: str) -> str:
    """Mark a help text for the message catalog; it is translated when the help is shown (see cli/help.py)."""
    return message


class PlainHelp:
    """`--help` without Python types: Typer shows `<bool>` after a flag (--help, --install-completion)
    and `<str>` or `<list[Path]>` after an argument that already has a placeholder (LADDER, FILE).

    Also the language of a run's help and usage errors: the root command sets pmladder's words to
    `--lang` when the command line has it, else to PMLADDER_LANG or the locale, before anything is
    parsed; help and usage errors are translated only when shown (cli/help.py)."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            _plain_coercion(param)
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            elif isinstance(param, TyperArgument) and param.metavar and not _is_choice(param):
                param.display_type_rich = lambda ctx: None  # the placeholder says it; keep choices like <ladder|catalog>
        return params

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:  # the root command: the run starts here, read from the process once (cli/run.py)
            from .. import words
            from .run import Run

            given = extra.get("obj")
            run = (given if isinstance(given, Run) else Run()).complete()
            extra["obj"] = run
            words.use(_lang_of_run(args, run.lang))
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:
            _translate_error(exc)
            raise

    def format_help(self, ctx, formatter):
        from .help import translate_help

        translate_help(self, ctx)  # in the language of the run, laid out for the terminal's width (English too)
        return super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter):
        from ..words import _

        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: "))


def _plain_coercion(param) -> None:
    """Read a text, path or choice option the way Typer does, without building a pydantic TypeAdapter.

    Typer 0.29 coerces every option's value through pydantic, whose import is most of what a
    warm run would otherwise spend before pmladder's own work. These three kinds need none of
    it: the same values come out, and a bad choice is the same `BadParameter` message."""
    if getattr(param, "_runtime_param", True) is not None:  # not the Typer this was written for: Typer's own way
        return
    try:
        descriptor = param.type_descriptor
        info, kind = descriptor.parameter_info, descriptor.annotation
        one = _plain_one(info, kind) if info.parser is None and descriptor.file_annotation is None else None
        from typer._coercion import RuntimeParam  # noqa: F401 - what _PlainParam.coerce hands back to
    except (ImportError, AttributeError):  # a later Typer moved these: its own way, only slower
        return
    param._runtime_param = _PlainParam(info, kind, one)


def _plain_one(info, kind):
    """How `_plain_coercion` reads one value of this type, or None (Typer's own way)."""
    item, many = (typing.get_args(kind)[0], True) if typing.get_origin(kind) is list else (kind, False)
    if typing.get_origin(item) is typing.Union and set(typing.get_args(item)) == {int, type(None)}:
        item = int  # Optional[int] (`--workers`): None, the option left out, is never coerced
    if isinstance(item, type) and issubclass(item, Path) and info.path_type is None:
        from typer._param_types import coerce_cli_path

        def one(value, param, ctx):
            return coerce_cli_path(value if isinstance(value, item) else item(value), info, path_type=item, param=param, ctx=ctx)
    elif isinstance(item, type) and issubclass(item, Enum):
        from typer._click.exceptions import BadParameter
        from typer._click.utils import _escape_control_characters
        from typer._param_types import coerce_cli_choice

        def one(value, param, ctx):
            try:
                return coerce_cli_choice(value, choices=list(item), case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError as exc:  # pydantic's words for it, as Typer shows them
                raise BadParameter(_escape_control_characters(f"Value error, {exc}"), ctx=ctx, param=param) from exc
    elif item is str:
        def one(value, param, ctx):
            return value if isinstance(value, str) else _str_of(value)
    elif item is int and not many:
        def one(value, param, ctx):  # a whole number already (the default), or written plainly (`--workers 2`): when in range
            n = value if type(value) is int else _plain_int(value)
            if n is not None and (info.min is None or n >= info.min) and (info.max is None or n <= info.max):
                return n
            return _typer_way(info, kind)(value, param, ctx)  # anything else, and every message, as Typer says it
    else:
        return None
    if not many:
        return one
    return lambda value, param, ctx: [one(v, param, ctx) for v in (value if isinstance(value, (list, tuple)) else [value])]


def _plain_int(value) -> int | None:
    """`2` as given on a command line (ASCII digits, no sign, no leading zero, short): its number; else None."""
    if type(value) is str and 0 < len(value) <= 9 and value.isascii() and value.isdigit() and (value == "0" or value[0] != "0"):
        return int(value)
    return None


def _str_of(value):
    try:
        from typer._adapters import _parse_cli_str
    except ImportError:  # a later Typer: a value that is not text yet, as text
        return str(value)
    return _parse_cli_str(value)


class _PlainParam:
    """Typer's RuntimeParam contract (`coerce`) for `_plain_coercion`: an option left out (None)
    needs no coercion at all; a value of another type is read by Typer's own, built when first needed."""

    def __init__(self, info, annotation, one):
        self.parameter_info, self.annotation, self.one = info, annotation, one

    def coerce(self, value, param, ctx):
        from typer._coercion import RuntimeParam

        return RuntimeParam.coerce(self, value, param, ctx)

    def _coerce_value(self, value, param, ctx):
        if self.one is None:
            self.one = _typer_way(self.parameter_info, self.annotation)
        return self.one(value, param, ctx)


def _typer_way(info, annotation):
    """Typer's own coercion (through pydantic) for a parameter of this type."""
    from typer._coercion import build_runtime_param, resolve_type_descriptor

    return build_runtime_param(resolve_type_descriptor(annotation, info))._coerce_value


_translated_before: list = []  # help was translated in this process: translate (back) every time after


def _translate_error(exc) -> None:
    """Usage errors in our own words, in the current language (English too: not a library's 'Value error, ...')."""
    from .help import translate_error

    translate_error(exc)


def _lang_of_run(args, environment: str | None) -> str | None:
    """The language a command line asks for: `--lang CODE` (or `--lang=CODE`) when given, else the environment's."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1].strip().lower() or None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1].strip().lower() or None
    return environment


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
        "73 would overwrite (use --force), 74 I/O error, 130 interrupted.\n\n"
        "Environment: PMLADDER_HOME=DIR keeps settings, data and cache under DIR; PMLADDER_PATH adds ladder folders; "
        "PMLADDER_LANG chooses the language; PMLADDER_LADDERS=mine lists only your own ladders (not the built-in ones) "
        "in where, ladders, plans and the ladder question, or PMLADDER_LADDERS=ID,ID only those; the same as "
        "ladders = \"mine\" in config.toml in the settings folder. A command that names a ladder can use any."
    ),
)


def format_choices(name: str, view: str) -> type[Enum]:
    """The --format choices of a command: the formats its view has in the registry (render/registry.py)."""
    from ..render.registry import formats

    return Enum(name, [(f, f) for f in formats(view)], type=str)


Format = format_choices("Format", "where")  # where, progress, show: text, markdown, json
PlanFormat = format_choices("PlanFormat", "plan")  # plan, assess: those and ics (a calendar)
ListFormat = format_choices("ListFormat", "history")  # ladders, history: text, json


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
class Ratings(str, Enum):
    self = "self"
    reviewer = "reviewer"
    lower = "lower"


RatingsOpt = Annotated[
    Ratings,
    typer.Option("--ratings", help=N_("Which skill ratings place you when a profile has a review (`pmladder review`): self (your own; "
                                      "the default, with the review shown beside them), reviewer (the reviewer's where given, yours "
                                      "elsewhere) or lower (the lower of the two for each skill).")),
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
    typer.Option("--ladder", "-L", metavar="LADDER", help=N_("The ladder, by its id or its title (default: the one your profile was last assessed on)."),
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
    from .run import this_run

    out = this_run().stdout
    out.write(visible(text if text.endswith("\n") else text + "\n", keep_newlines=True))
    out.flush()


def to_json(data) -> str:
    from ..text.safe import dumps

    return dumps(data)


def console(*, stderr: bool = False):
    from ..render.terminal import make_console
    from .run import this_run

    run = this_run()
    return make_console(stderr=stderr, file=run.stderr if stderr else run.stdout)


def library(dirs: list[Path] | None):
    from ..inputs.library import load_library
    from ..inputs.yamlsafe import DataError
    from .run import this_run

    try:
        lib = load_library(dirs, this_run().environ)
    except DataError as exc:
        first = min(p.path for p in exc.problems)
        exc.hint = _("fix the ladder file(s) above or move them out of the ladder folders; check one with: "
                     "pmladder validate {file}").format(file=first)
        raise
    for msgid, values in lib.notices:
        err(_("note: {text}").format(text=_(msgid).format(**values)))
    return lib


def listed(lib):
    """The library as the lists of ladders show it: the ladders PMLADDER_LADDERS, else the settings file
    (config.toml), chooses (inputs/config.py); every ladder when neither says. A mistake in the settings
    file stops only the commands that list ladders (65, FILE:LINE:COL); one naming its ladder never reads it."""
    from ..inputs.config import choose, config_file, selection
    from ..inputs.yamlsafe import DataError
    from .run import this_run

    environ = this_run().environ
    try:
        chosen = selection(environ)
    except DataError as exc:
        exc.hint = _("fix {file}, or set {env}=all to show every ladder for now").format(file=config_file(environ), env="PMLADDER_LADDERS")
        raise
    ladders, notes = choose(lib.ladders, chosen)
    for msgid, values in notes:
        err(_("note: {text}").format(text=_(msgid).format(**values)))
    return lib._replace(ladders=ladders)


def in_language(lib, lang: str | None):
    """The library's ladders that have text in `lang` (asked for with --lang), to choose among: a ladder without it
    would only be refused after the choice. All of them when --lang is English or not given, or when none has it."""
    from .. import words

    code = (lang or "").strip().lower()
    if not code or code == "en" or code.startswith("en-"):
        return lib
    speaking = {lid: item for lid, item in lib.ladders.items() if words.declared(item.ladder, code) is not None}
    return lib._replace(ladders=speaking) if speaking else lib


def ladder_named(lib, wanted: str) -> str:
    """The id of the ladder `wanted` names: its id, or its title in any of its languages (any capitals, spaces
    around it ignored), as --level takes a title. A title two ladders share is a usage error naming both ids;
    a name no ladder has comes back as it is (the caller says it is unknown)."""
    if wanted in lib.ladders or wanted in lib.broken:
        return wanted
    folded = " ".join(str(wanted).split()).casefold()
    hits = sorted(lid for lid, item in lib.ladders.items()
                  if folded in {" ".join(n.split()).casefold() for n in (lid, item.ladder.name, *item.ladder.names.values())})
    if len(hits) > 1:
        raise fail(_("--ladder: '{name}' is the title of {n} ladders: {ids}; name one by its id").format(
            name=wanted, n=len(hits), ids=C_("list", ", ").join(hits)))
    return hits[0] if hits else wanted


def pick_ladder(lib, ladder_id: str):
    ladder_id = ladder_named(lib, ladder_id)
    loaded = lib.get(ladder_id)
    if loaded is None and ladder_id in lib.broken:  # the ladder asked for is the one that did not validate
        from ..inputs.yamlsafe import DataError

        exc = DataError(lib.broken[ladder_id])
        exc.hint = _("fix the ladder file above; check it with: pmladder validate {file}").format(file=min(p.path for p in exc.problems))
        raise exc
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


def partial_text(ladder, text_lang: str) -> str:
    """Why some of a ladder's text in `text_lang` is English: the built-in catalog lacks that language in part."""
    return _("ladder '{id}' is in '{lang}', but the built-in catalog has no '{lang}' text for some facts, "
             "certifications or skills it shows: those are in English (relabel them under 'labels:' to give your own)").format(
                 id=ladder.id, lang=text_lang)


def partial_note(ladder, text_lang: str | None) -> None:
    """One note when the ladder's text is in a language the built-in catalog lacks in part (shown in English)."""
    if text_lang and text_lang in ladder.partial:
        err(_("note: {text}").format(text=partial_text(ladder, text_lang)))


def language(lang: str | None, loaded=None, lib=None):
    """The language of this run (words.Language: pmladder's words, the ladder's text), and pmladder's
    own words set to speak it: the one rule of words.language_for.

    Asked for with `--lang`, it must exist: a language the ladder declares (a command on one ladder),
    or one pmladder has a catalog for (a command without one). Without `--lang`, PMLADDER_LANG or the
    locale choose, and anything missing just falls back to English.
    """
    from .. import words
    from ..words.language import has_catalog, languages
    from .run import this_run

    run = this_run()
    if lang is not None:
        code = lang.strip().lower()
        english = code == "en" or code.startswith("en-")  # an English variant: the ladder's own text in it, else English
        if loaded is not None and not english and words.declared(loaded.ladder, code) is None:
            raise fail(_("--lang: ladder '{id}' has no '{lang}' text; its languages: {languages}").format(
                id=loaded.ladder.id, lang=lang, languages=C_("list", ", ").join(loaded.ladder.languages)))
        in_a_ladder = lib is not None and any(words.declared(item.ladder, code) for item in lib.ladders.values())
        if loaded is None and not english and not has_catalog(code) and not in_a_ladder:
            raise fail(_("--lang: pmladder has no '{lang}' catalog; its languages: {languages}").format(
                lang=lang, languages=C_("list", ", ").join(languages())))
    else:
        code = run.lang
    chosen = words.language_for(code, loaded.ladder if loaded is not None else None)
    words.use(chosen.words)
    run.language = chosen
    run.asked = None if not code or code.strip().lower() == "en" else code.strip().lower()
    if loaded is not None:
        partial_note(loaded.ladder, chosen.text)
    return chosen


def words_lang() -> str | None:
    from ..words import speaking

    return speaking()


def shown_in(loaded) -> str | None:
    """The language of the ladder's own text for the words pmladder speaks now (None: its English)."""
    from ..words import language_for
    from .run import this_run

    run = this_run()  # the language the run asked for (a ladder may have text in one pmladder has no words for)
    return language_for(run.asked if run.language is not None else words_lang(), loaded.ladder).text


def today(value: str | None):
    """--today when given, else the run's today."""
    if value is None:
        from .run import this_run

        return this_run().today
    return parse_day("--today", value, plan=True)


def ladder_uses(lib) -> dict:
    """Every installed ladder's id -> the ids of facts, competencies and certifications it uses (worked out when asked)."""
    from ..inputs.profiles import LadderUses

    return LadderUses({lid: item.ladder for lid, item in lib.ladders.items()})


def read_profile(lib, path: Path):
    """A profile file, checked; answers no installed ladder uses are noted on stderr (they count nowhere)."""
    from ..inputs.profiles import load_profile

    if not path.exists():
        raise fail(_("profile not found: {path}").format(path=path), NO_INPUT)
    warnings: list = []
    profile = load_profile(path, lib.vocabulary(), uses=ladder_uses(lib), warnings=warnings)
    for problem in warnings:
        err(_("warning: {text}").format(text=str(problem)))
    return profile


def saved_profile_path() -> Path:
    from ..store.paths import profile_path
    from .run import this_run

    return profile_path(this_run().environ)


def ladder_for(lib, ladder: str | None, person) -> str:
    """The ladder asked for, else the one the profile was assessed on, else the only ladder the lists show."""
    if ladder is None and person.ladder is None and len(few := listed(lib).ladders) == 1:
        return next(iter(few))
    if ladder is None and person.ladder is None:
        raise fail(_("name the ladder with --ladder; known ladders: {known}").format(known=C_("list", ", ").join(sorted(few))))
    chosen = ladder or person.ladder
    if ladder is None and chosen not in lib.ladders:
        raise fail(_("the profile was assessed on ladder '{id}', which is not installed; name one with --ladder "
                     "(known: {known})").format(id=chosen, known=C_("list", ", ").join(sorted(lib.ladders))))
    return chosen


def rerun_options(ladders_dir, lang, profile: Path | None, ladder: str | None = None, target: str | None = None) -> str:
    """The options a suggested command (`plan`, `assess --only ...`) must repeat to work like this run (quoted for
    a shell).

    The ladder is named too: a profile file written by hand does not say which ladder it is for; and the title
    asked for with --target, so that the full plan is the plan to it."""
    import shlex

    parts = []
    if ladder:
        parts.append(f"--ladder {shlex.quote(ladder)}")
    if target:
        parts.append(f"--target {shlex.quote(target)}")
    if profile is not None:
        parts.append(f"--profile {shlex.quote(str(profile))}")
    for folder in ladders_dir or []:
        parts.append(f"--ladders-dir {shlex.quote(str(folder))}")
    if lang:
        parts.append(f"--lang {shlex.quote(lang)}")
    return " ".join(parts)


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


def parse_day(option: str, value: str, *, plan: bool = False):
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


def output_format(fmt, output: str | None, view: str) -> str:
    """The format of a command's output: --format when given; text on screen, markdown to stdout
    ('-o -'); to a file, the format of `view` the file's extension names in the registry (render/registry.py), else markdown."""
    from ..render.registry import FILE_DEFAULT, format_of_file

    if fmt is not None:
        return fmt.value
    if output in (None, "-"):
        return "text" if output is None else FILE_DEFAULT
    return format_of_file(view, output)


def document(view: str, fmt: str, *result) -> str:
    """`result` of `view` as a document in `fmt` (Markdown, JSON, CSV), by the registry's renderer."""
    from ..render.registry import renderer

    return renderer(view, fmt).draw(*result)


NoPagerOpt = Annotated[bool, typer.Option("--no-pager", metavar="", help=N_(
    "Print the report directly; without it a report taller than the terminal goes through PAGER (default: less)."))]


def show(view: str, fmt: str, *result, pager: bool = False) -> None:
    """`result` of `view` in `fmt` on stdout: drawn on the console (text; with `pager`, through the pager when it
    is taller than the terminal), else the document printed."""
    from ..render.registry import renderer

    chosen = renderer(view, fmt)
    if chosen.screen:
        if pager:
            from .pager import paged

            paged(lambda screen: chosen.draw(screen, *result))
        else:
            chosen.draw(console(), *result)
        return
    text = chosen.draw(*result)
    if not chosen.as_written:
        emit(text)
        return
    from .run import this_run

    out = this_run().stdout  # as written (CSV rows end in CR LF); every cell from a file is escaped already
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()
