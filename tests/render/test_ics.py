"""`plan --format ics` / `plan -o FILE.ics` / `assess --format ics`: the roadmap as a calendar.

Every file is read back with the `icalendar` library (the one that wrote it) and compared with what
`plan --format json` says of the same plan: one all-day event on the first of the month a title is
ready, one a dated step, one a certificate's exam window, each with a reminder; stable UIDs; DTSTAMP
from --today; hostile text from a ladder or a profile stays inside its property.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

icalendar = pytest.importorskip("icalendar")

REPO = Path(__file__).resolve().parents[2]
NEWCOMER = REPO / "examples" / "profiles" / "capm-newcomer.yaml"
CUSTOM = REPO / "examples" / "ladders" / "custom-ladder.yaml"
TODAY = "2026-12-03"
HOSTILE = 'Delivery, <b>html</b>; "q"\nBEGIN:VEVENT\r\nSUMMARY:fake \x1b[31m red\\n'


def plan_args(*extra, profile: Path = NEWCOMER, ladder: str = "pmi-path", today: str = TODAY):
    return ("plan", "--profile", profile, "--ladder", ladder, "--today", today, *extra)


def calendar(invoke, tmp_path, *extra, name: str = "plan.ics", **kw):
    out = tmp_path / name
    result = invoke(*plan_args("-o", out, *extra, **kw))
    assert result.exit_code == 0, result.stderr
    return out, icalendar.Calendar.from_ical(out.read_bytes())


def events(cal) -> list:
    return list(cal.walk("VEVENT"))


def first_of(month: str) -> dt.date:
    year, m = month.split("-")
    return dt.date(int(year), int(m), 1)


def month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def plan_json(invoke, **kw) -> dict:
    result = invoke(*plan_args("--format", "json", **kw))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_file_parses_and_its_dates_are_the_plans(invoke, tmp_path):
    """`-o plan.ics` writes a calendar (the extension picks the format) whose events fall on the months the JSON plan
    gives: each title on its ready-by month, each dated step on its done-by month, PMP's exam window over its
    preparation, all-day and on the first of the month."""
    out, cal = calendar(invoke, tmp_path)
    data = plan_json(invoke)
    assert cal["VERSION"] == "2.0" and str(cal["PRODID"]).startswith("-//pmladder//")
    evs = events(cal)
    by_summary = {str(e["SUMMARY"]): e for e in evs}
    assert len(by_summary) == len(evs), "no two events say the same"

    for m in data["milestones"]:
        ev = by_summary[f"Ready for {m['title']}"]
        assert ev.decoded("DTSTART") == first_of(m["ready_by"])
        assert ev.decoded("DTEND") == first_of(m["ready_by"]) + dt.timedelta(days=1)
    cert = [s for s in data["roadmap"] if s["kind"] == "cert"]
    assert [s["key"] for s in cert] == ["PMP"], "this plan earns one certificate"
    window = by_summary["Exam window: PMP"]
    assert window.decoded("DTSTART") == first_of(cert[0]["start_by"])
    assert window.decoded("DTEND") == month_after(first_of(cert[0]["done_by"]))
    assert by_summary["Due: Earn PMP"].decoded("DTSTART") == first_of(cert[0]["done_by"])
    dated = [s for s in data["roadmap"] if s["done_by"] and s["kind"] not in ("answer", "education", "role")]
    assert len(evs) == len(data["milestones"]) + len(dated) + len(cert)
    for ev in evs:
        start = ev.decoded("DTSTART")
        assert type(start) is dt.date and start.day == 1, "all-day, on the first of the month"
        assert ev.decoded("DTSTAMP") == dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc), "DTSTAMP is the run's --today"
        alarms = list(ev.walk("VALARM"))
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") < dt.timedelta(0), "the reminder comes before the event"


def test_uids_are_stable_so_a_new_plan_updates_the_old_events(invoke, tmp_path):
    """The same plan a month later has the same UIDs (a calendar replaces the events) and a higher SEQUENCE; the UIDs
    within one file are unique, and another person's plan has other UIDs."""
    _, now = calendar(invoke, tmp_path, name="now.ics")
    _, later = calendar(invoke, tmp_path, name="later.ics", today="2027-01-10")
    uids_now = [str(e["UID"]) for e in events(now)]
    uids_later = [str(e["UID"]) for e in events(later)]
    assert len(set(uids_now)) == len(uids_now)
    assert set(uids_now) == set(uids_later)
    assert all(int(b["SEQUENCE"]) > int(a["SEQUENCE"]) for a in events(now) for b in events(later))
    other = tmp_path / "other.yaml"
    other.write_text(NEWCOMER.read_text(encoding="utf-8").replace("name: Noah Kim", "name: Someone Else"), encoding="utf-8")
    assert "Someone Else" in other.read_text(encoding="utf-8")
    _, theirs = calendar(invoke, tmp_path, name="theirs.ics", profile=other)
    assert not set(uids_now) & {str(e["UID"]) for e in events(theirs)}


