"""The review screen shows every question's label whole at 60, 80 and 120 columns: a label longer than its
column goes on over more lines, it is never cut ("Years leading project man…" told nobody what it asked)."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from pmladder.ask.arrows import TerminalAsker
from pmladder.ask.questions import Row, questions
from pmladder.ask.session import Session
from pmladder.inputs.loader import load_library
from pmladder import words

BUILTIN = ("pm-titles", "pmo-sequence", "pmo-career", "ipma-levels", "pmi-path")


def review_text(rows: list[Row], width: int) -> str:
    asker = TerminalAsker()
    asker.console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    for page in asker.review_pages(rows, [], width, 40):
        for part in page:
            asker.console.print(part)
    return asker.console.file.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("ladder_id", BUILTIN)
def test_every_label_of_the_review_is_shown_whole(ladder_id, width, lang):
    words.use(None if lang == "en" else lang)
    try:
        ladder = load_library().get(ladder_id).ladder
        rows = [r._replace(value="") for r in Session(questions(ladder), None, ladder).rows()]  # the labels alone
        text = review_text(rows, width)
    finally:
        words.use(None)
    assert "\u2026" not in text
    lines = text.splitlines()
    assert max(cell_len(line.rstrip()) for line in lines) <= width
    # each label reads whole within its row's lines (a row starts with its number), wherever it wraps
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s*\d+ ", line)]
    assert len(starts) == len(rows)
    for row, begin, end in zip(rows, starts, starts[1:] + [len(lines)]):
        end = next((k for k in range(begin + 1, end) if not lines[k].startswith(" ")), end)  # a section's title ends it
        block = "".join("".join(lines[begin:end]).split())
        assert block == f"{row.number}" + "".join(row.label.split()), (row.label, lines[begin:end])
