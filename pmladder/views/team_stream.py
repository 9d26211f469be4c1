"""Reading and placing a team's profiles, in this process or shared with worker processes.

`place(req, units, workers, progress, run, init)` returns `run`'s results for `units` in their
order, whatever the number of workers, so the report is the same with one worker or several.

With two workers or more, this process is one of them: it forks `workers - 1` helpers and takes
chunks from the same list as they do, so a second core is used without a third process
competing for two cores, and only the helpers' share of the results is pickled back. What
crosses between processes is small: a chunk of `Unit`s (paths, or a spreadsheet row already
read) one way, the people's summaries (`Person`, `Skipped`) the other; the ladder and the
request reach the helpers once, through the fork (or `init` where there is no fork).

Ctrl-C: the helpers ignore SIGINT (a terminal sends it to the whole process group), so only this
process sees it; the helpers are stopped and the KeyboardInterrupt goes up to the command,
which exits 130 before anything is written.
"""

from __future__ import annotations

import gc
from collections import deque
from typing import Callable

CHUNK = 250  # units between two progress reports when placing in one process
# Placing people makes many small tuples and no reference cycles: collecting less often saves about 5%.
FEWER = (20000, 20, 20)


def chunk_size(total: int, workers: int) -> int:
    """Units a chunk: small enough that the processes finish together, large enough that sending costs little."""
    return max(50, min(200, -(-total // (workers * 12))))


def place(req, units: list, workers: int, progress: Callable | None, run: Callable, init: Callable,
          send: Callable | None = None, keep: Callable | None = None) -> list:
    """`run(chunk, ctx)` over every unit, in order; `init(req)` sets up a helper process and returns nothing.

    `send(results)`: what a helper sends back of a chunk's results (default: the results); `keep(results or what
    send made)`: what this process keeps of a chunk's results, each chunk as it is done (default: the results)."""
    keep = keep or _same
    total = len(units)
    before = gc.get_threshold()
    gc.set_threshold(*FEWER)
    try:
        if workers <= 1:
            out: list = []
            for start in range(0, total, CHUNK):
                out += keep(run(units[start:start + CHUNK], None))
                if progress:
                    progress(min(start + CHUNK, total), total)
            return out
        return _shared(req, units, workers, progress, run, init, send, keep)
    finally:
        gc.set_threshold(*before)


def _same(results):
    return results


def _remote(run: Callable, send: Callable | None, chunk: list):
    """A chunk placed in a helper process: what it sends back."""
    results = run(chunk, None)
    return send(results) if send else results


def _shared(req, units: list, workers: int, progress, run, init, send, keep) -> list:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    total = len(units)
    size = chunk_size(total, workers)
    chunks = [units[i:i + size] for i in range(0, total, size)]
    results: list = [None] * len(chunks)
    todo = deque(range(len(chunks)))
    helpers = workers - 1
    ahead = 3 * helpers  # chunks queued for the helpers, so none waits for the next
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    pool = ProcessPoolExecutor(helpers, mp_context=mp.get_context(method), initializer=_helper, initargs=(init, req))
    running: dict = {}
    done = 0
    try:
        while todo or running:
            while todo and len(running) < ahead:
                i = todo.popleft()
                running[pool.submit(_remote, run, send, chunks[i])] = i
            if todo:  # this process takes the last chunk of the list: the helpers work from the front
                i = todo.pop()
                results[i] = keep(run(chunks[i], None))
                done += len(chunks[i])
                finished = [f for f in running if f.done()]
            else:
                finished = list(wait(running, return_when=FIRST_COMPLETED).done)
            for fut in finished:
                i = running.pop(fut)
                results[i] = keep(fut.result())
                done += len(chunks[i])
            if progress:
                progress(done, total)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [r for chunk in results for r in chunk]


def _helper(init: Callable, req) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no traceback from a helper
    gc.freeze()  # what the helper starts with lives to its end: the collector need not walk it again
    gc.set_threshold(*FEWER)
    init(req)


def _stop(pool) -> None:
    """End the helpers now (Ctrl-C, or an error): queued chunks are dropped and running ones not waited for."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # taken now: shutdown() forgets it
    for p in processes:
        try:
            p.terminate()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        try:
            p.join(2)
        except (OSError, AssertionError, AttributeError):
            pass
    # the pool's own thread closes its wake-up pipe as it ends; left running, it races the interpreter's exit, which
    # writes to that pipe ("Exception ignored ... Bad file descriptor" after Ctrl-C): wait for it, briefly
    if manager is not None:
        try:
            manager.join(2)
        except RuntimeError:
            pass
