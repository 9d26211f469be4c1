"""The plan in short: what a person reads first (and, after the questionnaire, last).

`make_summary` is computed once from the `Plan` (views/plan.py) and drawn by the terminal, the Markdown
plan and the JSON (`summary`); `assess --brief` and `plan --brief` show only this. It says:

- the title, and plainly when it is borderline (at the edge of its tolerance: as many requirements only
  close, or not answered, as the title allows);
- the next title and when (the plan's headline), or that the title is being confirmed, or the top;
- the three things that matter most: the plan's lead gaps (views/plan.py orders them), or, with no gap
  left, what would confirm the title;
- where the full plan is: the command that shows it, the saved answers, the exported file.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .. import words as w
from .plan_data import level_ref

SHOWN = 3  # the things that matter most


class Item(NamedTuple):
    kind: str
    key: str
    label: str
    text: str
    done_by: str | None
    reason: str  # the gap's reason (views/plan.py), or "confirm" for an open item of the title held


class Summary(NamedTuple):
    plan: Any  # views.plan.Plan
    headline: str  # where the person stands, borderline said plainly
    borderline: bool
    close: int  # requirements only close or not answered at the best fit (the edge, when borderline)
    total: int  # requirements of the best fit (0 when not placed)
    next_line: str  # the next title and when, or confirming the title held, or the top of the ladder
    confirming: bool  # the plan's target is the title held: the items confirm it
    items: tuple[Item, ...]
    more: int  # items of the plan not shown here
    command: str  # the command that shows the full plan
    saved: str | None  # the saved answers (after the questionnaire)
    export: str | None  # the file the full plan was written to
    where_line: str

    @property
    def lines(self) -> list[str]:
        """The summary as plain lines, in the order every format draws them."""
        out = [self.headline, self.next_line]
        if self.items:
            out.append(w.matters_heading(self.confirming))
            out += [item.text for item in self.items]
        out.append(self.where_line)
        return out


def make_summary(plan, *, saved: str | None = None, export: str | None = None) -> Summary:
    a, road, lang = plan.assessment, plan.roadmap, plan.lang
    fit = a.fit(a.best.id) if a.best is not None else None
    borderline = fit is not None and fit.edge >= 0
    if borderline:
        headline = w.borderline_line(fit, lang)
    else:
        headline = w.why_line(a, lang)
    next_line = w.eta_line(plan) if road.target is not None else w.top_line(plan)
    confirming = a.best is not None and road.target is not None and road.target.id == a.best.id
    if plan.gaps:
        items = [Item(g.check.kind, g.check.key, w.label(g.check.atom, plan.ladder, lang), w.gap_item(g, plan),
                      w.month_of(plan.today, g.done), g.reason) for g in plan.gaps]
    else:
        confirming = a.best is not None
        checks = (*plan.to_hold, *plan.to_confirm)
        items = [Item(c.kind, c.key, w.label(c.atom, plan.ladder, lang), text, None, "confirm")
                 for c, text in zip(checks, w.confirm_items(checks, plan.ladder, lang, a.known))]
        confirming = confirming and bool(items)
    if a.best is not None and a.fully is not None and a.fully.id != a.best.id:
        headline = w.fully_line(headline, a.fully, lang)
    if road.target is None and confirming and not a.other_tops:  # the top, yet not all of it in hand: not "nothing to plan"
        next_line = w.top_confirm_line(w.top_line(plan, lateral_only=True))
    command = plan.rerun("plan")
    return Summary(plan, headline, borderline, (fit.edge if borderline else fit.short + fit.unknown) if fit else 0,
                   fit.total if fit else 0, next_line, confirming, tuple(items[:SHOWN]), max(0, len(items) - SHOWN),
                   command, saved, export, w.full_plan_line(command, saved, export))


def summary_json(s: Summary) -> dict:
    """The summary as data: ids and numbers beside the text every format shows (`lines`)."""
    plan = s.plan
    a, road, lang = plan.assessment, plan.roadmap, plan.lang
    return {
        "title": level_ref(a.best, lang),
        "borderline": s.borderline,
        "close": s.close,
        "total": s.total,
        "headline": s.headline,
        "next": level_ref(road.target, lang),
        "next_by": w.month_of(plan.today, road.eta) if road.target is not None else None,
        "next_text": s.next_line,
        "confirming": s.confirming,
        "matters_most": [item._asdict() for item in s.items],
        "more": s.more,
        "full_plan": {"command": s.command, "saved": s.saved, "file": s.export, "text": s.where_line},
        "lines": s.lines,
    }
