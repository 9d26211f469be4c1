"""The questionnaire: derived from a ladder, asked through an `Asker` it is given.

Only what the ladder's requirements use is asked (directly, or through the eligibility
rules of a certification the ladder asks for), plus every certification of the vocabulary
and "other". Answers are parsed and checked here, so every front end (the arrow-key prompts
of `prompts.py`, the line reader of `render/prompt.py`, a test's fake) re-asks with the same
clear message. This module never touches a terminal.

The flow (`Session.run`): the questions to ask (all of them on a first run; on a second run
only those the saved profile does not answer, or one section with `only`), then a review
screen where any answer can be changed by its number, then a `Profile`. Nothing is saved or
assessed before the person accepts the review.

Answers: a missing or skipped one is unknown (the key is left out of the profile), never 0.
`back` returns to the previous question, `?`/`help` explains the current one, `quit`
cancels (as Ctrl-C does: the CLI says "Cancelled — nothing saved." and exits 130).
"""

from __future__ import annotations

import math
import re
from typing import Callable, NamedTuple, Protocol

from ..engine.types import EDUCATION, Ladder, Profile, tr, uses
from ..inputs.profiles import MAX_NAME, MAX_OTHER, MAX_OTHER_LEN, fact_name_in_sentence, fact_problem, num
from ..text.safe import clean
from ..words import C_, _, language_for, listing, unit_word

# What a person may type at any text prompt (and what the arrow-key prompts return for them).
BACK = "back"
HELP = "?"
QUIT = "quit"
SKIP = "skip"
OTHER = "other"  # the certification list's "Other…" entry
ALL = "all"  # at the review: ask every question again

HELP_WORDS = ("?", "help", "\uff1f")  # and the full-width question mark of Chinese input
QUIT_WORDS = ("quit", "exit")
NONE_WORDS = ("none", "no", "-", "0")
SEPARATORS = r"[,;\uff0c\uff1b\u3001]"  # commas and semicolons, the Chinese ones too (，；、)


def typed_word(word: str) -> tuple[str, ...]:
    """A command word (back, skip, quit, none, all, help, other) and its translation: either may be typed."""
    local = {
        "back": C_("command", "back"), "skip": C_("command", "skip"), "quit": C_("command", "quit"),
        "none": C_("command", "none"), "all": C_("command", "all"), "help": C_("command", "help"),
        "other": C_("command", "other"),
    }[word].strip().lower()
    return (word,) if local == word else (word, local)

# Sections, in order; `--only` names one of the last three ("experience" also covers "about").
SECTIONS = ("about", "experience", "certifications", "skills")
ONLY = {"experience": ("about", "experience"), "certifications": ("certifications",), "skills": ("skills",)}


def section_title(section: str) -> str:
    return {
        "about": _("About you"), "experience": _("Experience"), "certifications": _("Certifications"),
        "skills": _("Skills"), "ladder": _("Ladder"),
    }[section]


def rating_label(rating: int) -> str:
    """The short, ladder-independent name of a rating (the scale ladders/README.md defines)."""
    return (
        _("None"), _("Aware"), _("With guidance"), _("Independently"),
        _("Leads complex work, coaches others"), _("Shapes the organisation's practice"),
    )[rating]


def education_label(value: str) -> str:
    return {
        "none": _("No formal qualification"), "secondary": _("Secondary school"),
        "bachelor": _("Bachelor's degree"), "master": _("Master's degree"), "doctorate": _("Doctorate"),
    }[value]


class Option(NamedTuple):
    value: str  # what the answer records (an id, a rating "0".."5", or SKIP / OTHER)
    label: str  # one line in the list
    detail: str = ""  # the full text, shown for the highlighted option
    group: str = ""  # certifications: the issuer they are listed under


