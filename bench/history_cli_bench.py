#!/usr/bin/env python3
"""History, progress and where benchmark: the installed commands against the start-up floor.

Usage:  python bench/history_cli_bench.py [--count N] [--runs R] [--seed S] [--json] [--check]

Fills a temp PMLADDER_HOME with COUNT (default 1,000) recorded assessments, written through
`History.record` with real plans: one person re-assessed weekly for about 19 years, her
profile growing step by step, on pmo-career (two in three) and pm-titles, so the targets
change as she climbs (progress then reads the stored fit tables of the older plans). It
also writes 20 copies of pmo-career with other ids into a ladders folder.

Then it times fresh processes, interleaved and shuffled as bench/startup.py does (two
warm-up rounds, which also fill the ladder cache): the floor app, `assess` on one ladder,
`where` over the built-in ladders plus the 20 copies, `history` and `progress` in each
format. Targets: `history` and `progress` under 1 s (the issue's "well under a second")
in every format, and `where` within 1.5x of `assess` for one ladder (both JSON, and the
text table against `assess` text).

A report, not a test: it exits 0 unless --check is given and a target fails. Run it with
the interpreter of an environment where pmladder is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import startup  # noqa: E402  (the same runner, floor and pmladder script)

ROOT = HERE.parent
COPIES = 20
SECOND_MS = 1000.0
WHERE_RATIO = 1.5
PERSON = {
    "schema_version": 1,
    "name": "Bench Person",
    "education": "bachelor",
    "facts": {"years_experience": 1, "years_managing": 0, "team_size": 3, "concurrent_projects": 1,
              "pm_training_hours": 10, "years_program": 0, "years_pmo": 0, "years_leading_managers": 0},
    "certifications": [],
    "competencies": {c: 1 for c in ("organisation", "communication", "scope", "schedule", "cost", "quality", "risk",
                                    "stakeholders", "methods", "leadership", "resources", "coaching", "strategy",
                                    "change", "data", "governance")},
}


def grown(week: int) -> dict:
    """The person after `week` weeks: experience with time, a rating a step every few months."""
    p = json.loads(json.dumps(PERSON))
    years = week / 52
    f = p["facts"]
    f["years_experience"] = round(1 + years, 2)
    f["years_managing"] = round(max(0.0, years - 1), 2)
    f["years_pmo"] = round(max(0.0, years - 6), 2)
    f["years_program"] = round(max(0.0, years - 9), 2)
    f["years_leading_managers"] = round(max(0.0, years - 10), 2)
    f["team_size"] = min(200, 3 + week // 13)
    f["concurrent_projects"] = min(20, 1 + week // 100)
    f["pm_training_hours"] = min(500, 10 + week)
    comps = list(p["competencies"])
    for i, key in enumerate(comps):
        p["competencies"][key] = min(5, 1 + (week + 7 * i) // 130)
    if week >= 150:
        p["certifications"].append("PRINCE2-Foundation")
    if week >= 250:
        p["certifications"].append("PRINCE2-Practitioner")
    if week >= 400:
        p["certifications"].append("PMP")
    return p


def fill(home: Path, count: int) -> dict:
    """Record `count` assessments through History.record; return what was written."""
    from pmladder.store.history import Entry, open_history
    from pmladder.inputs.loader import load_library
    from pmladder.inputs.profiles import check, profile_data
    from pmladder.views.progress import estimate, record_fit
    from pmladder.views.plan_data import plan_json
    from pmladder.views.plan import make_plan
    from pmladder.inputs.yamlsafe import Document

    lib = load_library(environ={"PMLADDER_HOME": str(home), "PMLADDER_NO_CACHE": "1"})
    vocab = lib.vocabulary()
    start = dt.date(2007, 1, 1)
    sizes = []
    with open_history(home / "data" / "history.sqlite3") as h:
        for i in range(count):
            day = start + dt.timedelta(weeks=i)
            ladder = lib.get("pm-titles" if i % 3 == 2 else "pmo-career").ladder
            person = check(Document(f"week {i}", grown(i)), vocab).replace(ladder=ladder.id, assessed_on=day)
            plan = make_plan(ladder, person, day, origin="built-in", role_from=lib.catalog.role_ratings_from)
            data = plan_json(plan)
            sizes.append(len(json.dumps(data, separators=(",", ":"))))
            met, total = record_fit(plan)
            best, target = plan.assessment.best, plan.roadmap.target
            h.record(Entry(
                recorded_at=f"{day}T09:00:00+00:00", assessed_on=day, ladder_id=ladder.id, ladder_version=ladder.version,
                profile=profile_data(person), plan=data, fit_met=met, fit_total=total,
                best_fit=best.id if best else None, best_fit_title=best.title if best else None,
                target=target.id if target else None, eta_months=estimate(plan), source="bench",
            ))
        targets = len({r.target for r in h.list(ladder="pmo-career")})
    return {"count": count, "plan_bytes_median": int(statistics.median(sizes)), "pmo_career_targets": targets,
            "file_mb": round((home / "data" / "history.sqlite3").stat().st_size / 1e6, 2)}


def copies(folder: Path) -> None:
    text = (ROOT / "ladders" / "pmo-career.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    for n in range(COPIES):
        body = text.replace("\nid: pmo-career\n", f"\nid: pmo-copy-{n:02d}\n").replace(
            "\nname: PMO career ladder\n", f"\nname: PMO career ladder, copy {n}\n")
        (folder / f"pmo-copy-{n:02d}.yaml").write_text(body, encoding="utf-8")


def cases(ladders: Path) -> dict[str, list[str]]:
    pm = startup.pmladder()
    profile = str(startup.PROFILE)
    return {
        "floor": [sys.executable, str(startup.FLOOR_APP), "hello"],
        "assess": pm + ["assess", "--ladder", "pmo-career", "--profile", profile, "--format", "json"],
        "assess_text": pm + ["assess", "--ladder", "pmo-career", "--profile", profile],
        "where": pm + ["where", "--profile", profile, "--ladders-dir", str(ladders), "--format", "json"],
        "where_text": pm + ["where", "--profile", profile, "--ladders-dir", str(ladders)],
        "history": pm + ["history"],
        "history_json": pm + ["history", "--format", "json"],
        "progress": pm + ["progress"],
        "progress_markdown": pm + ["progress", "--format", "markdown"],
        "progress_json": pm + ["progress", "--format", "json"],
        "progress_since": pm + ["progress", "--since", "2010-01-01"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pmladder-history-cli-bench-") as tmp:
        home = Path(tmp) / "home"
        written = fill(home, args.count)
        ladders = Path(tmp) / "ladders"
        copies(ladders)
        startup.ENV.update({"PMLADDER_HOME": str(home), "COLUMNS": "100"})
        cmds = cases(ladders)
        times = startup.time_cases(cmds, args.runs, args.seed)
    med = {k: statistics.median(v) for k, v in times.items()}
    floor = med["floor"]
    rows = [{"case": k, "median_ms": round(med[k], 1), "min_ms": round(min(times[k]), 1), "ratio": round(med[k] / floor, 2)} for k in cmds]
    targets = [{"target": f"{k} < {SECOND_MS:g} ms", "value": round(med[k], 1), "ok": med[k] < SECOND_MS}
               for k in cmds if k.startswith(("history", "progress"))]
    for case, base in (("where", "assess"), ("where_text", "assess_text")):
        ratio = med[case] / med[base]
        targets.append({"target": f"{case} <= {WHERE_RATIO}x {base}", "value": round(ratio, 2), "ok": ratio <= WHERE_RATIO})
    result = {"runs": args.runs, "written": written, "cases": rows, "targets": targets}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"history/progress/where: {written['count']} assessments (plan JSON median {written['plan_bytes_median']} bytes, "
              f"file {written['file_mb']} MB), {COPIES} custom ladders; medians of {args.runs} interleaved runs, Python {sys.version.split()[0]}")
        print()
        print(f"{'case':<18} {'median ms':>9} {'min ms':>7} {'x floor':>7}")
        for r in rows:
            print(f"{r['case']:<18} {r['median_ms']:>9.1f} {r['min_ms']:>7.1f} {r['ratio']:>7.2f}")
        print()
        print("targets")
        for t in targets:
            print(f"  {t['target']:<36} {t['value']:>8}  {'PASS' if t['ok'] else 'FAIL'}")
    return 1 if args.check and not all(t["ok"] for t in targets) else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
