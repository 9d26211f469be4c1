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

from ..engine.types import EDUCATION, FIRST_DAY, Ladder, tr, uses
from ..inputs.profiles import DATE_TEXT, MAX_NAME, MAX_OTHER, MAX_OTHER_LEN, num
from ..text.safe import clean
from ..words import C_, _, fact_amount, fact_unit, language_for, listing, speaking, unit_word

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


from ..inputs.cells import UNIT_WORDS, folded  # noqa: E402 - the words a cell may add to a number

UNIT_WORDS_ALL = tuple(w for words in UNIT_WORDS.values() for w in words)


class Question(NamedTuple):
    section: str  # one of SECTIONS, or "ladder"
    kind: str  # name | education | track | fact | certifications | others | cert_date | competency | ladder
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
        if self.kind in ("education", "competency", "ladder", "track", "yesno"):
            return "select"
        return "checkbox" if self.kind == "certifications" else "text"

    @property
    def top(self) -> int:
        """A rating question: the top of the competency's scale (5 on the built-in scale)."""
        return sum(1 for o in self.options if o.value != SKIP) - 1


_AMOUNT = re.compile(r"\s*(?P<num>\d{1,12}(?:[.,]\d{1,12})?)\s*\+?\s*(?P<unit>[^\W\d_]+\.?)?\s*", re.UNICODE)


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
    was: str | None = None  # pre-filled: the answer as it was before this run (None on a first run)


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
                "`pmladder show LADDER` prints one in full."),
              example(options, options[0].value) if options else ""),
        options=tuple(options),
    )


def questions(ladder: Ladder, catalog=None, lang: str | None = None) -> list[Question]:
    """The questions this ladder needs, in sections, in the order the ladder first uses them; the
    ladder's and the catalog's text (questions, names, ratings) in `lang` when given."""
    used = uses(ladder)
    out = [Question(
        "about", "name", "name", _("Your name (for exported plans)"), _("Name"),
        help=(_("Your name appears only on plans you export. Press Enter on an empty line to leave it out."),
              _("For example: Mei Chen")),
        skip=True,
    )]
    if used.education:
        options = tuple(Option(e, education_label(e)) for e in EDUCATION) + (Option(SKIP, _("Prefer not to say")),)
        out.append(Question(
            "about", "education", "education", _("Highest completed education"), _("Education"),
            help=(_("The highest level you have completed. Some titles and certifications ask for a degree."),
                  _("'Prefer not to say' leaves it unknown: what needs it is then shown as unknown, not as missing."),
                  example(options, "bachelor")),
            options=options, skip=True,
        ))
    track = track_question(ladder, lang)
    if track is not None:
        out.append(track)
    for key in used.facts:
        fact = ladder.facts[key]
        question, name = tr(fact, "question", lang), tr(fact, "name", lang)
        lines = [question, _("A number of {unit}, 0 to {max}.").format(unit=fact_unit(fact, lang), max=num(fact.max))]
        if fact.whole:
            lines.append(_("A whole number."))
        if fact.at_most and fact.at_most in ladder.facts:
            lines.append(_("It cannot be more than your answer for '{other}'.").format(other=tr(ladder.facts[fact.at_most], "name", lang)))
        lines.append(_("For example: type {answer} for {amount}.").format(answer=num(sample(fact)), amount=fact_amount(sample(fact), fact, lang)))
        lines.append(_("Type 'skip' to leave it unknown."))
        out.append(Question("experience", "fact", key, question, name, help=tuple(lines), unit=fact_unit(fact, lang), skip=True))
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
                "toward a requirement."),
              _("For example: tick {one} and {two} with Space and press Enter; or press Enter on '{none}' if you hold none.").format(
                  one=options[0].value if options else "PMP", two=options[1].value if len(options) > 2 else OTHER,
                  none=_("None of these"))),
        options=tuple(options),
    ))
    out.append(Question(
        "certifications", "others", "other_certifications", _("Names of your other certificates, separated by commas"),
        _("Other certificates"),
        help=(_("For example: Scrum@Scale Practitioner, Six Sigma Green Belt. Up to {n} names.").format(n=MAX_OTHER),),
    ))
    for cid, cert in ladder.certs.items():  # asked for each certificate ticked that lapses
        if cert.valid_years is not None:
            out.append(Question(
                "certifications", "cert_date", DATE_KEY + cid, _("When did you last earn or renew {cert}? (YYYY-MM, Enter to skip)").format(cert=cid),
                _("{cert}: last earned or renewed").format(cert=cid),
                help=(_("{cert} stays current {years} years after it is earned or renewed; once it lapses it no longer counts "
                        "until you renew it.").format(cert=cid, years=num(cert.valid_years)),
                      _("Type the month as YYYY-MM (a day or a year alone will do too). Enter leaves it out: the certificate then "
                        "counts as current."),
                      _("For example: 2024-05 for May 2024.")),
                skip=True,
            ))
    for key in used.skills:
        comp = ladder.comps[key]
        name, description, ratings = tr(comp, "name", lang), tr(comp, "description", lang), tr(comp, "ratings", lang)
        labels = [comp.scale.name(i, lang or speaking()) or rating_label(i) for i in range(len(ratings))]
        options = tuple(Option(str(i), labels[i], text) for i, text in enumerate(ratings))
        options += (Option(SKIP, _("Not sure (skip)")),)
        lines = [_("{name}: {description}").format(name=name, description=description)] + [
            f"{i}  {text}" if not comp.scale.named else f"{i}  {labels[i]}: {text}" for i, text in enumerate(ratings)]
        lines.append(example(options, str(min(3, len(ratings) - 1)), rating=True))
        out.append(Question(
            "skills", "competency", key, _("{skill}: your rating").format(skill=name), name,
            help=tuple(lines), options=options, skip=True, about=description,
        ))
    return out


