"""Benchmark `pmladder team`: 1,000, 10,000 and 100,000 generated profiles on one ladder.

Stdlib only. Generates teams from the test personas (tests/personas.py) with jitter (years,
ratings and certificates moved a little, every name different), writes them as profile
files into a temporary folder (100 files a sub-folder, as teams keep them), and runs the
installed `pmladder team DIR --ladder LADDER` on each: the text report (what a PMO lead reads;
stdout is not a terminal, so no colours and no progress bar) with one worker and with two, and
the CSV export (one row a person) with two. For each it reports:

- seconds (wall clock, median of the runs) and CPU seconds (user + system, all processes);
  CPU over wall is how many cores the run kept busy (at most 2.0 on two cores);
- peak memory: `resource.getrusage(RUSAGE_CHILDREN)` gives the largest single process; on
  Linux the whole process tree (the parent and its workers together) is also sampled every 10 ms;
- the ratio to the time a fresh Python takes to just read and parse the same files with
  PyYAML's fastest safe loader (`yaml.load(..., Loader=yaml.CSafeLoader)`, also a median),
  so the speed of the machine cancels out;
- seconds per 1,000 profiles, which stays flat when the cost grows linearly.

Two workers can only help as much as the machine has a second core free: before each team
size the bench times one CPU-bound process and then two side by side. Two take 1.0x the time
of one when the second core is free and 2.0x when it is not; the table gives the free share
of the second core, (2 - that ratio), as a percentage, with the load average.

    python bench/team_bench.py                       # 1,000, 10,000 (3 runs each), 100,000 (1 run)
    python bench/team_bench.py --sizes 1000 10000 --runs 5
    python bench/team_bench.py --json                # the figures as JSON
    python bench/team_bench.py --check               # exit 1 when a target below is missed
    python bench/team_bench.py --source DIR          # run the pmladder whose sources are in DIR (a "before")

Targets (--check, for the sizes that were run): 10,000 profiles as text with two workers in at
most 2 s and at most 1.0x the C loader's read of the same files; 100,000 in linear time (seconds
per 1,000 within 1.3x of 10,000's) and with the whole process tree under MAX_MIB.

Run it with the interpreter of an environment where pmladder is installed (it runs the
`pmladder` script beside that interpreter, else `python -m pmladder`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from personas import PERSONAS  # noqa: E402

LADDER = "pmo-career"
TODAY = "2026-11-22"
TARGET_SECONDS = 2.0  # 10,000 profiles, text, two workers
TARGET_RATIO = 1.0  # to the C loader's read of the same files
LINEAR = 1.3  # seconds per 1,000 at 100,000 over those at 10,000
MAX_MIB = 300  # the whole process tree at 100,000 profiles


def command() -> list[str]:
    script = Path(sys.executable).with_name("pmladder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmladder"]


# --- a generated team ------------------------------------------------------------------------


def jitter(profile: dict, rng: random.Random, n: int) -> dict:
    out = {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v) for k, v in profile.items()}
    out["name"] = f"{profile.get('name') or 'Anonymous'} {n:05d}"
    facts = out.get("facts", {})
    for key, value in list(facts.items()):
        if key.startswith("years"):
            facts[key] = max(0, round(value + rng.choice((-1, -0.5, 0, 0, 0.5, 1)), 1))
        elif key == "pm_training_hours":
            facts[key] = max(0, value + rng.choice((-10, 0, 0, 10, 20)))
        elif key == "team_size":
            facts[key] = max(0, value + rng.choice((-2, 0, 0, 3)))
    comps = out.get("competencies", {})
    for key, value in list(comps.items()):
        if rng.random() < 0.3:
            comps[key] = min(5, max(0, value + rng.choice((-1, 1))))
    certs = out.get("certifications")
    if certs and rng.random() < 0.2:
        out["certifications"] = certs[:-1]
    return out


def dump(profile: dict) -> str:
    """A profile file as pmladder writes it (block style; what yaml.safe_dump writes, without needing PyYAML here)."""
    lines = ["# pmladder profile (generated for bench/team_bench.py)"]
    for key, value in profile.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]" if len(value) < 2 else f"{key}:")
            if len(value) >= 2:
                lines += [f"- {v}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def make_team(folder: Path, size: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    people = [p.profile for p in PERSONAS if p.profile.get("name")]
    for n in range(size):
        sub = folder / f"unit-{n // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"person-{n:05d}.yaml").write_text(dump(jitter(rng.choice(people), rng, n)), encoding="utf-8")


# --- measuring -------------------------------------------------------------------------------

WRAP = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(f"{wall} {use.ru_maxrss} {done.returncode} {use.ru_utime + use.ru_stime}\n")
sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
"""

