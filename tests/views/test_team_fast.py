"""The team path made quicker (issue 23, team2): the profile reader `team` uses, the checks it runs on every
number, one read a file, and the report's figures worked out once, all with the results they had.

- `read_yaml` (quick reader, then `profiles.check`) gives what the safe path gives (PyYAML, then the same check):
  the same profile, or the same problems at the same FILE:LINE:COL, for generated profile files;
- whatever the quick reader takes, PyYAML's C loader reads as the same data;
- the checker still refuses every number out of range, whatever its type (a property against the rules written out);
- a file is read whole in one read, and one byte over the cap is still refused;
- a gap's shortfalls are counted once and handed out as copies.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmladder.inputs.loader import load_library
from personas import PERSONAS

VOCAB = load_library().vocabulary()
FACTS = sorted(VOCAB.facts)
COMPS = sorted(VOCAB.comps)
CERTS = sorted(VOCAB.certs)
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# --- generated profile files ---------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(-3, 12), st.integers(0, 10**25), st.sampled_from([0.5, 2.5, 99.75, 1000.0, 10**6 + 0.5]),
    st.sampled_from(["-1", "-0.5", "1e3", "010", ".inf", "-.inf", ".nan", "0x1F", "1_000", "3.", "+2", "true", "~", "''", "lots"]),
)
RATINGS = st.one_of(st.integers(-2, 12), st.sampled_from(["3.0", "true", "no", "~", "''", "'3'", "2.5", "1e1", "007"]))
TEXTS = st.one_of(
    st.sampled_from(["Alex Chen", "王芳", "'quoted'", '"dq"', "yes", "null", "2026-11-22", "123", "Evil <b>x</b> | y"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=10).map(
        lambda s: "'" + s.replace("'", "") + "'"),
)


# made once (hypothesis checks each new strategy object when it is first drawn from): the same strategies
_SCHEMA = st.sampled_from(['1', '2', 'true', '1.0'])
_ABOUT = st.lists(st.sampled_from(["current_title", "department", "manager", "education", "assessed_on", "track"]),
                  unique=True, max_size=3)
_ABOUT_VALUE = {"education": st.sampled_from(["bachelor", "master", "none", "phd", "no"]),
                "assessed_on": st.sampled_from(["2026-01-31", "2026-02-30", "1800-01-01"]),
                "track": st.sampled_from(["delivery", "Bad Track"])}
_FACT_LINES = st.lists(st.tuples(st.sampled_from(FACTS + ["no_such_fact"]), NUMBERS), max_size=6, unique_by=lambda kv: kv[0])
_COMP_LINES = st.lists(st.tuples(st.sampled_from(COMPS + ["no_such_skill"]), RATINGS), max_size=8, unique_by=lambda kv: kv[0])
_CERT_LIST = st.lists(st.sampled_from(CERTS[:8] + ["NOPE"]), max_size=3)
_LAST_YEAR = st.sampled_from(['2020', '1900', '2020.5', 'x'])


@st.composite
def profile_file(draw) -> str:
    """A profile file in the block style pmladder and people write, with odd values among the good ones."""
    lines = ["# a profile"] if draw(st.booleans()) else []
    if draw(st.booleans()):
        lines.append(f"schema_version: {draw(_SCHEMA)}")
    lines.append(f"name: {draw(TEXTS)}")
    for key in draw(_ABOUT):
        value = _ABOUT_VALUE.get(key, TEXTS)
        lines.append(f"{key}: {draw(value)}")
    facts = draw(_FACT_LINES)
    if facts:
        lines.append("facts:")
        lines += [f"  {k}: {v}" for k, v in facts]
    comps = draw(_COMP_LINES)
    if comps:
        lines.append("competencies:")
        lines += [f"  {k}: {v}" for k, v in comps]
    certs = draw(_CERT_LIST)
    if certs or draw(st.booleans()):
        if len(certs) < 2:
            lines.append(f"certifications: [{', '.join(certs)}]")
        else:
            lines.append("certifications:")
            lines += [f"- {c}" for c in certs]
    if draw(st.booleans()):
        lines.append(f"last_year:\n  years_experience: {draw(_LAST_YEAR)}")
    return "\n".join(lines) + "\n"


def outcome(read, path: str):
    """A profile, or the problems as a user reads them."""
    from pmladder.inputs.yamlsafe import DataError

    try:
        return read(path)
    except DataError as exc:
        return [str(p) for p in exc.problems]


def safe_read(path: str):
    """The safe path: PyYAML (yamlsafe), then the same check."""
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import parse_bytes

    with open(path, "rb") as fh:
        return check(parse_bytes(fh.read(), path), VOCAB)


@SETTINGS
@given(profile_file())
def test_team_reader_gives_what_the_yaml_loader_and_checker_give(tmp_path_factory, text):
    from pmladder.inputs.team import read_yaml

    path = str(tmp_path_factory.mktemp("p") / "p.yaml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    quick = outcome(lambda p: read_yaml(p, p, VOCAB), path)
    assert quick == outcome(safe_read, path), text


@SETTINGS
@given(profile_file())
def test_what_the_quick_reader_takes_the_c_loader_reads_alike(text):
    from pmladder.inputs.quickyaml import parse

    doc = parse(text, "p.yaml")
    if doc is not None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        assert doc.data == yaml.load(text, Loader=loader), text


def test_plain_profiles_take_the_quick_path():
    """The properties above are about the quick path: files as teams save them must go through it, not around it."""
    import random

    from pmladder.inputs.quickyaml import parse

    rng = random.Random(5)
    assert all(parse(_plain_profile(rng, n), "p.yaml") is not None for n in range(200))


def _plain_profile(rng, n: int) -> str:
    facts = "\n".join(f"  {k}: {rng.choice([0, 1, 2.5, 7, 40])}" for k in rng.sample(FACTS, 4))
    comps = "\n".join(f"  {k}: {rng.randint(0, 5)}" for k in rng.sample(COMPS, 6))
    return f"name: Person {n}\nfacts:\n{facts}\ncompetencies:\n{comps}\ncertifications: [{rng.choice(CERTS[:5])}]\n"


# --- every number range-checked ------------------------------------------------------------------------

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.integers(-2, 12),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([-0.0, 0.0, 1e308, 2.0, 5.0]),
    st.sampled_from(["", "  ", "3", "x"]), st.lists(st.integers(0, 3), max_size=2),
)


class _Doc:
    """A parsed document as `check` reads it: data, and where a problem points (its location as the position)."""

    def __init__(self, data):
        self.path, self.data = "f.yaml", data

    def problem(self, loc, message, key=False):
        from pmladder.inputs.yamlsafe import Problem

        return Problem(self.path, len(loc), 1, f"{'.'.join(map(str, loc))}|{message}")


def _fact_ok(key, value) -> bool:
    if key not in VOCAB.facts or isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return 0 <= value <= VOCAB.facts[key].max


def _rating_ok(key, value) -> bool:
    return key in VOCAB.comps and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= VOCAB.comps[key].top


@SETTINGS
@given(st.dictionaries(st.sampled_from(FACTS[:5] + ["nope"]), VALUES, max_size=5),
       st.dictionaries(st.sampled_from(COMPS[:5] + ["nope"]), VALUES, max_size=5))
def test_every_fact_and_rating_is_range_checked_whatever_its_type(facts, comps):
    """The rules, written out here: a fact is a finite number from 0 to its maximum (not true/false), a rating a whole
    number from 0 to its scale's top; an empty answer is unknown; anything else is a problem, named by its key."""
    from pmladder.inputs.profiles import check
    from pmladder.inputs.yamlsafe import DataError

    def empty(v):
        return v is None or (isinstance(v, str) and not v.strip())

    bad = sorted([f"facts.{k}" for k, v in facts.items() if not empty(v) and not _fact_ok(k, v)]
                 + [f"competencies.{k}" for k, v in comps.items() if not empty(v) and not _rating_ok(k, v)])
    try:
        profile = check(_Doc({"name": "A", "facts": dict(facts), "competencies": dict(comps)}), VOCAB)
    except DataError as exc:
        assert bad, exc.problems
        assert sorted(p.message.split("|")[0] for p in exc.problems) == bad
        return
    assert not bad
    assert profile.facts == {k: float(v) for k, v in facts.items() if not empty(v)}
    assert all(type(x) is float for x in profile.facts.values())
    assert profile.competencies == {k: v for k, v in comps.items() if not empty(v)}