class Question(NamedTuple):
    section: str  # one of SECTIONS, or "ladder"
    kind: str  # name | education | fact | certifications | others | competency | ladder
    key: str
    prompt: str
    label: str  # the short name on the review screen
    help: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    unit: str = ""
    skip: bool = False  # may be left unanswered (an unknown)
    about: str = ""  # what is asked about, shown before a choice is highlighted (a skill's description)

    @property
    def pick(self) -> str:
        """How it is answered: 'text', 'select' (one of the options) or 'checkbox' (any of them)."""
        if self.kind in ("education", "competency", "ladder"):
            return "select"
        return "checkbox" if self.kind == "certifications" else "text"


class InvalidAnswer(ValueError):
    """An answer that cannot be used; the message says what to type instead."""


class BackOut(Exception):
    """`back` at the first question, when the caller has a screen before it (the ladder choice)."""


class Quit(KeyboardInterrupt):
    """`quit` typed at a prompt: cancels like Ctrl-C."""


class Row(NamedTuple):
    """One answer on the review screen."""

    number: int
    section: str
    label: str
    value: str  # as shown (for an unknown: not answered, skipped or left out)
    known: bool


class Asker(Protocol):
    """A front end. `current` is the answer so far in the form `ask` returns it ('' / None / [] for none)."""

    def intro(self, lines: list[str]) -> None:
        """The first screen: how to answer, go back and cancel (shown once per run)."""

    def note(self, text: str) -> None:
        """A line of information (the pre-fill note, the number of questions)."""

    def ask(self, question: Question, number: int, total: int, current, check: Callable[[object], str | None]):
        """Show the question; return the answer: text, an option's value, a list of values, or a command.

        `check(answer)` gives the message that would refuse an answer (None when it is fine),
        for front ends that can show it in place.
        """

    def answered(self, question: Question, shown: str) -> None:
        """The question was answered with `shown` (a front end may print a one-line record)."""

    def help(self, lines: list[str]) -> None:
        """Text asked for with `?` or `help`."""

    def invalid(self, message: str) -> None:
        """Tell the person why an answer was refused; the question is asked again."""

    def review(self, rows: list[Row], lines: list[str], check: Callable[[object], str | None]) -> str:
        """Show every answer, numbered; return what was typed ('' accepts)."""


def not_answered() -> str:
    return _("\u2014 not answered")


# --- the questions ------------------------------------------------------------------------------


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?\u3002])(\s|$)", text)
    return match.group(1) if match else text


def ladder_question(lib, last: str | None, lang: str | None = None) -> Question:
    """Which ladder; each is shown in `lang` when it has that language."""
    options = []
    for lid in sorted(lib.ladders):
        ladder = lib.ladders[lid].ladder
        shown = language_for(lang, ladder).text
        description = " ".join(tr(ladder, "description", shown).split())
        more = _("{n} levels; --ladder {id}").format(n=len(ladder.levels), id=lid)
        options.append(Option(lid, f"{ladder.name_in(shown)} \u2014 {first_sentence(description)}",
                              _("{description} ({more})").format(description=description, more=more)))
    return Question(
        "ladder", "ladder", "ladder", _("Which ladder do you want to be placed on?"), _("Ladder"),
        help=(_("A ladder is a sequence of job titles with what each one requires. Each is shown with its description; "
                "`pmladder show LADDER` prints one in full."),),
        options=tuple(options),
    )


