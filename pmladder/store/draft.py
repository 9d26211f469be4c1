"""The questionnaire's draft: the answers of a run cancelled with Ctrl-C, kept for the next run.

One JSON file in the user's data folder (`draft.json`, mode 0600, written atomically), holding the
ladder's id, when it was kept, and the answers by question key as plain JSON values. Reading it
treats it as hostile: a file that is not a small regular file of the expected shape is no draft.
What the answers mean is checked again where they are used (ask/session.py re-reads every one
through the same parser as a typed answer).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from contextlib import suppress
from pathlib import Path

from .fsio import FileReadError, atomic_write, read_regular
from .paths import data_dir

__all__ = ["MAX_BYTES", "Draft", "draft_path", "load_draft"]

MAX_BYTES = 256 * 1024  # a draft holds a few dozen short answers
MAX_KEY = 200


def draft_path(environ=None) -> Path:
    """Where an interrupted questionnaire keeps its answers."""
    return data_dir(environ) / "draft.json"


class Draft:
    """A draft file: what it holds (`ladder`, `answers`, `kept_on`), and writing or removing it.

    `on` is False where no draft is kept (no terminal): then `keep` and `discard` do nothing.
    """

    def __init__(self, path: Path, *, on: bool = True, ladder: str | None = None, answers: dict | None = None,
                 kept_on: str = ""):
        self.path, self.on = Path(path), on
        self.ladder, self.answers, self.kept_on = ladder, dict(answers or {}), kept_on

    def keep(self, ladder: str, answers: dict) -> None:
        """Write the answers (raises FileWriteError); the folder is made, private, when missing."""
        if not self.on:
            return
        data = {"version": 1, "ladder": ladder, "kept_on": dt.date.today().isoformat(),
                "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}}
        with suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", mode=0o600)

    def discard(self) -> None:
        if self.on:
            with suppress(OSError):
                os.unlink(self.path)
        self.ladder, self.answers = None, {}


def _plain(value) -> bool:
    """A JSON value an answer can be: text, a number, null, or a list of texts."""
    if value is None or isinstance(value, (str, float)) or (isinstance(value, int) and not isinstance(value, bool)):
        return not isinstance(value, str) or len(value) <= 2000
    return isinstance(value, list) and len(value) <= 200 and all(isinstance(v, str) and len(v) <= 2000 for v in value)


def load_draft(path: Path) -> Draft | None:
    """The draft at `path`; None when there is none. A draft that cannot be read or makes no sense
    raises ValueError (the caller removes it)."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileReadError as exc:
        if exc.missing:
            return None
        raise ValueError(str(exc)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("not a draft")
    ladder, answers, kept_on = data.get("ladder"), data.get("answers"), data.get("kept_on", "")
    if not isinstance(ladder, str) or not ladder or len(ladder) > MAX_KEY or not isinstance(answers, dict) \
            or not isinstance(kept_on, str) or len(kept_on) > 10:
        raise ValueError("not a draft")
    kept = {k: v for k, v in answers.items() if isinstance(k, str) and len(k) <= MAX_KEY and _plain(v)}
    return Draft(path, ladder=ladder, answers=kept, kept_on=kept_on)
