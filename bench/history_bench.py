#!/usr/bin/env python3
"""History store benchmark: 1,000 recorded assessments, then how long reading them takes.

Usage:  python bench/history_bench.py [--count N] [--runs R] [--json]

Records COUNT assessments (default 1,000), each with a profile of about 1 KB and a plan of
5-10 KB of JSON shaped like a real plan result (titles, gaps, roadmap steps with advice),
into a new database in a temp folder, one transaction per assessment as `assess` does.
Then it times, as the median of RUNS (default 21) calls each: opening the file, `count()`,
`list()` (the summary columns, what `pmladder history` shows), `list(with_data=True)`,
`list(limit=10)`, `latest()`, and `get()` of the first and of the last assessment.

A report, not a test: pytest does not collect it, and it exits 0. Stdlib only; it runs
from a checkout without installing pmladder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmladder.store.history import Entry, open_history  # noqa: E402

LADDERS = ("pmo-career", "pm-titles", "pmo-sequence")
SKILLS = ("planning", "risk", "stakeholders", "budget", "scheduling", "leadership",
          "communication", "vendor management", "agile delivery", "governance")


def fake_profile(rng: random.Random, i: int) -> dict:
    return {
        "schema_version": 1,
        "name": f"Person {i}",
        "years_project_work": rng.randint(0, 20),
        "years_managing": rng.randint(0, 12),
        "team_size": rng.randint(1, 40),
        "budget_managed": rng.choice([0, 50_000, 250_000, 1_000_000, 5_000_000]),
        "certifications": rng.sample(["capm", "pmp", "prince2", "psm1", "pgmp", "pmi-acp"], 2),
        "skills": {s: rng.randint(1, 5) for s in SKILLS},
        "experience": [
            {"kind": rng.choice(["project", "programme", "portfolio"]), "count": rng.randint(1, 9)}
            for _ in range(4)
        ],
        "education": rng.choice(["bachelor", "master", "none"]),
        "notes": "Wants to move into portfolio work within two years. " * 3,
    }


def fake_plan(rng: random.Random, i: int) -> dict:
    steps = []
    for n in range(rng.randint(11, 19)):
        steps.append({
            "title": f"Step {n + 1}: reach the next level of {rng.choice(SKILLS)}",
            "requirement": f"req-{rng.randint(1, 60)}",
            "kind": rng.choice(["skill", "fact", "certification", "experience"]),
            "from": rng.randint(1, 4),
            "to": rng.randint(2, 5),
            "months": rng.randint(1, 18),
            "due_month": rng.randint(1, 48),
            "advice": [
                "Ask to lead the risk review on your next project and keep the log yourself.",
                "Shadow a programme manager for one quarter; write up what you would change.",
                "Take the certification course in the evenings; budget six weeks of study.",
            ][: rng.randint(1, 3)],
        })
    gaps = [
        {"requirement": f"req-{k}", "have": rng.randint(0, 3), "need": rng.randint(3, 5),
         "status": rng.choice(["missing", "partial", "unknown"]),
         "label": f"Requirement {k}: {rng.choice(SKILLS)} at level {rng.randint(2, 5)}"}
        for k in range(rng.randint(14, 26))
    ]
    return {
        "ladder": {"id": LADDERS[i % 3], "version": "3", "title": "PMO career ladder"},
        "best_fit": {"id": "pm2", "title": "Project Manager II", "met": 14, "total": 17},
        "fully_met": {"id": "pm1", "title": "Project Manager I"},
        "next": {"id": "pm3", "title": "Senior Project Manager", "met": 9, "total": 15},
        "target": {"id": "pgm1", "title": "Programme Manager"},
        "gaps": gaps,
        "roadmap": {"steps": steps, "eta_months": rng.randint(6, 48)},
        "limited_by": [f"req-{rng.randint(1, 60)}" for _ in range(3)],
    }


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rng = random.Random(42)

    with tempfile.TemporaryDirectory(prefix="pmladder-history-bench-") as tmp:
        path = Path(tmp) / "data" / "history.sqlite3"
        start = dt.date(2020, 1, 1)
        entries = []
        for i in range(args.count):
            plan = fake_plan(rng, i)
            entries.append(Entry(
                recorded_at=f"{start + dt.timedelta(days=i)}T10:00:00+00:00",
                assessed_on=start + dt.timedelta(days=i),
                ladder_id=LADDERS[i % 3], ladder_version="3",
                profile=fake_profile(rng, i), plan=plan,
                fit_met=plan["next"]["met"], fit_total=plan["next"]["total"],
                best_fit="pm2", best_fit_title="Project Manager II", target="pgm1",
                eta_months=plan["roadmap"]["eta_months"], source="assess",
            ))
        plan_sizes = [len(json.dumps(e.plan, separators=(",", ":"))) for e in entries]

        t0 = time.perf_counter()
        with open_history(path) as h:
            ids = [h.record(e) for e in entries]
        record_ms = (time.perf_counter() - t0) * 1000
        size = path.stat().st_size

        figures = {"count": args.count,
                   "plan_json_bytes_median": int(statistics.median(plan_sizes)),
                   "plan_json_bytes_min": min(plan_sizes),
                   "plan_json_bytes_max": max(plan_sizes),
                   "file_mb": round(size / 1e6, 2),
                   "record_total_ms": round(record_ms, 1),
                   "record_each_ms": round(record_ms / args.count, 3)}
        figures["open_close_ms"] = median_ms(lambda: open_history(path).close(), args.runs)
        with open_history(path) as h:
            assert len(h.list()) == args.count
            timed = {
                "count_ms": lambda: h.count(),
                "list_ms": lambda: h.list(),
                "list_one_ladder_ms": lambda: h.list(ladder="pm-titles"),
                "list_limit_10_ms": lambda: h.list(limit=10),
                "list_with_data_ms": lambda: h.list(with_data=True),
                "latest_ms": lambda: h.latest(),
                "get_first_ms": lambda: h.get(ids[0]),
                "get_last_ms": lambda: h.get(ids[-1]),
            }
            for name, fn in timed.items():
                figures[name] = median_ms(fn, args.runs)
        for key, value in figures.items():
            if key.endswith("_ms") and isinstance(value, float):
                figures[key] = round(value, 3)

    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"history bench: {args.count} assessments, plan JSON"
          f" {figures['plan_json_bytes_min']}-{figures['plan_json_bytes_max']} bytes"
          f" (median {figures['plan_json_bytes_median']}), file {figures['file_mb']} MB;"
          f" medians of {args.runs} runs")
    for key, value in figures.items():
        if key.endswith("_ms"):
            print(f"  {key[:-3]:<20} {value:>10.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
