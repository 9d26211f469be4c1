"""A large team is kept small: each person's summary shares what repeats from person to person, a
gap's people are kept as numbers, and the JSON report is written person by person; none of it
changes what the report says.

- kept per person: measured with tracemalloc (the summaries and the team's figures, after a first
  run has filled the readers' caches), well under what a plain summary costs;
- what is shared is equal *and* of the same type (1, 1.0, True, -0.0 print differently);
- the ladder's requirements come back from a helper process as the ladder's own objects;
- the JSON report in pieces is the JSON report.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import tracemalloc
from pathlib import Path

import pytest
import yaml

from teamdata import write_org

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load and safe_dump, in C where PyYAML has libyaml
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

LADDER = "pmo-career"
TODAY = dt.date(2026, 11, 22)
COPIES = 12  # 12 x 19 people


def request(workers: int | None = None):
    from pmladder.inputs.loader import load_library
    from pmladder.views import team as vt

    lib = load_library()
    loaded = lib.get(LADDER)
    return vt.Request(loaded.ladder, lib.vocabulary(), TODAY, origin=loaded.origin, lang=None,
                      role_from=lib.catalog.role_ratings_from, workers=workers)


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory) -> Path:
    """The test organisation `COPIES` times over, each copy with other years and names (as a real team differs)."""
    folder = tmp_path_factory.mktemp("kept")
    first = write_org(folder / "copy-00")
    for n in range(1, COPIES):
        sub = folder / f"copy-{n:02d}"
        sub.mkdir()
        for path in first.values():
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            data["name"] = f"{data.get('name') or 'Anonymous'} {n}"
            facts = data.get("facts") or {}
            for key in facts:
                if key.startswith("years"):
                    facts[key] = round(facts[key] + (n % 5 - 2) * 0.5, 1) if facts[key] >= 1.5 else facts[key]
            (sub / path.name).write_text(yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def build(folder: Path | list, workers: int | None = None, req=None):
    """The team of `folder`; `req`: the request to use (by default a new one, with the ladder loaded again)."""
    from pmladder.inputs.team import find
    from pmladder.views.team import build_team

    sources, empty = find([str(f) for f in folder] if isinstance(folder, list) else [str(folder)])
    return build_team(req or request(workers), sources, tuple(empty))


def kept(folders: list, req):
    """(people, bytes the team holds) after the team of `folders` is built with `req` (measured by tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        team = build(folders, 1, req)
        gc.collect()
        return team.read, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_a_person_adds_under_1200_bytes(team_dir):
    """The bytes each further person adds (a team's fixed cost left out): a plain summary cost about 1,650 here (900 now)."""
    folders = sorted(team_dir.iterdir())
    req = request(1)  # one ladder object for the three runs: the tables it keeps are the ladder's, not the people's
    build(folders, 1, req)  # the readers' caches and the ladder's tables filled once
    few, small = kept(folders[:3], req)
    many, large = kept(folders, req)
    assert many == 19 * COPIES and few == 19 * 3
    slope = (large - small) / (many - few)
    assert slope < 1200, f"{slope:.0f} bytes a person"


def test_one_worker_and_two_keep_the_same_team_and_the_ladders_own_requirements(team_dir):
    from pmladder.views.team_keep import ladder_atoms

    one, two = build(team_dir, 1), build(team_dir, 2)
    assert two.workers == 2
    assert one.people == two.people and one.gaps == two.gaps and one.ready == two.ready and one.roster == two.roster
    ladder = {id(a) for a in ladder_atoms(two.ladder)}
    gaps = [o.atom for p in two.people for o in p.gaps]
    assert gaps and all(id(a) in ladder for a in gaps)  # not copies made by unpickling: one object each, shared
    assert all(id(a) in ladder for p in two.people for a in p.answers)


def test_a_gaps_people_read_as_rows_of_the_people_themselves(team_dir):
    team = build(team_dir, 1)
    for g in team.gaps:
        rows = tuple((i, o.state, o.have, o.atom.need) for i, p in enumerate(team.people) for o in p.gaps
                     if (o.atom.kind, o.atom.key) == (g.kind, g.key))
        assert g.people == rows and tuple(g.people) == rows and len(g.people) == len(rows) == g.count
        assert g.people[-1] == rows[-1] and g.people[1:3] == rows[1:3]


def test_shared_parts_keep_their_type_and_sign():
    from pmladder.engine.types import Atom, Kind
    from pmladder.views.team import Item, Open, Person
    from pmladder.views.team_keep import Keeper

    atom = Atom(Kind.FACT, "years_experience", 5)

    def person(have, need=5):
        return Person("f.yaml", "A", "pm", None, None, "pm2", "planned", 3, (Item("fact", "years_experience", have, need, 0, 3),),
                      (), (), False, (Open(atom, "short", have),), (), (), (), (), (), ())

    keeper = Keeper()
    values = (1, 1.0, True, 0.0, -0.0, 0, 2.5, None)
    for have in values * 2:  # each seen twice: the second is shared with the first
        kept = keeper.person(person(have))
        assert kept == person(have)
        assert repr(kept.gaps[0].have) == repr(have) and repr(kept.limits[0].have) == repr(have)
    first, again = keeper.person(person(2.5)), keeper.person(person(2.5))
    assert first.gaps[0] is again.gaps[0] and first.limits is again.limits


def test_the_json_report_written_in_pieces_is_the_json_report():
    from pmladder.render.team import Each, dump_parts, dumps

    people = [{"id": i, "name": f"P\x1b{i}"} for i in range(2500)]
    data = {"a": 1, "people": people, "gaps": [], "z": [{"x": 1}]}
    pieces = list(dump_parts({**data, "people": Each(len(people), lambda: iter(people))}))
    assert "".join(pieces) == dumps(data)
    assert len(pieces) >= 5  # the people three pieces of at most 1,000, beside the other keys
    assert json.loads("".join(pieces)) == data
    empty = {"people": Each(0, lambda: iter(()))}
    assert "".join(dump_parts(empty)) == dumps({"people": []})


def test_the_json_command_writes_the_report_the_renderer_draws(team_dir, invoke, tmp_path):
    from pmladder.render.team import dumps, team_json

    expected = dumps(team_json(build(team_dir, 1)._replace(workers=2)))
    out = tmp_path / "team.json"
    result = invoke("team", team_dir, "--ladder", LADDER, "--today", TODAY.isoformat(), "--workers", "2", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == expected
