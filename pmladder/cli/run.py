"""One run of a command: the streams, whether standard input is a terminal, the environment (and from it
the language asked for and the ladder search path) and today's date, read from the process once.

The root command builds it before anything is parsed (`Run.complete`) and keeps it as the context's
object; commands and their helpers ask `this_run()` for it instead of reading `sys` or the clock.
A test swaps it by handing a partial Run to the runner (`runner.invoke(app, args, obj=Run(stdin_tty=True))`):
what it leaves out is read from the process as usual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import typing
from pathlib import Path


class _Unset:
    def __repr__(self) -> str:
        return "FROM_PROCESS"


FROM_PROCESS: typing.Any = _Unset()  # a field the process fills in when the run starts


@dataclasses.dataclass
class Run:
    """What a command reads from the world; a field left FROM_PROCESS is filled in by `complete()`."""

    stdin: typing.TextIO = FROM_PROCESS
    stdout: typing.TextIO = FROM_PROCESS
    stderr: typing.TextIO = FROM_PROCESS
    stdin_tty: bool = FROM_PROCESS
    environ: typing.Mapping[str, str] = FROM_PROCESS
    lang: typing.Optional[str] = FROM_PROCESS  # the language the environment asks for (None: English); --lang may override it
    today: dt.date = FROM_PROCESS
    language: typing.Any = None  # the words.Language chosen for the run, once a command has chosen it
    asked: typing.Optional[str] = None  # the language the run asked for (lower case; None: English), once chosen

    def complete(self) -> "Run":
        """This run with every FROM_PROCESS field read from the process now (streams as they are at this moment)."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for name in ("stdin", "stdout", "stderr"):
            if values[name] is FROM_PROCESS:
                values[name] = getattr(sys, name)
        if values["stdin_tty"] is FROM_PROCESS:
            values["stdin_tty"] = is_tty(values["stdin"])
        if values["environ"] is FROM_PROCESS:
            values["environ"] = os.environ
        if values["lang"] is FROM_PROCESS:
            from ..words.language import from_environment

            values["lang"] = from_environment(values["environ"])
        if values["today"] is FROM_PROCESS:
            values["today"] = dt.date.today()
        return Run(**values)

    def ladder_path(self, extra: list[Path] | None = None) -> list[Path]:
        """Where ladders come from for this run, in order (built-in, the user's folder, PMLADDER_PATH, then `extra`)."""
        from ..inputs.library import search_dirs

        return search_dirs(extra, self.environ)


def is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def this_run() -> Run:
    """The run of the command being executed; outside a command (a helper called on its own), one read from the process."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    run = ctx.find_object(Run) if ctx is not None else None
    return run if run is not None else Run().complete()
