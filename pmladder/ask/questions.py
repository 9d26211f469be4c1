"""The questionnaire: derived from a ladder, asked through an `Asker` it is given.

Only what the ladder's requirements use is asked (directly, or through the eligibility
rules of a certification the ladder asks for), plus every certification of the vocabulary
and "other". Answers are parsed and checked here, so every front end (the arrow-key prompts
of `arrows.py`, the line reader of `lines.py`, a test's fake) re-asks with the same
clear message. This module never touches a terminal.

The flow (`session.Session.run`): the questions to ask (all of them on a first run; on a second run
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

from ..engine.types import EDUCATION, Ladder, tr, uses
from ..inputs.profiles import MAX_NAME, MAX_OTHER, MAX_OTHER_LEN, num
from ..text.safe import clean
from ..words import C_, _, language_for, listing, speaking, unit_word

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

    @property
    def top(self) -> int:
        """A rating question: the top of the competency's scale (5 on the built-in scale)."""
        return sum(1 for o in self.options if o.value != SKIP) - 1


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
        labels = [comp.scale.name(i, lang or speaking()) or rating_label(i) for i in range(len(ratings))]
        options = tuple(Option(str(i), labels[i], text) for i, text in enumerate(ratings))
        options += (Option(SKIP, _("Not sure (skip)")),)
        lines = [_("{name}: {description}").format(name=name, description=description)] + [
            f"{i}  {text}" if not comp.scale.named else f"{i}  {labels[i]}: {text}" for i, text in enumerate(ratings)]
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
            return _("(0-{top}, or skip)").format(top=q.top)
        if q.kind == "certifications":
            return _("(numbers or ids, separated by commas; none for none)")
        return _("(a number or a name, or skip)") if q.skip else _("(a number or a name)")
    if q.kind == "competency":
        return _("(\u2191\u2193 or 0-{top}, Enter; ? all ratings)").format(top=q.top)
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
        if text not in {o.value for o in q.options if o.value != SKIP}:
            raise InvalidAnswer(_("Please answer with a whole number from 0 to {top}, or 'skip'.").format(top=q.top))
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
