"""The user's settings: `config.toml` in the config folder, and the environment that overrides it.

One setting so far, which ladders a run shows where it lists ladders (`where`, `ladders`, the
Markdown plan's "On other ladders", the questionnaire's ladder choice and the default ladder):

    ladders = "mine"                          # the ladders of the user's folders, not the built-in ones
    ladders = ["org-delivery", "pm-titles"]   # these ladders (a list, or one text with commas)

`PMLADDER_LADDERS` (same words, separated by commas) wins over the file. A command that names
a ladder (`--ladder pmi-path`, `show pmi-path`) uses it whatever the setting. The file is
untrusted like every other: read only as a regular file of at most 64 KiB, never executed; a
mistake in it is a `FILE:LINE:COL` problem (a DataError) raised only by what needs the setting.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import NamedTuple

from ..store.paths import config_dir
from .yamlsafe import DataError, Problem

CONFIG_NAME = "config.toml"
ENV_LADDERS = "PMLADDER_LADDERS"
MAX_BYTES = 64 * 1024
KEYS = ("ladders",)
MINE = "mine"
ALL = "all"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _(message: str) -> str:
    from ..words import _ as translate

    return translate(message)


class Selection(NamedTuple):
    """Which ladders to show: the words of the setting ('mine', 'all', ladder ids), and where they were set."""

    words: tuple[str, ...]
    source: str  # ENV_LADDERS, or the config file's path


def config_file(environ=None) -> Path:
    return config_dir(environ) / CONFIG_NAME


def selection(environ: typing.Mapping[str, str]) -> Selection | None:
    """The setting in force (the environment's, else the file's), or None when nothing is set: every ladder."""
    value = environ.get(ENV_LADDERS, "").strip()
    if value:
        return Selection(_words(value), ENV_LADDERS)
    path = config_file(environ)
    if not path.exists() and not path.is_symlink():
        return None
    return _from_file(path)


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w.strip().lower() for w in text.split(",") if w.strip()))


def _line_of(text: str, key: str) -> int:
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _from_file(path: Path) -> Selection | None:
    import tomllib

    from ..store.fsio import TOO_LARGE, FileReadError, read_regular

    shown = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileReadError as exc:
        reason = _("larger than {n} KiB: not a settings file").format(n=MAX_BYTES // 1024) if exc.reason == TOO_LARGE else exc.reason
        raise DataError([Problem(shown, 1, 1, _("cannot read the settings file: {reason}").format(reason=reason))]) from None
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise DataError([Problem(shown, 1, 1, _("not valid UTF-8 text"))]) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        raise DataError([Problem(shown, line, col, _("TOML syntax: this line is not 'key = value' as TOML writes it "
                                                     "(text in double quotes, a list in [brackets])"))]) from None
    problems = []
    for key in data:
        if key not in KEYS:
            from ..words.lookup import nearest

            hint = nearest(key, KEYS)
            text_ = _("unknown setting '{key}'; the settings are: {known}").format(key=key, known=", ".join(KEYS))
            if hint:
                text_ = _("unknown setting '{key}' (did you mean '{hint}'?)").format(key=key, hint=hint)
            problems.append(Problem(shown, _line_of(text, key), 1, text_))
    value = data.get("ladders")
    words: tuple[str, ...] = ()
    if isinstance(value, str):
        words = _words(value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        words = _words(",".join(value))
    elif value is not None:
        problems.append(Problem(shown, _line_of(text, "ladders"), 1, _("ladders: should be \"mine\", \"all\", or a list of "
                                                                        "ladder ids such as [\"org-delivery\", \"pm-titles\"]")))
    if problems:
        raise DataError(problems)
    return Selection(words, shown) if words else None


def choose(ladders: dict, chosen: Selection | None) -> tuple[dict, list[tuple[str, dict]]]:
    """The ladders the selection shows (the library's `Loaded` by id), and notes (message id, values) for the CLI.

    'mine' is every ladder that is not built in; 'all' every ladder; an id that is not installed is named in
    a note (with the nearest id). A selection that leaves nothing shows every ladder, with a note."""
    if chosen is None or ALL in chosen.words:
        return dict(ladders), []
    notes = []
    keep = {}
    for word in chosen.words:
        if word == MINE:
            keep.update({lid: item for lid, item in ladders.items() if not item.builtin})
        elif word in ladders:
            keep[word] = ladders[word]
        else:
            from ..words.lookup import nearest

            hint = nearest(word, ladders) if _ID.match(word) else None
            notes.append((N_("{source} names ladder '{id}', which is not installed (did you mean '{hint}'?)") if hint else
                          N_("{source} names ladder '{id}', which is not installed"), {"source": chosen.source, "id": word, "hint": hint}))
    if not keep:
        notes.append((N_("{source} leaves no installed ladder to show: showing them all"), {"source": chosen.source}))
        return dict(ladders), notes
    return {lid: keep[lid] for lid in sorted(keep)}, notes


def N_(message: str) -> str:
    return message
