"""Grade the engine's headline title against the hiring manager's expectations (tests/people.py).

For every (person, ladder) pair the placement is
  SENSIBLE   the title the hiring manager would give first, or one they list as also fine;
  DEBATABLE  inside their acceptable range (low .. high along the branch that leads to high);
  WRONG      outside it.

    python bench/people_grades.py            # counts, then every WRONG and DEBATABLE pair
    python bench/people_grades.py --reversed # the organisation ladders with their levels in reverse file order
    python bench/people_grades.py --json     # one line per pair, for comparing two revisions

The expectations were written before the placement rules were tuned; this script only reads them.
On pmi-path the hiring manager graded the job a person does ("I give the job title the person does
today"); the tool's headline there is the PMI title held, with "your work matches" beside it, so
that ladder is graded on the better of the two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from people import ASSESSED_ON, BUILTIN_LADDERS, ORG_LADDERS, ORG_PEOPLE, PEOPLE  # noqa: E402

from pmladder.engine.graph import above  # noqa: E402
from pmladder.engine.placement import assess  # noqa: E402
from pmladder.inputs.loader import load_library  # noqa: E402
from pmladder.inputs.profiles import load_profile  # noqa: E402


def reachable(levels: dict[str, list[str]], start: str) -> set[str]:
    return {start} | above(lambda n: levels[n], start)


def grade(nexts: dict[str, list[str]], first_id: str, got: str | None, e: dict) -> str:
    if got == e["first"] or got in e["also"]:
        return "SENSIBLE"
    if got is None:
        return "DEBATABLE" if e["low"] is None and e["first"] is not None else "WRONG"
    if e["high"] is None:
        return "WRONG"
    low = e["low"] or first_id
    roots = [lid for lid in nexts if not any(lid in v for v in nexts.values())] if e["low"] is None else [low]
    ok = any(got in reachable(nexts, r) for r in roots) and e["high"] in reachable(nexts, got)
    return "DEBATABLE" if ok else "WRONG"


ORDER = {"SENSIBLE": 0, "DEBATABLE": 1, "WRONG": 2}


def library(reverse: bool, tmp: Path):
    paths = []
    for name in ORG_LADDERS:
        data = yaml.safe_load((HERE.parent / "tests" / "org_ladders" / f"{name}.yaml").read_text(encoding="utf-8"))
        if reverse:
            data["levels"] = data["levels"][:1] + list(reversed(data["levels"][1:]))  # the entry level stays first
        path = tmp / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return load_library(extra_dirs=[tmp])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reversed", action="store_true", help="organisation ladders with every level after the first in reverse file order")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print what the tool says for every pair (no expectations, no grades): for a blind reviewer")
    args = ap.parse_args()
    import tempfile

    today = dt.date.fromisoformat(ASSESSED_ON)
    counts = {"SENSIBLE": 0, "DEBATABLE": 0, "WRONG": 0}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = library(args.reversed, Path(tmp))
        for person in PEOPLE + ORG_PEOPLE:
            path = Path(tmp) / "people" / f"{person['key']}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(yaml.safe_dump(person["profile"], allow_unicode=True, sort_keys=False), encoding="utf-8")
            profile = load_profile(path, lib.vocabulary(), cached=False)
            ladders = BUILTIN_LADDERS if person in PEOPLE else tuple(person["expect"])
            for lid in ladders:
                ladder = lib.get(lid).ladder
                nexts = {lv.id: list(lv.next) for lv in ladder.levels}
                a = assess(ladder, profile, today)
                # pmi-path's expectations name the job a person does (tests/people.py says so), while the tool's
                # headline there is the PMI certificate title held, with the title the work matches beside it:
                # graded on the better of the two
                e = person["expect"][lid]
                got = a.best.id if a.best else None
                g = grade(nexts, ladder.levels[0].id, got, e)
                if lid == "pmi-path" and a.matched is not None:
                    g2 = grade(nexts, ladder.levels[0].id, a.matched.id, e)
                    if ORDER[g2] < ORDER[g]:
                        got, g = a.matched.id, g2
                counts[g] += 1
                if args.show:
                    from pmladder import words as w
                    from pmladder.views.plan import make_plan

                    plan = make_plan(ladder, profile, today)
                    notes = " ".join(text for _k, text in w.standing_lines(plan))
                    hold = "; ".join(w.confirm_text(c, ladder, None, a.known) for c in plan.to_hold)
                    print(f"{person['key']} @ {lid}: {a.best.title if a.best else 'not placed'}"
                          f" | why: {w.why_line(a)}" + (f" | to hold the title: {hold}" if hold else "")
                          + (f" | {notes}" if notes else "")
                          + (f" | next planned: {plan.target.title}" if plan.target else ""))
                rows.append({"person": person["key"], "ladder": lid, "got": got, "first": e["first"],
                             "range": [e["low"], e["high"]], "grade": g})
    if args.show:
        return 0
    if args.json:
        for r in rows:
            print(json.dumps(r))
        return 0
    total = sum(counts.values())
    print(f"{total} pairs: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for g in ("WRONG", "DEBATABLE"):
        for r in rows:
            if r["grade"] == g:
                print(f"{g:9} {r['person']:28} {r['ladder']:13} got {r['got']!s:34} want {r['first']} {r['range']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
