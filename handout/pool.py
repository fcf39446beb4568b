"""Worker processes for `handout batch` that a fault cannot take down with them.

- The pool is never larger than the work (no pool at all for one group) or than the CPUs this
  process may use (its affinity mask and its cgroup's quota): `--jobs 4000` on two cores runs
  two workers.
- A worker that dies (killed, out of memory, a crash in a C library) breaks the whole pool and
  every group still pending in it. Those groups are run again one job at a time, each in a
  fresh process of its own, so that only the job that kills its worker fails.
- Workers ignore SIGINT: Ctrl-C reaches the parent alone, which stops the workers (no
  tracebacks from them) and reports what was done.
"""

from __future__ import annotations

import math
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask, capped by a cgroup CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    quota = _cgroup_quota()
    return max(1, min(cpus, quota) if quota else cpus)


def _cgroup_quota() -> int | None:
    """CPUs allowed by a cgroup v2 `cpu.max` or v1 `cpu.cfs_quota_us`, rounded up."""
    for quota_file, period_file in (
        ("/sys/fs/cgroup/cpu.max", None),
        ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"),
    ):
        try:
            fields = Path(quota_file).read_text().split()
            if period_file:
                fields.append(Path(period_file).read_text().strip())
            quota, period = int(fields[0]), int(fields[1])
        except (OSError, ValueError, IndexError):  # absent, or "max": no quota
            continue
        if quota > 0 and period > 0:
            return max(1, math.ceil(quota / period))
    return None


def worker_count(requested: int, groups: int) -> int:
    return max(1, min(requested, groups, usable_cpus()))


def _worker_start(initializer: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


def _pool(workers: int, initializer: Callable[[], None] | None) -> ProcessPoolExecutor:
    """Worker processes, forked (where the system can) from a parent that has loaded what
    they need already, so that they share it."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    setup = None if context.get_start_method() == "fork" else initializer
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(setup,)
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for jobs still running (on Ctrl-C, or an error)."""
    processes = list(getattr(pool, "_processes", {}).values())  # CPython keeps them there
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)


def run_groups(
    groups: list[list[T]],
    run: Callable[[list[T]], list[R]],
    workers: int,
    died: Callable[[T], R],
    initializer: Callable[[], None] | None = None,
) -> Iterator[R]:
    """The results of `run` on every group, as they come; `died(job)` stands for a job whose
    worker process died under it. `run` must not raise."""
    if workers <= 1:
        for group in groups:
            yield from run(group)
        return
    broken: list[list[T]] = []
    pool = _pool(workers, initializer)
    try:
        pending = {pool.submit(run, group): group for group in groups}
        for future in as_completed(pending):
            try:
                results = future.result()
            except BrokenProcessPool:
                broken.append(pending[future])
                continue
            yield from results
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    for job in (job for group in broken for job in group):
        yield _alone(job, run, died, initializer)


def _alone(
    job: T,
    run: Callable[[list[T]], list[R]],
    died: Callable[[T], R],
    initializer: Callable[[], None] | None,
) -> R:
    """One job in a fresh process of its own: if that process dies too, the job failed."""
    pool = _pool(1, initializer)
    try:
        (result,) = pool.submit(run, [job]).result()
    except BrokenProcessPool:
        result = died(job)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return result