def questions(ladder: Ladder, catalog=None, lang: str | None = None) -> list[Question]:
    """The questions this ladder needs, in sections, in the order the ladder first uses them; the
    ladder's and the catalog's text (questions, names, ratings) in `lang` when given."""
    used = uses(ladder)
    out = [Question(
        "about", "name", "name", _("Your name (for exported plans)"), _("Name"),
        help=(_("Your name appears only on plans you export. Press Enter on an empty line to leave it out."),),
        skip=True,
    )]
    if used.education:
        options = tuple(Option(e, education_label(e)) for e in EDUCATION) + (Option(SKIP, _("Prefer not to say")),)
        out.append(Question(
            "about", "education", "education", _("Highest completed education"), _("Education"),
            help=(_("The highest level you have completed. Some titles and certifications ask for a degree."),
                  _("'Prefer not to say' leaves it unknown: what needs it is then shown as unknown, not as missing.")),
            options=options, skip=True,
        ))
    for key in used.facts:
        fact = ladder.facts[key]
        question, name = tr(fact, "question", lang), tr(fact, "name", lang)
        lines = [question, _("A number of {unit}, 0 to {max}.").format(unit=unit_word(fact.unit), max=num(fact.max))]
        if fact.whole:
            lines.append(_("A whole number."))
        if fact.at_most and fact.at_most in ladder.facts:
            lines.append(_("It cannot be more than your answer for '{other}'.").format(other=tr(ladder.facts[fact.at_most], "name", lang)))
        lines.append(_("Type 'skip' to leave it unknown."))
        out.append(Question("experience", "fact", key, question, name, help=tuple(lines), unit=fact.unit, skip=True))
    options = []
    for cid, cert in ladder.certs.items():
        cert_name, issuer = tr(cert, "name", lang), tr(cert, "issuer", lang)
        detail = _("{id}: {name} ({issuer})").format(id=cid, name=cert_name, issuer=issuer)
        options.append(Option(cid, f"{cid} \u2014 {cert_name}", detail, issuer))
    issuers = [tr(c, "issuer", lang) for c in ladder.certs.values()]
    options.sort(key=lambda o: issuers.index(o.group))  # grouped, catalog order kept
    options.append(Option(OTHER, _("Other\u2026 (certificates not in this list)"),
                          _("You will be asked their names. They are shown in your plan but do not count toward a requirement.")))
    out.append(Question(
        "certifications", "certifications", "certifications", _("Which certifications do you hold?"), _("Certifications"),
        help=(_("Tick every certification you hold now, then confirm. Nothing ticked means you hold none of them."),
              _("'Other' lets you name certificates outside this list: your plan shows them, but they do not count "
                "toward a requirement.")),
        options=tuple(options),
    ))
    out.append(Question(
        "certifications", "others", "other_certifications", _("Names of your other certificates, separated by commas"),
        _("Other certificates"),
        help=(_("For example: Scrum@Scale Practitioner, Six Sigma Green Belt. Up to {n} names.").format(n=MAX_OTHER),),
    ))
    for key in used.skills:
        comp = ladder.comps[key]
        name, description, ratings = tr(comp, "name", lang), tr(comp, "description", lang), tr(comp, "ratings", lang)
        options = tuple(Option(str(i), rating_label(i), text) for i, text in enumerate(ratings))
        options += (Option(SKIP, _("Not sure (skip)")),)
        lines = [_("{name}: {description}").format(name=name, description=description)] + [f"{i}  {text}" for i, text in enumerate(ratings)]
        out.append(Question(
            "skills", "competency", key, _("{skill}: your rating").format(skill=name), name,
            help=tuple(lines), options=options, skip=True, about=description,
        ))
    return out


def counted(qs: list[Question]) -> list[Question]:
    """The questions that have a number (the names of other certificates go with the certifications)."""
    return [q for q in qs if q.kind != "others"]


def instruction(q: Question, *, lines: bool = False) -> str:
    """The short hint after a question (the same words in every front end); `lines`: for typed answers."""
    if q.kind == "name":
        return _("(optional: Enter skips)")
    if q.kind == "fact":
        return _("({unit})").format(unit=unit_word(q.unit))
    if q.kind == "others":
        return ""
    if lines:
        if q.kind == "competency":
            return _("(0-5, or skip)")
        if q.kind == "certifications":
            return _("(numbers or ids, separated by commas; none for none)")
        return _("(a number or a name, or skip)") if q.skip else _("(a number or a name)")
    if q.kind == "competency":
        return _("(\u2191\u2193 or 0-5, Enter; ? all ratings)")
    if q.kind == "certifications":
        return _("(Space ticks, Enter confirms; nothing ticked = none)")
    return _("(\u2191\u2193, Enter)")


