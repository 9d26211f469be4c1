"""Reading and placing a team's profiles, in this process or shared with worker processes.

`place(req, units, workers, progress, run, init)` returns `run`'s results for `units` in their
order, whatever the number of workers, so the report is the same with one worker or several.

With two workers or more, this process is one of them: it forks `workers - 1` helpers and takes
chunks from the same list as they do, so a second core is used without a third process
competing for two cores, and only the helpers' share of the results is pickled back.

Where there is `fork` (Linux, macOS, the BSDs) the helpers are plain forked processes and two
pipes are the whole protocol, with no thread in this process:

- the work: before forking, this process writes the number of every chunk into one pipe, 4 bytes
  each, and closes it. Every process (this one too) reads the next 4 bytes when it is free, so a
  chunk is taken by exactly one of them (a pipe read is taken whole by one reader) and whoever is
  faster takes more; an empty pipe ends the work. The units themselves reach the helpers through
  the fork, as do the ladder, the request and what was worked out from them: nothing is sent.
- the results: each helper writes each chunk's results (`send`, else pickled) into a pipe of its
  own, as the chunk's number, the length and the bytes. This process reads what has come between
  two of its own chunks (without waiting), and at the end waits for the rest.

A helper that dies (or fails) leaves its chunks unanswered: this process places them itself, so
the report is the same, or fails as it would in one process. Elsewhere (no `fork`) a
`ProcessPoolExecutor` does the same, its helpers set up by `init(req)`.

Ctrl-C: the helpers ignore SIGINT (a terminal sends it to the whole process group), so only this
process sees it; the helpers are stopped and the KeyboardInterrupt goes up to the command,
which exits 130 before anything is written.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from typing import Callable

CHUNK = 250  # units between two progress reports when placing in one process
# Placing people makes many small tuples and no reference cycles: collecting less often saves about 5%.
FEWER = (20000, 20, 20)
MOST_CHUNKS = 1024  # chunk numbers in the work pipe: 4 KiB, written whole before any reader starts (any pipe holds it)
_HEAD = 8  # a result's header: the chunk's number and the length of its bytes, 4 bytes each
_FORK = hasattr(os, "fork")  # else a process pool (tests set it to False to run that path here)


def chunk_size(total: int, workers: int) -> int:
    """Units a chunk: small enough that the processes finish together, large enough that sending costs little."""
    return max(50, min(200, -(-total // (workers * 12))))


def fork_chunk_size(total: int, workers: int) -> int:
    """Units a chunk where the helpers are forked: a chunk costs two small reads and writes, so chunks are small (the
    processes finish within a few milliseconds of each other), and never more than MOST_CHUNKS of them."""
    return max(-(-total // MOST_CHUNKS), min(40, max(10, total // (workers * 50))))


def place(req, units: list, workers: int, progress: Callable | None, run: Callable, init: Callable,
          send: Callable | None = None, keep: Callable | None = None, warm: Callable | None = None) -> list:
    """`run(chunk, ctx)` over every unit, in order; `init(req)` sets up a helper process where there is no fork (a forked
    helper has this process's state already) and returns nothing.

    `send(results)`: what a helper sends back of a chunk's results, as bytes (default: the results, pickled); `keep(results
    or what send made)`: what this process keeps of a chunk's results, each chunk as it is done (default: the results).
    `warm()`: what this process will need afterwards (say, the modules that draw the report), done once the helpers are
    forked, while they place people: the work is shared as it goes, so the helpers take more of it meanwhile."""
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
        if _FORK:
            return _forked(units, workers, progress, run, send, keep, warm)
        return _shared(req, units, workers, progress, run, init, send, keep)
    finally:
        gc.set_threshold(*before)


def _same(results):
    return results


# --- forked helpers and two pipes ------------------------------------------------------------------------------------


def _forked(units: list, workers: int, progress, run, send, keep, warm) -> list:
    import pickle

    total = len(units)
    size = fork_chunk_size(total, workers)
    n = -(-total // size)
    results: list = [None] * n
    counted = [0]  # units whose results are in

    def mine(k: int) -> None:
        start = k * size
        results[k] = keep(run(units[start:start + size], None))
        counted[0] += min(size, total - start)

    def theirs(k: int, data: bytes) -> None:
        results[k] = keep(data if send else pickle.loads(data))
        counted[0] += min(size, total - k * size)

    work_r, work_w = os.pipe()
    try:
        _write_all(work_w, b"".join(k.to_bytes(4, "little") for k in range(n)))
    finally:
        os.close(work_w)  # closed before forking: once the numbers are read, every reader finds the pipe empty
    helpers: list = []  # (pid, read end of its results, what has come of an unfinished result)
    gc.freeze()  # what this process holds now is the helpers' too: neither collector walks it (nor copies its pages)
    try:
        for _ in range(workers - 1):
            res_r, res_w = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no process to be had (a limit, memory): the ones there are, this one at least, do the work
                os.close(res_r)
                os.close(res_w)
                break
            if pid == 0:  # the helper: it never returns from here
                _helper_main(work_r, res_w, [h[1] for h in helpers] + [res_r], units, size, run, send)
            os.close(res_w)
            os.set_blocking(res_r, False)
            helpers.append([pid, res_r, bytearray()])
        if warm is not None:
            try:
                warm()
            except Exception:  # noqa: BLE001 - only a head start: whatever failed here fails again where it is needed
                pass
        while True:
            k = _take(work_r)
            if k is None:
                break
            mine(k)
            for h in helpers:
                _drain(h, theirs, wait=False)
            if progress:
                progress(counted[0], total)
        for h in helpers:  # nothing left to take: what the helpers are still placing
            _drain(h, theirs, wait=True)
            if progress:
                progress(counted[0], total)
        _reap(helpers, kill=False)
        for k in range(n):  # a chunk a helper took and never answered (it died): placed here, as one process would
            if results[k] is None:
                mine(k)
                if progress:
                    progress(counted[0], total)
    except BaseException:
        _reap(helpers, kill=True)
        raise
    finally:
        gc.unfreeze()
        os.close(work_r)
        for h in helpers:
            if h[1] >= 0:
                os.close(h[1])
                h[1] = -1
    return [r for chunk in results for r in chunk]


def _take(fd: int) -> int | None:
    """The next chunk's number from the work pipe, or None when it is empty."""
    got = os.read(fd, 4)
    return int.from_bytes(got, "little") if len(got) == 4 else None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _drain(helper: list, theirs: Callable, wait: bool) -> None:
    """Every whole result that has come from one helper; with `wait`, all of them, until it closes its pipe."""
    fd, buf = helper[1], helper[2]
    if fd < 0:
        return
    if wait:
        os.set_blocking(fd, True)
    while True:
        try:
            got = os.read(fd, 1 << 20)
        except BlockingIOError:  # nothing more for now
            return
        if not got:  # the helper closed its pipe: it is done (a result it had begun is dropped, and its chunk redone)
            os.close(fd)
            helper[1] = -1
            return
        buf += got
        while len(buf) >= _HEAD:
            length = int.from_bytes(buf[4:8], "little")
            if len(buf) < _HEAD + length:
                break
            k = int.from_bytes(buf[:4], "little")
            data = bytes(buf[_HEAD:_HEAD + length])
            del buf[:_HEAD + length]
            theirs(k, data)


def _reap(helpers: list, kill: bool) -> None:
    import signal

    for h in helpers:
        if h[0] and kill:
            try:
                os.kill(h[0], signal.SIGKILL)
            except OSError:
                pass
    # While cleaning up after an error (`kill`), a second Ctrl-C must not leave a helper unreaped. At the end of a
    # run that went well, a Ctrl-C is the user's and goes up (the caller then kills and reaps what is left).
    quiet = (OSError, KeyboardInterrupt) if kill else OSError
    for h in helpers:
        if h[0]:
            try:
                os.waitpid(h[0], 0)
            except quiet:
                pass
            h[0] = 0


def _helper_main(work_r: int, res_w: int, others: list, units: list, size: int, run, send) -> None:
    """A forked helper: chunks from the work pipe until it is empty, each one's results into `res_w`; then it ends
    (`os._exit`: nothing of the parent's, buffers or exit handlers, runs twice)."""
    code = 1
    try:
        import pickle
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no traceback from a helper
        for fd in others:
            os.close(fd)
        gc.set_threshold(*FEWER)
        while True:
            k = _take(work_r)
            if k is None:
                break
            start = k * size
            results = run(units[start:start + size], None)
            data = send(results) if send else pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(res_w, k.to_bytes(4, "little") + len(data).to_bytes(4, "little") + data)
        code = 0
    except BaseException:  # noqa: BLE001 - whatever it was, the parent places this helper's chunks itself
        code = 1
    finally:
        os._exit(code)


# --- elsewhere: a process pool --------------------------------------------------------------------------------------


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
