"""One spreadsheet cell read as a person wrote it: `5 years`, `3,5`, `N/A`, `MBA`, `PRINCE2 Practitioner`.

A cell that cannot be read raises `Unreadable` with what was expected (a message of the
catalog, in the language of the run); the reader then leaves that one answer unknown and
keeps the person. Every number is measured on its text and range-checked before it is
converted, so thousands of digits never become a number.

The word tables below are data, and judgment: they say how the forms HR exports commonly
use map to the profile's values. A word that is not in them is not guessed at.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..engine.types import EDUCATION, LAST_DAY
from ..words import _, amount, listing
from ..words.lookup import by_name, folded, name_index

# judgment: what a spreadsheet writes for "not answered" (compared folded: case and punctuation left out,
# so "N/A", "n/a", "NA" and "n.a." are one; "-", "—" and "?" fold to nothing)
UNKNOWN_WORDS = frozenset({"", "na", "nk", "tbd", "tbc", "unknown", "notknown", "notanswered", "null", "nil", "nan",
                           "未知", "不详", "无数据"})
NONE_HELD = frozenset({"none", "no", "n", "false", "0", "无", "没有", "否"})  # a certifications cell that says: holds none
YES = frozenset({"yes", "y", "true", "1", "是", "有"})

# judgment: education words -> the profile's levels (folded as above: "M.Sc." is "msc")
EDUCATION_WORDS: dict[str, str] = {
    **{e: e for e in EDUCATION},
    # none
    "noformaleducation": "none", "nodegree": "none", "primary": "none", "primaryschool": "none",
    # secondary
    "highschool": "secondary", "secondaryschool": "secondary", "alevels": "secondary", "alevel": "secondary",
    "gcse": "secondary", "gcses": "secondary", "abitur": "secondary", "baccalaureate": "secondary", "hsc": "secondary",
    "diploma": "secondary", "associate": "secondary", "associatedegree": "secondary", "高中": "secondary", "中专": "secondary",
    "大专": "secondary",
    # bachelor
    "degree": "bachelor", "bachelors": "bachelor", "bachelorsdegree": "bachelor", "ba": "bachelor", "bsc": "bachelor",
    "bs": "bachelor", "beng": "bachelor", "bcom": "bachelor", "bba": "bachelor", "llb": "bachelor", "undergraduate": "bachelor",
    "本科": "bachelor", "学士": "bachelor",
    # master
    "masters": "master", "mastersdegree": "master", "mba": "master", "emba": "master", "ma": "master", "msc": "master",
    "ms": "master", "meng": "master", "mphil": "master", "mres": "master", "llm": "master", "postgraduate": "master",
    "硕士": "master", "研究生": "master",
    # doctorate
    "phd": "doctorate", "dphil": "doctorate", "doctor": "doctorate", "doctoral": "doctorate", "dba": "doctorate",
    "edd": "doctorate", "博士": "doctorate",
}

# judgment: the unit words a number may carry, by the fact's unit ("5 years", "5 yrs", "12 people", "40 h")
UNIT_WORDS: dict[str, frozenset] = {
    "years": frozenset({"y", "yr", "yrs", "year", "years", "年"}),
    "people": frozenset({"people", "persons", "person", "ppl", "staff", "fte", "人", "名"}),
    "projects": frozenset({"project", "projects", "proj", "个", "个项目", "项目"}),
    "hours": frozenset({"h", "hr", "hrs", "hour", "hours", "小时", "学时"}),
}
CERT_SEP = re.compile(r"[;/\n\r|]+")  # certificates in one cell; a comma too, when the piece is no name as a whole
MAX_CELL = 1000  # characters of a cell that are read (and quoted in a warning: fewer)

# a number as written: 5, 5.5, 5,5 (a decimal comma), 1,000 (thousands), then an optional unit word or "+"
_NUMBER = re.compile(r"(?P<num>[0-9][0-9.,]*)\s*(?P<plus>\+)?\s*(?P<unit>[^\s0-9].*?)?")
_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
_DECIMAL = re.compile(r"(?P<whole>[0-9]+)(?:[.,](?P<part>[0-9]+))?")


class Unreadable(Exception):
    """A cell that does not read as its column's answer; `expected` says what would."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def is_unknown(text: str) -> bool:
    """A cell that says "not answered": empty, N/A, n/a, -, —, ?, unknown ..."""
    if text.isascii() and text.isdigit():  # the common case, said quickly
        return False
    return folded(text) in UNKNOWN_WORDS


