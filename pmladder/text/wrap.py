"""Line breaking for text that mixes Chinese and Latin script, measured in terminal cells.

Chinese has no spaces between words: a line may break between any two Han characters, but
not before closing punctuation (，。、；：！？）」』》 …) nor after an opening one (（「『《 …), and
never inside a word of Latin script ("PRINCE2", "PMO"). Rich and `textwrap` only break at
spaces, so a Chinese sentence is one "word" to them: it jumps whole to the next line, or
is cut at any cell, Latin words included, when it is longer than the line.

`words` splits text into the pieces a line may break between; `divide_line` is Rich's
function of that name with these pieces (`install_rich` makes Rich use it); `wrap` is
`textwrap.wrap` for cells (the questionnaire's prompts). Text without Chinese is split
exactly as before, at spaces, so English output does not change.
"""

from __future__ import annotations

import re
from typing import Iterable

# Wide script, the one rule for what counts as Chinese (or Japanese) text: CJK radicals and punctuation,
# kana, Han (and extension A), compatibility ideographs, full-width forms. A line may break around it.
WIDE = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Never at the start of a line (closing punctuation, also ASCII), never at the end (opening).
_NO_START = "\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\u300b\u300d\u300f\u3011\u3015\u3017\u201d\u2019\u2026\u30fb\u00b7,.;:!?)\\]}%"
_NO_END = "\uff08\u300a\u300c\u300e\u3010\u3014\u3016\u201c\u2018([{"



def _pieces(space: str) -> re.Pattern:
    return re.compile(rf"{space}*(?:[{_NO_END}]*(?:[{WIDE}]|[^{space[1:-1]}{WIDE}]+?(?=[{WIDE}]|{space}|$))[{_NO_START}]*){space}*")


_PIECE = _pieces(r"[\s]")  # as Rich: any white space separates
_PIECE_ASCII = _pieces(r"[ \t\n\r\f\v]")  # as textwrap: a no-break space holds words together
_PLAIN = re.compile(r"\s*\S+\s*")  # Rich's own words: what text without wide script uses
_PLAIN_ASCII = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")
_HAS_WIDE = re.compile(f"[{WIDE}]")


def has_wide(text: str) -> bool:
    """Whether `text` has Chinese (or Japanese) characters."""
    return _HAS_WIDE.search(text) is not None


def words(text: str, *, ascii_spaces: bool = False) -> Iterable[tuple[int, int, str]]:
    """(start, end, piece): the pieces a line may break between, each with the spaces after it.
    `ascii_spaces`: only ASCII white space separates (a no-break space does not)."""
    wide = has_wide(text)
    pattern = (_PIECE_ASCII if wide else _PLAIN_ASCII) if ascii_spaces else (_PIECE if wide else _PLAIN)
    position = 0
    match = pattern.match(text, position)
    while match is not None and match.end() > position:
        yield match.start(), match.end(), match.group(0)
        position = match.end()
        match = pattern.match(text, position)
    if position < len(text) and text[position:].strip():  # pragma: no cover - the pattern covers every character
        yield position, len(text), text[position:]


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's `divide_line`: the offsets to break `text` at so each line fits `width` cells."""
    from rich._loop import loop_last
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for start, _end, word in words(text):
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                for last, line in loop_last(chop_cells(word, width=width)):
                    if start:
                        breaks.append(start)
                    if last:
                        offset = cell_len(line)
                    else:
                        start += len(line)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def install_rich() -> None:
    """Make Rich break lines with `divide_line` above (Rich looks it up in rich.text when it wraps)."""
    import rich.text

    if getattr(rich.text, "divide_line", None) is not None and rich.text.divide_line is not divide_line:
        rich.text.divide_line = divide_line


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`textwrap.wrap` measured in cells, breaking Chinese between characters and Latin words only at
    (ASCII) spaces; a no-break space keeps its words together, as in textwrap."""
    text = re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()
    lines: list[str] = []
    line, used = initial_indent, cells(initial_indent)
    spaced = False  # whether the text has a space before this piece
    for _start, _end, word in words(text, ascii_spaces=True):
        piece = word.strip(" ")
        if not piece:
            continue
        space = " " if spaced and line.strip() else ""
        spaced = word != word.rstrip(" ")
        need = cells(space + piece)
        if used + need > width and line.strip():
            lines.append(line.rstrip())
            line, used = subsequent_indent, cells(subsequent_indent)
            space, need = "", cells(piece)
        line += space + piece
        used += need
    if line.strip():
        lines.append(line.rstrip())
    return lines
