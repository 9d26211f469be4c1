"""Words of the team over time (`pmladder team --since DATE`)."""

from __future__ import annotations

from . import _, clauses, label


def month_text(index: int | None) -> str | None:
    return None if index is None else f"{index // 12:04d}-{index % 12 + 1:02d}"


def heading(since) -> str:
    return _("Since {date}").format(date=since.since.isoformat())


def basis(since) -> str:
    """Which snapshots were compared, with their dates."""
    if since.then is None:
        return _("Nobody in this team has an assessment on this ladder recorded in the history on or before {date}, "
                 "so everyone counts as joined.").format(date=since.since.isoformat())
    first, last = since.then
    if since.source == "folders":
        return _("Compared the snapshot dated {then} (the latest on or before {date}) with the snapshot dated {now}.").format(
            then=first.isoformat(), date=since.since.isoformat(), now=since.now.isoformat())
    then = first.isoformat() if first == last else _("{first} to {last}").format(first=first.isoformat(), last=last.isoformat())
    return _("Compared each person's latest assessment on this ladder recorded in the history on or before {date} "
             "(assessed {then}) with their profile as of {now}; people are matched by name.").format(
        date=since.since.isoformat(), then=then, now=since.now.isoformat())


def counts(since) -> str:
    """`12 in both, 2 joined, 1 left; 3 moved up, 2 readier, 9 gaps closed.`"""
    return clauses([_("{n} in both").format(n=since.matched), _("{n} joined").format(n=len(since.joined)),
                    _("{n} left").format(n=len(since.left)), _("{n} moved up").format(n=len(since.moved_up)),
                    _("{n} readier").format(n=len(since.readier)),
                    _("{n} gaps closed").format(n=sum(c.people for c in since.closed))])


def spread_heading() -> str:
    return _("Level distribution then and now")


def then_now() -> tuple[str, str, str]:
    return _("Then"), _("Now"), _("Change")


def moved_heading(n: int) -> str:
    return _("Moved up ({n})").format(n=n)


def moved_line(move, ladder, lang=None) -> str:
    return _("{name}: {then} \u2192 {now}").format(name=move.name, then=_title(ladder, move.then, lang), now=_title(ladder, move.now, lang))


def readier_heading(n: int) -> str:
    return _("Readiness gained ({n})").format(n=n)


def readier_note() -> str:
    return _("People aiming at the same title then and now who are ready for it now and were not, or whose ready-by month moved earlier.")


def readier_line(gain, ladder, lang=None) -> str:
    from . import bucket_name

    target = _title(ladder, gain.target, lang)
    if gain.now == "now":
        return _("{name}: ready for {title} now (then: {was})").format(name=gain.name, title=target, was=_was(gain, bucket_name))
    return _("{name}: ready for {title} by {now} (then: by {then})").format(
        name=gain.name, title=target, now=month_text(gain.now_by), then=month_text(gain.then_by))


def _was(gain, bucket_name) -> str:
    return _("by {month}").format(month=month_text(gain.then_by)) if gain.then_by is not None else bucket_name(gain.then)


def closed_heading(n: int) -> str:
    return _("Gaps closed ({n})").format(n=n)


def closed_note() -> str:
    return _("Requirements that were open then (toward the title each person was aiming at) and are met now, counted across the team.")


def closed_line(row, ladder, lang=None) -> str:
    who = _("closed by 1 person") if row.people == 1 else _("closed by {n} people").format(n=row.people)
    return _("{requirement}: {who}").format(requirement=label(row.atom, ladder, lang), who=who)


def joined_cell(since) -> str:
    """A person's `since` cell in the team CSV when they were not in the earlier snapshot."""
    return _("joined since {date}").format(date=since.since.isoformat())


def person_changes(since, name: str, ladder, lang=None) -> list[str]:
    """What changed for one person (the report's own lines), for the team CSV's `since` column."""
    out = [moved_line(m, ladder, lang) for m in since.moved_up if m.name == name]
    out += [readier_line(g, ladder, lang) for g in since.readier if g.name == name]
    if name in since.joined:
        out.append(joined_cell(since))
    return out


def joined_heading(n: int) -> str:
    return _("Joined ({n})").format(n=n)


def left_heading(n: int) -> str:
    return _("Left ({n})").format(n=n)


def nobody() -> str:
    return _("Nobody.")


def _title(ladder, level_id, lang=None) -> str:
    from . import team_not_placed

    if level_id is None:
        return team_not_placed()
    try:
        return ladder.level(level_id).title_in(lang)
    except KeyError:
        return level_id

