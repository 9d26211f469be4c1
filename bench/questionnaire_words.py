"""How long the questionnaire is to read: questions and words, before and after, per shipped ladder.

Before: the line-by-line questionnaire of revision BEFORE (git), rendered by its own
`TerminalAsker` into a plain 100-column console exactly as a first run printed it (the section
rule, "Question k of n", the prompt, the help lines: a skill's description and all six
ratings, the numbered choices, the "back" hint).

After: the questionary prompts, from the same data they are drawn with (`prompts.select_choices`,
`prompts.checkbox_choices`) at 100 columns on a first run: the section rule, "k/n", the prompt,
its hint, every line of the list (placeholder, options, "← back", issuer headings), and the
text below the list for the line highlighted first. Text shown only on request (`?`) is not
counted, nor the names of other certificates (asked only after ticking "Other"). "Once" adds the
first screen's three lines and the review screen (25 or so answer lines, filled in with ratings
of 3) that a run shows once.

A word is a run of characters with a letter or a digit in it ("──" and "»" are not words).

    python bench/questionnaire_words.py            # a Markdown table
    python bench/questionnaire_words.py --before REV
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BEFORE = "cb1b884"  # the last revision with the line-by-line questionnaire
LADDERS = ("pm-titles", "pmo-sequence", "pmo-career")
WIDTH = 100
WORD = re.compile(r"\S*[^\W_]\S*")


def words(text: str) -> int:
    return len(WORD.findall(text))


def old_modules(rev: str):
    """The questionnaire and its terminal asker as they were at `rev`, loaded beside today's package."""
    import pmladder.render  # noqa: F401 - the packages the old modules' relative imports resolve in

    out = []
    for path, name, package in (("pmladder/questionnaire.py", "pmladder._before_questionnaire", "pmladder"),
                                ("pmladder/render/prompt.py", "pmladder.render._before_prompt", "pmladder.render")):
        source = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=REPO, capture_output=True, text=True, check=True).stdout
        module = types.ModuleType(name)
        module.__package__ = package
        module.__file__ = f"{rev}:{path}"
        sys.modules[name] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)
        out.append(module)
    return out


def before(ladder) -> tuple[int, int]:
    from rich.console import Console

    old_q, old_prompt = old_modules(BEFORE_REV)
    qs = old_q.questions(ladder)
    buf = io.StringIO()
    console = Console(file=buf, width=WIDTH, color_system=None, highlight=False, markup=False, emoji=False)
    asker = old_prompt.TerminalAsker(console, io.StringIO("x\n" * (len(qs) + 1)))
    for i, q in enumerate(qs):
        asker.ask(q, i + 1, len(qs), old_q.shown(q, old_q.current(q, {}, None)))
    return len(qs), words(buf.getvalue())


def after(ladder, lib) -> tuple[int, int, int]:
    from pmladder.ask import arrows as prompts
    from pmladder.ask.questions import counted, instruction, intro_lines, questions, review_lines, section_title
    from pmladder.ask.session import Session

    qs = questions(ladder)
    shown = counted(qs)
    total, section, text = len(shown), None, []
    for n, q in enumerate(shown, 1):
        if q.section != section:
            section = q.section
            text.append(section_title(section))
        text.append(f"{n}/{total} {q.prompt} {instruction(q)}")
        if q.pick == "text":
            continue
        choices = prompts.checkbox_choices(q, [], WIDTH) if q.pick == "checkbox" else prompts.select_choices(q, None, WIDTH)
        text += [str(c.title) for c in choices]
        first = next(c for c in choices if not isinstance(c, prompts.Separator))
        text.append(first.description or "")
    once = list(intro_lines())
    session = Session(qs, None, ladder)
    for q in shown:
        if q.kind == "fact":
            session.answers[q.key] = 3.0
        elif q.kind == "competency":
            session.answers[q.key] = 3
        elif q.kind == "certifications":
            session.answers[q.key] = ("PMP",)
        elif q.kind == "education":
            session.answers[q.key] = "bachelor"
        else:
            session.answers[q.key] = "Sam Lee"
    once.append("Review your answers")
    for row in session.rows():
        once.append(f"{row.number} {row.label} {row.value}")
    once += review_lines() + ["Change which answer? (a number, or Enter to accept)"]
    return total, words("\n".join(text)), words("\n".join(once))


def main() -> None:
    global BEFORE_REV
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", default=BEFORE, help=f"the revision with the old questionnaire (default {BEFORE})")
    args = parser.parse_args()
    BEFORE_REV = args.before

    from pmladder.inputs.loader import load_library

    lib = load_library()
    print("| ladder | questions before | words before | questions after | words after | + once (first screen, review) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for lid in LADDERS:
        ladder = lib.get(lid).ladder
        qb, wb = before(ladder)
        qa, wa, once = after(ladder, lib)
        print(f"| `{lid}` | {qb} | {wb:,} | {qa} | {wa:,} | {once:,} |")


BEFORE_REV = BEFORE

if __name__ == "__main__":
    main()
