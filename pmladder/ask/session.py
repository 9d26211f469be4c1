"""One run of the questionnaire: walk the questions (with `back`), the review screen, and the
answers merged into a `Profile`. The questions and how an answer is read are in questions.py;
this module, like that one, never touches a terminal: it asks through the `Asker` it is given.
"""

from __future__ import annotations

from ..engine.types import CertDates, Ladder, Profile
from ..inputs.profiles import fact_name_in_sentence, fact_problem, num
from ..words import C_, _, listing
from .questions import (
    BACK, DATE_KEY, FOLLOWERS, HELP, ONLY, OTHER, QUIT, SKIP, Asker, BackOut, InvalidAnswer, Question, Quit, Row, command, counted,
    education_label, footer, is_all, not_answered, parse, rating_label, review_help, review_lines,
)


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
        if q.kind == "track":
            return p.track in {o.value for o in q.options}
        if q.kind == "fact":
            return q.key in p.facts
        if q.kind == "certifications":
            return p.certifications is not None
        if q.kind == "others":
            return True
        if q.kind == "cert_date":  # asked along with the certifications, not on its own
            return p.certifications is not None
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
        if q.kind == "track":
            return p.track if p.track in {o.value for o in q.options} else None
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
        if q.kind == "cert_date":
            dates = p.certification_dates.get(q.key[len(DATE_KEY):])
            return (dates.renewed or dates.earned) if dates else None
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
        from ..words import fact_amount

        value = self.value(q)
        if q.kind == "certifications":
            if value is None:
                return not_answered()
            ids = [v for v in value if v != OTHER]
            ids = [self._dated(v) for v in ids]
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
        if q.kind == "track":
            return next((o.label for o in q.options if o.value == value), str(value))
        if q.kind == "fact":
            return fact_amount(value, self.ladder.facts[q.key], self.lang)
        if q.kind == "competency":
            shown = [o.label for o in q.options if o.value == str(value)]
            return f"{value} {shown[0] if shown else rating_label(int(value))}"
        if q.kind == "others":
            return listing(value)
        return str(value)

    def _dated(self, cert: str) -> str:
        """A ticked certificate on the review screen, with the date it was last earned or renewed when one is given."""
        i = self._index(DATE_KEY + cert)
        when = self.value(self.qs[i]) if i is not None else None
        return f"{cert} " + C_("aside", "({text})").format(text=when) if when else cert

    def _index(self, key_or_kind: str) -> int | None:
        for i, q in enumerate(self.qs):
            if q.key == key_or_kind or q.kind == key_or_kind:
                return i
        return None

    def applies(self, q: Question) -> bool:
        """The names of other certificates are asked only when 'Other' is ticked, a certificate's date when it is."""
        if q.kind not in FOLLOWERS:
            return True
        certs = self._index("certifications")
        ticked = self.value(self.qs[certs]) or () if certs is not None else ()
        return (OTHER if q.kind == "others" else q.key[len(DATE_KEY):]) in ticked

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

    def walk(self, indices: list[int], *, at_start: str = "stay", numbers: str = "walk", start: int = 0) -> str | None:
        """Ask these questions in order. `back` at the first one: 'stay' says there is nothing before it,
        'leave' returns BACK to the caller, 'out' raises BackOut. `numbers`: 'walk' counts this walk's
        questions ("3/16"), 'review' shows the numbers of the review screen. `start`: the position to begin at
        (a resumed draft), the questions before it answered already."""
        total = len([i for i in indices if self.qs[i].kind not in FOLLOWERS])
        pos = start
        while pos < len(indices):
            i = indices[pos]
            if not self.applies(self.qs[i]):
                pos += 1
                continue
            if numbers == "review":
                main = next(j for j in reversed(indices[:pos + 1]) if self.qs[j].kind not in FOLLOWERS)
                number, total = self.numbered.index(self.qs[main]) + 1, len(self.numbered)
            else:
                number = len([j for j in indices[:pos + 1] if self.qs[j].kind not in FOLLOWERS])
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
        """A question and, for the certifications, the names of other certificates and the certificates' dates after it."""
        if self.qs[i].kind != "certifications":
            return [i]
        return [i] + [j for j, q in enumerate(self.qs) if q.kind in FOLLOWERS]

    def rows(self) -> list[Row]:
        """The review screen's lines; pre-filled, each with the answer as it was before this run."""
        before = Session(self.qs, self.asker, self.ladder, self.prefill, self.lang) if self.prefill is not None else None
        return [Row(n, q.section, q.label, self.shown(q), self.value(q) is not None, before.shown(q) if before else None)
                for n, q in enumerate(self.numbered, 1)]

    def resume(self, kept: dict) -> int:
        """Take the answers a cancelled run kept (a draft), each read again as if typed: one that this ladder
        does not ask, or that is no longer a valid answer, is left out. The number taken."""
        for q in self.qs:
            if q.key not in kept:
                continue
            value = kept[q.key]
            if value is None:
                if q.skip or q.kind in ("name", "cert_date"):
                    self.answers[q.key] = None
                continue
            if isinstance(value, list):
                raw = ", ".join(value) if q.kind == "others" else [str(v) for v in value]
            else:
                raw = str(value)
                if isinstance(value, float) and value.is_integer():
                    raw = str(int(value))
            try:
                self.answers[q.key] = self.check(q, raw)
            except (InvalidAnswer, ValueError, OverflowError):
                continue
        return len(self.answers)

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
        certs = self._index("certifications")
        asked = certs is not None and not self.has(self.qs[certs])
        return [i for i, q in enumerate(self.qs) if (q.kind in FOLLOWERS and asked) or (q.kind not in FOLLOWERS and not self.has(q))]

    def run(self, only: str | None = None, *, back_out: bool = False) -> Profile:
        todo = self.plan(only)
        if todo:
            start = next((p for p, i in enumerate(todo) if self.qs[i].key not in self.answers and self.applies(self.qs[i])),
                         len(todo))
            self.walk(todo, at_start="out" if back_out else "stay", start=start)
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
    name, education, track = base.name, base.education, base.track
    facts, comps = dict(base.facts), dict(base.competencies)
    certs, others = base.certifications, base.other_certifications
    dates = dict(base.certification_dates)
    for q in qs:
        if q.kind == "cert_date" and q.key in answers:
            _date(dates, q.key[len(DATE_KEY):], answers[q.key])
        if q.key not in answers or q.kind in FOLLOWERS:
            continue
        value = answers[q.key]
        if q.kind == "name":
            name = value or None
        elif q.kind == "education":
            education = value
        elif q.kind == "track":  # 'not sure' clears a pathway of this ladder, not one chosen on another
            track = value if value is not None else (None if track in {o.value for o in q.options} else track)
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
    dates = {c: d for c, d in dates.items() if c in (certs or ())}  # a certificate no longer listed takes its dates along
    return base.replace(name=name, education=education, facts=facts, competencies=comps, certifications=certs,
                        other_certifications=others, certification_dates=dates, track=track)


def _date(dates: dict, cert: str, when: str | None) -> None:
    """The answer to "when did you last earn or renew it": the earning date on a first answer, else the renewal
    (the earning date kept, when the answer is not before it); left out, the certificate's dates go."""
    from ..engine.validity import day_range

    old = dates.get(cert)
    if when is None:
        dates.pop(cert, None)
    elif old is not None and old.earned and when != old.earned and day_range(old.earned)[1] <= day_range(when)[0]:
        dates[cert] = CertDates(old.earned, when)
    else:
        dates[cert] = CertDates(when, None)
