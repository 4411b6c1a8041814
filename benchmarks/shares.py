"""Work split over processes in the same way every run.

PocketSphinx's readings depend slightly on what a decoder heard before (docs/hearing.md,
"The same speech read after other speech"), so a pool that hands jobs to whichever
worker is free makes two runs of the same code differ by a few decisions, and an A/B
comparison of two versions differ by more than the change. Here each share (every n-th
job, in order) goes to a fresh process of its own: the same sequence every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from multiprocessing import Pool
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")


def _each(run_job: Callable[[J], R], share: list[J]) -> list[R]:
    return [run_job(job) for job in share]


def in_fixed_shares(
    run_job: Callable[[J], R],
    jobs: Sequence[J],
    n_proc: int,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
) -> list[R]:
    """`run_job` over every job, in `n_proc` fixed shares of `jobs` (every n-th job, in
    order), each share in a fresh process (set up by `initializer`); the results in job
    order."""
    n = max(1, min(n_proc, len(jobs)))
    shares = [list(jobs[i::n]) for i in range(n)]
    # maxtasksperchild=1: no process takes a second share after its first.
    with Pool(n, initializer=initializer, initargs=initargs, maxtasksperchild=1) as pool:
        done = pool.map(partial(_each, run_job), shares, chunksize=1)
    results: list[Any] = [None] * len(jobs)
    for i, share in enumerate(done):
        results[i::n] = share
    return results
