"""Every output format of every view, in one table: (view, format) -> the renderer, with the file extensions
that choose the format for `-o FILE`. A new format is one entry here (and its name among the command's
--format choices).

A *screen* renderer draws on a Rich console: `draw(console, *result)`. A *document* renderer returns the
text: `draw(*result) -> str`; the CLI prints it (through the last guard that makes terminal controls
visible, unless `as_written`: team reports escape every cell themselves and CSV rows end in CR LF) or
writes it to a file. `*result` is what the view computed, as the command has it:

    plan      (plan, others, summary)   others: the "On other ladders" rows (Markdown), else None (ics ignores both); summary: views/summary.py
    summary   (summary,)                the plan in short alone (`--brief`)
    where     (plans, profile, today)
    progress  (report,)
    team      (team,)
    history   (rows, path, titles)
    ladders   (rows,)                   one dict a ladder (`pmladder ladders`)
    ladder    (loaded, lang, level_id)  one ladder (`pmladder show`); level_id None for every level
    grid      (grid,)                   requirements x titles (`pmladder show --grid`; views/grid.py)
    diff      (diff,)                   what changes from one title to another (`pmladder show --diff A B`)

Renderers are imported when one is drawn (`lazy`), so start-up reads none of them.
"""

from __future__ import annotations

from typing import Callable


class Renderer:
    """One entry: `view` drawn in `format` by `draw`. (A plain class: a NamedTuple costs start-up time, and
    the --format choices are read from this table when the CLI starts.)"""

    __slots__ = ("view", "format", "draw", "screen", "extensions", "as_written")

    def __init__(self, view: str, format: str, draw: Callable, *, screen: bool = False, extensions: tuple[str, ...] = (),
                 as_written: bool = False):
        self.view, self.format, self.draw = view, format, draw
        self.screen = screen  # draws on a console (the text format); else returns a document
        self.extensions = extensions  # `-o FILE` with one of these (any case) picks this format
        self.as_written = as_written  # the document is printed as it is (no last guard)

    def __repr__(self) -> str:
        return f"Renderer({self.view!r}, {self.format!r})"


FILE_DEFAULT = "markdown"  # `-o FILE` with an extension no format of the view claims; also `-o -`


def _json(data) -> str:
    from ..text.safe import dumps

    return dumps(data) + "\n"


def _printed(renderable) -> Callable:
    """A screen renderer that prints what `renderable(*result)` returns (a Rich renderable)."""
    def draw(console, *result) -> None:
        console.print(renderable(*result))

    return draw


def lazy(module: str, name: str, then: Callable | None = None) -> Callable:
    """`name` of `module` (relative to this package), imported when first drawn; its result passed through `then`."""
    def draw(*args):
        from importlib import import_module

        out = getattr(import_module(module, __package__), name)(*args)
        return then(out) if then is not None else out

    draw.__qualname__ = f"lazy({module}.{name})"
    return draw


# --- plan: `others` goes to Markdown only; `summary` (views/summary.py) is made here when the command made none --------

def _summary(plan, summary):
    if summary is not None:
        return summary
    from ..views.summary import make_summary

    return make_summary(plan)


def _plan_text(console, plan, others=None, summary=None) -> None:
    from .report import print_report

    print_report(console, plan, _summary(plan, summary))


def _plan_markdown(plan, others=None, summary=None) -> str:
    from .plan import plan_markdown

    return plan_markdown(plan, others=others, summary=summary)


def _plan_json(plan, others=None, summary=None) -> str:
    from ..views.plan_data import plan_json
    from ..views.summary import summary_json

    return _json({**plan_json(plan), "summary": summary_json(_summary(plan, summary))})


# --- summary: the plan in short alone (`--brief`) ---------------------------------------------

def _summary_json(summary) -> str:
    from .summary import summary_document

    return _json(summary_document(summary))


# --- history: no rows is one line ---------------------------------------------------------------

