"""The terminal side of the questionnaire: shows a question on stderr, reads one line from stdin.

Questions go to stderr so stdout carries only the result (JSON or Markdown can be piped).
End of input raises EOFError; the CLI turns it, like Ctrl-C, into "Cancelled".
"""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from ..textsafe import text as t


class TerminalAsker:
    def __init__(self, console: Console, stdin):
        self.console = console
        self.stdin = stdin
        self.section: str | None = None

    def ask(self, question, number: int, total: int, default: str) -> str:
        c = self.console
        if question.section != self.section:
            self.section = question.section
            c.print(Rule(Text(question.section, style="bold blue"), align="left", style="blue"))
        if total:  # a lone choice (which ladder) has no count and nothing to go back to
            c.print(Text(f"Question {number} of {total}", style="dim"))
        c.print(t(question.prompt, "bold"))
        for line in question.help:
            c.print(t(line, "dim"))
        for i, (_, label) in enumerate(question.choices, 1):
            c.print(Text.assemble((f"  {i:>2}) ", "cyan"), t(label)))
        back = ", 'back' goes back" if number > 1 else ""
        if default:
            c.print(Text.assemble(("Enter keeps ", "dim"), t(f"[{default}]", "cyan"), (back, "dim")))
        elif back:
            c.print(Text(back[2:], style="dim"))
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

    def invalid(self, message: str) -> None:
        self.console.print(t(message, "bold red"))
