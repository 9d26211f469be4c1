"""The questionnaire at a real terminal: arrow-key prompts made with questionary (prompt_toolkit).

Imported only when questions are asked at a terminal, so no other command pays for
prompt_toolkit. The prompts draw on stderr (stdout carries only the result, so
`--format json > plan.json` still works); everything a person reads comes from
`questions.py`, which also decides what an answer means. This module only draws:

- text answers: line editing, history (↑ recalls earlier answers), the refusal shown in place;
- one of several (education, a rating, the ladder): ↑/↓ (or j/k, or the digit shown before a choice)
  and Enter, the highlighted choice's full text below the list, `?` for help, "← back";
  on a first run nothing is highlighted that would be an answer, so a stray Enter answers nothing;
- the certifications: a checkbox list grouped by issuer, "Other…", "None of these", "← back";
  Enter confirms what is ticked; with nothing ticked it takes the highlighted certificate (never
  "none" by accident: none is its own line).

Each prompt is erased once answered and replaced by one line: "label: answer". Going back erases
what was printed since the answer being changed (its line, a section header, help), so the
re-asked question is drawn where it was. The review screen fits the terminal: in pages when the
answers do not fit its height, each page ending with the prompt; pre-filled answers that changed
show what they were.
Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError at every prompt; the CLI turns both into
"Cancelled — nothing saved." (exit 130).
"""

from __future__ import annotations

import sys

import questionary
from prompt_toolkit.application import get_app
from prompt_toolkit.filters import Always
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from prompt_toolkit.utils import get_cwidth
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .questions import BACK, HELP, OTHER, SKIP, Question, instruction, section_title
from ..render.terminal import make_console
from ..text.safe import text as t
from ..text.safe import visible
from ..words import C_, _
from ..text.wrap import wrap

NOTHING = "\x00nothing"  # the placeholder a first-run select starts on: Enter there answers nothing
NONE = "\x00none"  # the certifications' "None of these" line

def _share_default_key_bindings() -> None:
    """Every question is a new prompt_toolkit Application, and each one built prompt_toolkit's whole default key map
    again (emacs, vi, search, mouse: some 600 bindings, about 15 ms of CPU), about half the CPU of a whole
    assessment. The map holds no state of its own (what is active is decided by the running application when a key
    comes), so one built map serves every question of the run. Where prompt_toolkit names these differently, each
    question builds its own as before."""
    import functools

    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        made = getattr(application, name, None)
        if callable(made) and not hasattr(made, "cache_info"):
            setattr(application, name, functools.cache(made))


_share_default_key_bindings()

STYLE = questionary.Style([
    ("qmark", "fg:ansicyan"),
    ("question", "bold"),
    ("answer", "fg:ansicyan bold"),
    ("pointer", "fg:ansicyan bold"),
    ("highlighted", "fg:ansicyan bold"),
    ("selected", "fg:ansigreen"),
    ("separator", "fg:ansibrightblack"),
    ("instruction", "fg:ansibrightblack"),
    ("description", "fg:ansibrightblack italic"),
    ("disabled", "fg:ansibrightblack"),
    ("validation-toolbar", "fg:ansired bold noreverse"),
    ("bottom-toolbar", "noreverse"),
])


