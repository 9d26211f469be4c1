"""`--help` and Typer's usage errors in the language of the run.

Typer builds the help and the usage errors from English text: the help texts pmladder gives
its commands and options (marked with `N_` and command docstrings, so they are in the message
catalog), Typer's own panel titles and option help, and the messages of its command-line
parser ("No such option: --x", "Missing argument 'LADDER'."). This module puts them through the
catalog when they are shown, so an English run pays nothing for it: `cli.PlainHelp` calls
`translate_help` before drawing a help screen and `translate_error` on a usage error.

Only the language of the run is used here (`--lang` on the command line, else PMLADDER_LANG or
the locale; see `cli.PlainHelp.make_context`).
"""

from __future__ import annotations

import re

from ..words import C_, N_, _

# Typer's own help texts (its --help and completion options): English msgids, translated when shown.
TYPER_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# typer.rich_utils reads these module constants each time it draws; English is Typer's own text.
RICH_TEXTS = {
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
_original_rich: dict[str, str] = {}


def rich_texts() -> None:
    """Set Typer's panel titles and hints to the current language (back to Typer's own in English)."""
    from typer import rich_utils

    for name, msgid in RICH_TEXTS.items():
        if not hasattr(rich_utils, name):
            continue
        _original_rich.setdefault(name, getattr(rich_utils, name))
        translated = _(msgid)
        setattr(rich_utils, name, _original_rich[name] if translated == msgid else translated)


def _translated(obj, field: str) -> None:
    """Translate `obj.field` from the English text it was made with (kept, so a second run can translate it again)."""
    keep = f"_pmladder_{field}"
    if not hasattr(obj, keep):
        setattr(obj, keep, getattr(obj, field, None))
    original = getattr(obj, keep)
    if isinstance(original, str) and original:
        setattr(obj, field, whole_commands(_(original)))


def translate_help(command, ctx) -> None:
    """Translate a command's help, its parameters' help and (for a group) its commands' short help."""
    from ..text.wrap import install_rich

    install_rich()
    rich_texts()
    narrow_layout()
    for field in ("help", "epilog", "short_help"):
        _translated(command, field)
    for param in command.get_params(ctx):
        _translated(param, "help")
    for sub in getattr(command, "commands", {}).values():
        for field in ("help", "short_help"):
            _translated(sub, field)


# --- layout at any width --------------------------------------------------------------------------

_BOLD = re.compile(r"\[bold\](.*?)\[/bold\]", re.S)
_JOIN = "\u00a0"  # holds a command's words together while lines are broken; a plain space on the screen


def whole_commands(text: str) -> str:
    """The commands a help text shows in bold, each kept on one line: its spaces become no-break
    spaces, which the console turns back into spaces once the lines are laid out."""
    return _BOLD.sub(lambda m: f"[bold]{_held(m.group(1))}[/bold]", text)


def _held(command: str) -> str:
    return command.replace(" ", _JOIN) if len(command) <= 56 else command  # a longer one breaks at its spaces


class _Spaces:
    """A render hook that gives back the plain spaces `whole_commands` held together."""

    def process_renderables(self, renderables):
        return [_Spaced(r) for r in renderables]


class _Spaced:
    def __init__(self, renderable):
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            if _JOIN in segment.text and segment.control is None:
                yield Segment(segment.text.replace(_JOIN, " "), segment.style)
            else:
                yield segment


def narrow_layout() -> None:
    """Typer's help laid out for the terminal's width: its tables keep option names and metavars whole
    (render/terminal.py HelpTable), commands stay on one line, and at 60 columns each option gets a
    line of its own with its help under it."""
    from typer import rich_utils

    from ..render.terminal import HelpTable

    rich_utils.Table = HelpTable
    console = rich_utils._get_rich_console
    if getattr(console, "_pmladder_spaced", False):
        return

    def spaced_console(stderr: bool = False):
        out = console(stderr=stderr)
        out.push_render_hook(_Spaces())
        return out

    spaced_console._pmladder_spaced = True
    rich_utils._get_rich_console = spaced_console


# --- usage errors -----------------------------------------------------------------------------

# Messages inside "Invalid value for X: ..." (Typer's parameter types and pydantic's coercion).
_VALUE_MESSAGES = (
    (re.compile(r"^(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.+)\.$"), N_("{value} is not one of {choices}.")),
    (re.compile(r"^Input should be less than or equal to (?P<n>\S+)$"), N_("the largest value allowed is {n}")),
    (re.compile(r"^Input should be greater than or equal to (?P<n>\S+)$"), N_("the smallest value allowed is {n}")),
    (re.compile(r"^Input should be a valid integer.*$"), N_("a whole number is expected")),
    (re.compile(r"^Input should be a valid number.*$"), N_("a number is expected")),
    (re.compile(r"^(?:dir|file|path|directory|Directory|File|Path) (?P<path>'.*') does not exist\.$"), N_("{path} does not exist.")),
    (re.compile(r"^(?:dir|file|path|directory|Directory|File|Path) (?P<path>'.*') is a file\.$"), N_("{path} is a file, not a folder.")),
    (re.compile(r"^(?:dir|file|path|directory|Directory|File|Path) (?P<path>'.*') is a directory\.$"), N_("{path} is a folder, not a file.")),
)

_USAGE_MESSAGES = (
    (re.compile(r"^No such option: (?P<name>.+)$"), N_("No such option: {name}")),
    (re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$"), N_("Unexpected extra argument(s): {args}")),
    (re.compile(r"^Option (?P<name>'.*') requires an argument\.$"), N_("Option {name} needs a value.")),
    (re.compile(r"^Option (?P<name>'.*') requires (?P<n>\d+) arguments\.$"), N_("Option {name} needs {n} values.")),
    (re.compile(r"^Option (?P<name>'.*') does not take a value\.$"), N_("Option {name} does not take a value.")),
    (re.compile(r"^No such command (?P<name>'.*')\. Did you mean (?P<options>.+)\?$"), N_("No such command {name}. Did you mean {options}?")),
    (re.compile(r"^No such command (?P<name>'.*')\.$"), N_("No such command {name}.")),
    (re.compile(r"^Missing command\.$"), N_("Missing command.")),
)


def _match(table, text: str) -> str | None:
    for pattern, msgid in table:
        m = pattern.match(text)
        if m:
            return _(msgid).format(**m.groupdict())
    return None


def translate_error(exc) -> None:
    """Put a Click/Typer usage error into pmladder's words in the current language (in place)."""
    if getattr(exc, "_pmladder_translated", False):
        return
    exc._pmladder_translated = True
    from ..text.wrap import install_rich

    install_rich()
    rich_texts()
    from typer._click import exceptions as ce

    text = None
    if isinstance(exc, ce.MissingParameter):
        hint = _hint(exc)
        kind = exc.param_type or getattr(exc.param, "param_type_name", "")
        msgid = N_("Missing argument {name}.") if kind == "argument" else N_("Missing option {name}.")
        text = _(msgid).format(name=hint or "")
    elif isinstance(exc, ce.NoSuchOption):
        text = _match(_USAGE_MESSAGES, exc.message) or exc.message
        if exc.possibilities:
            text += " " + _("(Possible options: {options})").format(options=C_("list", ", ").join(sorted(exc.possibilities)))
    elif isinstance(exc, ce.BadParameter):
        inner = _match(_VALUE_MESSAGES, exc.message) or exc.message
        hint = _hint(exc)
        text = (_("Invalid value for {name}: {message}").format(name=hint, message=inner) if hint
                else _("Invalid value: {message}").format(message=inner))
    elif isinstance(exc, ce.UsageError):
        text = _match(_USAGE_MESSAGES, exc.message)
    if text is not None:
        exc.format_message = lambda: text


def _hint(exc) -> str | None:
    from typer._click.exceptions import _join_param_hints

    if exc.param_hint is not None:
        return _join_param_hints(exc.param_hint)
    if exc.param is not None:
        return _join_param_hints(exc.param.get_error_hint())
    return None