def test_team_reports_out_of_range_numbers_by_file_line_and_column(tmp_path, invoke):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "ok.yaml").write_text("name: Ok\nfacts:\n  years_experience: 4\ncompetencies:\n  risk: 3\n", encoding="utf-8")
    (folder / "big.yaml").write_text("name: Big\nfacts:\n  years_experience: 5000\n", encoding="utf-8")
    (folder / "neg.yaml").write_text("name: Neg\ncompetencies:\n  risk: -1\n", encoding="utf-8")
    (folder / "top.yaml").write_text("name: Top\ncompetencies:\n  risk: 6\n", encoding="utf-8")
    (folder / "huge.yaml").write_text("name: Huge\nfacts:\n  team_size: 1" + "0" * 40 + "\n", encoding="utf-8")
    result = invoke("team", folder, "--ladder", "pmo-career", "--today", "2026-11-22")
    assert result.exit_code == 65, result.output
    out = " ".join(result.stdout.split())
    assert f"{folder / 'big.yaml'}:3:21: facts.years_experience: 5000 looks too high" in out
    assert f"{folder / 'neg.yaml'}:3:9: competencies.risk: should be a whole number from 0 to 5" in out
    assert f"{folder / 'top.yaml'}:3:9: competencies.risk: should be a whole number from 0 to 5" in out
    assert f"{folder / 'huge.yaml'}:3:14: facts.team_size:" in out
    assert "1 profile read from 5 files; 4 skipped" in out


