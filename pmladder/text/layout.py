"""Column widths for tables whose words must stay whole: Rich narrows the widest columns first and cuts
words it could have kept (or crops the table at the edge when a column has a minimum width), so the
tables that matter most compute their widths here and give Rich exact ones."""

from __future__ import annotations

import re

from .wrap import WIDE

_WORD = re.compile(rf"[^\s{WIDE}]+")  # a run that must not break (Chinese may break anywhere)


def longest_word(cell: str) -> int:
    return max((len(word) for word in _WORD.findall(cell)), default=0)



def widest_line(cell: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in cell.split("\n")), default=0)


def share(least: list[int], most: list[int], room: int) -> list[int]:
    """Column widths between `least` and `most` that fill at most `room`, shared fairly: the columns
    that want least get all they want first, the others split what is left evenly."""
    widths = list(least)
    extra = room - sum(least)
    order = sorted(range(len(least)), key=lambda i: most[i] - least[i])
    for k, i in enumerate(order):
        give = min(most[i] - least[i], max(0, extra) // (len(order) - k))
        widths[i] += give
        extra -= give
    return widths