YAML_ONLY = r"""
import os, sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(root, name), "rb") as fh:
                yaml.load(fh.read(), Loader=loader)
            n += 1
print(n)
"""


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run(argv: list[str], env: dict) -> dict:
    """One run in a fresh wrapper process, so getrusage(RUSAGE_CHILDREN) sees only this run."""
    proc = subprocess.Popen([sys.executable, "-c", WRAP, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak_tree = 0
    if os.path.isdir("/proc"):
        def sample() -> None:
            nonlocal peak_tree
            while proc.poll() is None:
                peak_tree = max(peak_tree, tree_rss(proc.pid) - tree_rss_self(proc.pid))
                time.sleep(0.01)
        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
    out, err = proc.communicate()
    if os.path.isdir("/proc"):
        watcher.join()
    wall, peak, rc, cpu = out.decode().split()
    if int(rc) not in (0, 65):
        raise SystemExit(f"{' '.join(argv)} failed with exit {rc}:\n{err.decode()}")
    return {"seconds": float(wall), "cpu": float(cpu), "peak_mib": int(peak) / 1024, "tree_mib": peak_tree / 1024 if peak_tree else None}


def tree_rss_self(pid: int) -> int:
    """The wrapper's own memory, left out of the tree figure."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def median_run(argv: list[str], env: dict, runs: int) -> dict:
    results = [run(argv, env) for _ in range(runs)]
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "peak_mib": max(r["peak_mib"] for r in results),
        "tree_mib": max((r["tree_mib"] or 0) for r in results) or None,
    }


SPIN = "import sys\nn = 0\nfor i in range(int(sys.argv[1])): n += i\n"


def second_core(n: int = 15_000_000) -> float:
    """Wall time of two CPU-bound processes side by side over one alone: 1.0 when a second core is free."""
    def wall(k: int) -> float:
        t = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN, str(n)]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.perf_counter() - t

    one = statistics.median(wall(1) for _ in range(3))
    two = statistics.median(wall(2) for _ in range(3))
    return two / one


def free_share(ratio: float) -> float:
    """How much of a second core was free: 100% when two processes took as long as one, 0% when twice as long."""
    return max(0.0, min(1.0, 2.0 - ratio)) * 100


def bench(sizes: list[int], runs: int, workers: list[int], big_runs: int, source: str | None = None,
          formats: tuple[str, ...] = ("text", "csv")) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "PMLADDER_HOME": tempfile.mkdtemp(prefix="pmladder-bench-home-")}
    if source:
        env["PYTHONPATH"] = source + os.pathsep + env.get("PYTHONPATH", "")
    base = Path(tempfile.mkdtemp(prefix="pmladder-team-bench-"))
    rows = []
    context = {"cpus": os.cpu_count(), "load_before": os.getloadavg(), "source": source or "installed"}
    try:
        subprocess.run(command() + ["ladders"], env=env, stdout=subprocess.DEVNULL, check=True)  # fills the ladder cache
        for size in sizes:
            n = runs if size < 100_000 else big_runs
            folder = base / f"team-{size}"
            make_team(folder, size)
            row = {"profiles": size, "runs": n, "second_core": second_core(), "load": os.getloadavg()[0], "cases": {}}
            yaml_only = median_run([sys.executable, "-c", YAML_ONLY, str(folder)], env, n)
            row["yaml_only_seconds"] = yaml_only["seconds"]
            team = command() + ["team", str(folder), "--ladder", LADDER, "--today", TODAY]
            cases = {f"text, {w} worker{'s' if w > 1 else ''}": ["--workers", str(w)] for w in workers} if "text" in formats else {}
            if "csv" in formats:
                cases[f"csv, {max(workers)} worker{'s' if max(workers) > 1 else ''}"] = ["--format", "csv", "--workers", str(max(workers))]
            for name, extra in cases.items():
                r = median_run(team + extra, env, n)
                r["ratio_to_yaml"] = r["seconds"] / yaml_only["seconds"]
                r["seconds_per_1000"] = r["seconds"] / size * 1000
                r["cores_busy"] = r["cpu"] / r["seconds"] if r["seconds"] else 0.0
                row["cases"][name] = r
            rows.append(row)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(env["PMLADDER_HOME"], ignore_errors=True)
    context["load_after"] = os.getloadavg()
    return {"context": context, "rows": rows}


def table(result: dict) -> str:
    c = result["context"]
    out = [f"{c['cpus']} CPUs; pmladder from {c['source']}; load average {c['load_before'][0]:.2f} before, {c['load_after'][0]:.2f} after", "",
           "| profiles | case | seconds | CPU s | cores busy | s / 1,000 | peak MiB, largest process | peak MiB, all processes "
           "| YAML-only s | ratio | second core free |",
           "| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |"]
    for row in result["rows"]:
        for name, r in row["cases"].items():
            tree = f"{r['tree_mib']:.0f}" if r["tree_mib"] else "n/a"
            out.append(f"| {row['profiles']:,} | {name} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['cores_busy']:.2f} "
                       f"| {r['seconds_per_1000']:.3f} | {r['peak_mib']:.0f} | {tree} | {row['yaml_only_seconds']:.2f} "
                       f"| {r['ratio_to_yaml']:.2f} | {free_share(row['second_core']):.0f}% |")
    return "\n".join(out)


def misses(result: dict, workers: int) -> list[str]:
    """The targets missed, for the sizes that were run."""
    rows = {row["profiles"]: row for row in result["rows"]}
    case = f"text, {workers} worker{'s' if workers > 1 else ''}"
    out = []
    ten = rows.get(10_000, {}).get("cases", {}).get(case)
    if ten:
        if ten["seconds"] > TARGET_SECONDS:
            out.append(f"10,000 profiles ({case}): {ten['seconds']:.2f} s (target {TARGET_SECONDS} s)")
        if ten["ratio_to_yaml"] > TARGET_RATIO:
            out.append(f"10,000 profiles ({case}): {ten['ratio_to_yaml']:.2f}x the C loader's read (target {TARGET_RATIO}x)")
    big = rows.get(100_000, {}).get("cases", {}).get(case)
    if big and ten and big["seconds_per_1000"] > LINEAR * ten["seconds_per_1000"]:
        out.append(f"100,000 profiles: {big['seconds_per_1000']:.3f} s / 1,000 against {ten['seconds_per_1000']:.3f} at 10,000 "
                   f"(target at most {LINEAR}x)")
    if big:
        for name, r in rows[100_000]["cases"].items():
            mib = r["tree_mib"] or r["peak_mib"]
            if mib > MAX_MIB:
                out.append(f"100,000 profiles ({name}): {mib:.0f} MiB (target {MAX_MIB} MiB)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big-runs", type=int, default=1, help="runs at 100,000 profiles and over")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--source", help="a folder holding the pmladder package to run instead of the installed one")
    parser.add_argument("--formats", nargs="+", choices=("text", "csv"), default=["text", "csv"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    result = bench(args.sizes, args.runs, args.workers, args.big_runs, args.source, tuple(args.formats))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"pmladder team on {LADDER}, median of {args.runs} runs ({args.big_runs} at 100,000)")
        print(table(result))
    if args.check:
        missed = misses(result, max(args.workers))
        for line in missed:
            print(f"target missed: {line}", file=sys.stderr)
        return 1 if missed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
