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

import functools
import re
from typing import Iterable

# Wide script, the one rule for what counts as Chinese (or Japanese) text: CJK radicals and punctuation,
# kana, Han (and extension A), compatibility ideographs, full-width forms. A line may break around it.
WIDE = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Never at the start of a line (closing punctuation, also ASCII), never at the end (opening).
_NO_START = "\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\u300b\u300d\u300f\u3011\u3015\u3017\u201d\u2019\u2026\u30fb\u00b7,.;:!?)\\]}%"
_NO_END = "\uff08\u300a\u300c\u300e\u3010\u3014\u3016\u201c\u2018([{"



@functools.cache
def _pieces(space: str) -> re.Pattern:
    """The pieces of text with wide script. Compiled when such text is first met, not at import: the two
    patterns take some 10 ms to compile, a run in English never uses them, and every run imports this."""
    return re.compile(rf"{space}*(?:[{_NO_END}]*(?:[{WIDE}]|[^{space[1:-1]}{WIDE}]+?(?=[{WIDE}]|{space}|$))[{_NO_START}]*){space}*")


_SPACE = r"[\s]"  # as Rich: any white space separates
_SPACE_ASCII = r"[ \t\n\r\f\v]"  # as textwrap: a no-break space holds words together
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
    pattern = (_pieces(_SPACE_ASCII) if wide else _PLAIN_ASCII) if ascii_spaces else (_pieces(_SPACE) if wide else _PLAIN)
    position = 0
    match = pattern.match(text, position)
    while match is not None and match.end() > position:
        yield match.start(), match.end(), match.group(0)
        position = match.end()
        match = pattern.match(text, position)
    if position < len(text) and text[position:].strip():  # pragma: no cover - the pattern covers every character
        yield position, len(text), text[position:]


# A run of Chinese text without a break opportunity (a clause) up to this wide (five characters) is measured whole, so a
# table column holds it on one line; a longer one may be broken between its characters.
CLAUSE_CELLS = 10


def units(text: str, *, ascii_spaces: bool = False) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """(start, end, pieces): the runs a line breaks between when it can, each with its pieces. Text
    is broken at spaces, after punctuation and before an opening bracket, never elsewhere inside a
    run that fits the line: "5项接近，" stays whole, like "pmladder/profile.yaml". A run longer than the
    line is broken between its pieces (between Chinese characters, never inside a Latin word)."""
    out: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for start, end, piece in words(text, ascii_spaces=ascii_spaces):
        if out and not _break_before(out[-1][2][-1][2], piece):
            out[-1] = (out[-1][0], end, [*out[-1][2], (start, end, piece)])
        else:
            out.append((start, end, [(start, end, piece)]))
    return out


_BREAK_AFTER = _NO_START.replace("%", "").replace("\\]}", "")  # a run ends after these (not "80%的")


def _break_before(previous: str, piece: str) -> bool:
    body = previous.rstrip()
    return body != previous or not body or body[-1] in _BREAK_AFTER or piece[0] in _NO_END or piece[0].isspace()


def _place(text: str, pieces, width: int, fold: bool, offset: int, breaks: list[int]) -> int:
    """Rich's rule for pieces: each on the line if it fits, else on the next; one longer than a line is
    cut into lines (`fold`) or left whole."""
    from rich._loop import loop_last
    from rich.cells import cell_len, chop_cells

    for start, _end, word in pieces:
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
    return offset


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's `divide_line`: the offsets to break `text` at so each line fits `width` cells. A run
    (see `units`) that fits a line is never broken: it goes whole to the next line."""
    from rich.cells import cell_len

    breaks: list[int] = []
    offset = 0
    for start, end, pieces in units(text, ascii_spaces=True):
        length = cell_len(text[start:end].rstrip())
        if width - offset >= length:
            offset += cell_len(text[start:end])
        elif length <= width:
            if offset and start:
                breaks.append(start)
            offset = cell_len(text[start:end])
        else:
            offset = _place(text, pieces, width, fold, offset, breaks)
    return breaks


def narrowest(text: str, cap: int | None = CLAUSE_CELLS) -> int:
    """The narrowest a column may be for `text` to keep its runs whole (a Chinese clause counts at most
    `cap`, CLAUSE_CELLS unless told): Rich's minimum width of a text, in these rules."""
    from rich.cells import cell_len

    least = 0
    for start, end, pieces in units(text, ascii_spaces=True):
        run = text[start:end].strip()
        width = cell_len(run)
        if cap is not None and width > cap and has_wide(run):
            width = max([cap] + [cell_len(p.strip()) for _s, _e, p in pieces if not has_wide(p)])
        least = max(least, width)
    return least


def _measure(self, console, options):
    from rich.cells import cell_len
    from rich.measure import Measurement

    lines = self.plain.splitlines()
    most = max((cell_len(line) for line in lines), default=0)
    least = max((narrowest(line) for line in lines), default=0)
    return Measurement(least if lines and self.plain.split() else most, most)


def install_rich() -> None:
    """Make Rich break lines with `divide_line` above (Rich looks it up in rich.text when it wraps)."""
    import rich.text

    if getattr(rich.text, "divide_line", None) is not None and rich.text.divide_line is not divide_line:
        rich.text.divide_line = divide_line
        rich.text.Text.__rich_measure__ = _measure  # a column is as narrow as its widest run, not its widest "word"


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`textwrap.wrap` measured in cells, with the runs of `units` (a no-break space keeps its words
    together, as in textwrap): a run that fits a line is never broken; a longer one is broken between
    its pieces, and a Latin word longer than a line stands alone on its line, whole."""
    text = re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()
    lines: list[str] = []
    line, used = initial_indent, cells(initial_indent)
    spaced = False  # whether the text has a space before this run
    for start, end, pieces in units(text, ascii_spaces=True):
        run = text[start:end].strip(" ")
        space = " " if spaced and line.strip() else ""
        spaced = text[start:end] != text[start:end].rstrip(" ")
        whole = not has_wide(run)  # a Latin run is never broken, even when longer than a line
        if not line.strip() and (whole or used + cells(run) <= width):
            line, used = line + run, used + cells(run)
            continue
        if line.strip() and used + cells(space + run) <= width:
            line, used = line + space + run, used + cells(space + run)
            continue
        if line.strip() and (whole or cells(run) <= width - cells(subsequent_indent)):
            lines.append(line.rstrip())
            line, used = subsequent_indent + run, cells(subsequent_indent + run)
            continue
        # a run longer than a line: its pieces, each where it fits
        for _s, _e, word in pieces:
            piece = word.strip(" ")
            need = cells(space + piece)
            if used + need > width and line.strip():
                lines.append(line.rstrip())
                line, used = subsequent_indent, cells(subsequent_indent)
                space, need = "", cells(piece)
            line += space + piece
            used += need
            space = ""
    if line.strip():
        lines.append(line.rstrip())
    return lines