def test_the_same_today_gives_the_same_file(invoke, tmp_path):
    """A replay with the same --today writes the same bytes (no clock, no random UID)."""
    first, _ = calendar(invoke, tmp_path, name="a.ics")
    second, _ = calendar(invoke, tmp_path, name="b.ics")
    assert first.read_bytes() == second.read_bytes()
    assert b"\r\n" in first.read_bytes() and b"\n" not in first.read_bytes().replace(b"\r\n", b"")


def test_assess_and_plan_print_the_calendar_with_format_ics(invoke):
    """`--format ics` prints the calendar on stdout for assess and plan alike."""
    shown = invoke("assess", "--profile", NEWCOMER, "--ladder", "pmi-path", "--today", TODAY, "--format", "ics")
    printed = invoke(*plan_args("--format", "ics"))
    assert shown.exit_code == printed.exit_code == 0, shown.stderr + printed.stderr
    assert shown.stdout == printed.stdout
    cal = icalendar.Calendar.from_ical(printed.stdout)
    assert len(events(cal)) > 3


def test_only_plan_and_assess_offer_ics(invoke):
    """A calendar is a plan's: `where` and `show` refuse --format ics as a usage error."""
    for args in (("where", "--profile", NEWCOMER), ("show", "pmi-path")):
        result = invoke(*args, "--format", "ics")
        assert result.exit_code == 2, result.output


def test_hostile_text_stays_inside_its_property(invoke, tmp_path):
    """A ladder title and a person's name with commas, semicolons, a newline, CR LF, an ESC and a fake
    `BEGIN:VEVENT` line read back as the same (visible) text, and add no event."""
    src = CUSTOM.read_text(encoding="utf-8")
    for old, new in (("id: acme-delivery", "id: evil-ladder"),
                     ("    title: Delivery Manager\n", f"    title: {json.dumps(HOSTILE + ' B')}\n")):
        assert src.count(old) == 1, old
        src = src.replace(old, new)
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / "evil.yaml").write_text(src, encoding="utf-8")
    profile = tmp_path / "eve.yaml"
    profile.write_text("schema_version: 1\n" f"name: {json.dumps('Eve; ' + HOSTILE)}\n" "education: bachelor\n"
                       "facts: {years_experience: 1}\ncertifications: []\n"
                       "competencies: {organisation: 2, communication: 2}\n", encoding="utf-8")
    out, cal = calendar(invoke, tmp_path, "--target", "delivery-manager", "--ladders-dir", folder, profile=profile,
                        ladder="evil-ladder")
    raw = out.read_bytes()
    assert b"\x1b" not in raw
    lines = raw.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == len(events(cal)) > 0
    assert not [line for line in lines if line.startswith(b"SUMMARY:fake")]
    ready = [str(e["SUMMARY"]) for e in events(cal) if str(e["SUMMARY"]).startswith("Ready for ")]
    title = " ".join((HOSTILE + " B").split()).replace("\x1b", "\\x1b")
    assert ready == [f"Ready for {title}"]
    assert "Eve; Delivery, <b>html</b>;" in str(cal["X-WR-CALNAME"])
