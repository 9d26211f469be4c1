"""A long report on a terminal goes through a pager, as git does.

Only when standard output is a terminal and the report is taller than it; never when the output is
piped or written to a file, never with `--no-pager`. The pager is `PAGER` (split as a shell would,
run without a shell), else `less` with `LESS=FRX` unless LESS is set (quit when it fits, keep colours,
leave the text on the screen). An empty PAGER, `cat`, or a program that cannot be found or started:
the report is printed directly. Quitting the pager early is not an error.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess

from .run import is_tty, this_run

DEFAULT = "less"


def pager_command(environ) -> list[str] | None:
    """The pager to run, as arguments; None to print directly."""
    value = environ.get("PAGER", DEFAULT)
    try:
        argv = shlex.split(value)
    except ValueError:
        return None
    if not argv or argv[0] == "cat":
        return None
    found = shutil.which(argv[0], path=environ.get("PATH", os.defpath))
    return [found, *argv[1:]] if found else None


def screen_height(stream, environ) -> int | None:
    """The terminal's height in lines (LINES first, as Rich reads it); None when it cannot be told."""
    lines = environ.get("LINES", "")
    if lines.isascii() and lines.isdigit() and 0 < len(lines) <= 5 and int(lines) > 0:
        return int(lines)
    try:
        return os.get_terminal_size(stream.fileno()).lines
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def paged(draw, *, no_pager: bool = False) -> None:
    """Draw a report with `draw(console)`: on the terminal through the pager when it is taller than the screen."""
    from .app import console

    run = this_run()
    out = run.stdout
    if no_pager or not is_tty(out):
        draw(console())
        return
    height = screen_height(out, run.environ)
    command = pager_command(run.environ)
    if height is None or command is None:
        draw(console())
        return
    real = console()
    buffer = io.StringIO()
    from ..render.terminal import make_console

    # the same colours and width as the console on the terminal: the pager shows them (less -R)
    copy = make_console(file=buffer, force_terminal=True, color_system=real.color_system, width=real.width)
    draw(copy)
    text = buffer.getvalue()
    if text.count("\n") < height:
        out.write(text)
        out.flush()
        return
    env = dict(run.environ)
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, env=env)
    except OSError:
        out.write(text)
        out.flush()
        return
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit before the end
        pass
    while True:
        try:
            proc.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C reaches the pager too; it decides when to end, as with git
            continue