DATE_KEY = "date:"  # a cert_date question's key: date:PMP
FOLLOWERS = ("others", "cert_date")  # asked after the certifications, when they apply, without a number of their own


def pathways(ladder: Ladder, lang: str | None = None) -> list[tuple[str, str]]:
    """The pathways a person may be on, as (value, name): the ladder's named tracks, else the levels right
    after each branch (by title); none on a ladder that does not branch."""
    if ladder.tracks:
        return [(tid, track.name_in(lang)) for tid, track in ladder.tracks.items()]
    out: dict[str, str] = {}
    for level in ladder.levels:
        if len(level.next) > 1:
            out.update({nid: ladder.level(nid).title_in(lang) for nid in level.next})
    return list(out.items())


def track_question(ladder: Ladder, lang: str | None = None) -> Question | None:
    """'Which pathway are you on?' where the ladder branches: its tracks (or branch titles), and 'not sure'."""
    offered = pathways(ladder, lang)
    if not offered:
        return None
    options = tuple(Option(value, name) for value, name in offered) + (Option(SKIP, _("Not sure (skip)")),)
    return Question(
        "about", "track", "track", _("Which pathway are you on?"), _("Pathway"),
        help=(_("This ladder branches. Where two branches fit you equally well, your placement takes the one you are on."),
              _("'Not sure' leaves it open: the placement then takes the branch where more of your answers are met."),
              example(options, options[0].value)),
        options=options, skip=True,
    )


def sample(fact) -> float:
    """A plausible answer to a number question, for its example."""
    guess = {"years": 4, "projects": 4, "count": 4, "people": 8, "hours": 40, "money": 250000}.get(fact.unit, 4)
    return min(fact.max, guess)


def example(options, value: str, *, rating: bool = False) -> str:
    """The example line of a list question: which key answers which choice."""
    values = [o.value for o in options if o.value != SKIP]
    if value not in values:
        value = values[0]
    label = next(o.label for o in options if o.value == value)
    key = value if rating else str(values.index(value) + 1)
    return _("For example: {key} answers '{label}'.").format(key=key, label=label)


