"""Words of the team view (`pmladder team`)."""

from __future__ import annotations

from ..engine.months import month_of
from ..engine.types import Kind, StepKind, tr
from . import _, amount, cert_name, clauses, group_rating, label, listing, num, options_text, rating_text, skill_name
from .plan import fact_advice, sentence, skill_advice, step_text, title


# --- team view (`pmladder team`) -------------------------------------------------------------
# Phrases of the team report only; kept together at the end so merges stay easy.


def people(n: int) -> str:
    return _("1 person") if n == 1 else _("{n} people").format(n=n)


def team_heading(ladder, lang=None) -> str:
    return _("Team on {ladder}").format(ladder=ladder.name_in(lang))


def team_counts(read: int, skipped: int, files: int) -> str:
    """`19 profiles read from 19 files; 2 skipped (see Skipped).`"""
    profiles = _("1 profile") if read == 1 else _("{n} profiles").format(n=read)
    where = _("1 file") if files == 1 else _("{n} files").format(n=files)
    if skipped:
        return _("{profiles} read from {files}; {skipped} skipped (listed under Skipped).").format(
            profiles=profiles, files=where, skipped=skipped)
    return _("{profiles} read from {files}; none skipped.").format(profiles=profiles, files=where)


def team_basis(team) -> str:
    """What the readiness and the gaps are measured against, and on which day."""
    when = team.today.isoformat()
    if team.target is not None:
        return _("Readiness and gaps toward {title}, as of {date}; dates plan {n} development items at a time per person.").format(
            title=title(team.target, team.lang), date=when, n=team.pace)
    return _("Readiness and gaps toward each person's next title, as of {date}; dates plan {n} development items at a time per person.").format(
        date=when, n=team.pace)


def glance(team) -> str:
    """One line for a director: how many are ready when."""
    counts = {b: len(ids) for b, ids in team.ready.items()}
    parts = [_("{n} ready now").format(n=counts.get("now", 0)),
             _("{n} within 6 months").format(n=counts.get("6", 0)),
             _("{n} in 7 to 12 months").format(n=counts.get("12", 0)),
             _("{n} later").format(n=counts.get("later", 0))]
    rest = counts.get("not-estimated", 0) + counts.get("answer-first", 0)
    if rest:
        parts.append(_("{n} without a date (education or unanswered questions)").format(n=rest))
    if counts.get("top"):
        parts.append(_("{n} at the top").format(n=counts["top"]))
    if counts.get("at-target"):
        parts.append(_("{n} already there").format(n=counts["at-target"]))
    return _("Next title: {parts}.").format(parts=clauses(parts))


def glance_training(group, ladder, lang=None) -> str:
    return _("Most shared development need: {name}, {people} short.").format(name=label(group.atom, ladder, lang), people=people(group.count))


def team_anonymised() -> str:
    return _("Names and files are replaced by pseudonyms (the same person keeps the same one from run to run).")


def spread_heading() -> str:
    return _("Where the team stands (best fit)")


def team_not_placed() -> str:
    return _("Not placed yet")


def ready_heading() -> str:
    return _("Who is ready for the next title")


def bucket_name(bucket: str) -> str:
    return {
        "now": _("Ready now"),
        "6": _("Within 6 months"),
        "12": _("In 7 to 12 months"),
        "later": _("Later than 12 months"),
        "not-estimated": _("Not estimated: an education requirement"),
        "answer-first": _("No estimate until open questions are answered"),
        "at-target": _("Already at or above the target"),
        "top": _("At the top of the ladder"),
    }[bucket]


def bucket_note(bucket: str) -> str | None:
    return {
        "now": _("Nothing dated is left; what remains is a new assignment (a larger team, more projects at once)."),
        "not-estimated": _("Education is not estimated: talk it through, or ask whether experience is accepted in its place."),
        "answer-first": _("Nothing they answered stands in the way; answer the open questions to get a date."),
    }.get(bucket)


