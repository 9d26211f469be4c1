"""The plan as a calendar (iCalendar, RFC 5545): the roadmap's months as all-day events to import
into Google Calendar, Outlook or Apple Calendar.

One event a title's ready-by month, one a dated step (the month it is done; a move into a role,
the month it starts), and one a certificate's exam window (from the month its preparation starts
to the end of the month it is earned); each with a reminder. Events fall on the first of their
month. UIDs are made from the ladder, the person's name and the item, never from a date, so a
plan imported again replaces its events instead of adding copies; SEQUENCE grows with the run's
today, so the later plan wins. DTSTAMP is the run's today (`--today`), so a replay gives the
same file.

Built with the `icalendar` library (imported here, when a calendar is drawn), which escapes
every text; text from a file is first made visible (`text.safe.visible`), so no control
character reaches the file or a terminal.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .. import __version__
from .. import words as w
from ..engine.months import add_months
from ..engine.types import StepKind
from ..text.safe import visible

EPOCH = dt.date(2000, 1, 1)  # SEQUENCE counts days from here: a plan made later replaces one made earlier
REMIND = dt.timedelta(days=7)  # judgment: a week's notice before a month something is due


def _text(s: str) -> str:
    return visible(" ".join(str(s).split()))


def uid(plan, kind: str, item: str) -> str:
    """A UID that stays the same for the same item of the same person's plan on the same ladder."""
    key = "\0".join((plan.ladder.id, plan.profile.name or "", kind, item))
    return f"{kind}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@pmladder"


def plan_ics(plan, others=None, summary=None) -> str:
    """The calendar as text (CRLF line ends, as the format wants)."""
    from icalendar import Alarm, Calendar, Event

    today, ladder, lang = plan.today, plan.ladder, plan.lang
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    sequence = max(0, (today - EPOCH).days)
    ladder_name = _text(ladder.name_in(lang))
    who = w._(" for {name}").format(name=_text(plan.profile.name)) if plan.profile.name else ""

    cal = Calendar()
    cal.add("prodid", f"-//pmladder//pmladder {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _text(w._("Career plan{who}").format(who=who)))

    def event(kind: str, item: str, summary: str, description: str, start: int, end: int | None = None) -> None:
        """An all-day event from the first of month `start`: one day, or to the end of month `end`."""
        first = add_months(today, start)
        ev = Event()
        ev.add("uid", uid(plan, kind, item))
        ev.add("dtstamp", stamp)
        ev.add("sequence", sequence)
        ev.add("summary", summary)
        ev.add("description", description)
        ev.add("dtstart", first)
        ev.add("dtend", add_months(today, end + 1) if end is not None else first + dt.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")  # a reminder of a month, not a busy day
        ev.add("categories", ["pmladder"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -REMIND)
        ev.add_component(alarm)
        cal.add_component(ev)

    made = w._("From the plan pmladder made on {date} (ladder: {ladder}).").format(date=today.isoformat(), ladder=ladder_name)
    for m in plan.roadmap.milestones:
        if m.ready is None:
            continue
        title = _text(m.level.title_in(lang))
        event("title", m.level.id, w._("Ready for {title}").format(title=title), made, m.ready)
    for step in plan.roadmap.steps:
        text = _text(w.step_text(step, ladder, lang))
        for_title = _text(ladder.level(step.milestone).title_in(lang))
        about = w.sentences(w._("A step towards {title}.").format(title=for_title), made)
        if step.kind == StepKind.ROLE and step.start is not None:
            event("step", step.id, text, about, step.start)
        elif step.kind == StepKind.BACKGROUND and step.end is not None:
            event("step", step.id, _text(w.reached_text(step, ladder, lang)), about, step.end)
        elif step.end is not None and step.kind not in (StepKind.ANSWER, StepKind.EDUCATION):
            event("step", step.id, w._("Due: {step}").format(step=text), about, step.end)
        if step.kind == StepKind.CERT and step.start is not None and step.end is not None and not w.renewing(step):
            event("exam", step.id, w._("Exam window: {cert}").format(cert=_text(step.key)),
                  w.sentences(w._("Prepare for {cert} and sit the exam by the end of this window.").format(cert=_text(step.key)), about),
                  step.start, step.end)
    return cal.to_ical().decode("utf-8")
