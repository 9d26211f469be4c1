"""Words of the team view (`pmladder team`)."""

from __future__ import annotations

from collections import Counter

from ..engine.months import month_of
from ..engine.types import Kind, StepKind, tr
from . import C_, _, amount, cert_name, clauses, fact_amount, group_rating, label, listing, num, options_text, rating_text, semicolons, sentences, skill_name
from .plan import fact_advice, next_title_text, sentence, skill_advice, step_text, title


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
        "answer-first": _("No date until the open questions are answered (see Not answered); the roster shows any answered gap."),
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
        return _("{name} +{amount}").format(name=tr(fd, "name", lang), amount=fact_amount(round(more, 2), fd, lang))
    if kind == StepKind.CERT:
        return _("earn {cert}").format(cert=item.key)
    return step_text(item, ladder, lang)


def person_limits(person, ladder, lang=None) -> str:
    """What stands between a person and the next title, in one line."""
    parts = []
    if person.limits:
        parts.append(_("date set by {what}").format(what=semicolons(limit_text(s, ladder, lang) for s in person.limits)))
    if person.roles:
        parts.append(_("new role: {what}").format(what=semicolons(role_text(s, ladder, lang) for s in person.roles)))
    if person.education:
        parts.append(_("an education requirement"))
    if person.answers:
        parts.append(_("not answered: {what}").format(what=semicolons(label(a, ladder, lang) for a in person.answers)))
    return " · ".join(parts) if parts else _("meets every requirement")


def assumed_note(n: int) -> str:
    """Said once under the list, not on every row."""
    if not n:
        return ""
    if n == 1:
        return _("For 1 person the date assumes the requirements they left unanswered are met (listed as 'not answered').")
    return _("For {n} people the date assumes the requirements they left unanswered are met (listed as 'not answered').").format(n=n)


def next_title(team, person) -> str:
    """The title a person's plan leads to: `Program Manager`, or `confirm Project Manager` when it confirms the one they are placed at."""
    if person.target is None:
        return "\u2014"
    return next_title_text(team.ladder.level(person.target), team.lang, person.confirms)


def date_setter(person, ladder, lang=None) -> str:
    """The one thing that sets a person's date to the next title (the longest step); '' when nothing does."""
    if person.limits:
        return limit_text(max(person.limits, key=lambda s: s.end or 0), ladder, lang)
    if person.education:
        return _("an education requirement")
    if person.answers:
        return _("answer first: {what}").format(what=label(person.answers[0], ladder, lang)) + (
            " " + and_more(len(person.answers) - 1) if len(person.answers) > 1 else "")
    if person.roles:
        return _("new role: {what}").format(what=role_text(person.roles[0], ladder, lang))
    return ""


def working_text(working: str | None) -> str:
    """Working above / at / below the job held, for a roster cell."""
    if working is None:
        return "\u2014"
    return {"above": C_("working", "above"), "at": C_("working", "at"), "below": C_("working", "below")}[working]


def roster_heading() -> str:
    return _("Roster")


def roster_note(team, jobs: bool = True) -> str:
    """What the roster's order and its 'working' column mean (`jobs`: whether the roster shows jobs and that column)."""
    if not jobs:
        return _("One row a person, by placement (highest first), then by name.")
    return _("One row a person, by level (the job held, else the placement; highest first), then by name. "
             "Working above their job: placed higher than it (ready for promotion); below: placed lower (a development need).")


def roster_counts(team) -> str:
    """`3 above their job, 9 at it, 2 below; 4 with no current title`."""
    counts = {"above": 0, "at": 0, "below": 0, None: 0}
    for p in team.people:
        counts[team.working(p)] += 1
    parts = [_("{n} above their job").format(n=counts["above"]), _("{n} at it").format(n=counts["at"]),
             _("{n} below it").format(n=counts["below"])]
    if counts[None]:
        parts.append(_("{n} with no current title").format(n=counts[None]))
    return _("Current job: {parts}.").format(parts=clauses(parts))


def current_title_text(team, person) -> str:
    """The job held, as the ladder titles it; as given (in quotes) when it matches no level; a dash when not given."""
    if person.current:
        return title(team.ladder.level(person.current), team.lang)
    if person.current_text:
        return _("'{title}' (not on this ladder)").format(title=person.current_text)
    return "\u2014"


def title_warning(team, person) -> str:
    """`Liam O'Brien: current title 'Senior PM' matches no level of pmo-career (did you mean 'Project Manager'?)`."""
    text = _("{name}: current title '{title}' matches no level of {ladder}").format(
        name=person.label, title=person.current_text, ladder=team.ladder.id)
    if person.current_hint:
        text += _(" (did you mean '{hint}'?)").format(hint=title(team.ladder.level(person.current_hint), team.lang))
    return text


def title_warnings_heading(n: int) -> str:
    return _("Current titles not on the ladder ({n})").format(n=n)


