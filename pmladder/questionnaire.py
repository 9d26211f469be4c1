"""The questionnaire: derived from a ladder, asked through an `Asker` it is given.

Only what the ladder's requirements use is asked (directly, or through the eligibility
rules of a certification the ladder asks for). Answers are parsed and checked here, so
every front end re-asks with the same clear message. `back` returns to the previous question.
"""

from __future__ import annotations

import math
from typing import NamedTuple, Protocol

from .domain import EDUCATION, Ladder, Profile, uses
from .profiles import fact_problem, num
from .textsafe import clean

BACK = "back"


class Question(NamedTuple):
    section: str
    kind: str  # name | education | fact | certifications | competency
    key: str
    prompt: str
    help: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()  # (id, label) for education and certifications
    unit: str = ""


class InvalidAnswer(ValueError):
    """An answer that cannot be used; the message says what to type instead."""


class Asker(Protocol):
    def ask(self, question: Question, number: int, total: int, default: str) -> str:
        """Show the question and return the raw answer ('' keeps the default)."""

    def invalid(self, message: str) -> None:
        """Tell the person why an answer was refused; the question is asked again."""


def questions(ladder: Ladder, catalog=None) -> list[Question]:
    """The questions this ladder needs, in sections, in the order the ladder first uses them."""
    used = uses(ladder)
    out = [Question("About you", "name", "name", "Your name (optional; it goes on exported plans)")]
    if used.education:
        choices = tuple((e, e) for e in EDUCATION)
        out.append(Question("About you", "education", "education", "Highest completed education", choices=choices))
    for key in used.facts:
        fact = ladder.facts[key]
        out.append(Question("Experience", "fact", key, fact.question, unit=fact.unit))
    choices = tuple((c, f"{c} \u2014 {info.name}") for c, info in ladder.certs.items())
    out.append(Question(
        "Certifications", "certifications", "certifications",
        "Which of these certifications do you hold? Numbers or ids, separated by commas; 'none' for none.",
        choices=choices,
    ))
    for key in used.skills:
        comp = ladder.comps[key]
        lines = (comp.description,) + tuple(f"{i}  {text}" for i, text in enumerate(comp.ratings))
        out.append(Question("Skills", "competency", key, f"{comp.name}: your rating, 0-5", help=lines))
    return out


def current(question: Question, answers: dict, prefill: Profile | None):
    """The value a question starts from: this session's answer, else the profile's, else empty."""
    if question.key in answers:
        return answers[question.key]
    p = prefill or Profile()
    if question.kind == "name":
        return p.name or ""
    if question.kind == "education":
        return p.education
    if question.kind == "fact":
        return p.facts.get(question.key)
    if question.kind == "certifications":
        if p.certifications is None:
            return None
        offered = {c for c, _ in question.choices}
        return [c for c in p.certifications if c in offered]
    return p.competencies.get(question.key)


def shown(question: Question, value) -> str:
    """A value as the prompt shows it in brackets."""
    if value is None:
        return ""
    if question.kind == "certifications":
        return ", ".join(value) if value else "none"
    if question.kind == "fact" or question.kind == "competency":
        return str(num(value))
    return value or ""


def parse(question: Question, raw: str, default):
    """Turn a raw answer into a value; '' keeps `default`. Raises InvalidAnswer."""
    text = raw.strip()
    if not text:
        if default is None:
            raise InvalidAnswer("Please answer this one (Enter keeps an answer only when there is one).")
        return default
    if question.kind == "name":
        return clean(text)[:200]
    if question.kind in ("education", "choice"):
        return _choice(question, text)
    if question.kind == "certifications":
        if text.lower() in ("none", "-", "0", "no"):
            return []
        picked = [_choice(question, part) for part in text.replace(",", " ").split()]
        return list(dict.fromkeys(picked))
    if question.kind == "competency":
        if text not in ("0", "1", "2", "3", "4", "5"):
            raise InvalidAnswer("Please answer with a whole number from 0 to 5.")
        return int(text)
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise InvalidAnswer(f"Please answer with a number, like 3 or 2.5 ({question.unit}).") from None
    if not math.isfinite(value):
        raise InvalidAnswer("Please answer with an ordinary number.")
    if value < 0:
        raise InvalidAnswer("That cannot be negative.")
    return value


def _choice(question: Question, text: str) -> str:
    ids = [c for c, _ in question.choices]
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1]
    for cid in ids:
        if cid.lower() == text.lower():
            return cid
    raise InvalidAnswer(f"'{text[:40]}' is not one of the choices: answer with a number from 1 to {len(ids)} or an id.")


def run(qs: list[Question], asker: Asker, ladder, prefill: Profile | None = None) -> Profile:
    """Ask every question (with `back` to return one), then merge the answers into the prefill profile."""
    answers: dict[str, object] = {}
    i = 0
    while i < len(qs):
        q = qs[i]
        value = current(q, answers, prefill)
        raw = asker.ask(q, i + 1, len(qs), shown(q, value))
        if raw.strip().lower() == BACK:
            if i == 0:
                asker.invalid("This is the first question; there is nothing to go back to.")
            else:
                i -= 1
            continue
        try:
            answer = parse(q, raw, value)
            if q.kind == "fact":
                facts = {**(prefill.facts if prefill else {}), **{k: v for k, v in answers.items() if k in ladder.facts}}
                problem = fact_problem(ladder.facts[q.key], answer, facts, ladder.facts)
                if problem:
                    raise InvalidAnswer(problem[0].upper() + problem[1:])
        except InvalidAnswer as exc:
            asker.invalid(str(exc))
            continue
        answers[q.key] = answer
        i += 1
    return merge(prefill or Profile(), qs, answers)


def merge(base: Profile, qs: list[Question], answers: dict) -> Profile:
    """The base profile with this questionnaire's answers laid over it (other ladders' answers kept)."""
    name, education = base.name, base.education
    facts, comps = dict(base.facts), dict(base.competencies)
    certs = base.certifications
    for q in qs:
        if q.key not in answers:
            continue
        value = answers[q.key]
        if q.kind == "name":
            name = value or None
        elif q.kind == "education":
            education = value
        elif q.kind == "fact":
            facts[q.key] = float(value)
        elif q.kind == "competency":
            comps[q.key] = value
        else:
            offered = {c for c, _ in q.choices}
            certs = tuple(c for c in (certs or ()) if c not in offered) + tuple(value)
    return base.replace(name=name, education=education, facts=facts, competencies=comps, certifications=certs)
