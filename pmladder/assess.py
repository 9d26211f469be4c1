"""Placement, per-level fit and gaps: pure functions of (ladder, catalog, profile).

A level is met when every one of its requirements is met; the placement is the highest
met level in ladder order. Gaps carry an estimate in months from the catalog's rates,
and certification estimates respect the issuer's eligibility rules.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from .model import EDUCATION, Ladder, Level, Profile, Requirement, education_rank

KIND_ORDER = {"fact": 0, "education": 1, "certification": 2, "competency": 3}
BLOCKERS = {"fact", "education", "certification"}


class Check(NamedTuple):
    """One requirement held against a profile (a tuple: made by the thousand, so kept light)."""

    kind: str  # fact | education | certification | competency
    key: str  # fact id, competency id, certification id, or "A|B" for one-of
    have: object
    need: object
    met: bool


class Fit(NamedTuple):
    level: Level
    checks: tuple[Check, ...]

    @property
    def met(self) -> int:
        return sum(c.met for c in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def ok(self) -> bool:
        return self.met == self.total

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if not c.met]


class Gap(NamedTuple):
    """An unmet requirement of a level, with how long closing it is likely to take."""

    level: str
    kind: str
    key: str
    have: object
    need: object
    months: int | None  # None: cannot be estimated (education)
    how: str
    choice: str | None = None  # for a one-of certification: the option the estimate uses

    @property
    def blocker(self) -> bool:
        return self.kind in BLOCKERS


class Assessment(NamedTuple):
    ladder: Ladder
    profile: Profile
    fits: tuple[Fit, ...]
    level: Level | None
    next: tuple[Level, ...]
    gaps: tuple[Gap, ...]

    def fit(self, level_id: str) -> Fit:
        return next(f for f in self.fits if f.level.id == level_id)


def evaluate(req: Requirement, profile: Profile) -> tuple[Check, ...]:
    """Every requirement of `req`, met or not, in a stable order."""
    out = []
    if req.education:
        have = profile.education or EDUCATION[0]
        out.append(Check("education", "education", have, req.education, education_rank(have) >= education_rank(req.education)))
    for key, need in req.facts.items():
        have = profile.fact(key)
        out.append(Check("fact", key, have, need, have >= need))
    held = set(profile.certifications)
    for cert in req.certifications.all_of:
        out.append(Check("certification", cert, cert in held, True, cert in held))
    if req.certifications.any_of:
        got = [c for c in req.certifications.any_of if c in held]
        out.append(Check("certification", "|".join(req.certifications.any_of), got, list(req.certifications.any_of), bool(got)))
    for key, need in req.competencies.items():
        have = profile.rating(key)
        out.append(Check("competency", key, have, need, have >= need))
    return tuple(out)


def fits(ladder: Ladder, profile: Profile) -> tuple[Fit, ...]:
    return tuple(Fit(level, evaluate(level.requires, profile)) for level in ladder.levels)


def placement(all_fits: tuple[Fit, ...]) -> Level | None:
    """The highest met level in ladder order, or None: not yet on this ladder."""
    met = [f.level for f in all_fits if f.ok]
    return met[-1] if met else None


class Estimator:
    """Months to close a requirement, from the catalog's rates and eligibility rules."""

    def __init__(self, catalog, competencies, profile: Profile):
        self.catalog = catalog
        self.competencies = competencies
        self.profile = profile
        self.held = frozenset(profile.certifications)
        self._cert = lru_cache(maxsize=None)(self._cert_months)
        self.eligible_in = lru_cache(maxsize=None)(self._eligible_in)

    def fact(self, key: str, need: float, start: float | None = None) -> int:
        """Months to take fact `key` from `start` (default: the person's answer) to `need`."""
        have = self.profile.fact(key) if start is None else start
        return _ceil(max(0.0, need - have) * self.catalog.facts[key].months_per_unit)

    def competency(self, key: str, need: int, start: int | None = None) -> int:
        """Months to raise a rating from `start` (default: the person's) to `need`."""
        have = self.profile.rating(key) if start is None else start
        return _ceil(max(0, need - have) * self.competencies[key].months_per_step)

    def _eligible_in(self, cert: str) -> tuple[float, int | None]:
        """(months until eligible, index of the eligibility alternative used); inf when none can be met."""
        rules = self.catalog.certifications[cert].eligibility
        if not rules:
            return 0, None
        best, best_i = math.inf, None
        for i, alt in enumerate(rules):
            months = self.requirement(alt)
            if months < best:
                best, best_i = months, i
        return best, best_i

    def requirement(self, req: Requirement) -> float:
        """Months until every requirement of `req` can be met (inf if an education is missing)."""
        worst = 0.0
        for check in evaluate(req, self.profile):
            if not check.met:
                worst = max(worst, self.check(check))
        return worst

    def check(self, check: Check) -> float:
        if check.kind == "fact":
            return self.fact(check.key, check.need)
        if check.kind == "competency":
            return self.competency(check.key, check.need)
        if check.kind == "certification":
            return min(self.cert(c) for c in check.need) if isinstance(check.need, list) else self.cert(check.key)
        return math.inf  # education: not estimated

    def cert(self, cert: str) -> float:
        """Months until `cert` is held: eligibility, then typical preparation."""
        return 0 if cert in self.held else self._cert(cert)

    def _cert_months(self, cert: str) -> float:
        eligible, _ = self.eligible_in(cert)
        return eligible + _ceil(self.catalog.certifications[cert].prep_months)

    def best_of(self, options: list[str]) -> str:
        """The option of a one-of certification that can be held soonest (ties: the ladder's order)."""
        return min(options, key=lambda c: (self.cert(c), options.index(c)))