def title_warnings_note() -> str:
    return _("Name a level by its id, its title (any language, any capitals) or its number from 1; these people count as having no current title.")


def succession_heading() -> str:
    return _("Succession")


def succession_note(team) -> str:
    return _("Who could step into each title: now (placed there already, or ready), within 12 months and within 24 months on "
             "their plan to that title, and the gap that sets their date. Others are later or have no date yet.")


def succession_bucket(bucket: str) -> str:
    return {"now": _("Now"), "12": _("Within 12 months"), "24": _("Within 24 months")}[bucket]


def succession_count(rows: dict) -> str:
    """`2 now, 0 within 12 months, 8 within 24 months`."""
    return clauses([_("{n} now").format(n=len(rows["now"])), _("{n} within 12 months").format(n=len(rows["12"])),
                    _("{n} within 24 months").format(n=len(rows["24"]))])


def candidate_gap(cand, ladder, lang=None) -> str:
    """What stands in the way of one candidate: the gap their plan leads with, and how far off it is."""
    if cand.gap is None:
        return ""
    return _("{name}, {state}").format(name=label(cand.gap.atom, ladder, lang), state=state_text(cand.gap.state))


def group_heading(by: str, key: str | None) -> str:
    if key is None:
        return _("No department given") if by == "department" else _("No manager given")
    return _("Department: {name}").format(name=key) if by == "department" else _("Manager: {name}").format(name=key)


def groups_heading(by: str) -> str:
    return _("By department") if by == "department" else _("By manager")


def group_summary(key_text: str, team) -> str:
    """The director's summary line for one group: people, readiness, jobs."""
    return _("{group}: {people}. {glance} {jobs}").format(group=key_text, people=people(team.read), glance=glance(team),
                                                         jobs=roster_counts(team))


def ready_by(team, person) -> str:
    return by_month(team.today, person.months)


def by_month(today, months: int | None) -> str:
    """`now`, `2027-11`, or a dash when there is no date."""
    if months is None:
        return "\u2014"
    return _("now") if months == 0 else month_of(today, months)


def unit_amount(kind: str, value, ladder, key: str) -> str:
    """`1 step`, `2 years`, `15 hours`, `1 skill`: how far short."""
    if kind == Kind.SKILL:
        return _("1 step") if value == 1 else _("{n} steps").format(n=num(value))
    if kind == Kind.SKILLS:
        return _("1 skill") if value == 1 else _("{n} skills").format(n=num(value))
    return fact_amount(value, ladder.facts[key])


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
        ratings = sorted(h or 0 for _i, _s, h, _n in group.people if not isinstance(h, tuple))
        most = Counter(ratings).most_common(1)[0] if ratings else (0, 0)
        if most[1] * 2 > len(ratings) or len(ratings) == 1:
            if comp.scale.named:
                return _("Most are at {rating}: {advice}").format(rating=rating_text(comp, most[0], lang), advice=sentence(skill_advice(comp, most[0], lang)))
            return _("Most are at {rating}/5: {advice}").format(rating=most[0], advice=sentence(skill_advice(comp, most[0], lang)))
        middle = ratings[(len(ratings) - 1) // 2]
        if comp.scale.named:
            return _("They are at {low} to {high} (median {median}): {advice}").format(
                low=rating_text(comp, ratings[0], lang), high=rating_text(comp, ratings[-1], lang), median=rating_text(comp, middle, lang),
                advice=sentence(skill_advice(comp, middle, lang)))
        return _("They are at {low} to {high}/5 (median {median}): {advice}").format(
            low=ratings[0], high=ratings[-1], median=middle, advice=sentence(skill_advice(comp, middle, lang)))
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


def pipeline_note(rows=()) -> str:
    """The legend: only the phrases the pipeline below uses."""
    parts = []
    if any(not r.no_prerequisite for r in rows):
        parts.append(_("Eligible now: may sit the exam today under the issuer's rules as the catalog stores them."))
    if any(r.soon for r in rows):
        parts.append(_("Within 12 months: becomes eligible on the roadmap to the next title (the month it does)."))
    if any(r.planned for r in rows):
        parts.append(_("On their roadmap: the certificate is a step of their plan, earned by the month shown."))
    return sentences(*parts)


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
        paths=listing(paths))


def state_text(state: str) -> str:
    return {"met": _("met"), "short": _("close"), "missing": _("missing"), "unknown": _("not answered")}[state]


# --- reviews: a second opinion beside the self-ratings ---------------------------------------------


def agreement_heading() -> str:
    return _("Self-ratings and reviews")


def agreement_line(name: str, reviewed: int, apart: int) -> str:
    """One competency: how many people a review rates on it, and how many of them it rates two steps or more apart."""
    return _("{skill}: {n} reviewed, {apart} two steps or more apart").format(skill=name, n=reviewed, apart=apart)


def unreviewed_line(names: list[str]) -> str:
    return _("No review yet: {names}").format(names=C_("list", ", ").join(names))