def role_text(item, ladder, lang=None) -> str:
    """`Projects run at once 3+`: a new assignment a date assumes."""
    return _("{name} {need}+").format(name=tr(ladder.facts[item.key], "name", lang), need=num(item.need))


def limit_text(item, ladder, lang=None) -> str:
    """A step that sets someone's date, short: `Leadership 3 → 4`, `Years managing programs +1 year`."""
    kind = item.kind
    if kind == StepKind.SKILL:
        comp = ladder.comps[item.key]
        if comp.scale.named:
            return _("{name}: {before} \u2192 {after}").format(name=skill_name(ladder, item.key, lang), before=rating_text(comp, item.have, lang),
                                                               after=rating_text(comp, item.need, lang))
        return _("{name} {have} → {need}").format(name=skill_name(ladder, item.key, lang), have=item.have, need=item.need)
    if kind in (StepKind.BACKGROUND, StepKind.STUDY):
        fd = ladder.facts[item.key]
        more = float(item.need) - float(item.have or 0)
        return _("{name} +{amount}").format(name=tr(fd, "name", lang), amount=amount(round(more, 2), fd.unit))
    if kind == StepKind.CERT:
        return _("earn {cert}").format(cert=item.key)
    return step_text(item, ladder, lang)


def person_limits(person, ladder, lang=None) -> str:
    """What stands between a person and the next title, in one line."""
    parts = []
    if person.limits:
        parts.append(_("date set by {what}").format(what="; ".join(limit_text(s, ladder, lang) for s in person.limits)))
    if person.roles:
        parts.append(_("new role: {what}").format(what="; ".join(role_text(s, ladder, lang) for s in person.roles)))
    if person.education:
        parts.append(_("an education requirement"))
    if person.answers:
        parts.append(_("not answered (the date assumes them met): {what}").format(what="; ".join(label(a, ladder, lang) for a in person.answers)))
    return " · ".join(parts) if parts else _("meets every requirement")


def ready_by(team, person) -> str:
    months = person.months
    if months is None:
        return "\u2014"
    return _("now") if months == 0 else month_of(team.today, months)


def unit_amount(kind: str, value, ladder, key: str) -> str:
    """`1 step`, `2 years`, `15 hours`, `1 skill`: how far short."""
    if kind == Kind.SKILL:
        return _("1 step") if value == 1 else _("{n} steps").format(n=num(value))
    if kind == Kind.SKILLS:
        return _("1 skill") if value == 1 else _("{n} skills").format(n=num(value))
    return amount(value, ladder.facts[key].unit)


def shortfall_text(group, ladder) -> str:
    """`7 by 1 step, 2 by 2 steps`, or `by 2 to 8 people, most by 2 people` when they spread."""
    counts = group.shortfalls()
    if not counts:
        close = sum(1 for _i, state, _h, _n in group.people if state == "short")
        return _("{n} close, {m} missing").format(n=close, m=group.count - close) if close else _("all missing")
    if len(counts) <= 3:
        return clauses(_("{n} by {amount}").format(n=n, amount=unit_amount(group.kind, by, ladder, group.key))
                         for by, n in sorted(counts.items()))
    most = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return _("by {low} to {high}, most by {most}").format(
        low=num(min(counts)), high=unit_amount(group.kind, max(counts), ladder, group.key),
        most=unit_amount(group.kind, most, ladder, group.key))


def gap_kind(group, ladder) -> str:
    kind = group.kind
    if kind in (Kind.SKILL, Kind.SKILLS):
        return _("skill")
    if kind == Kind.FACT:
        grows = ladder.facts[group.key].grows
        return {"study": _("training"), "role": _("new assignment"), "time": _("experience")}[grows]
    if kind in (Kind.CERT, Kind.CERTS):
        return _("certificate")
    if kind == Kind.EDUCATION:
        return _("education")
    return _("one of several")