def fit(text: str, width: int) -> str:
    """One line of at most `width` cells, cut with an ellipsis."""
    text = " ".join(text.split())
    if get_cwidth(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = get_cwidth(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out.rstrip() + "\u2026"


def wrap_message(mark: str, message: str, hint: str, columns: int) -> str:
    """The question wrapped at word boundaries (prompt_toolkit would cut words; Chinese breaks between
    characters), measured in cells, leaving room for the hint on its last line: "3/25 How many years ... (years)"."""
    lead = "x" * (len(mark) + 2)
    glue = "x" * get_cwidth(hint)  # the hint (questionary draws it after the message) stays in one piece
    lines = wrap(f"{message} {glue}".strip(), max(20, columns - 1), initial_indent=lead)
    if not lines:
        return message
    lines[0] = lines[0][len(lead):]
    if glue:
        lines[-1] = lines[-1][: len(lines[-1]) - len(glue)].rstrip()
    return "\n".join(lines).rstrip() if lines[-1] or len(lines) == 1 else "\n".join(lines[:-1]) + "\n"


def _control(app) -> InquirerControl:
    for window in app.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window.content
    raise LookupError("no choice list in this prompt")  # pragma: no cover - questionary's layout changed


def _descriptions_below(ic: InquirerControl, problem: dict | None = None) -> None:
    """Show the highlighted choice's description wrapped, without questionary's 'Description:' prefix,
    and `problem["text"]` (a refusal) below it: drawn with the list, so it shows on every terminal
    (questionary's own toolbar needs the terminal to report the cursor position)."""
    draw = ic.text

    def tokens():
        width = max(20, get_app().output.get_size().columns - 6)
        out = []
        for style, text, *rest in draw():
            if style == "class:text" and text.startswith("  Description: "):
                body = "\n".join(wrap(text[len("  Description: "):], width, initial_indent="    ", subsequent_indent="    "))
                out.append(("class:description", body))
            else:
                out.append((style, text, *rest))
        if problem and problem.get("text"):
            if out and not out[-1][1].endswith("\n"):
                out.append(("", "\n"))
            out.append(("class:validation-toolbar", "\n".join(wrap(problem["text"], width + 4))))
        return out

    ic.text = tokens


def select_choices(q: Question, current, columns: int) -> list:
    """The lines of a one-of-several list: on a first run a placeholder that answers nothing, then the
    options (one line each, cut to the terminal's width), then '← back'."""
    width = columns - 6
    choices = []
    if current is None:  # a stray Enter answers nothing, on the ladder choice too
        choices.append(Choice(_("(choose one)"), value=NOTHING, description=visible(q.about) or None))
    n = 0
    for o in q.options:
        if q.kind == "competency" and o.value != SKIP:
            label = f"{o.value}  {o.label}"
        elif o.value != SKIP:
            n += 1
            label = f"{n}  {o.label}" if n <= 9 else f"   {o.label}"
        else:
            label = f"   {o.label}"
        choices.append(Choice(fit(visible(label), width), value=o.value, description=visible(o.detail) or None))
    if q.section != "ladder":
        choices.append(Choice(_("\u2190 back"), value=BACK))
    return choices


def checkbox_choices(q: Question, current: list, columns: int) -> list:
    """The certification list: grouped by issuer, 'Other…', '← back'; a cut label's full text shows below it."""
    width = columns - 8
    choices, group = [], None
    for o in q.options:
        if o.group and o.group != group:
            group = o.group
            choices.append(Separator(fit(f"\u2500\u2500 {visible(o.group)}", width + 2)))
        elif not o.group and group is not None:
            group = None
            choices.append(Separator("\u2500" * 2))
        label = fit(visible(o.label), width)
        detail = o.detail if (o.value == OTHER or label != " ".join(visible(o.label).split())) else ""
        choices.append(Choice(label, value=o.value, checked=o.value in current, description=visible(detail) or None))
    choices.append(Separator("\u2500" * 2))
    choices.append(Choice(_("None of these"), value=NONE,
                          description=_("Enter here records that you hold none of the certificates above.")))
    choices.append(Choice(_("\u2190 back"), value=BACK))
    return choices


class TerminalAsker:
    """questionary prompts on stderr, with Rich for the lines between them."""

    arrows = True

    def __init__(self):
        self.output = create_output(stdout=sys.stderr)
        self.console = make_console(stderr=True)
        self.history = InMemoryHistory()
        self.section: str | None = None
        self.pointer: dict[str, str] = {}  # where a select's pointer was when `?` was pressed
        self.ticked: dict[str, list] = {}  # what a checkbox had ticked then
        self.shown_intro = False
        # what going back erases: per answer line, (question key, lines it took with what came before it, the
        # section before it); the lines printed since the last answer; the question asked last; answered since?
        self.trail: list[tuple[str, int, str | None]] = []
        self.loose = 0
        self.marked: str | None = None  # the section shown when the last answer was recorded
        self.asked: str | None = None
        self.settled = True

    # plain lines

    def width(self) -> int:
        try:
            return max(30, self.output.get_size().columns)
        except Exception:  # noqa: BLE001 - a terminal that cannot tell its size
            return 80

    def say(self, renderable) -> None:
        """Print a line (or lines) between prompts, counting them, so that going back can erase them."""
        try:
            self.loose += len(self.console.render_lines(renderable, pad=False))
        except Exception:  # noqa: BLE001 - a count is only a help for redrawing
            self.loose += 1
        self.console.print(renderable)

    def erase(self, lines: int) -> None:
        """Erase the last `lines` lines above the cursor (cursor up, clear line)."""
        if lines > 0:
            self.console.file.write("\x1b[1A\x1b[2K" * lines + "\r")
            self.console.file.flush()

    def forget(self) -> None:
        """Nothing printed so far is erased by going back (after the review screen, which stays)."""
        self.trail, self.loose, self.asked, self.settled = [], 0, None, True
        self.marked = self.section

    def intro(self, lines: list[str]) -> None:
        if self.shown_intro:
            return
        self.shown_intro = True
        for line in lines:
            self.console.print(t(line, "dim"))

    def note(self, text: str) -> None:
        self.say(t(text, "bold"))

    def help(self, lines: list[str]) -> None:
        for i, line in enumerate(lines):
            if line:
                self.say(t(line, "" if i else "bold"))

    def invalid(self, message: str) -> None:
        self.say(t(message, "bold red"))

    def answered(self, q: Question, shown: str) -> None:
        self.say(Text.assemble(("\u2713 ", "green"), t(q.label, "bold"), C_("label", ": "), t(shown, "cyan")))
        self.trail.append((q.key, self.loose, self.marked))
        self.loose, self.settled, self.marked = 0, True, self.section

    def header(self, q: Question) -> None:
        if q.section != self.section:
            self.section = q.section
            self.say(Rule(Text(section_title(q.section), style="bold blue"), align="left", style="blue"))

    def went_back(self, q: Question) -> None:
        """Asked another question without answering the last: erase what was printed since the answer now
        being changed, that answer's line included, so the question is drawn again where it was."""
        lines, self.section = self.loose, self.marked
        if self.trail and self.trail[-1][0] == q.key:
            _key, took, self.section = self.trail.pop()
            lines += took
        self.loose, self.marked = 0, self.section
        self.erase(lines)

    # prompts

    def ask(self, q: Question, number: int, total: int, current, check):
        if self.asked is not None and self.asked != q.key and not self.settled:
            self.went_back(q)
        self.asked, self.settled = q.key, False
        if q.section != "ladder":
            self.header(q)
        mark = f"{number}/{total}" if total else "?"
        if q.pick == "text":
            return self._text(q, mark, current, check)
        if q.pick == "checkbox":
            return self._checkbox(q, mark, current)
        return self._select(q, mark, current)

    def _keys(self, question, extra: KeyBindings) -> None:
        """Add our key bindings, and keep the prompt compact (a refusal right below it, not at the screen's foot)."""
        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings, extra])
        for window in app.layout.find_all_windows():
            window.dont_extend_height = Always()

    def _text(self, q: Question, mark: str, current: str, check):
        def validate(raw: str):
            problem = check(raw)
            return True if problem is None else problem

        question = questionary.text(
            wrap_message(mark, visible(q.prompt), instruction(q), self.width()), default=current or "",
            validate=validate, qmark=mark, style=STYLE,
            instruction=instruction(q) or None, history=self.history, output=self.output, erase_when_done=True,
        )
        keys = KeyBindings()

        @keys.add("c-d", eager=True)
        def _eof(event):
            event.app.exit(exception=EOFError, style="class:exiting")

        self._keys(question, keys)
        return question.unsafe_ask()

    def _select(self, q: Question, mark: str, current):
        choices = select_choices(q, current, self.width())
        values = [c.value for c in choices]
        start = self.pointer.pop(q.key, None)
        start = start if start in values else (current if current in values else values[0])
        question = questionary.select(
            wrap_message(mark, visible(q.prompt), instruction(q), self.width()), choices, default=start, qmark=mark, style=STYLE, instruction=instruction(q),
            use_jk_keys=True, output=self.output, erase_when_done=True,
        )
        ic = _control(question.application)
        problem: dict = {}
        _descriptions_below(ic, problem)
        keys = KeyBindings()

        @keys.add("enter", eager=True)
        def _enter(event):
            value = ic.get_pointed_at().value
            if value == NOTHING:
                problem["text"] = _("Choose an answer with \u2191 and \u2193 first.")
                return
            ic.is_answered = True
            event.app.exit(result=value)

        @keys.add("?", eager=True)
        def _help(event):
            self.pointer[q.key] = ic.get_pointed_at().value
            event.app.exit(result=HELP)

        @keys.add("c-d", eager=True)
        def _eof(event):
            event.app.exit(exception=EOFError, style="class:exiting")

        def jump(value: str):
            def go(event):
                for i, c in enumerate(ic.choices):
                    if c.value == value:
                        ic.pointed_at = i
                        problem.clear()
            return go

        if q.kind == "competency":
            for digit in "0123456789"[:q.top + 1]:
                keys.add(digit, eager=True)(jump(digit))
        else:  # the number shown before a choice
            for n, value in enumerate([o.value for o in q.options if o.value != SKIP][:9], 1):
                keys.add(str(n), eager=True)(jump(value))

        for key in ("up", "down", "j", "k", "c-p", "c-n"):
            @keys.add(key)
            def _move(event, key=key):
                problem.clear()
                step = -1 if key in ("up", "k", "c-p") else 1
                ic.pointed_at = (ic.pointed_at + step) % ic.choice_count
                while not ic.is_selection_valid():
                    ic.pointed_at = (ic.pointed_at + step) % ic.choice_count

        self._keys(question, keys)
        answer = question.unsafe_ask()
        return answer

    def _checkbox(self, q: Question, mark: str, current: list[str]):
        current = self.ticked.pop(q.key, current)  # ticks made before '?' was pressed
        choices = checkbox_choices(q, current, self.width())
        start = self.pointer.pop(q.key, None)
        question = questionary.checkbox(
            wrap_message(mark, visible(q.prompt), instruction(q), self.width()), choices, qmark=mark, style=STYLE,
            instruction=instruction(q), initial_choice=start if start in [c.value for c in choices] else None,
            output=self.output, erase_when_done=True,
        )
        ic = _control(question.application)
        problem: dict = {}
        _descriptions_below(ic, problem)
        keys = KeyBindings()

        @keys.add("enter", eager=True)
        def _enter(event):
            value = ic.get_pointed_at().value
            if value == BACK:
                event.app.exit(result=BACK)
                return
            picked = [c.value for c in ic.choices if not isinstance(c, Separator) and c.value in ic.selected_options]
            if value == NONE and picked:
                problem["text"] = _("Some are ticked: press Space here to untick them all, or Enter on a certificate to confirm them.")
                return
            if not picked and value != NONE:  # Enter on a certificate with nothing ticked: that one, never "none"
                picked = [value]
                ic.selected_options.append(value)
            ic.is_answered = True
            event.app.exit(result=picked)

        @keys.add(" ", eager=True)
        def _toggle(event):
            value = ic.get_pointed_at().value
            problem.clear()
            if value == NONE:
                ic.selected_options.clear()
                return
            if value == BACK:
                return
            if value in ic.selected_options:
                ic.selected_options.remove(value)
            else:
                ic.selected_options.append(value)

        @keys.add("a", eager=True)
        @keys.add("i", eager=True)
        def _nothing(event):
            """questionary's tick-all and invert would tick '← back' too."""

        @keys.add("?", eager=True)
        def _help(event):
            self.ticked[q.key] = [c.value for c in ic.choices if c.value in ic.selected_options]
            self.pointer[q.key] = ic.get_pointed_at().value
            event.app.exit(result=HELP)

        @keys.add("c-d", eager=True)
        def _eof(event):
            event.app.exit(exception=EOFError, style="class:exiting")

        self._keys(question, keys)
        return question.unsafe_ask()

    # the review screen

    def height(self) -> int:
        try:
            return max(12, self.output.get_size().rows)
        except Exception:  # noqa: BLE001 - a terminal that cannot tell its size
            return 40

    def _section_table(self, items, width: int, halves: int, longest: int) -> Table:
        """One section's answers: number, label, value (with what it was, when it changed). A label longer than
        its column (a third of the width at most) goes on over more lines: it is never cut."""
        half = (width - 2 * (halves - 1)) // halves
        label = min(longest, max(12, half // 2 - 2), max(10, half // 3))
        table = Table.grid(padding=(0, 1), pad_edge=False)
        for h in range(halves):
            if h:
                table.add_column(width=1, no_wrap=True)
            table.add_column(justify="right", style="cyan", no_wrap=True, width=3)
            table.add_column(overflow="fold", width=label)
            table.add_column(no_wrap=halves > 1, overflow="ellipsis" if halves > 1 else "fold",
                             width=max(8, half - label - 6))
        per = -(-len(items) // halves)
        for k in range(per):
            cells: list = []
            for h in range(halves):
                if h:
                    cells.append("")
                if k + h * per < len(items):
                    row = items[k + h * per]
                    value = t(row.value, "" if row.known else "dim")
                    if row.was is not None and row.was != row.value:
                        value = Text.assemble(value, " ", t(_("(was: {answer})").format(answer=row.was), "yellow"))
                    cells += [str(row.number), t(row.label), value]
                else:
                    cells += ["", "", ""]
            table.add_row(*cells)
        return table

    def _lines(self, renderable) -> int:
        return len(self.console.render_lines(renderable, pad=False))

    def review_pages(self, rows, lines: list[str], width: int, height: int) -> list[list]:
        """The review screen as pages that each fit the terminal: every answer by section, one page when
        they fit (on a wide terminal a long section in two columns), else as many pages as needed,
        cut between answers, a section's title repeated on the page it continues on."""
        sections: dict[str, list] = {}
        for row in rows:
            sections.setdefault(row.section, []).append(row)
        longest = max(get_cwidth(r.label) for r in rows)
        prompt = wrap_message("\u25b8", _("Change which answer?"), _("(a number, or Enter for the next page)"), width)
        room = height - 3 - prompt.count("\n") - sum(self._lines(t(line)) for line in lines)  # the title, a page line, the
        # prompt and a refusal below it

        def whole(halves: int) -> list:
            out = []
            for section, items in sections.items():
                out += [t(section_title(section), "bold"),
                        self._section_table(items, width, 2 if halves == 2 and len(items) > 6 else 1, longest)]
            return out

        for halves in ((1, 2) if width >= 96 else (1,)):
            page = whole(halves)
            if sum(self._lines(r) for r in page) <= room:
                return [page]
        pages, page, used = [], [], 0
        for section, items in sections.items():
            title = t(section_title(section), "bold")
            for row in items:
                table = self._section_table([row], width, 1, longest)
                need = self._lines(table) + (0 if page and page[-1][0] == section else 1)
                if page and used + need > room:
                    pages.append(page)
                    page, used = [], 0
                    need = self._lines(table) + 1
                if not page or page[-1][0] != section:
                    page.append((section, title, []))
                page[-1][2].append(row)
                used += need
        pages.append(page)
        return [[part for section, title, items in p for part in (title, self._section_table(items, width, 1, longest))]
                for p in pages]

    def review(self, rows, lines, check) -> str:
        """Every answer, numbered, by section, in pages that fit the terminal; Enter on a page before the
        last shows the next one. Pre-filled answers that changed show what they were."""
        self.forget()
        self.section = self.marked = None
        width, height = self.width(), self.height()
        said = list(lines)
        if any(r.was is not None for r in rows):
            changed = sum(1 for r in rows if r.was is not None and r.was != r.value)
            said.insert(0, _("Changed since your earlier answers: {n} (each shows what it was).").format(n=changed)
                        if changed else _("Nothing changed since your earlier answers."))
        pages = self.review_pages(rows, said, width, height)
        page = 0
        while True:
            self.console.print(Rule(Text(_("Review your answers"), style="bold blue"), align="left", style="blue"))
            for part in pages[page]:
                self.console.print(part)
            for line in said:
                self.console.print(t(line, "dim"))
            last = page == len(pages) - 1
            if len(pages) > 1:
                self.console.print(t(_("Page {page} of {pages}.").format(page=page + 1, pages=len(pages)), "bold"))
            raw = self._review_prompt(check, last)
            if last or str(raw).strip():
                return raw
            page += 1

    def _review_prompt(self, check, last: bool) -> str:
        def validate(raw: str):
            problem = check(raw)
            return True if problem is None else problem

        hint = _("(a number, or Enter to accept)") if last else _("(a number, or Enter for the next page)")
        question = questionary.text(
            wrap_message("\u25b8", _("Change which answer?"), hint, self.width()), validate=validate, qmark="\u25b8",
            style=STYLE, instruction=hint, output=self.output, erase_when_done=True,
        )
        keys = KeyBindings()

        @keys.add("c-d", eager=True)
        def _eof(event):
            event.app.exit(exception=EOFError, style="class:exiting")

        self._keys(question, keys)
        return question.unsafe_ask()
