"""The questionnaire without a terminal (`assess --ask` with answers piped in): one line per answer.

Used only when standard input is not a terminal; at a terminal `arrows.py` draws arrow-key
prompts instead. Questions go to stderr so stdout carries only the result. A choice is
answered by its number or its id, a rating by 0-5, the certifications by numbers or ids
separated by commas ('none' for none), and Enter keeps the answer shown in brackets (there is
one only when the profile or this session gave it). End of input raises EOFError; the CLI
turns it, like Ctrl-C, into "Cancelled".
"""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from .questions import SKIP, Question, instruction, section_title
from ..text.safe import text as t
from ..words import C_, _


class LineAsker:
    arrows = False  # answers are typed

    def __init__(self, console: Console, stdin):
        self.console = console
        self.stdin = stdin
        self.section: str | None = None
        self.shown_intro = False

    def intro(self, lines: list[str]) -> None:
        if not self.shown_intro:
            self.shown_intro = True
            for line in lines:
                self.console.print(t(line, "dim"))

    def note(self, text: str) -> None:
        self.console.print(t(text, "bold"))

    def help(self, lines: list[str]) -> None:
        for line in lines:
            self.console.print(t(line))

    def invalid(self, message: str) -> None:
        self.console.print(t(message, "bold red"))

    def answered(self, q: Question, shown: str) -> None:
        """The typed line is on the screen already."""

    def ask(self, q: Question, number: int, total: int, current, check):
        c = self.console
        if q.section != self.section and q.kind != "ladder":
            self.section = q.section
            c.print(Rule(Text(section_title(q.section), style="bold blue"), align="left", style="blue"))
        head = Text(f"{number}/{total} ", style="cyan") if total else Text()
        c.print(Text.assemble(head, t(q.prompt, "bold"), " ", (instruction(q, lines=True), "dim")))
        shown = self._current(q, current)
        n = 0
        for o in q.options:
            if q.kind == "competency":
                key = o.value
            else:
                n += 1
                key = str(n) if o.value != SKIP else SKIP
            c.print(Text.assemble((f"  {key:>5}  ", "cyan"), t(o.label)))
        if shown:
            c.print(Text.assemble((_("Enter keeps "), "dim"), t(f"[{shown}]", "cyan")))
        c.print(Text("> "), end="")
        c.file.flush()
        raw = self.readline()
        if not raw.strip() and shown:
            return current
        return raw

    @staticmethod
    def _current(q: Question, current) -> str:
        if isinstance(current, list):
            return ", ".join(current) if current else ""
        return current or ""

    def review(self, rows, lines, check) -> str:
        c = self.console
        self.section = None
        c.print(Rule(Text(_("Review your answers"), style="bold blue"), align="left", style="blue"))
        section = None
        for row in rows:
            if row.section != section:
                section = row.section
                c.print(t(section_title(section), "bold"))
            c.print(Text.assemble((f"{row.number:>4}  ", "cyan"), t(row.label), C_("label", ": "), t(row.value)))
        for line in lines:
            c.print(t(line, "dim"))
        c.print(Text("> "), end="")
        c.file.flush()
        return self.readline()

    def readline(self) -> str:
        stream = getattr(self.stdin, "buffer", None)
        raw = stream.readline() if stream is not None else self.stdin.readline()
        if not raw:
            raise EOFError
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", errors="replace")
        return raw.rstrip("\r\n")
