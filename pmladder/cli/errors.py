"""The one error boundary: every expected failure becomes one clear message and its exit code.

`handle(fn)` runs a command. Data problems print as `FILE:LINE:COL: message` (exit 65; 66 when
the file cannot be read as a file: a folder, a pipe, a device), a refused overwrite 73, a
failed write 74, a usage problem 2, Ctrl-C or the end of input 130, a closed pipe ends
quietly (exit 1, as Rich does). Anything else is a bug: one line on stderr and exit 1, with
the traceback only when PMLADDER_DEBUG is set.
"""

from __future__ import annotations

import os

import typer

from ..exits import Fail  # noqa: F401 - raised here, and by lower layers through pmladder.exits
from ..exits import CANCELLED, KEPT, DraftKept, CANT_CREATE, DATA_ERR, INTERRUPTED, IO_ERR, NO_INPUT, UNEXPECTED
from ..words import _


def err(message: str) -> None:
    """A message on stderr, with anything a terminal would act on made visible; on a terminal wrapped
    between words to its width, a path or command whole on a line, the lines after the first indented
    (to a file or a pipe, one line, as tools that read FILE:LINE:COL expect)."""
    from ..text.safe import visible
    from ..text.wrap import cells, wrap
    from .run import this_run

    run = this_run()
    out = run.stderr
    text = visible(message)
    width = screen_width(out, run.environ)
    if width and cells(text) > width:
        text = "\n".join(wrap(text, width, "", "  ")) or text
    out.write(text + "\n")
    out.flush()


def screen_width(stream, environ) -> int | None:
    """The width of the terminal `stream` is (COLUMNS when set, as Rich reads it); None for a file or pipe."""
    import shutil

    from .run import is_tty

    if not is_tty(stream):
        return None
    value = str(environ.get("COLUMNS", "")).strip()
    return int(value) if value.isdigit() and 20 <= int(value) <= 10000 else shutil.get_terminal_size().columns


def worded(message) -> str:
    """A message in the language of the run: a Message through the catalog, a string as it is."""
    from ..exits import Message

    return message.worded(_) if isinstance(message, Message) else str(message)


def _newline() -> None:
    from .run import this_run

    this_run().stderr.write("\n")


def _quiet_stdout() -> None:
    try:
        from .run import this_run

        os.dup2(os.open(os.devnull, os.O_WRONLY), this_run().stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def handle(fn):
    from ..store.fsio import FileWriteError, WouldOverwrite
    from ..inputs.yamlsafe import DataError, Unreadable

    try:
        return fn()
    except DataError as exc:
        for problem in exc.problems:
            err(str(problem))
        if exc.hint:
            err(f"pmladder: {exc.hint}")
        raise typer.Exit(NO_INPUT if isinstance(exc, Unreadable) else DATA_ERR) from None
    except Fail as exc:
        err(f"pmladder: {worded(exc.message)}")
        raise typer.Exit(exc.code) from None
    except WouldOverwrite as exc:
        err("pmladder: " + _("{path} already exists; use --force to replace it").format(path=exc.path))
        raise typer.Exit(CANT_CREATE) from None
    except FileWriteError as exc:
        err("pmladder: " + _("cannot write {path}: {reason}").format(path=os.fspath(exc.path), reason=_(exc.reason)))
        raise typer.Exit(IO_ERR) from None
    except KeyboardInterrupt as exc:
        _newline()
        err(f"pmladder: {_(KEPT if isinstance(exc, DraftKept) else CANCELLED)}")
        raise typer.Exit(INTERRUPTED) from None
    except EOFError:  # input ended at a prompt: nothing was saved either
        _newline()
        err("pmladder: " + _("{cancelled} (input ended)").format(cancelled=_(CANCELLED)))
        raise typer.Exit(INTERRUPTED) from None
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _quiet_stdout()
        raise typer.Exit(UNEXPECTED) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback for a user
        if os.environ.get("PMLADDER_DEBUG"):
            raise
        if _is_click_error(exc):
            raise
        err("pmladder: " + _("unexpected error: {error} (set PMLADDER_DEBUG=1 for details; please report it)").format(
            error=f"{type(exc).__name__}: {exc}"))
        raise typer.Exit(UNEXPECTED) from None


def _is_click_error(exc: Exception) -> bool:
    """Typer's own usage errors keep their usual handling (exit 2 with the usage line)."""
    return type(exc).__module__.startswith(("click", "typer"))