def resume_question(answered: int, ladder: str, kept_on: str) -> Question:
    """Whether to go on with the answers an interrupted run kept."""
    return Question(
        "ladder", "yesno", "resume", _("You stopped with {n} answers on {ladder} ({date}). Pick up where you left off?").format(
            n=answered, ladder=ladder, date=kept_on), _("Unfinished answers"),
        help=(_("When you cancel with Ctrl-C, your answers so far are kept as a draft in your data folder."),
              _("'Yes' asks the rest, with those answers filled in; 'No' deletes the draft and starts afresh."),
              _("For example: 1 answers 'Yes, pick up where I left off'.")),
        options=(Option("yes", _("Yes, pick up where I left off")), Option("no", _("No, delete the draft and start afresh"))),
    )


def counted(qs: list[Question]) -> list[Question]:
    """The questions that have a number (the names of other certificates and the certificates' dates go with the certifications)."""
    return [q for q in qs if q.kind not in FOLLOWERS]


def instruction(q: Question, *, lines: bool = False) -> str:
    """The short hint after a question (the same words in every front end); `lines`: for typed answers."""
    if q.kind == "name":
        return _("(optional: Enter skips)")
    if q.kind == "fact":
        return _("({unit})").format(unit=q.unit)
    if q.kind in FOLLOWERS:
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
        return _("(Space ticks; Enter confirms, or takes the highlighted one)")
    return _("(\u2191\u2193 or 1-{n}, Enter)").format(n=min(9, len([o for o in q.options if o.value != SKIP])))


def intro_lines(*, arrows: bool = True) -> list[str]:
    """The first screen: how to answer, how to go back, how to cancel."""
    if arrows:
        return [
            _("Answer with \u2191\u2193 and Enter, or the number before a choice; '?' explains a question."),
            _("Go back: 'back' or '\u2190 back'. Cancel: Ctrl-C keeps your answers for next time; 'quit' keeps nothing."),
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
    return [_("'back' returns to the previous question; 'quit' cancels and keeps nothing; Ctrl-C cancels and keeps your "
              "answers so far as a draft for next time.")]


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
    if q.kind == "cert_date":
        return _cert_date(text)
    if not text:
        if q.skip:
            raise InvalidAnswer(_("Please answer this one, or type 'skip' to leave it unknown."))
        raise InvalidAnswer(_("Please answer this one."))
    if q.skip and is_skip(text):
        return None
    if q.kind in ("education", "ladder", "track", "yesno"):
        return _choice(q, text)
    if q.kind == "certifications":
        if is_none(text):
            return ()
        return _certs(q, [p for p in re.split(r"[\s,;\uff0c\uff1b\u3001]+", text) if p])
    if q.kind == "competency":
        if text not in {o.value for o in q.options if o.value != SKIP}:
            raise InvalidAnswer(_("Please answer with a whole number from 0 to {top}, or 'skip'.").format(top=q.top))
        return int(text)
    m = _AMOUNT.fullmatch(text)
    if m is not None and m.group("unit") and folded(m.group("unit")) not in (*UNIT_WORDS_ALL, folded(q.unit)):
        m = None  # "8 years" is read as a spreadsheet cell is; "8 apples" is not
    try:
        value = float((m.group("num") if m else text).replace(",", "."))
    except ValueError:
        raise InvalidAnswer(_("Please answer with a number, like 3 or 2.5 ({unit}), or 'skip'.").format(unit=q.unit)) from None
    if not math.isfinite(value):
        raise InvalidAnswer(_("Please answer with an ordinary number."))
    if value < 0:
        raise InvalidAnswer(_("That cannot be negative."))
    return value


def _cert_date(text: str) -> str | None:
    """A date a certificate was earned or renewed, as typed (YYYY-MM, YYYY-MM-DD or YYYY); None when left out."""
    import datetime as _dt

    from ..engine.validity import day_range

    if not text or is_skip(text):
        return None
    span = day_range(text) if DATE_TEXT.match(text) else None
    if span is None:
        raise InvalidAnswer(_("Please type a month as YYYY-MM, such as 2024-05, or press Enter to skip."))
    today = _dt.date.today()
    if span[0] > today:
        raise InvalidAnswer(_("That is in the future; type the month you earned or last renewed it."))
    if span[0] < FIRST_DAY:
        raise InvalidAnswer(_("Please type a date from {year} on.").format(year=FIRST_DAY.year))
    return text


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
