"""The plan as Markdown: to share with a manager or mentor, paste in a wiki, tick off over months.

Draws a `service.Plan`. Everything from a file or a person (names, titles, advice) goes
through `md`; the template's own words contain no Markdown syntax but what they mean to.
"""

from __future__ import annotations

from .. import __version__
from .. import words as w
from ..engine.types import StepKind, tr
from ..views.plan import not_counted
from ..views.plan_data import milestone_advice, timeline
from .markdown import Doc, flowchart, md, md_commands


def _title(level, lang) -> str:
    shown, other = level.title_pair(lang)
    return w._("{title} ({other})").format(title=md(shown), other=md(other)) if other else md(shown)


def commands(plan) -> tuple[str, ...]:
    """The pmladder command lines the plan's words may quote (as code in Markdown): the ones that answer open questions."""
    return (plan.rerun("assess --ask"), *(plan.rerun(f"assess --only {section}") for section in ("experience", "certifications", "skills")))


def plan_markdown(plan, others: list | None = None, summary=None) -> str:
    a, road, lang, ladder = plan.assessment, plan.roadmap, plan.lang, plan.ladder
    quoted = commands(plan)

    def mdc(text: str, cell: bool = False) -> str:  # `md`, with the commands as code spans
        return md_commands(text, quoted, cell=cell)

    doc = Doc()
    who = w._(" for {name}").format(name=md(plan.profile.name)) if plan.profile.name else ""
    doc.heading(1, w._("Career plan{who}").format(who=who))
    doc.para(w._("Ladder: {name} ({id}). Prepared on {date} with pmladder {version}.").format(
        name=md(ladder.name_in(lang)), id=md(ladder.id), date=plan.today.isoformat(), version=__version__))
    from ..views.summary import make_summary
    from .summary import summary_section

    for block in summary_section(summary or make_summary(plan)):  # the plan in short (views/summary.py) opens the document
        doc.para(block)

    doc.heading(2, w._("Where you stand"))
    if a.best is None:
        doc.para(w._("You are **not placed on this ladder yet**."))
    else:
        line = w._("Best fit: **{title}** ({position}).").format(title=_title(a.best, lang), position=w.level_position(a, a.best))
        if a.fully is not a.best:
            line = w.sentences(line, w._("Fully meets: {title}.").format(title=_title(a.fully, lang) if a.fully else w._("no title yet")))
        doc.para(line)
    doc.para(md(w.why_line(a, lang)))
    if plan.to_hold:
        doc.para(w._("To hold the title:"))
        doc.bullets(md(w.confirm_text(c, ladder, lang, a.known)) for c in plan.to_hold)
    if plan.to_confirm:
        doc.para(md(w.confirm_head(plan.to_confirm)))
        doc.bullets(md(w.confirm_text(c, ladder, lang, a.known)) for c in plan.to_confirm)
    for _kind, sentence in w.standing_lines(plan):
        doc.para(md(sentence))
    if a.known.lapsed or a.known.renew_by:
        doc.para(w.lapse_head(a.known))
        doc.bullets(md(line) for line in w.lapse_lines(a.known, ladder, lang))
    if a.known.implied:
        doc.para(w._("Counted from your certifications:"))
        doc.bullets(md(w.implied_text(i, ladder, lang)) for i in a.known.implied)
    if plan.flags:
        doc.para(w._("Answers to check (the placement takes them as given):"))
        doc.bullets(md(w.flag_text(f, ladder, lang)) for f in plan.flags)
    if plan.unknowns:
        doc.para(w.unanswered_head())
        doc.bullets(mdc(line) for line in w.unanswered_lines([c for c, _levels in plan.unknowns], plan))
    if plan.review is not None:
        doc.para(md(w.ratings_line(plan.review)))
        if plan.review.differences:
            doc.para(w._("Where you and your reviewer differ by two steps or more:"))
            doc.bullets(md(w.difference_text(d, plan.review, ladder, lang)) for d in plan.review.differences)
    unused = not_counted(plan)
    if unused:
        doc.para(md(w.not_counted_line(unused)))
    if plan.profile.other_certifications:
        doc.para(w._("Other certificates (shown, not counted): {names}.").format(names=md(w.listing(plan.profile.other_certifications))))
    rows = [[_title(f.level, lang), str(f.met), str(f.short), str(f.missing), str(f.unknown),
             w._("best fit") if a.best is not None and f.level.id == a.best.id else (w._("target") if road.target and f.level.id == road.target.id else "")]
            for f in a.fits]
    doc.table([w._("Title"), w._("Met"), w._("Close"), w._("Missing"), w._("Not answered"), ""], rows, ["---", "--:", "--:", "--:", "--:", "---"])

    target = road.target
    if target is None:
        doc.heading(2, w._("Next title"))
        doc.para(md(w.top_line(plan)))
    else:
        doc.heading(2, w._("Target: {title}").format(title=_title(target, lang)))
        doc.para(md(target.text("summary", lang)))
        doc.bullets(md(r) for r in target.text("responsibilities", lang))
        line = md(w.eta_line(plan))
        limited = w.limited_line(plan)
        if limited:
            line = w.sentences(line, md(limited))
        doc.para(line)
        if road.others:
            doc.para(w._("This is a branch; the other way up is {names}.").format(names=w.listing(_title(lv, lang) for lv in road.others)))

    if plan.gaps:
        doc.heading(2, w._("Gaps"))
        rows = []
        for g in plan.lead_gaps:
            beside = w.reviewer_rating(g.check, plan)
            have = md(w.have_text(g.check, ladder))
            have = w.C_("aside", "{text} ({aside})").format(text=have, aside=md(beside)) if beside else have
            rows.append([md(w.label(g.check.atom, ladder, lang)), have, md(w.need_text(g.check.atom, ladder)),
                         mdc(w.how_own(g.check, g.step, plan, lang), cell=True), w.month_of(plan.today, g.done) or "\u2014", md(w.gap_notes(g))])
        doc.table([w._("Requirement"), w._("Have"), w._("Need"), w._("How to close it"), w._("Done by"), w._("Note")], rows,
                  ["---", "--:", "--:", "---", "---", "---"])
        if plan.folded_gaps:
            doc.para(mdc(w.folded_gaps(plan.folded_gaps, plan)))
        notes = w.gap_list_notes(plan.lead_gaps, plan)
        if notes:
            doc.para(w.sentences(*(mdc(n) for n in notes)))

    if road.milestones:
        doc.heading(2, w._("Timeline"))
        doc.para(w.sentences(md(w.pace_line(plan)), *(md(x) for x in w.assumption_lines(plan))))
        steps = {s.id: s for s in road.steps}
        levels = {m.level.id: m.level for m in road.milestones}
        for row in timeline(plan):
            reached = [w._("Reached **{title}**").format(title=_title(levels[i], lang)) for i in row["reached"]]
            reached += [md(w.reached_text(steps[i], ladder, lang)) for i in row["done"] if steps[i].kind == StepKind.BACKGROUND]
            reached += [md(w.step_text(steps[i], ladder, lang)) for i in row["done"] if steps[i].kind != StepKind.BACKGROUND]
            tasks = []
            for sid in row["start"]:
                s = steps[sid]
                by = w.month_of(plan.today, s.end) if s.kind != StepKind.ROLE else None
                tasks.append(md(w.step_text(s, ladder, lang)) + (w._(" (by {month})").format(month=by) if by else ""))
            if not (reached or tasks):
                continue
            doc.heading(3, w.quarter_label(row["quarter"]))
            # two lists, each under its own line: two lists of one kind of bullet with only a blank line
            # between them are one list to CommonMark (and to GitHub, GitLab and the wiki importers)
            if reached:
                doc.para(w._("Done by the end of the quarter:"))
                doc.bullets(reached, prefix="- [ ] ")  # a box to tick when it happens: a checked one would say it has
            if tasks:
                doc.para(w._("To start:"))
                doc.bullets(tasks, prefix="- [ ] ")
        for m in road.milestones:
            advice = milestone_advice(plan, m.level)
            if advice:
                doc.para(w._("Advice for reaching {title}:").format(title=_title(m.level, lang)))
                doc.bullets(md(tip) for tip in advice)
        ids = ([a.best.id] if a.best else []) + [lv.id for lv in road.path]
        doc.heading(2, w._("Path"))
        doc.para(w._("Read from the bottom up. Green: where you stand; yellow: the target."))
        doc.code("mermaid", flowchart(ladder, lang, ids, {**({a.best.id: "here"} if a.best else {}), target.id: "goal"}))

    if others:
        doc.heading(2, w._("On other ladders"))
        doc.table([w._("Ladder"), w._("Best fit"), w._("Fully meets"), w._("Next"), w._("Ready")], others, ["---", "---", "---", "---", "---"])

    advice = plan.ladder_advice
    if advice:
        doc.heading(2, w._("Advice for climbing"))
        doc.bullets(md(tip) for tip in advice)

    doc.heading(2, w._("About this plan"))
    notes = [w._("Ladder source: {source}").format(source=md(w.sentence(tr(ladder, 'source', lang))))]
    notes += [md(n) for n in (w.framework_note(ladder), w.judgment_note(), w.issuer_note(ladder)) if n]
    doc.para(w.sentences(*notes))
    return doc.render()
