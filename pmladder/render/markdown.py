"""Markdown (CommonMark + GFM) for sharing: ladder overviews and exported plans.

Untrusted text goes through `md` (escaped, one line) or `label` (`text.safe.mermaid`), so a name
or a title cannot inject HTML, a heading, a task item, a link or a Mermaid directive, nor break
a table.
Output follows markdownlint's rules: blank lines around blocks, one H1, dashes for lists.
"""

from __future__ import annotations

from .. import words as w
from ..engine.types import tr
from ..text.safe import in_cell
from ..text.safe import md_cell as md
from ..text.safe import mermaid as label
from ..text.safe import visible


def code(text: str, *, cell: bool = False) -> str:
    """`text` as one inline code span that nothing in it can close: a run of backticks longer than any inside,
    padded with a space when it starts or ends with a backtick (CommonMark 6.1). In a table `cell`, `|` is
    written `\\|`, which GFM reads as a literal bar inside a code span too."""
    import re

    body = visible(" ".join(str(text).split()))
    fence = "`" * (max((len(run) for run in re.findall("`+", body)), default=0) + 1)
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    if cell:
        body = body.replace("|", "\\|")
    return f"{fence}{body}{fence}"


def md_commands(text: str, commands, *, cell: bool = False) -> str:
    """`text` escaped as `md` does, but each of `commands` that the words put between backticks
    (`` `pmladder assess --only skills` ``) as a code span, so a reader can copy it. Only the commands
    the caller names become code: a backtick from a file is escaped like any other character."""
    import re

    wanted = sorted({c for c in commands if c}, key=len, reverse=True)
    if not wanted:
        return md(text)
    found = re.compile("|".join(re.escape(f"`{c}`") for c in wanted))
    out, pos = [], 0
    for m in found.finditer(text):
        out.append(_part(text[pos:m.start()]))
        out.append(code(m.group()[1:-1], cell=cell))
        pos = m.end()
    out.append(_part(text[pos:]))
    return "".join(out)


def _part(text: str) -> str:
    """A piece of a line around a code span: escaped, with the space it had at either end kept."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + md(text) + (" " if text[-1].isspace() else "")



class Doc:
    """A Markdown document built block by block; blocks are separated by one blank line."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append("#" * level + " " + text)

    def para(self, text: str) -> None:
        self.blocks.append(text)

    def bullets(self, lines, prefix: str = "- ") -> None:
        lines = list(lines)
        if lines:
            self.blocks.append("\n".join(prefix + line for line in lines))

    def table(self, headers: list[str], rows: list[list[str]], align: list[str] | None = None) -> None:
        align = align or ["---"] * len(headers)
        out = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
        out += ["| " + " | ".join(in_cell(cell) or " " for cell in row) + " |" for row in rows]
        self.blocks.append("\n".join(out))

    def code(self, lang: str, body: str) -> None:
        self.blocks.append(f"```{lang}\n{body}\n```")

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def flowchart(ladder, lang: str | None, ids: list[str] | None = None, highlight: dict[str, str] | None = None) -> str:
    """A Mermaid flowchart of the ladder (or of the levels in `ids`), bottom to top, branches included."""
    keep = [lv for lv in ladder.levels if ids is None or lv.id in ids]
    node = {lv.id: f"n{i}" for i, lv in enumerate(keep)}
    lines = ["flowchart BT"]
    for lv in keep:
        lines.append(f'    {node[lv.id]}["{label(lv.title_in(lang))}"]')
    for lv in keep:
        for target in lv.next:
            if target in node:
                lines.append(f"    {node[lv.id]} --> {node[target]}")
        for target in lv.lateral:  # a move across, not a step up: a dotted arrow
            if target in node:
                lines.append(f"    {node[lv.id]} -.-> {node[target]}")
    for level_id, cls in (highlight or {}).items():
        if level_id in node:
            lines.append(f"    class {node[level_id]} {cls}")
    if highlight:  # explicit text colours keep the highlighted nodes readable in dark themes too
        lines.append("    classDef here fill:#d1f0d1,stroke:#2a7a2a,color:#0b3d0b")
        lines.append("    classDef goal fill:#fdf1c7,stroke:#a07800,color:#4a3800")
    return "\n".join(lines)


def title_cell(level, lang: str | None) -> str:
    shown, other = level.title_pair(lang)
    return w._("{title} ({other})").format(title=md(shown), other=md(other)) if other else md(shown)


def ladder_markdown(loaded, lang: str | None, only: str | None = None) -> str:
    ladder = loaded.ladder
    doc = Doc()
    doc.heading(1, md(ladder.name_in(lang)))
    doc.para(md(tr(ladder, "description", lang)))
    levels = [lv for lv in ladder.levels if only is None or lv.id == only]
    number = {lv.id: i + 1 for i, lv in enumerate(ladder.levels)}
    doc.heading(2, w._("Levels"))
    rows = []
    for lv in levels:
        rows.append([
            str(number[lv.id]),
            md(ladder.tier_name(lv.tier, lang)),
            title_cell(lv, lang),
            w.semicolons(md(r) for r in lv.text("responsibilities", lang)),
            w.listing(md(ladder.level(n).title_in(lang)) for n in lv.next) or w._("top"),
        ])
    doc.table(["#", w._("Tier"), w._("Title"), w._("Responsibilities"), w._("Next")], rows, ["--:", "---", "---", "---", "---"])
    if only is None:
        from ..views.grid import make_grid
        from .grid import grid_blocks

        doc.heading(2, w._("Requirements by title"))
        grid_blocks(doc, make_grid(ladder, lang))
        doc.heading(2, w._("Paths"))
        doc.para(w._("Read from the bottom up; a level with two arrows out is a branch."))
        doc.code("mermaid", flowchart(ladder, lang))
        if ladder.tracks:
            doc.heading(2, w._("Pathways"))
            doc.bullets(md(line) for line in w.track_lines(ladder, lang))
    doc.heading(2, w._("Level details"))
    for lv in levels:
        doc.heading(3, f"{number[lv.id]}. {title_cell(lv, lang)}")
        doc.para(md(lv.text("summary", lang)))
        expectations = lv.text("expectations", lang)
        if expectations:
            doc.para(w._("**Expected:**"))
            doc.bullets(md(e) for e in expectations)
        reqs = [w.requirement_line(a, ladder, lang, detail=True) for a in lv.requires]
        doc.para(w._("**Requires:**") if reqs else w._("**Requires:** nothing formal."))
        doc.bullets(md(r) for r in reqs + w.level_moves(ladder, lv, lang))
        if reqs:
            doc.para(md(w.tolerance_text(lv, ladder, lang)))
        advice = [a if isinstance(a, str) else a.text for a in lv.text("advice", lang)]
        if advice:
            doc.para(w._("**How to get here:**"))
            doc.bullets(md(a) for a in advice)
    if ladder.advice and only is None:
        doc.heading(2, w._("Advice for climbing"))
        doc.bullets(md(a) for a in w.ladder_advice_lines(ladder, lang))
    doc.heading(2, w._("About this ladder"))
    notes = [w._("Source: {source}").format(source=md(w.sentence(tr(ladder, 'source', lang))))]
    notes += [md(n) for n in (w.framework_note(ladder), w.issuer_note(ladder), w.judgment_note()) if n]
    doc.para(w.sentences(*notes))
    return doc.render()