# --- one read a file, the cap kept ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 8191, 8192, 8193, 70000])
def test_a_file_is_read_whole(tmp_path, size):
    from pmladder.store.fsio import read_regular

    path = tmp_path / "f"
    data = os.urandom(size)
    path.write_bytes(data)
    assert read_regular(path, 1 << 20) == data


def test_one_byte_over_the_cap_is_refused_and_the_cap_itself_is_read(tmp_path):
    from pmladder.inputs.team import read_bytes
    from pmladder.inputs.yamlsafe import MAX_BYTES, DataError

    at = tmp_path / "at.yaml"
    at.write_bytes(b"#" * MAX_BYTES)
    assert len(read_bytes(str(at), "at.yaml")) == MAX_BYTES
    over = tmp_path / "over.yaml"
    over.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(DataError) as exc:
        read_bytes(str(over), "over.yaml")
    assert str(exc.value.problems[0]).startswith("over.yaml:1:1:") and "1024 KiB" in str(exc.value.problems[0])


def test_the_reader_reads_a_file_with_one_read_call(tmp_path):
    """A regular file ends where a read comes back short: no second read to find the end (strace-free: a FIFO would
    block, so count the reads by wrapping os.read in this process)."""
    from pmladder.store import fsio

    path = tmp_path / "p.yaml"
    path.write_text("name: A\n", encoding="utf-8")
    calls = []
    real = os.read

    def counting(fd, n):
        calls.append(n)
        return real(fd, n)

    fsio.os.read = counting
    try:
        assert fsio.read_regular(path, 1 << 20) == b"name: A\n"
    finally:
        fsio.os.read = real
    assert len(calls) == 1


# --- a gap's shortfalls, counted once ------------------------------------------------------------------


def test_shortfalls_are_counted_once_and_handed_out_as_copies(tmp_path):
    from pmladder.views.team import GapRows, Request, build_team, shortfall
    from pmladder.inputs.team import find

    folder = tmp_path / "t"
    folder.mkdir()
    for n, p in enumerate(PERSONAS):
        (folder / f"p{n}.yaml").write_text(yaml.safe_dump(p.profile, allow_unicode=True), encoding="utf-8")
    lib = load_library()
    sources, _empty = find([str(folder)])
    team = build_team(Request(lib.get("pmo-career").ladder, lib.vocabulary(), dt.date(2026, 11, 22)), sources)
    assert len(team.gaps) > 3 and any(len(g.shortfalls()) > 1 for g in team.gaps)
    for g in team.gaps:
        assert isinstance(g.people, GapRows)
        fresh = Counter()
        for _i, _s, have, need in tuple(g.people):
            by = shortfall(g.kind, have, need)
            if by is not None:
                fresh[by] += 1
        first = g.shortfalls()
        assert first == fresh
        first[99] += 1  # a caller's copy: changing it changes nothing kept
        assert g.shortfalls() == fresh


# --- `--workers N` read without Typer's pydantic path ---------------------------------------------------


def test_workers_given_as_a_number_starts_no_pydantic(tmp_path):
    """`pmladder team DIR --workers 2` (as the benchmark and scripts run it) reads the number itself: pydantic, which
    Typer's own coercion loads (about a third of a second), is never imported; the report is the one-worker report."""
    import subprocess
    import sys

    folder = tmp_path / "team"
    folder.mkdir()
    for n, p in enumerate(PERSONAS[:3]):
        (folder / f"p{n}.yaml").write_text(yaml.safe_dump(p.profile, allow_unicode=True), encoding="utf-8")
    code = ("import sys\nfrom pmladder.cli import main\ntry:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "sys.stderr.write(f'\\nexit={code} pydantic={\"pydantic\" in sys.modules}')\n")
    outs = []
    for workers in ((), ("--workers", "1"), ("--workers", "2")):  # the first fills the ladder cache (a cold one may use pydantic)
        done = subprocess.run([sys.executable, "-c", code, "team", str(folder), "--ladder", "pmo-career", "--today", "2026-11-22",
                               "--format", "json", *workers], capture_output=True, text=True, timeout=120)
        assert done.stderr.endswith("exit=0 pydantic=False") or not workers, done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1] == outs[2] and '"people"' in outs[0]


@pytest.mark.parametrize("value, message", [("0", "the smallest value allowed is 1"), ("65", "the largest value allowed is 64"),
                                            ("x", "a whole number is expected"), ("\uff12", "a whole number is expected")])
def test_workers_out_of_range_or_not_a_number_is_a_usage_error(tmp_path, invoke, value, message):
    (tmp_path / "p.yaml").write_text("name: A\n", encoding="utf-8")
    result = invoke("team", tmp_path, "--ladder", "pmo-career", "--workers", value)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


@pytest.mark.parametrize("value", ["02", "+2", "2"])
def test_workers_written_otherwise_is_read_as_before(tmp_path, invoke, value):
    (tmp_path / "p.yaml").write_text("name: A\n", encoding="utf-8")
    result = invoke("team", tmp_path, "--ladder", "pmo-career", "--workers", value, "--format", "json")
    assert result.exit_code == 0, result.stderr