def number(text: str, most: float, unit: str | None = None, *, whole: bool = False):
    """A number from 0 to `most` as a cell writes it: `5`, `5.5`, `3,5`, `1,000`, `5 years`, `5+ yrs`."""
    if text.isascii() and text.isdigit() and len(text) <= len(str(int(most))):  # the common case, quickly
        value = int(text)
        if value <= most:
            return value
        raise _unreadable_number(most, unit, whole)
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        raise _unreadable_number(most, unit, whole)
    if m.group("unit") is not None and (unit is None or folded(m.group("unit")) not in UNIT_WORDS.get(unit, ())):
        raise _unreadable_number(most, unit, whole)
    digits = m.group("num")
    if _THOUSANDS.fullmatch(digits) and not digits.startswith("0,"):
        digits = digits.replace(",", "")  # judgment: 1,000 is a thousand; 3,5 is three and a half
    d = _DECIMAL.fullmatch(digits)
    # measured before converting: more digits than the maximum has is out of range, whatever they say
    if d is None or len(d.group("whole").lstrip("0")) > len(str(int(most))) or len(digits) > 32:
        raise _unreadable_number(most, unit, whole)
    value = float(d.group("whole") + "." + (d.group("part") or "0"))
    if value > most or (whole and not value.is_integer()):
        raise _unreadable_number(most, unit, whole)
    return int(value) if value.is_integer() else value


def _unreadable_number(most, unit, whole) -> Unreadable:
    if unit:
        return Unreadable(_("a number from 0 to {most}").format(most=amount(most, unit)))
    if whole:
        return Unreadable(_("a whole number from 0 to {most}").format(most=_num(most)))
    return Unreadable(_("a number from 0 to {most}").format(most=_num(most)))


def rating(text: str, top: int = 5) -> int:
    """A rating from 0 to `top` (the top of the competency's scale: 5 on the built-in one): `3`, `3.0`, `3/5`."""
    if len(text) == 1 and "0" <= text <= str(min(top, 9)):
        return int(text)
    text = text.strip()
    if text.endswith(f"/{top}"):
        text = text[: -len(f"/{top}")].strip()
    return number(text, top, whole=True)


def year(text: str) -> int:
    """A year such as 2021 (a date cell gives its year)."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        text = text[:4]
    if not re.fullmatch(r"[0-9]{4}(\.0)?", text) or not 1950 <= int(text[:4]) <= LAST_DAY.year:
        raise Unreadable(_("a year from {first} to {last}").format(first=1950, last=LAST_DAY.year))
    return int(text[:4])


def day(text: str) -> str:
    """A date as YYYY-MM-DD (a spreadsheet's date cell is given as one); the profile's check holds the range."""
    text = text.strip()
    try:
        return _dt.date.fromisoformat(text[:10] if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]00:00(:00)?)?", text) else text).isoformat()
    except ValueError:
        raise Unreadable(_("a date as YYYY-MM-DD")) from None


def education(text: str) -> str:
    """An education level from the words people use: `MBA` is a master's, `A-levels` secondary."""
    found = EDUCATION_WORDS.get(folded(text))
    if found is None:
        raise Unreadable(_("one of {values}, or a word such as MBA, BSc, PhD or high school").format(values=listing(EDUCATION)))
    return found


def cert_names(vocab) -> dict:
    """Every certificate's names a cell may use (its id, its name, its names in other languages), as the index
    `by_name` looks them up in."""
    out = {}
    for key, cert in vocab.certs.items():
        names = [key, cert.name]
        names += [t.get("name") for t in (cert.tr or {}).values() if isinstance(t, dict) and t.get("name")]
        out[key] = names
    return name_index(out)


def certifications(text: str, index: dict) -> tuple[list[str] | None, list[str]]:
    """(held, pieces not read) from a certifications cell.

    `PMP; PRINCE2 Practitioner`, `PMP, CSM`, `PMP®/IPMA Level C, Certified Project Manager`: pieces are split on
    `;`, `/`, `|` and line breaks, then on commas when a piece is no certificate's name as a whole. `none` or
    `no` is none held (held: []); `yes` alone says nothing of which, nor does a cell of which no piece is read
    (held: None: not answered).
    """
    if folded(text) in NONE_HELD:
        return [], []
    if folded(text) in YES:
        return None, [text.strip()]
    held: list[str] = []
    unread: list[str] = []
    for piece in CERT_SEP.split(text):
        if not piece.strip():
            continue
        key = by_name(piece, {}, index)
        if key is not None:
            held.append(key)
            continue
        for part in piece.split(","):
            if not part.strip():
                continue
            key = by_name(part, {}, index)
            if key is not None:
                held.append(key)
            else:
                unread.append(part.strip())
    return (list(dict.fromkeys(held)) if held or not unread else None), unread


def cert_expected(unread: list[str], known) -> str:
    """What a certifications cell should hold, with a "did you mean" for the first piece not read."""
    from ..words.lookup import nearest

    hint = next((h for h in (nearest(u, known) for u in unread) if h), None)
    out = _("a certificate of the catalog by id or name, such as PMP or PRINCE2 Practitioner; 'none' for none held")
    if hint:
        out += _(" (did you mean '{hint}'?)").format(hint=hint)
    return out


def quoted(text: str, limit: int = 80) -> str:
    """A cell's text as a warning quotes it: at most `limit` characters."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
