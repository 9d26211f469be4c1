"""Profiles: what a person answered, as YAML. Checked strictly, saved atomically with mode 0600.

The rules of the format live once, in `FIELDS` below: the checker and the JSON Schema
(`pmladder schema profile`) are both made from it. A missing answer is unknown, never 0.
The checker is plain Python (no pydantic), so reading a profile stays quick.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from pathlib import Path

from ..engine.types import EDUCATION, FIRST_DAY, LAST_DAY, CertDates, Profile, Review
from ..text.safe import clean
from ..words import C_, N_, _, amount, fact_amount, fact_unit, unit_word
from .yamlsafe import LARGEST, DataError, Document, Problem, read_file

SCHEMA_VERSION = 1
LADDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LEVEL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_NAME = 200
MAX_OTHER = 30
MAX_OTHER_LEN = 120
DATE_TEXT = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
MAX_REVIEWS = 50
MAX_TEXT = 200  # current_title, department, manager
TEXT_FIELDS = ("current_title", "department", "manager")

# key -> (JSON Schema, description): the one statement of what a profile may hold
FIELDS: dict[str, tuple[dict, str]] = {
    "schema_version": ({"const": 1}, "Always 1 for this format."),
    "name": ({"type": ["string", "null"], "maxLength": MAX_NAME}, "Your name, as it should appear on exported plans (optional)."),
    "ladder": ({"type": ["string", "null"], "pattern": LADDER_ID.pattern}, "The ladder you were last assessed on; `plan` uses it by default."),
    "assessed_on": ({"type": ["string", "null"], "format": "date"}, "The day these answers were last given (YYYY-MM-DD)."),
    "education": ({"enum": [*EDUCATION, None]}, "Highest completed education: " + ", ".join(EDUCATION) + ". Leave it out if you prefer not to say."),
    "facts": (
        {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
        "Numbers about your experience, by fact id (`pmladder show LADDER --format json` lists the ids a ladder uses). "
        "A fact left out is unknown, not 0.",
    ),
    "certifications": (
        {"type": ["array", "null"], "items": {"type": "string"}, "uniqueItems": True},
        "Certifications you hold, by id (PMP, PRINCE2-Practitioner, IPMA-C, ...). [] means none; leave it out if you did not answer.",
    ),
    "other_certifications": (
        {"type": "array", "items": {"type": "string", "maxLength": MAX_OTHER_LEN}, "maxItems": MAX_OTHER},
        "Other certificates you hold, by name: shown in reports, never counted toward a requirement.",
    ),
    "competencies": (
        {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 10}},
        "Your rating of each skill, by competency id: 0 to 5, or 0 to the top of the skill's named scale (at most 10). "
        "A skill left out is unknown, not 0.",
    ),
    "last_year": (
        {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1950, "maximum": LAST_DAY.year}},
        "For a kind of experience you no longer do, the last year you did it (for requirements such as '3 years within the last 6').",
    ),
    "certification_dates": (
        {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": False,
            "properties": {part: {"type": ["string", "integer"], "pattern": DATE_TEXT.pattern, "minimum": FIRST_DAY.year,
                                  "maximum": LAST_DAY.year, "description": text}
                           for part, text in (("earned", "When you first earned it: YYYY-MM-DD, YYYY-MM or YYYY."),
                                              ("renewed", "When you last renewed it, if you have: YYYY-MM-DD, YYYY-MM or YYYY."))}}},
        "When you earned and last renewed a listed certificate, by id: {PMP: {earned: 2021-05, renewed: 2024-05-10}} "
        "(YYYY-MM-DD, YYYY-MM or YYYY; both optional). A certificate that lapses is not counted until it is renewed; "
        "one without dates counts as held.",
    ),
    "track": (
        {"type": ["string", "null"], "pattern": LEVEL_ID.pattern},
        "The pathway you are on: a track the ladder names (e.g. delivery; `pmladder show LADDER` lists them), or a level id on "
        "the branch (e.g. pmo-manager). Where two branches fit you equally, the placement takes this one.",
    ),
    "current_title": (
        {"type": ["string", "integer", "null"], "maxLength": MAX_TEXT, "minimum": 1},
        "The job you hold now: a level of the ladder by its id, its title (in any language, any capitals) or its number from 1. "
        "The team report compares it with your placement.",
    ),
    "department": ({"type": ["string", "null"], "maxLength": MAX_TEXT}, "Your department, as free text (`pmladder team --by department` groups by it)."),
    "manager": ({"type": ["string", "null"], "maxLength": MAX_TEXT}, "Your manager's name, as free text (`pmladder team --by manager` groups by it)."),
    "reviews": (
        {"type": ["array", "null"], "maxItems": MAX_REVIEWS, "items": {
            "type": "object", "additionalProperties": False, "required": ["by", "on", "competencies"],
            "properties": {
                "by": {"type": "string", "maxLength": MAX_NAME, "description": "Who rated you, with their role: 'Dana Lee (manager)'."},
                "on": {"type": "string", "format": "date", "description": "The day of the review (YYYY-MM-DD)."},
                "competencies": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 10},
                                 "description": "The reviewer's rating of each skill, by competency id, on the skill's scale."}}}},
        "A second opinion: a manager's or mentor's ratings of your skills (`pmladder review`). The latest by date counts; "
        "`--ratings self|reviewer|lower` chooses which ratings place you.",
    ),
}


def profile_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pmladder profile",
        "description": "What a person answered about their experience, certifications and skills.",
        "type": "object",
        "additionalProperties": False,
        "properties": {key: {**schema, "description": text} for key, (schema, text) in FIELDS.items()},
    }


def _is_number(value) -> bool:
    """A finite number in the range the readers pass (compared, never converted: a huge int cannot overflow here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (isinstance(value, int) or math.isfinite(value)) and -LARGEST <= value <= LARGEST


def schema_version_problem(n: int = SCHEMA_VERSION) -> str:
    """What is wrong with a schema_version that is not a whole number (true, 1.0, '1'); `n` the version to write."""
    return _("should be the whole number {n}, unquoted (not true, 1.0 or '1')").format(n=n)


def day_problem(what: str, day: _dt.date) -> str | None:
    """Why `day` cannot start a plan (outside FIRST_DAY..LAST_DAY); None when it can. `what` names the field or option."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return _("{what}: {day} is outside the dates a plan can start on ({first} to {last})").format(
        what=what, day=day.isoformat(), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def _empty(value) -> bool:
    """An answer left empty (`key:` with nothing, or ""): unknown, as an empty spreadsheet cell."""
    return value is None or (isinstance(value, str) and not value.strip())


_TABLES = frozenset(("facts", "competencies", "last_year"))


def _answered(data: dict) -> dict:
    """The data without empty values, at the top level and inside the tables of answers."""
    out = {}
    for key, value in data.items():
        if value is None or (isinstance(value, str) and not value.strip()):  # _empty, inline: every key of every file
            continue
        if key in _TABLES and isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None and not (isinstance(v, str) and not v.strip())}
        out[key] = value
    return out


def check(doc: Document, vocab, uses: dict | None = None, today: _dt.date | None = None) -> Profile:
    """Build a Profile from a parsed file; every unknown id or bad value is a positioned problem.

    An empty value means unknown. `uses` (ladder id -> the ids it uses, `used_ids`) lists the ids
    of the ladder the profile names first where a message lists the known ones. `today` (the real day by
    default) is the latest a certificate can have been earned or renewed."""
    data = doc.data
    if data is None:
        raise DataError([Problem(doc.path, 1, 1, _("the file is empty"))])
    if not isinstance(data, dict):
        raise DataError([doc.problem((), _("the top level must be a mapping of keys to values"))])
    raw, data = data, _answered(data)
    named = data.get("ladder")

    def first():  # the ids of the ladder the profile names (only when a message lists the known ones)
        return uses.get(named, ()) if uses is not None and isinstance(named, str) else ()
    problems: list[Problem] = []

    def bad(loc, message, key=False):
        problems.append(doc.problem(loc, message, key=key))

    for key in raw:
        if key not in FIELDS:
            from ..words.lookup import nearest

            hint = nearest(key, FIELDS)
            keys = C_("list", ", ").join(FIELDS)
            if hint:
                bad((key,), _("unknown key '{key}' (did you mean '{hint}'?); a profile has: {keys}").format(key=key, hint=hint, keys=keys), True)
            else:
                bad((key,), _("unknown key '{key}'; a profile has: {keys}").format(key=key, keys=keys), True)
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int:  # not true, 1.0 or '1'
        bad(("schema_version",), "schema_version: " + schema_version_problem())
    elif version != SCHEMA_VERSION:
        bad(("schema_version",), _("schema_version: this pmladder reads version {n}").format(n=SCHEMA_VERSION))
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        bad(("name",), _("name: should be text (quote it)"))
        name = None
    elif name is not None and len(name) > MAX_NAME:
        bad(("name",), _("name: longer than {n} characters").format(n=MAX_NAME))
    texts = {}
    for key in TEXT_FIELDS:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "current_title":
            value = str(value)  # a level's number
        if value is not None and not isinstance(value, str):
            bad((key,), _("{key}: should be text (quote it)").format(key=key))
        elif value is not None and len(value) > MAX_TEXT:
            bad((key,), _("{key}: longer than {n} characters").format(key=key, n=MAX_TEXT))
        elif value is not None:
            value = clean(value).strip()
            if value:
                texts[key] = value
    track = data.get("track")
    if track is not None and not (isinstance(track, str) and LEVEL_ID.match(track)):
        bad(("track",), _("track: should be a track id or a level id, such as delivery or pmo-manager"))
        track = None
    ladder = data.get("ladder")
    if ladder is not None and not (isinstance(ladder, str) and LADDER_ID.match(ladder)):
        bad(("ladder",), _("ladder: should be a ladder id such as pm-titles"))
        ladder = None
    assessed = data.get("assessed_on")
    if isinstance(assessed, str):
        try:
            assessed = _dt.date.fromisoformat(assessed)
        except ValueError:
            bad(("assessed_on",), _("assessed_on: should be a date as YYYY-MM-DD"))
            assessed = None
    elif assessed is not None and not (isinstance(assessed, _dt.date) and not isinstance(assessed, _dt.datetime)):
        bad(("assessed_on",), _("assessed_on: should be a date as YYYY-MM-DD"))
        assessed = None
    if assessed is not None and day_problem("assessed_on", assessed):
        bad(("assessed_on",), day_problem("assessed_on", assessed))
        assessed = None
    education = data.get("education")
    if education is not None and education not in EDUCATION:
        values = C_("list", ", ").join(EDUCATION)
        if isinstance(education, bool):
            bad(("education",), _("education: should be one of {values} (YAML reads no/off as false: write none)").format(values=values))
        else:
            from ..words.lookup import nearest

            hint = nearest(education, EDUCATION)
            bad(("education",), _("education: should be one of {values}").format(values=values)
                + (_(" (did you mean '{hint}'?)").format(hint=hint) if hint else ""))
        education = None
    facts = {}
    known_facts = vocab.facts
    for key, value in _mapping(data, "facts", bad).items():
        fact = known_facts.get(key)
        if fact is None:
            bad(("facts", key), _unknown("fact", key, _first(first(), known_facts)), True)
        elif not (0 <= value <= LARGEST if type(value) is int or type(value) is float else _is_number(value) and value >= 0):
            bad(("facts", key), _("facts.{key}: should be a number of 0 or more").format(key=key))
        elif value > fact.max:  # fact_problem's one rule for a file: its message says so
            bad(("facts", key), f"facts.{key}: {fact_problem(fact, value)}")
        else:
            facts[key] = float(value)
    certs = data.get("certifications")
    if certs is not None:
        if not isinstance(certs, list):
            bad(("certifications",), _("certifications: should be a list of certification ids, [] for none"))
            certs = None
        else:
            good = []
            for i, cert in enumerate(certs):
                if not isinstance(cert, str):
                    bad(("certifications", i), _("certifications: each entry should be a certification id"))
                elif cert not in vocab.certs:
                    bad(("certifications", i), _unknown("certification", cert, _first(first(), vocab.certs))
                        + _("; list certificates outside the catalog under other_certifications"))
                elif cert not in good:
                    good.append(cert)
            certs = tuple(good)
    others = data.get("other_certifications") or []
    if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
        bad(("other_certifications",), _("other_certifications: should be a list of names"))
        others = []
    elif len(others) > MAX_OTHER:
        bad(("other_certifications",), _("other_certifications: at most {n} names").format(n=MAX_OTHER))
    others = tuple(dict.fromkeys(n for n in (clean(o)[:MAX_OTHER_LEN] for o in others) if n))
    comps = _ratings(_mapping(data, "competencies", bad), ("competencies",), vocab, lambda: _first(first(), vocab.comps), bad)
    last = {}
    for key, value in _mapping(data, "last_year", bad).items():
        if key not in vocab.facts or vocab.facts[key].unit != "years":
            bad(("last_year", key), _("last_year.{key}: names no fact counted in years").format(key=key), True)
        elif not (isinstance(value, int) and not isinstance(value, bool) and 1950 <= value <= LAST_DAY.year):
            bad(("last_year", key), _("last_year.{key}: should be a year such as 2021").format(key=key))
        else:
            last[key] = value
    dates = _cert_dates(data, certs, vocab, today or _dt.date.today(), bad) if "certification_dates" in data else {}
    reviews = _reviews(data.get("reviews"), vocab, lambda: _first(first(), vocab.comps), bad)
    if problems:
        raise DataError(list(dict.fromkeys(problems)))
    return Profile(name=name, ladder=ladder, assessed_on=assessed, education=education, facts=facts,
                   certifications=certs, other_certifications=others, competencies=comps, last_year=last, track=track,
                   certification_dates=dates, reviews=reviews, **texts)


def _ratings(answers: dict, at: tuple, vocab, known, bad) -> dict:
    """Competency ratings (`competencies`, or a review's): known ids, whole numbers within each skill's scale."""
    out = {}
    comps = vocab.comps
    tops = _tops(comps)
    for key, value in answers.items():
        if type(value) is int and 0 <= value <= tops.get(key, -1):  # the usual answer (a known id, on its scale), at once
            out[key] = value
            continue
        if _empty(value):
            continue
        comp = comps.get(key)
        if comp is None:
            bad((*at, key), _unknown("competency", key, known()), True)
        elif not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= comp.top):
            where = ".".join(map(str, at))
            scale = comp.scale
            bad((*at, key), _("{where}.{key}: should be a whole number from 0 to {top}").format(where=where, key=key, top=scale.top)
                + (_(" (its scale is '{scale}': {names})").format(scale=scale.id, names=C_("list", ", ").join(scale.names)) if scale.named else ""))
        else:
            out[key] = value
    return out


_TOPS: list = [None, {}]  # [the competencies, their top ratings by id]: every rating of every profile asks


def _tops(comps: dict) -> dict:
    if _TOPS[0] is not comps:
        _TOPS[:] = [comps, {k: c.top for k, c in comps.items()}]
    return _TOPS[1]


def _reviews(value, vocab, known, bad) -> tuple:
    """`reviews`: a list of {by, on, competencies}; each problem positioned at the entry and key it is in."""
    if value is None:
        return ()
    if not isinstance(value, list):
        bad(("reviews",), _("reviews: should be a list of reviews, each with by, on and competencies"))
        return ()
    if len(value) > MAX_REVIEWS:
        bad(("reviews",), _("reviews: at most {n} reviews").format(n=MAX_REVIEWS))
        return ()
    out = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            bad(("reviews", i), _("reviews: each review should be a mapping with by, on and competencies"))
            continue
        ok = True
        on_key = True if True in entry and "on" not in entry else "on"  # YAML 1.1 reads a bare `on:` key as true
        entry = {("on" if key is True and on_key is True else key): v for key, v in entry.items()}
        for key in entry:
            if key not in ("by", "on", "competencies"):
                bad(("reviews", i, key), _("reviews: unknown key '{key}'; a review has by, on and competencies").format(key=key), True)
                ok = False
        by = entry.get("by")
        if not isinstance(by, str) or not clean(by).strip():
            bad(("reviews", i, "by") if "by" in entry else ("reviews", i),
                _("reviews: by should name the reviewer, such as 'Dana Lee (manager)'"))
            ok = False
        elif len(by) > MAX_NAME:
            bad(("reviews", i, "by"), _("reviews: by is longer than {n} characters").format(n=MAX_NAME))
            ok = False
        on = entry.get("on")
        if isinstance(on, str):
            try:
                on = _dt.date.fromisoformat(on.strip())
            except ValueError:
                on = None
        if not (isinstance(on, _dt.date) and not isinstance(on, _dt.datetime)):
            bad(("reviews", i, on_key) if "on" in entry else ("reviews", i), _("reviews: on should be the day of the review as YYYY-MM-DD"))
            ok = False
        elif day_problem("reviews.on", on):
            bad(("reviews", i, on_key), day_problem("reviews.on", on))
            ok = False
        comps = entry.get("competencies")
        if comps is None:
            comps = {}
        if not isinstance(comps, dict):
            bad(("reviews", i, "competencies"), _("reviews: competencies should be a mapping of competency ids to ratings"))
            ok = False
            comps = {}
        ratings = _ratings(comps, ("reviews", i, "competencies"), vocab, known, bad)
        if ok:
            out.append(Review(clean(by).strip(), on, ratings))
    return tuple(out)


def _cert_dates(data: dict, certs, vocab, today: _dt.date, bad) -> dict:
    """`certification_dates`: for listed certificates, when earned and last renewed (engine/validity.py reads them)."""
    from ..engine.validity import day_range

    out = {}
    listed = set(certs or ())
    for key, value in _mapping(data, "certification_dates", bad).items():
        if key not in vocab.certs:
            bad(("certification_dates", key), _unknown("certification", key, vocab.certs), True)
            continue
        if key not in listed:
            bad(("certification_dates", key), _("certification_dates.{key}: {key} is not in your certifications list; "
                                                "add it there, or remove its dates").format(key=key), True)
            continue
        if value is None:
            continue
        if not isinstance(value, dict):
            bad(("certification_dates", key), _("certification_dates.{key}: should be a mapping with earned and renewed dates").format(key=key))
            continue
        days = {}
        for part, when in value.items():
            at = ("certification_dates", key, part)
            if part not in ("earned", "renewed"):
                bad(at, _("certification_dates.{key}: unknown key '{part}'; a certificate's dates are earned and renewed").format(
                    key=key, part=part), True)
                continue
            if when is None:
                continue
            if isinstance(when, _dt.date) and not isinstance(when, _dt.datetime):
                text = when.isoformat()
            elif isinstance(when, int) and not isinstance(when, bool):
                text = f"{when:04d}" if 0 <= when <= 9999 else ""
            elif isinstance(when, str):
                text = when.strip()
            else:
                text = ""
            span = day_range(text) if DATE_TEXT.match(text) else None
            where = f"certification_dates.{key}.{part}"
            if span is None:
                bad(at, _("{where}: should be a date as YYYY-MM-DD, YYYY-MM or YYYY").format(where=where))
            elif span[0] < FIRST_DAY:
                bad(at, _("{where}: {day} is before {first}").format(where=where, day=text, first=FIRST_DAY.isoformat()))
            elif span[0] > today:
                bad(at, _("{where}: {day} is in the future (today is {today})").format(where=where, day=text, today=today.isoformat()))
            else:
                days[part] = (text, span)
        if "earned" in days and "renewed" in days and days["renewed"][1][1] < days["earned"][1][0]:
            bad(("certification_dates", key, "renewed"), _("certification_dates.{key}.renewed: {renewed} is before it was earned ({earned})").format(
                key=key, renewed=days["renewed"][0], earned=days["earned"][0]))
            continue
        if days:
            out[key] = CertDates(days.get("earned", (None,))[0], days.get("renewed", (None,))[0])
    return out


def _first(first, known) -> list:
    """The known ids with those of the ladder in use first."""
    return [k for k in first if k in known] + [k for k in known if k not in first]


def used_ids(ladder) -> tuple:
    """The facts, certifications and competencies a ladder uses (with the facts that include them, `at_most`)."""
    from ..engine.types import uses

    used = uses(ladder)
    facts = dict.fromkeys(used.facts)
    for key in used.facts:
        whole = ladder.facts[key].at_most
        while whole is not None and whole in ladder.facts and whole not in facts:
            facts[whole] = None
            whole = ladder.facts[whole].at_most
    return (*facts, *used.skills, *used.certs)


class LadderUses(dict):
    """Ladder id -> `used_ids`, each worked out when first asked for (a millisecond or two a ladder)."""

    def __init__(self, ladders: dict):
        super().__init__()
        self.ladders = ladders

    def __missing__(self, lid):
        if lid not in self.ladders:
            raise KeyError(lid)
        self[lid] = used_ids(self.ladders[lid])
        return self[lid]

    def __contains__(self, lid) -> bool:
        return lid in self.ladders

    def get(self, lid, default=None):
        return self[lid] if lid in self.ladders else default

    def values(self):
        return [self[lid] for lid in self.ladders]


def answer_warnings(doc: Document, profile: Profile, uses: dict, in_use: str | None) -> list[Problem]:
    """Answers for facts and competencies no installed ladder uses (`uses`: ladder id -> `used_ids`), with
    "did you mean" among the ids of the ladder in use (else of every ladder): likely meant for another id.
    An answer the ladder in use does not use is warned about too when it is close to one of its ids
    (`risk` answered where the ladder asks for `risk_issues`)."""
    from ..words.lookup import nearest

    ours = list(uses.get(in_use, ())) if in_use in uses else None
    out = []
    everywhere: set | None = None
    for section, answers in (("facts", profile.facts), ("competencies", profile.competencies)):
        for key in answers:
            if ours is not None and key in ours:
                continue
            if everywhere is None:  # only when an answer is not one of the ladder in use: every ladder's ids
                everywhere = {k for ids in uses.values() for k in ids}
                ours = sorted(everywhere) if ours is None else ours
            if key in ours:
                continue
            hint = nearest(key, ours)
            where = f"{section}.{key}"
            if key not in everywhere:
                text = _("{where}: no installed ladder uses '{key}', so this answer counts nowhere").format(where=where, key=key)
            elif hint and in_use in uses:
                text = _("{where}: ladder '{id}' does not use '{key}'").format(where=where, id=in_use, key=key)
            else:
                continue
            if hint:
                text += _(" (did you mean '{hint}'?)").format(hint=hint)
            out.append(doc.problem((section, key), text, key=True))
    return out


def _mapping(data: dict, key: str, bad) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        bad((key,), _("{key}: should be a mapping of ids to values").format(key=key))
        return {}
    return value


def _unknown(kind: str, key, known) -> str:
    from ..words.lookup import nearest

    hint = nearest(key, known)
    out = {"fact": _("unknown fact '{key}'"), "certification": _("unknown certification '{key}'"),
           "competency": _("unknown competency '{key}'")}[kind].format(key=key)
    if hint:
        out += _(" (did you mean '{hint}'?)").format(hint=hint)
    return out + _("; known: {known}").format(known=C_("list", ", ").join(map(str, known)))


def num(x: float) -> int | float:
    """A number as a person writes it: 3, not 3.0."""
    return int(x) if float(x).is_integer() else round(x, 2)


def fact_problem(fact, value: float, answers: dict | None = None, vocab_facts=None, lang: str | None = None) -> str | None:
    """Why `value` cannot be an answer for `fact`; None when it can.

    A file is held to the maximum only; with `answers` (a questionnaire in progress) a whole
    number of people or projects and consistency with the other answers are asked for too.
    `lang`: the language of the fact names in the message.
    """
    if value > fact.max:
        return _("{value} looks too high: the most this accepts is {most}.").format(value=num(value), most=fact_amount(fact.max, fact, lang))
    if answers is None:
        return None
    if fact.whole and not float(value).is_integer():
        return _("please give a whole number of {unit}.").format(unit=fact_unit(fact, lang))
    bound = fact.at_most
    if bound is not None and bound in answers and value > answers[bound]:
        other = vocab_facts[bound] if vocab_facts else None
        what = fact_name_in_sentence(other, lang) if other else bound
        return _("{value} is more than your {what} ({have}), which includes it.").format(value=num(value), what=what, have=num(answers[bound]))
    return None


def fact_name_in_sentence(fact, lang: str | None) -> str:
    """A fact's name inside a sentence: lower case in English ("your years in project work"), as written in other languages."""
    from ..engine.types import tr

    name = tr(fact, "name", lang)
    return name.lower() if name is fact.name else name


def load_profile(path: str | os.PathLike, vocab, *, cached: bool = True, uses: dict | None = None,
                 warnings: list | None = None) -> Profile:
    """Read a profile; `vocab` has the facts, certs and comps it may name (Library.vocabulary()).

    With `cached`, a file read before and unchanged since is not parsed again (see cache.py). With
    `uses` (ladder id -> `used_ids`), known ids are listed with the profile's ladder's first, and answers
    no ladder uses go to `warnings` as problems."""
    if not cached:
        doc = read_file(path)
    else:
        from .cache import read_document

        doc = read_document(Path(path), read_file)
    profile = check(doc, vocab, uses)
    if uses is not None and warnings is not None:
        warnings += answer_warnings(doc, profile, uses, profile.ladder)
    return profile


def profile_data(profile: Profile) -> dict:
    """The profile as plain data, in the file's key order, with names made safe to save."""
    data: dict = {"schema_version": SCHEMA_VERSION}
    # NFC can lengthen a name past 200 characters; a name that cleans to nothing is left out
    name = clean(profile.name or "")[:MAX_NAME].strip()
    if name:
        data["name"] = name
    if profile.ladder:
        data["ladder"] = profile.ladder
    if profile.assessed_on:
        data["assessed_on"] = profile.assessed_on.isoformat()
    if profile.education:
        data["education"] = profile.education
    # exact values (num() rounds to 2 decimals, which could move a placement): 3, not 3.0
    data["facts"] = {k: int(v) if float(v).is_integer() else v for k, v in profile.facts.items()}
    if profile.certifications is not None:
        data["certifications"] = list(profile.certifications)
    if profile.other_certifications:
        data["other_certifications"] = [clean(n)[:MAX_OTHER_LEN] for n in profile.other_certifications]
    data["competencies"] = dict(profile.competencies)
    if profile.last_year:
        data["last_year"] = dict(profile.last_year)
    if profile.certification_dates:
        data["certification_dates"] = {cert: {part: when for part, when in zip(("earned", "renewed"), dates) if when}
                                       for cert, dates in profile.certification_dates.items()}
    if profile.track:
        data["track"] = profile.track
    for key in TEXT_FIELDS:
        value = clean(getattr(profile, key) or "")[:MAX_TEXT].strip()
        if value:
            data[key] = value
    if profile.reviews:
        data["reviews"] = [{"by": clean(r.by)[:MAX_NAME].strip(), "on": r.on.isoformat(), "competencies": dict(r.competencies)}
                           for r in profile.reviews]
    return data


HEADER = "# " + N_("pmladder profile: your answers. Edit with care; check with `pmladder assess --profile THIS_FILE`.") + "\n"


def dump_profile(profile: Profile, schema: Path | None = None) -> str:
    """The profile as YAML; the first comment in the language of the run (the keys stay English), then, when
    `schema` is given, the line that points an editor (yaml-language-server) at the profile's JSON Schema."""
    import yaml

    head = "# " + _(HEADER[2:-1]) + "\n" + (f"# yaml-language-server: $schema={schema.as_uri()}\n" if schema is not None else "")
    return head + yaml.safe_dump(profile_data(profile), allow_unicode=True, sort_keys=False, default_flow_style=False)


def schema_file(environ=None) -> Path:
    """Where a saved profile's schema link points: `profile.schema.json` in the user's data folder (beside the
    saved profile and the history). Not the copy inside the installed package: that path changes with every
    virtual environment, Python version or pipx reinstall, and a link to it would break; the data folder outlives them."""
    from ..store.paths import data_dir

    return data_dir(environ) / "profile.schema.json"


def publish_schema(environ=None) -> Path | None:
    """Write this pmladder's profile schema to `schema_file` (when it differs: a newer pmladder refreshes it);
    its path, or None when it cannot be written (the profile is saved all the same, without the link)."""
    import json

    from ..store.fsio import FileWriteError, atomic_write

    path = schema_file(environ)
    text = json.dumps(profile_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except (OSError, UnicodeDecodeError, FileWriteError):
        return None
    return path


def save_profile(path: str | os.PathLike, profile: Profile, *, make_folder: bool = False, environ=None) -> None:
    """Write atomically with mode 0600; `make_folder` creates the (default) folder when needed. The schema it
    links to is written to the user's data folder first (`publish_schema`)."""
    from ..store.fsio import FileWriteError, atomic_write

    target = Path(path)
    if make_folder:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FileWriteError(target, exc.strerror or str(exc)) from None
    atomic_write(target, dump_profile(profile, publish_schema(environ)), mode=0o600)
