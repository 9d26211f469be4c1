"""Benchmark the engine: placing and planning one person, on every built-in ladder and the organisation ladders.

The people are those of the tests: the 53 of tests/people.py and the personas of tests/personas.py
on each built-in ladder, and the organisation people of tests/people.py on tests/org_ladders/
(372 pairs). For each ladder it times, per person, in one process with the imports and the
loading of ladders and profiles left out:

- `assess`: the placement (engine/placement.py);
- `make_plan`: the placement and the plan (views/plan.py: roadmap, gaps, open questions, flags),
  what `assess`, `plan` and each person of `team` cost;
- the floor: reading the person's answer to every requirement of the ladder once (a dictionary
  look-up a requirement), the least any placement must do, timed in the same rounds so the
  speed of the machine cancels out of the ratio;
- with `--succession`, `make_plan` to every title of the ladder in turn (what `team --succession`
  asks of each person).

Rounds run every case over all the pairs in turn; the figure of a case is the fastest round in
CPU time of this process (`time.process_time`: on a shared machine the time waiting for a core is
left out, and the fastest round is the one least disturbed), per pair.

    python bench/engine_bench.py                  # table
    python bench/engine_bench.py --rounds 15      # more rounds (default 9)
    python bench/engine_bench.py --json           # the figures as JSON
    python bench/engine_bench.py --check          # exit 1 if a placement and plan takes over 100 µs on average
    python bench/engine_bench.py --succession     # also the plan to every title
    valgrind --tool=callgrind python bench/engine_bench.py --work N   # N rounds of make_plan only, no timing

`--work N` runs make_plan N times over all the pairs and prints nothing else: instruction counts
(callgrind's "Collected") of `--work 3` less `--work 1`, over twice the pairs, are the
instructions one placement and plan takes, a figure that does not move with the machine's load.
Stdlib only (the engine aside); a report, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from people import ASSESSED_ON, BUILTIN_LADDERS, ORG_LADDERS, ORG_PEOPLE, PEOPLE  # noqa: E402
from personas import LADDERS as PERSONA_LADDERS, PERSONAS  # noqa: E402

TARGET_US = 100.0  # a placement and plan of one person, on average over the pairs (issue 23)


def pairs() -> tuple[dict, list]:
    """(ladder id -> Ladder, [(ladder id, Profile)]) for every person of the tests on their ladders."""
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import Document

    with tempfile.TemporaryDirectory() as home:  # never the user's cache
        lib = load_library(extra_dirs=[REPO / "tests" / "org_ladders"], environ={"PMLADDER_HOME": home, "PMLADDER_NO_CACHE": "1"})
    vocab = lib.vocabulary()
    ladders = {lid: lib.get(lid).ladder for lid in BUILTIN_LADDERS + ORG_LADDERS}
    out = []
    for person in PEOPLE + ORG_PEOPLE:
        profile = check(Document("<people>", person["profile"]), vocab)
        for lid in BUILTIN_LADDERS if person in PEOPLE else tuple(person["expect"]):
            out.append((lid, profile))
    for persona in PERSONAS:
        profile = check(Document("<personas>", persona.profile), vocab)
        out += [(lid, profile) for lid in PERSONA_LADDERS]
    return ladders, out


def floor(ladder, profile) -> int:
    """Every requirement of the ladder looked up once in the person's answers."""
    facts, ratings = profile.facts, profile.competencies
    n = 0
    for level in ladder.levels:
        for atom in level.requires:
            if (ratings if atom.kind == "skill" else facts).get(atom.key) is not None:
                n += 1
    return n


def cases(succession: bool) -> dict:
    from pmladder.engine.placement import assess
    from pmladder.views.plan import make_plan

    out = {
        "floor": lambda ladder, profile, today: floor(ladder, profile),
        "assess": assess,
        "make_plan": make_plan,
    }
    if succession:
        def every_title(ladder, profile, today):
            for level in ladder.levels:
                make_plan(ladder, profile, today, target=level.id)

        out["plan to every title"] = every_title
    return out