def intro_lines(*, arrows: bool = True) -> list[str]:
    """The first screen: how to answer, how to go back, how to cancel."""
    if arrows:
        return [
            _("Answer with \u2191\u2193 and Enter, or type; '?' explains a question."),
            _("Go back: 'back' or '\u2190 back'. Cancel: Ctrl-C or 'quit' (nothing is saved)."),
            _("You review every answer at the end, before anything is saved."),
        ]
    return [
        _("Type each answer and press Enter; '?' explains a question."),
        _("Go back: 'back'. Cancel: Ctrl-C or 'quit' (nothing is saved)."),
        _("You review every answer at the end, before anything is saved."),
    ]


def review_lines() -> list[str]:
    return [_("Type a number to change that answer, 'all' to go through every question, or press Enter to accept.")]


def review_help() -> list[str]:
    return [
        _("Type the number shown before an answer to change it; you come back here afterwards."),
        _("'all' asks every question again, with your answers filled in. Enter accepts the answers: "
          "they are saved, then you see where you stand."),
        _("Cancel: Ctrl-C or 'quit' (nothing is saved)."),
    ]


def footer(q: Question) -> list[str]:
    return [_("'back' returns to the previous question; 'quit' or Ctrl-C cancels and saves nothing.")]


# --- answers ------------------------------------------------------------------------------------


def command(raw) -> str | None:
    """BACK, HELP or QUIT when `raw` is one of those commands (in English or translated), else None."""
    if not isinstance(raw, str):
        return None
    word = raw.strip().lower()
    if word in typed_word(BACK):
        return BACK
    if word in HELP_WORDS or word in typed_word("help"):
        return HELP
    if word in QUIT_WORDS or word in typed_word(QUIT):
        return QUIT
    return None


def is_skip(text: str) -> bool:
    return text.strip().lower() in typed_word(SKIP)


def is_all(text: str) -> bool:
    return text.strip().lower() in typed_word(ALL)


def is_none(text: str) -> bool:
    return text.strip().lower() in NONE_WORDS + typed_word("none")


def parse(q: Question, raw):
    """Turn an answer into a value (None: skipped, unknown). Raises InvalidAnswer."""
    if isinstance(raw, (list, tuple)):
        if q.kind != "certifications":
            raise InvalidAnswer(_("Please choose one answer."))
        return _certs(q, [str(r) for r in raw])
    text = clean(str(raw)).strip()
    if q.kind == "name":
        return None if is_skip(text) else (text[:MAX_NAME] or None)
    if q.kind == "others":
        names = [n.strip()[:MAX_OTHER_LEN] for n in re.split(SEPARATORS, text)]
        names = list(dict.fromkeys(n for n in names if n))
        if not names:
            raise InvalidAnswer(_("Please type at least one name, or 'back' to untick 'Other'."))
        if len(names) > MAX_OTHER:
            raise InvalidAnswer(_("At most {n} names, please.").format(n=MAX_OTHER))
        return tuple(names)
    if not text:
        if q.skip:
            raise InvalidAnswer(_("Please answer this one, or type 'skip' to leave it unknown."))
        raise InvalidAnswer(_("Please answer this one."))
    if q.skip and is_skip(text):
        return None
    if q.kind in ("education", "ladder"):
        return _choice(q, text)
    if q.kind == "certifications":
        if is_none(text):
            return ()
        return _certs(q, [p for p in re.split(r"[\s,;\uff0c\uff1b\u3001]+", text) if p])
    if q.kind == "competency":
        if text not in ("0", "1", "2", "3", "4", "5"):
            raise InvalidAnswer(_("Please answer with a whole number from 0 to 5, or 'skip'."))
        return int(text)
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise InvalidAnswer(_("Please answer with a number, like 3 or 2.5 ({unit}), or 'skip'.").format(unit=unit_word(q.unit))) from None
    if not math.isfinite(value):
        raise InvalidAnswer(_("Please answer with an ordinary number."))
    if value < 0:
        raise InvalidAnswer(_("That cannot be negative."))
    return value


def _choice(q: Question, text: str) -> str:
    values = [o.value for o in q.options if o.value != SKIP]
    if text.isdigit() and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    for value in values:
        if value.lower() == text.lower():
            return value
    raise InvalidAnswer(_("'{text}' is not one of the choices: answer with a number from 1 to {n} or a name in the list.")
                        .format(text=text[:40], n=len(values)))