def _ceil(x: float) -> int:
    return int(math.ceil(x - 1e-9))


def months_or_none(x: float) -> int | None:
    return None if math.isinf(x) else int(x)


def how_to_close(check: Check, catalog, competencies, est: Estimator) -> tuple[str, str | None]:
    """Words for closing a gap, and for a one-of certification the option chosen."""
    if check.kind == "fact":
        return catalog.facts[check.key].how, None
    if check.kind == "competency":
        return grow_for(competencies[check.key], check.need), None
    if check.kind == "education":
        what = "secondary education" if check.need == "secondary" else f"a {check.need} degree"
        return f"Complete {what}, or ask whether experience is accepted in its place.", None
    cert = est.best_of(check.need) if isinstance(check.need, list) else check.key
    return cert_how(cert, catalog, est), (cert if isinstance(check.need, list) else None)


def grow_for(competency, need: int) -> str:
    """The way to grow a skill that fits the rating aimed at: the catalog lists them from first steps up."""
    grow = competency.grow
    return grow[min(len(grow) - 1, max(0, need - 2))]


def cert_how(cert: str, catalog, est: Estimator) -> str:
    info = catalog.certifications[cert]
    eligible, _ = est.eligible_in(cert)
    when = "eligible now" if eligible == 0 else ("not eligible under the issuer's rules" if math.isinf(eligible) else f"eligible in about {amount(int(eligible), 'months')}")
    return f"Earn {cert} ({info.issuer}): {when}, then about {amount(_ceil(info.prep_months), 'months')} of preparation."


def gaps_for(level: Level, fit: Fit, catalog, competencies, est: Estimator) -> list[Gap]:
    """The unmet requirements of `level`, blockers first, longest first."""
    out = []
    for check in fit.missing:
        how, choice = how_to_close(check, catalog, competencies, est)
        have = check.have
        out.append(Gap(level.id, check.kind, check.key, have, check.need, months_or_none(est.check(check)), how, choice))
    out.sort(key=lambda g: (not g.blocker, KIND_ORDER[g.kind] if g.blocker else 9, -(g.months if g.months is not None else 10**6)))
    return out


def assess(ladder: Ladder, catalog, profile: Profile) -> Assessment:
    """Place a profile on a ladder; gaps toward every next title (the entry level when not placed)."""
    all_fits = fits(ladder, profile)
    level = placement(all_fits)
    nxt = tuple(ladder.level(i) for i in level.next) if level else (ladder.levels[0],)
    partial = Assessment(ladder, profile, all_fits, level, nxt, ())
    est = Estimator(catalog, catalog.competencies_for(ladder), profile)
    gaps = [g for target in nxt for g in gaps_to(partial, catalog, target, est)]
    return Assessment(ladder, profile, all_fits, level, nxt, tuple(gaps))


