"""`views.team_stream.place`: the units' results in their order whichever process placed them, with the helpers
forked (two pipes) or in a process pool (where there is no fork); a helper that dies or fails leaves its chunks to
this process; an error here ends the helpers."""

from __future__ import annotations

import os
import time

import pytest

from pmladder.views import team_stream

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helpers are forked")
PARENT = os.getpid()


def _pids(chunk, _ctx):
    time.sleep(0.001 * (len(chunk) % 3))  # chunks finish out of order
    return [(u, os.getpid()) for u in chunk]


def _no_setup(_req) -> None:
    return None


def _children() -> set[int]:
    out: set[int] = set()
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as fh:
                out |= {int(c) for c in fh.read().split()}
    except OSError:
        pass
    return out


@needs_fork
@pytest.mark.parametrize("forked", [True, False])
@pytest.mark.parametrize("total", [1, 49, 3001])
def test_every_unit_in_order_from_both_processes(monkeypatch, forked, total):
    monkeypatch.setattr(team_stream, "_FORK", forked)
    seen = []
    out = team_stream.place(None, list(range(total)), 2, lambda done, of: seen.append((done, of)), _pids, _no_setup)
    assert [u for u, _pid in out] == list(range(total))
    if total > 1000:
        assert len({pid for _u, pid in out}) == 2  # this process and a helper both took a share
    assert seen[-1] == (total, total)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def _send(results) -> bytes:
    return repr(results).encode()


def _keep(data):
    import ast

    return ast.literal_eval(data.decode()) if isinstance(data, bytes) else data


@needs_fork
def test_send_and_keep_shape_what_crosses():
    out = team_stream.place(None, list(range(500)), 2, None, _pids, _no_setup, send=_send, keep=_keep)
    assert [u for u, _pid in out] == list(range(500))


def _dies(chunk, _ctx):
    if os.getpid() != PARENT and chunk[0] >= 200:
        os._exit(9)  # killed in the middle of its work (out of memory, say)
    return _pids(chunk, _ctx)


def _fails(chunk, _ctx):
    if os.getpid() != PARENT and chunk[0] >= 200:
        raise MemoryError
    return _pids(chunk, _ctx)


@needs_fork
@pytest.mark.parametrize("run", [_dies, _fails])
def test_a_helper_that_dies_leaves_its_chunks_to_this_process(run):
    before = _children()
    out = team_stream.place(None, list(range(2000)), 2, None, run, _no_setup)
    assert [u for u, _pid in out] == list(range(2000))
    assert all(pid == PARENT for u, pid in out if u >= 400)  # the helper stopped at 200 (or soon after): the rest is ours
    assert _children() == before  # the helper was waited for


class Boom(Exception):
    pass


def _parent_fails(chunk, _ctx):
    if os.getpid() == PARENT and chunk[0] >= 300:
        raise Boom
    time.sleep(0.01)
    return [(u, os.getpid()) for u in chunk]


@needs_fork
def test_an_error_here_ends_the_helpers_and_goes_up():
    before = _children()
    with pytest.raises(Boom):
        team_stream.place(None, list(range(5000)), 2, None, _parent_fails, _no_setup)
    assert _children() == before  # stopped and waited for: none left behind


@needs_fork
def test_warm_runs_once_here_while_the_helpers_place_and_a_failure_in_it_changes_nothing():
    calls = []

    def warm():
        calls.append(os.getpid())
        raise ImportError("no head start")

    out = team_stream.place(None, list(range(500)), 2, None, _pids, _no_setup, warm=warm)
    assert [u for u, _pid in out] == list(range(500))
    assert calls == [PARENT]


@needs_fork
def test_no_process_to_be_had_this_one_does_the_work(monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(team_stream.os, "fork", refuse)
    out = team_stream.place(None, list(range(300)), 2, None, _pids, _no_setup)
    assert out == [(u, PARENT) for u in range(300)]