def _certs(q: Question, parts: list[str]) -> tuple[str, ...]:
    values = [o.value for o in q.options]
    picked, bad = [], []
    for part in parts:
        if part.isdigit() and 1 <= int(part) <= len(values):
            picked.append(values[int(part) - 1])
            continue
        match = next((v for v in values if v.lower() == part.lower()), None)
        if match is None and OTHER in values and part.lower() in typed_word(OTHER):
            match = OTHER
        if match is None:
            bad.append(part[:40])
        else:
            picked.append(match)
    if bad:
        raise InvalidAnswer(_("Not in the list: {names}. Use the numbers or ids shown; for a certificate outside the list, "
                              "add 'other' and you will be asked its name.").format(names=listing(bad)))
    return tuple(dict.fromkeys(picked))


# --- a session ----------------------------------------------------------------------------------


class Session:
    """One run of the questionnaire for one ladder, over an optional saved profile."""

    def __init__(self, qs: list[Question], asker: Asker, ladder: Ladder, prefill: Profile | None = None, lang: str | None = None):
        self.qs = list(qs)
        self.asker = asker
        self.ladder = ladder
        self.prefill = prefill
        self.lang = lang  # of the ladder's and the catalog's text in messages
        self.answers: dict[str, object] = {}
        self.numbered = counted(self.qs)

    # values

    def has(self, q: Question) -> bool:
        """Whether the question has an answer (this session's, or the profile's), skipped ones included."""
        if q.key in self.answers:
            return True
        p = self.prefill
        if p is None:
            return False
        if q.kind == "name":
            return True  # an optional answer: a saved profile without a name left it out
        if q.kind == "education":
            return p.education is not None
        if q.kind == "fact":
            return q.key in p.facts
        if q.kind == "certifications":
            return p.certifications is not None
        if q.kind == "others":
            return True
        return q.key in p.competencies

    def value(self, q: Question):
        """The answer so far: this session's, else the profile's; None when unknown."""
        if q.key in self.answers:
            return self.answers[q.key]
        p = self.prefill or Profile()
        if q.kind == "name":
            return p.name or None
        if q.kind == "education":
            return p.education
        if q.kind == "fact":
            return p.facts.get(q.key)
        if q.kind == "certifications":
            if p.certifications is None:
                return None
            offered = {o.value for o in q.options}
            held = tuple(c for c in p.certifications if c in offered)
            return held + ((OTHER,) if p.other_certifications else ())
        if q.kind == "others":
            return tuple(p.other_certifications) or None
        return p.competencies.get(q.key)

    def current(self, q: Question):
        """The answer so far as a front end shows it: text, an option value, or a list of values."""
        value = self.value(q)
        skipped = q.key in self.answers and value is None
        if q.pick == "checkbox":
            return list(value or ())
        if q.pick == "select":
            if value is None:
                return SKIP if skipped and q.skip else None
            return str(value)
        if value is None:
            return SKIP if skipped and q.kind == "fact" else ""
        if q.kind == "fact":
            return str(num(value))
        if q.kind == "others":
            return ", ".join(value)
        return str(value)

    def shown(self, q: Question) -> str:
        """The answer as the review screen and the one-line record show it."""
        from ..words import amount

        value = self.value(q)
        if q.kind == "certifications":
            if value is None:
                return not_answered()
            ids = [v for v in value if v != OTHER]
            others = self.value(self.qs[self._index("others")]) if OTHER in value and self._index("others") is not None else None
            parts = [listing(ids)] if ids else []
            if others:
                parts.append(_("other: {names}").format(names=listing(others)))
            return C_("list", "; ").join(parts) or _("none")
        if value is None:
            if q.kind == "name":
                return _("left out")
            return _("skipped (unknown)") if q.key in self.answers else not_answered()
        if q.kind == "education":
            return education_label(value)
        if q.kind == "fact":
            return amount(value, q.unit)
        if q.kind == "competency":
            return f"{value} {rating_label(int(value))}"
        if q.kind == "others":
            return listing(value)
        return str(value)

    def _index(self, key_or_kind: str) -> int | None:
        for i, q in enumerate(self.qs):
            if q.key == key_or_kind or q.kind == key_or_kind:
                return i
        return None

    def applies(self, q: Question) -> bool:
        """The names of other certificates are asked only when 'Other' is ticked."""
        if q.kind != "others":
            return True
        certs = self._index("certifications")
        return certs is not None and OTHER in (self.value(self.qs[certs]) or ())

    # checks

    def check(self, q: Question, raw) -> object:
        """The value of an answer, after the cross-checks; raises InvalidAnswer."""
        value = parse(q, raw)
        if q.kind == "fact" and value is not None:
            problem = self.fact_problem(q.key, value)
            if problem:
                raise InvalidAnswer(problem[0].upper() + problem[1:])
        return value

    def problem(self, q: Question, raw) -> str | None:
        """Why `raw` would be refused (None when it would be taken, or is a command)."""
        if command(raw) is not None:
            return None
        try:
            self.check(q, raw)
        except InvalidAnswer as exc:
            return str(exc)
        return None

    def facts_so_far(self) -> dict:
        facts = dict(self.prefill.facts) if self.prefill else {}
        for key, value in self.answers.items():
            if key in self.ladder.facts:
                if value is None:
                    facts.pop(key, None)
                else:
                    facts[key] = value
        return facts

    def fact_problem(self, key: str, value: float) -> str | None:
        facts = self.facts_so_far()
        facts.pop(key, None)
        vocab = self.ladder.facts
        problem = fact_problem(vocab[key], value, facts, vocab, self.lang)
        if problem:
            return problem
        for other, fd in vocab.items():  # a fact that includes others cannot drop below them
            if fd.at_most == key and other in facts and facts[other] > value:
                return _("{value} is less than your {what} ({have}), which it includes; change that answer first, "
                         "or give at least {have}.").format(value=num(value), what=fact_name_in_sentence(fd, self.lang), have=num(facts[other]))
        return None

    # the flow

    def ask_one(self, i: int, number: int, total: int) -> str | None:
        """Ask question `i` until it has an answer; BACK when the person went back."""
        q = self.qs[i]
        while True:
            raw = self.asker.ask(q, number, total, self.current(q), lambda r, q=q: self.problem(q, r))
            cmd = command(raw)
            if cmd == BACK:
                return BACK
            if cmd == HELP:
                self.asker.help(list(q.help) + footer(q))
                continue
            if cmd == QUIT:
                raise Quit
            try:
                self.answers[q.key] = self.check(q, raw)
            except InvalidAnswer as exc:
                self.asker.invalid(str(exc))
                continue
            self.asker.answered(q, self.shown(q))
            return None

    def walk(self, indices: list[int], *, at_start: str = "stay", numbers: str = "walk") -> str | None:
        """Ask these questions in order. `back` at the first one: 'stay' says there is nothing before it,
        'leave' returns BACK to the caller, 'out' raises BackOut. `numbers`: 'walk' counts this walk's
        questions ("3/16"), 'review' shows the numbers of the review screen."""
        total = len([i for i in indices if self.qs[i].kind != "others"])
        pos = 0
        while pos < len(indices):
            i = indices[pos]
            if not self.applies(self.qs[i]):
                pos += 1
                continue
            if numbers == "review":
                main = next(j for j in reversed(indices[:pos + 1]) if self.qs[j].kind != "others")
                number, total = self.numbered.index(self.qs[main]) + 1, len(self.numbered)
            else:
                number = len([j for j in indices[:pos + 1] if self.qs[j].kind != "others"])
            if self.ask_one(i, number, total) != BACK:
                pos += 1
                continue
            before = [p for p in range(pos) if self.applies(self.qs[indices[p]])]
            if before:
                pos = before[-1]
            elif at_start == "out":
                raise BackOut
            elif at_start == "leave":
                return BACK
            else:
                self.asker.invalid(_("This is the first question; there is nothing to go back to."))
        return None

    def with_others(self, i: int) -> list[int]:
        """A question and, for the certifications, the names of other certificates after it."""
        others = self._index("others")
        return [i, others] if self.qs[i].kind == "certifications" and others is not None else [i]

    def rows(self) -> list[Row]:
        return [Row(n, q.section, q.label, self.shown(q), self.value(q) is not None)
                for n, q in enumerate(self.numbered, 1)]

    def review_check(self, raw) -> str | None:
        text = str(raw).strip().lower()
        if not text or command(text) is not None or is_all(text):
            return None
        if text.isdigit() and 1 <= int(text) <= len(self.numbered):
            return None
        return _("Type a number from 1 to {n}, 'all', or press Enter to accept.").format(n=len(self.numbered))

    def review(self) -> None:
        """The review screen, until the person accepts it."""
        while True:
            raw = self.asker.review(self.rows(), review_lines(), self.review_check)
            text = str(raw).strip().lower()
            if not text:
                return
            cmd = command(text)
            if cmd == QUIT:
                raise Quit
            if cmd == HELP:
                self.asker.help(review_help())
                continue
            if cmd == BACK:
                self.walk(self.with_others(self.qs.index(self.numbered[-1])), at_start="leave", numbers="review")
                continue
            if is_all(text):
                self.walk(list(range(len(self.qs))), at_start="leave")
                continue
            problem = self.review_check(text)
            if problem:
                self.asker.invalid(problem)
                continue
            i = self.qs.index(self.numbered[int(text) - 1])
            self.walk(self.with_others(i), at_start="leave", numbers="review")

    def plan(self, only: str | None = None) -> list[int]:
        """Which questions to ask before the review.

        `only`: that section's. A first run: all. A saved profile: the questions it does not
        answer, unless it was assessed on this very ladder (then they were skipped on purpose)
        and the review shows them.
        """
        if only is not None:
            return [i for i, q in enumerate(self.qs) if q.section in ONLY[only]]
        if self.prefill is None:
            return list(range(len(self.qs)))
        if self.prefill.ladder == self.ladder.id:
            return []
        return [i for i, q in enumerate(self.qs) if not self.has(q) or (q.kind == "others" and not self.has(self.qs[i - 1]))]

    def run(self, only: str | None = None, *, back_out: bool = False) -> Profile:
        todo = self.plan(only)
        if todo:
            self.walk(todo, at_start="out" if back_out else "stay")
        self.review()
        return merge(self.prefill or Profile(), self.qs, self.answers)