def measure(rounds: int, succession: bool) -> dict:
    ladders, work = pairs()
    today = dt.date.fromisoformat(ASSESSED_ON)
    by_ladder: dict[str, list] = {}
    for lid, profile in work:
        by_ladder.setdefault(lid, []).append((ladders[lid], profile))
    fns = cases(succession)
    best = {(lid, case): float("inf") for lid in by_ladder for case in fns}
    for _ in range(rounds + 1):  # the first round warms up and is not counted
        for lid, group in by_ladder.items():
            for case, fn in fns.items():
                start = time.process_time()
                for ladder, profile in group:
                    fn(ladder, profile, today)
                took = time.process_time() - start
                if _ > 0:
                    best[lid, case] = min(best[lid, case], took)
    rows = []
    for lid, group in by_ladder.items():
        n = len(group)
        row = {"ladder": lid, "pairs": n, "levels": len(ladders[lid].levels),
               "requirements": sum(len(lv.requires) for lv in ladders[lid].levels)}
        row.update({case: round(best[lid, case] / n * 1e6, 1) for case in fns})
        row["plan_x_floor"] = round(best[lid, "make_plan"] / best[lid, "floor"], 1)
        rows.append(row)
    total = {case: sum(best[lid, case] for lid in by_ladder) / len(work) * 1e6 for case in fns}
    all_row = {"ladder": "all", "pairs": len(work), **{case: round(v, 1) for case, v in total.items()},
               "plan_x_floor": round(total["make_plan"] / total["floor"], 1)}
    return {"python": sys.version.split()[0], "rounds": rounds, "rows": rows, "all": all_row,
            "target": {"make_plan_us": TARGET_US, "value": all_row["make_plan"], "ok": all_row["make_plan"] <= TARGET_US},
            "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


def show(result: dict) -> None:
    print(f"pmladder engine: per person, fastest of {result['rounds']} rounds, Python {result['python']}, load {result['load']:.1f}")
    cols = [c for c in result["all"] if c not in ("ladder", "pairs", "plan_x_floor")]
    print(f"{'ladder':14} {'pairs':>5} " + " ".join(f"{c + ' µs':>{max(10, len(c) + 3)}}" for c in cols) + f" {'plan x floor':>12}")
    for row in result["rows"] + [result["all"]]:
        print(f"{row['ladder']:14} {row['pairs']:>5} " + " ".join(f"{row[c]:>{max(10, len(c) + 3)}.1f}" for c in cols)
              + f" {row['plan_x_floor']:>12.1f}")
    t = result["target"]
    print(f"\nplace and plan one person <= {t['make_plan_us']:g} µs on average: {t['value']:.1f} µs, {'met' if t['ok'] else 'NOT met'}")


def work(n: int) -> None:
    """make_plan `n` times over every pair, untimed (for callgrind)."""
    from pmladder.views.plan import make_plan

    ladders, pairs_ = pairs()
    today = dt.date.fromisoformat(ASSESSED_ON)
    for _ in range(n):
        for lid, profile in pairs_:
            make_plan(ladders[lid], profile, today)
    print(f"{len(pairs_)} pairs x {n}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=9, help="counted rounds (default 9)")
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    ap.add_argument("--check", action="store_true", help=f"exit 1 when a placement and plan takes over {TARGET_US:g} µs on average")
    ap.add_argument("--succession", action="store_true", help="also make_plan to every title of the ladder")
    ap.add_argument("--work", type=int, metavar="N", help="only run make_plan N times over the pairs (for callgrind)")
    args = ap.parse_args()
    if args.work is not None:
        work(args.work)
        return 0
    result = measure(max(1, args.rounds), args.succession)
    if args.json:
        print(json.dumps(result))
    else:
        show(result)
    return 1 if args.check and not result["target"]["ok"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
