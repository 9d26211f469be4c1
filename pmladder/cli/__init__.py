"""The `pmladder` command line: options in, one call to the library, one renderer out.

Commands map their options to a request, call `views.plan.make_plan` (or the loader), and
hand the result to a renderer. Every expected failure becomes a message and an exit code
in one place (`Boundary.invoke`). One module a command group: app.py (the app, its options and
helpers), ladders.py, assess.py, where.py, history.py, team.py, importing.py; importing them registers their
commands, in the order `pmladder --help` lists them. Heavy modules (rich, yaml, the renderers)
are imported inside the commands that need them, so `--version` and `--help` stay quick.
"""


import sys

from ..exits import CANCELLED, KEPT, DraftKept, INTERRUPTED, OK
from . import ladders, migrate, importing, assess, review, where, history, team  # noqa: F401 - registers the commands, in this order
from .app import _, app, only_the_command_asked_for

__all__ = ["app", "main", "OK"]


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
    except KeyboardInterrupt as exc:
        sys.stderr.write(f"\npmladder: {_(KEPT if isinstance(exc, DraftKept) else CANCELLED)}\n")
        sys.exit(INTERRUPTED)
