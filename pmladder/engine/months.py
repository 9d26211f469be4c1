"""Calendar months: a count of months from a day, as a month and as a quarter (the same in every language)."""

from __future__ import annotations

import datetime as _dt


def month_index(day: _dt.date) -> int:
    """Months since the start of year 0: two of them subtract to the months between."""
    return day.year * 12 + day.month - 1


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = month_index(day) + months
    return _dt.date(index // 12, index % 12 + 1, 1)


def month_of(day: _dt.date, months: int | None) -> str | None:
    """`2028-03`: the month `months` after `day`'s month (None when not estimated)."""
    return None if months is None else add_months(day, months).strftime("%Y-%m")


def quarter_of(day: _dt.date, months: int) -> str:
    """`2027 Q2`: the calendar quarter `months` after `day`'s month."""
    when = add_months(day, months)
    return f"{when.year} Q{(when.month - 1) // 3 + 1}"
