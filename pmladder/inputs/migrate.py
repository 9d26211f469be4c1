"""A ladder or catalog file of format 1 rewritten to the current format, on its text.

The rewrite works on the lines, not on a dump of the data, so comments, key order, quoting and
blank lines stay as they were outside the lines it changes. Each deprecated form (formats.py) is
rewritten where its key starts a line of a block mapping; a form it cannot rewrite safely (a key
inside a flow mapping, text missing in a declared language, an id the catalog has since taken) is
left as it is and named in `by_hand`, and the file then stays at format 1 (it still loads).

Pure: text in, text out. The CLI (cli/migrate.py) checks the result loads to the same ladder.
"""

from __future__ import annotations

from typing import NamedTuple

from .formats import CURRENT, GROWS_BY_UNIT, deprecated, grow_index
from .yamlsafe import Document, dotted


def N_(message: str) -> str:
    return message


# what changed and what could not be, as message ids with their values (worded by the CLI)
SCHEMA = N_("schema_version: {old} -> {new}")
GROW = N_("{where}: {n} lines spread to five, one per step (steps 0 to 1 ... 4 to 5 take lines {lines}); a comment asks to rewrite each for its step")
HOW = N_("{where}: how -> advice, from 0")
GROWS = N_("{where}: grows: {grows} added (from unit {unit})")
NO_RATE = N_("{where}: months_per_unit commented out (a fact that grows with a role change has none)")
FLOW = N_("{where}: written inside a flow mapping or on a list item line; rewrite it by hand")
LANGUAGES = N_("languages: text is missing in a declared language (English is shown); add it by hand, then set schema_version: 2")
CLASH = N_("{where}: the catalog now has this id; use the catalog's (remove this entry) or rename it, then set schema_version: 2")

GROW_COMMENT = "# format 1 listed general tips here; spread one per step (0 to 1, 1 to 2, 2 to 3, 3 to 4, 4 to 5): rewrite each for its step"


class Migrated(NamedTuple):
    text: str
    changes: list  # (message id, values)
    by_hand: list  # (message id, values): forms left as they are; the file stays at format 1


def _scalar(text: str) -> str:
    """A string as one line of YAML: plain where PyYAML writes it so, else double-quoted."""
    import json

    import yaml

    out = yaml.safe_dump([text], allow_unicode=True, width=1 << 30, default_flow_style=False)
    if out.count("\n") == 1 and out.startswith("- "):
        return out[2:-1]
    return json.dumps(text, ensure_ascii=False)


class _Lines:
    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[tuple[int, int, list[str]]] = []  # (first line, end line, new lines), 0-based

    def indent(self, i: int) -> int:
        line = self.lines[i]
        return len(line) - len(line.lstrip(" "))

    def starts_line(self, at: tuple[int, int]) -> bool:
        line, col = at
        return 0 < line <= len(self.lines) and self.lines[line - 1][: col - 1].strip() == ""

    def block_end(self, i: int) -> int:
        """The line after the block of the key on line i (its value's lines; not the comments after it)."""
        own, last = self.indent(i), i
        for j in range(i + 1, len(self.lines)):
            stripped = self.lines[j].strip()
            if not stripped or stripped.startswith("#"):
                continue
            if self.indent(j) > own or (self.indent(j) == own and (stripped == "-" or stripped.startswith("- "))):
                last = j
                continue
            break
        return last + 1

    def comments(self, first: int, end: int) -> list[str]:
        return [self.lines[j] for j in range(first, end) if self.lines[j].strip().startswith("#")]

    def trailing_comment(self, i: int, key: str) -> str:
        rest = self.lines[i].strip()[len(key) + 1:].strip()
        return "  " + rest if rest.startswith("#") else ""

    def text(self) -> str:
        for first, end, new in sorted(self.edits, reverse=True):
            self.lines[first:end] = new
        return "".join(self.lines)


def migrate(doc: Document, text: str, by_hand_found: list) -> Migrated:
    """`text` (the file `doc` was parsed from, of format 1) rewritten to format 2. `by_hand_found`: places the
    loader noted that no rewrite can fix ((section, key) of an id the catalog took, or ('languages',))."""
    out = _Lines(text)
    changes: list = []
    by_hand: list = []
    data = doc.data
    for loc, form in deprecated(data):
        section, key = loc[0], loc[1]
        entry = data[section][key]
        place = doc.keys.get(loc if form != "grows" else loc + ("unit",))
        at = (place if isinstance(place, tuple) else (place.line + 1, place.column + 1)) if place is not None else None
        if at is None or not out.starts_line(at):
            by_hand.append((FLOW, {"where": dotted(loc)}))
            continue
        i = at[0] - 1
        pad = " " * out.indent(i)
        nl = out.nl
        end = out.block_end(i)
        if form == "grow":
            lines = entry["grow"]
            new = [f"{pad}grow:{out.trailing_comment(i, 'grow')}{nl}", f"{pad}{GROW_COMMENT}{nl}", *out.comments(i + 1, end)]
            new += [f"{pad}  - {_scalar(lines[grow_index(step, len(lines))])}{nl}" for step in range(5)]
            unused = [line for j, line in enumerate(lines) if j not in {grow_index(s, len(lines)) for s in range(5)}]
            new += [f"{pad}  # not used by any step: {_scalar(line)}{nl}" for line in unused]
            out.edits.append((i, end, new))
            changes.append((GROW, {"where": dotted(loc), "n": len(lines),
                                   "lines": ", ".join(str(grow_index(s, len(lines)) + 1) for s in range(5))}))
        elif form == "how":
            new = [f"{pad}advice:{out.trailing_comment(i, 'how')}{nl}", *out.comments(i + 1, end),
                   f"{pad}  - from: 0{nl}", f"{pad}    text: {_scalar(entry['how'])}{nl}"]
            out.edits.append((i, end, new))
            changes.append((HOW, {"where": dotted(loc)}))
        else:  # grows: after the unit
            grows = GROWS_BY_UNIT[entry["unit"]]
            out.edits.append((end, end, [f"{pad}grows: {grows}{nl}"]))
            changes.append((GROWS, {"where": dotted(loc), "grows": grows, "unit": entry["unit"]}))
            rate = doc.keys.get(loc + ("months_per_unit",))
            if grows == "role" and rate is not None:
                r_at = rate if isinstance(rate, tuple) else (rate.line + 1, rate.column + 1)
                if out.starts_line(r_at):
                    j = r_at[0] - 1
                    r_end = out.block_end(j)
                    out.edits.append((j, r_end, [f"{out.lines[k][:out.indent(k)]}# {out.lines[k].lstrip(' ')}" for k in range(j, r_end)]))
                    changes.append((NO_RATE, {"where": dotted(loc)}))
                else:
                    by_hand.append((FLOW, {"where": dotted(loc + ("months_per_unit",))}))
    for loc in by_hand_found:
        by_hand.append((LANGUAGES, {}) if loc == ("languages",) else (CLASH, {"where": dotted(loc)}))
    if not by_hand:
        place = doc.values.get(("schema_version",))
        at = place if isinstance(place, tuple) else (place.line + 1, place.column + 1)
        line = out.lines[at[0] - 1]
        if line[at[1] - 1: at[1]] == "1" and not line[at[1]: at[1] + 1].isdigit():
            out.edits.append((at[0] - 1, at[0], [line[: at[1] - 1] + str(CURRENT) + line[at[1]:]]))
            changes.append((SCHEMA, {"old": 1, "new": CURRENT}))
        else:
            by_hand.append((FLOW, {"where": "schema_version"}))
    return Migrated(out.text(), changes, by_hand)