def run(qs: list[Question], asker: Asker, ladder, prefill: Profile | None = None, *, only: str | None = None,
        back_out: bool = False, lang: str | None = None) -> Profile:
    """Ask the questions (with `back`), show the review, and merge the answers into the prefill profile."""
    return Session(qs, asker, ladder, prefill, lang).run(only, back_out=back_out)


def merge(base: Profile, qs: list[Question], answers: dict) -> Profile:
    """The base profile with this questionnaire's answers laid over it (other ladders' answers kept).

    A skipped answer (None) removes the key: it is unknown, never 0.
    """
    name, education = base.name, base.education
    facts, comps = dict(base.facts), dict(base.competencies)
    certs, others = base.certifications, base.other_certifications
    for q in qs:
        if q.key not in answers or q.kind == "others":
            continue
        value = answers[q.key]
        if q.kind == "name":
            name = value or None
        elif q.kind == "education":
            education = value
        elif q.kind == "fact":
            if value is None:
                facts.pop(q.key, None)
            else:
                facts[q.key] = float(value)
        elif q.kind == "competency":
            if value is None:
                comps.pop(q.key, None)
            else:
                comps[q.key] = int(value)
        elif q.kind == "certifications":
            offered = {o.value for o in q.options}
            certs = tuple(c for c in (certs or ()) if c not in offered) + tuple(v for v in value if v != OTHER)
            if OTHER not in value:
                others = ()
            elif "other_certifications" in answers:
                others = tuple(answers["other_certifications"])
    return base.replace(name=name, education=education, facts=facts, competencies=comps, certifications=certs,
                        other_certifications=others)