def gaps_to(a: Assessment, catalog, level: Level, est: Estimator | None = None) -> list[Gap]:
    """The gaps between the assessed person and any level of the ladder (not only the next)."""
    competencies = catalog.competencies_for(a.ladder)
    est = est or Estimator(catalog, competencies, a.profile)
    return gaps_for(level, a.fit(level.id), catalog, competencies, est)


def check_label(check_or_gap, catalog, competencies) -> str:
    """A requirement in a few words: `Years managing projects`, `PMP`, `PMP or PRINCE2-Practitioner`."""
    kind, key = check_or_gap.kind, check_or_gap.key
    if kind == "fact":
        return catalog.facts[key].name
    if kind == "competency":
        return competencies[key].name
    if kind == "education":
        return "Education"
    return " or ".join(key.split("|"))


SINGULAR = {"years": "year", "months": "month", "people": "person", "projects": "project", "hours": "hour"}


def amount(value, unit: str) -> str:
    """`1 year`, `2.5 years`, `3 people`."""
    return f"{value_text('fact', value)} {SINGULAR.get(unit, unit) if value == 1 else unit}"


def step_words(step, catalog, competencies, esc=str) -> str:
    """A roadmap step in a few words; `esc` makes the data-file parts safe for the output medium."""
    label = esc(check_label(step, catalog, competencies))
    if step.kind == "certification":
        return f"Earn {label}"
    if step.kind == "fact":
        unit = catalog.facts[step.key].unit
        return f"{label}: from {esc(value_text('fact', step.have))} to {esc(amount(step.need, unit))}"
    if step.kind == "competency":
        return f"{label}: from {step.have} to {step.need} of 5"
    return f"Education: {esc(str(step.need))}"


def limits_words(steps, catalog, competencies, esc=str) -> str:
    """`Years in project work: from 6 to 8 years`, and how many more steps finish at the same time."""
    words = step_words(steps[0], catalog, competencies, esc)
    more = len(steps) - 1
    return words + (f" (and {more} more step{'s' if more > 1 else ''} finishing then)" if more else "")


def need_text(kind: str, value) -> str:
    """A need in words; a one-of certification needs any one of its options."""
    return "any one" if isinstance(value, list) else value_text(kind, value)


def value_text(kind: str, value) -> str:
    """have/need values in words: 3 years -> '3', True -> 'held', [] -> 'none'."""
    if isinstance(value, bool):
        return "held" if value else "not held"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def explain(a: Assessment, catalog, lang: str | None = None) -> list[str]:
    """Why the person stands where they do: what the nearby levels meet and miss."""
    comps = catalog.competencies_for(a.ladder)

    def missing(fit: Fit, most: int = 4) -> str:
        words = [
            f"{check_label(c, catalog, comps)} {value_text(c.kind, c.have)} (needs {need_text(c.kind, c.need)})"
            for c in fit.missing
        ]
        more = f" and {len(words) - most} more" if len(words) > most else ""
        return "; ".join(words[:most]) + more

    out = []
    if a.level is None:
        entry = a.fit(a.ladder.levels[0].id)
        out.append(f"Not yet on this ladder: the first title, {entry.level.title_in(lang)}, is met on {entry.met} of {entry.total} requirements.")
    else:
        fit = a.fit(a.level.id)
        out.append(f"{a.level.title_in(lang)}: all {fit.total} requirements are met.")
    for level in a.next:
        fit = a.fit(level.id)
        if level is a.ladder.levels[0] and a.level is None:
            out.append(f"Missing for {level.title_in(lang)}: {missing(fit)}.")
        else:
            out.append(f"{level.title_in(lang)}: {fit.met} of {fit.total} met; missing: {missing(fit)}.")
    if a.level is not None and not a.level.next:
        out.append("This is the top of the ladder.")
    return out
