"""Certificates that lapse: when one stops counting, and when it should be renewed. Pure; today comes in.

A certificate whose catalog entry has a validity (`CertDef.valid_years`) stays current for that
many years after it was earned or last renewed (`Profile.certification_dates`). It lapses on
that day; from the day after, it no longer counts as held. A date written as a month or a
year ("2024-05", "2024") is taken at its last day, so a certificate is never taken as lapsed
by a guess; a certificate without dates counts as held, as it did before dates existed.
One that lapses within `WARN_MONTHS` of today is flagged to renew by that month.
An issuer may allow renewal only for a while after a certificate lapses (`CertDef.grace_months`:
PMI suspends a certificate for a year, then it expires): past that, the certificate is no longer
`renewable` and is earned again like one never held.
"""


import calendar
import datetime as _dt
import re
from typing import NamedTuple

from .months import month_index

WARN_MONTHS = 6  # judgment: half a year is time enough to collect the hours or book a re-sit
PARTIAL = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class Lapse(NamedTuple):
    """A certificate past its validity (`on`: the day it lapsed), or one to renew soon (`on`: the day it lapses)."""

    cert: str
    on: _dt.date
    renewable: bool = True  # False: lapsed longer ago than the issuer allows renewal; it is earned again


def day_range(text: str) -> tuple[_dt.date, _dt.date] | None:
    """The first and last day a date written as YYYY-MM-DD, YYYY-MM or YYYY can mean; None when it is not one."""
    m = PARTIAL.match(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            one = _dt.date(year, int(month), int(day))
            return one, one
        if month is not None:
            return _dt.date(year, int(month), 1), _dt.date(year, int(month), calendar.monthrange(year, int(month))[1])
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    except ValueError:
        return None


def latest(dates) -> _dt.date | None:
    """The last day the later of `earned` and `renewed` can mean (None when neither is given)."""
    days = [r[1] for r in (day_range(t) for t in (dates.earned, dates.renewed) if t) if r is not None]
    return max(days, default=None)


def add_years(day: _dt.date, years: float) -> _dt.date:
    """`day` plus `years` (rounded to whole months); the 29th of February lands on the 28th in a short year."""
    index = month_index(day) + round(years * 12)
    year, month = divmod(index, 12)
    month += 1
    if year > _dt.MAXYEAR:
        return _dt.date.max
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lapses_on(cert, dates) -> _dt.date | None:
    """The day a dated certificate stops being current; None when it never lapses or has no date."""
    if cert.valid_years is None or dates is None:
        return None
    last = latest(dates)
    return None if last is None else add_years(last, cert.valid_years)


def standing(certs: tuple[str, ...], dates: dict, defs: dict, today: _dt.date) -> tuple[tuple[Lapse, ...], tuple[Lapse, ...]]:
    """Of the certificates `certs` a person listed: those lapsed by `today`, and those to renew within WARN_MONTHS."""
    lapsed, due = [], []
    soon = add_years(today, WARN_MONTHS / 12)
    for cert in certs:
        end = lapses_on(defs[cert], dates.get(cert)) if cert in defs else None
        if end is None:
            continue
        if end < today:
            grace = defs[cert].grace_months
            lapsed.append(Lapse(cert, end, grace is None or today <= add_years(end, grace / 12)))
        elif end <= soon:
            due.append(Lapse(cert, end))
    return tuple(lapsed), tuple(due)