def _history_text(console, rows, path, titles) -> None:
    """Plain lines laid out for the console's width (quick: no Rich layout for a thousand rows)."""
    from rich.text import Text

    from .. import words as w
    from ..text.wrap import wrap
    from .progress import history_lines

    if not rows:
        lines = wrap(w.no_history(path), console.width)
    else:
        lines = [*wrap(w.history_title(len(rows), path), console.width), "", *history_lines(rows, titles, console.width)]
    console.print(Text("\n".join(lines)), soft_wrap=True)


def _team_json(team) -> str:
    from .team import dumps, team_json

    return dumps(team_json(team))


def _ladders_json(rows) -> str:
    return _json({"schema_version": 1, "ladders": rows})


RENDERERS: tuple[Renderer, ...] = (
    Renderer("plan", "text", _plan_text, screen=True),
    Renderer("plan", "markdown", _plan_markdown),
    Renderer("plan", "json", _plan_json, extensions=(".json",)),
    # a calendar: its text is CRLF lines and every text in it is made visible (render/ics.py)
    Renderer("plan", "ics", lazy(".ics", "plan_ics"), extensions=(".ics",), as_written=True),
    Renderer("summary", "text", lazy(".summary", "print_summary"), screen=True),
    Renderer("summary", "markdown", lazy(".summary", "summary_markdown")),
    Renderer("summary", "json", _summary_json, extensions=(".json",)),
    Renderer("where", "text", _printed(lazy(".progress", "where_table")), screen=True),
    Renderer("where", "markdown", lazy(".progress", "where_markdown")),
    Renderer("where", "json", lazy(".progress", "where_json", _json)),
    Renderer("progress", "text", lazy(".progress", "print_progress"), screen=True),
    Renderer("progress", "markdown", lazy(".progress", "progress_markdown")),
    Renderer("progress", "json", lazy(".progress", "progress_json", _json)),
    Renderer("team", "text", lazy(".team", "print_team"), screen=True),
    Renderer("team", "markdown", lazy(".team", "team_markdown"), as_written=True),
    Renderer("team", "json", _team_json, extensions=(".json",), as_written=True),
    Renderer("team", "csv", lazy(".team", "team_csv"), extensions=(".csv",), as_written=True),
    Renderer("history", "text", _history_text, screen=True),
    Renderer("history", "json", lazy(".progress", "history_json", _json)),
    Renderer("ladders", "text", _printed(lazy(".terminal", "ladders_table")), screen=True),
    Renderer("ladders", "json", _ladders_json),
    Renderer("ladder", "text", lazy(".terminal", "show_ladder"), screen=True),
    Renderer("ladder", "markdown", lazy(".markdown", "ladder_markdown")),
    Renderer("ladder", "json", lazy("..views.plan_data", "ladder_json", _json)),
    Renderer("grid", "text", lazy(".grid", "print_grid"), screen=True),
    Renderer("grid", "markdown", lazy(".grid", "grid_markdown")),
    Renderer("grid", "json", lazy("..views.grid", "grid_json", _json)),
    Renderer("diff", "text", lazy(".grid", "print_diff"), screen=True),
    Renderer("diff", "markdown", lazy(".grid", "diff_markdown")),
    Renderer("diff", "json", lazy("..views.grid", "diff_json", _json)),
)

_BY_KEY = {(r.view, r.format): r for r in RENDERERS}


def renderer(view: str, fmt: str) -> Renderer:
    """The renderer of `view` in `fmt`; KeyError for a pair the table does not have."""
    return _BY_KEY[(view, fmt)]


def formats(view: str) -> tuple[str, ...]:
    """The formats `view` can be drawn in, in table order."""
    return tuple(r.format for r in RENDERERS if r.view == view)


def format_of_file(view: str, name: str) -> str:
    """The format `-o NAME` writes for `view`: the one whose extension NAME ends with (any case), else Markdown."""
    lowered = name.lower()
    return next((r.format for r in RENDERERS if r.view == view and r.extensions and lowered.endswith(r.extensions)), FILE_DEFAULT)
