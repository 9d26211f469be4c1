"""Shell completion: ladder ids, and the level ids of the ladder already on the command line.

Runs inside the shell's completion request, so it must never fail loudly: any problem
loading the ladders just means no suggestions.
"""

from __future__ import annotations


def _library(ctx):
    from ..inputs.library import load_library

    dirs = (ctx.params.get("ladders_dir") if ctx is not None else None) or None
    try:
        return load_library(dirs)
    except Exception:  # noqa: BLE001 - completion offers what it can
        return None


def ladder_ids(ctx, incomplete: str) -> list[str]:
    lib = _library(ctx)
    if lib is None:
        return []
    return [lid for lid in sorted(lib.ladders) if lid.startswith(incomplete)]


def level_ids(ctx, incomplete: str) -> list[str]:
    lib = _library(ctx)
    if lib is None:
        return []
    ladder_id = _ladder_on_the_line(ctx, lib)
    if not ladder_id:
        try:
            from ..store.paths import profile_path
            from ..inputs.profiles import load_profile

            ladder_id = load_profile(profile_path(), lib.vocabulary()).ladder
        except Exception:  # noqa: BLE001
            ladder_id = None
    ladders = [lib.get(ladder_id).ladder] if ladder_id and lib.get(ladder_id) else [item.ladder for item in lib.ladders.values()]
    ids = dict.fromkeys(lv.id for ladder in ladders for lv in ladder.levels)
    return [i for i in ids if i.startswith(incomplete)]


def _ladder_on_the_line(ctx, lib) -> str | None:
    """The ladder already typed: `--ladder ID`, or `show ID`'s argument. While an option still waits
    for its value (`show pm-titles --level <TAB>`), the parser has not assigned the argument yet,
    so a leftover word that is a known ladder id counts too."""
    if ctx is None:
        return None
    named = ctx.params.get("ladder")
    if named:
        return named
    leftover = [*getattr(ctx, "_protected_args", []), *getattr(ctx, "args", [])]
    return next((word for word in leftover if word in lib.ladders), None)


# --- `--show-completion SHELL` and `--install-completion SHELL` --------------------------------------

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETE_VAR = "_PMLADDER_COMPLETE"


def request(args: list[str]) -> int | None:
    """Handle `pmladder --show-completion [SHELL]` / `--install-completion [SHELL]`; None for anything else.

    Typer's own flags take no value: they guess the shell from the parent process and ignore a
    shell named after them (and print "Shell  not supported." when the guess fails, as it does
    under CI or a service manager). Here a named shell is honoured, a wrong one is a usage error,
    and a failed guess says how to name the shell.
    """
    if not args or args[0] not in ("--show-completion", "--install-completion"):
        return None
    import sys

    from ..exits import OK, USAGE
    from ..words.language import from_environment, has_catalog
    from ..words import _, use

    lang = from_environment()
    use(lang if has_catalog(lang) else None)

    rest = args[1:]
    if len(rest) > 1 or (rest and rest[0].startswith("-")):
        sys.stderr.write("pmladder: " + _("{option} takes at most one value, the shell: {shells}").format(
            option=args[0], shells=", ".join(SHELLS)) + "\n")
        return USAGE
    try:
        from typer import _completion_shared as shared
    except ImportError:  # a Typer without it: let Typer's own flags do what they do
        return None
    shell = rest[0].lower() if rest else shared._get_shell_name()
    if shell is None:
        sys.stderr.write("pmladder: " + _("could not tell which shell this is; name it, for example: pmladder {option} bash").format(
            option=args[0]) + "\n")
        return USAGE
    if shell not in SHELLS:
        sys.stderr.write("pmladder: " + _("no completion for the shell '{shell}'; pmladder completes in {shells}").format(
            shell=shell, shells=", ".join(SHELLS)) + "\n")
        return USAGE
    if args[0] == "--show-completion":
        sys.stdout.write(shared.get_completion_script(prog_name="pmladder", complete_var=COMPLETE_VAR, shell=shell) + "\n")
        return OK
    shell, path = shared.install(shell=shell, prog_name="pmladder", complete_var=COMPLETE_VAR)
    sys.stdout.write(_("{shell} completion installed in {path}; open a new shell to use it.").format(shell=shell, path=path) + "\n")
    return OK