def gap_how(group, ladder, lang=None) -> str:
    """What closes a gap for most of the people who have it."""
    kind = group.kind
    have = group.common_have()
    if kind == Kind.SKILL:
        comp = ladder.comps[group.key]
        text = sentence(skill_advice(comp, have or 0, lang))
        if comp.scale.named:
            return _("Most are at {rating}: {advice}").format(rating=rating_text(comp, have or 0, lang), advice=text)
        return _("Most are at {rating}/5: {advice}").format(rating=have or 0, advice=text)
    if kind == Kind.FACT:
        fd = ladder.facts[group.key]
        text = sentence(fact_advice(fd, have, lang))
        if fd.grows == "role":
            text += " " + _("This comes with a new assignment, not a course.")
        elif fd.grows == "time":
            text += " " + _("This comes with time in the work.")
        return text
    if kind in (Kind.CERT, Kind.CERTS):
        options = (group.atom.need,) if kind == Kind.CERT else group.atom.need
        return _("Earn {options}.").format(options=options_text([cert_name(ladder, c, lang) for c in options]))
    if kind == Kind.EDUCATION:
        return _("Education is not planned by pmladder: ask whether experience is accepted in its place.")
    if kind == Kind.SKILLS:
        n, ids, rating = group.atom.need
        return _("Raise {n} of these to {rating}.").format(n=n, rating=group_rating(ladder, ids, rating, lang))
    return _("Meet one of the alternatives.")


def training_line(group, ladder, lang=None) -> str:
    """`Stakeholder management: 8 people short (8 by 1 step). Most are at 3/5: ...`"""
    return _("{name}: {people} short ({by}). {how}").format(
        name=label(group.atom, ladder, lang), people=people(group.count), by=shortfall_text(group, ladder),
        how=gap_how(group, ladder, lang))


def gaps_heading(team) -> str:
    if team.target is not None:
        return _("Most common gaps toward {title}").format(title=title(team.target, team.lang))
    return _("Most common gaps toward the next title")


def training_heading() -> str:
    return _("Training that would close the most gaps")


def pipeline_heading() -> str:
    return _("Certification pipeline")


def pipeline_note() -> str:
    return _("Eligible now: may sit the exam today under the issuer's rules as the catalog stores them. Within 12 months: "
             "becomes eligible on the roadmap to the next title.")


def pipeline_counts(row) -> str:
    """`8 hold · 2 eligible now · 1 within 12 months`."""
    parts = [_("{n} hold").format(n=len(row.holders))]
    parts.append(_("no prerequisite") if row.no_prerequisite else _("{n} eligible now").format(n=len(row.eligible)))
    if row.soon:
        parts.append(_("{n} within 12 months").format(n=len(row.soon)))
    if row.planned:
        parts.append(_("{n} on their roadmap").format(n=len(row.planned)))
    return " \u00b7 ".join(parts)


def anyone() -> str:
    return _("anyone (no prerequisite)")


def questions_heading() -> str:
    return _("Not answered")


def questions_note() -> str:
    return _("Unanswered questions count as unknown, never as 0; placements and dates may change once they are answered.")


def skipped_heading() -> str:
    return _("Skipped")


def skipped_note(n: int) -> str:
    return _("These profiles did not load and are not in the figures above; fix them and run again.") if n else ""


def and_more(n: int) -> str:
    return _("and {n} more").format(n=n)


def names_list(names: list[str], limit: int) -> str:
    """`Ana, Bo and 3 more`: at most `limit` names."""
    shown = listing(names[:limit])
    return shown + (" " + and_more(len(names) - limit) if len(names) > limit else "")


def more_rows(n: int) -> str:
    return _("{n} more not shown here: see the CSV or JSON output (--format csv, --format json).").format(n=n)


def no_profiles(paths) -> str:
    return _("no profiles found in {paths} (folders are searched for *.yaml and *.yml files; name a spreadsheet as FILE.csv)").format(
        paths=", ".join(paths))


def state_text(state: str) -> str:
    return {"met": _("met"), "short": _("close"), "missing": _("missing"), "unknown": _("not answered")}[state]
