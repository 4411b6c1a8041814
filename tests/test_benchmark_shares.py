"""Benchmarks split their work over processes the same way every run (`benchmarks/shares.py`).

PocketSphinx's readings depend slightly on what its decoder heard before, so which
process decodes which utterance, and in what order, must not depend on timing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from shares import in_fixed_shares

_SEEN: list[int] = []


def _record(job: int) -> tuple[int, int, tuple[int, ...]]:
    """The job with the process that ran it and what that process had run before."""
    seen = (job, os.getpid(), tuple(_SEEN))
    _SEEN.append(job)
    return seen


def test_each_share_runs_in_order_in_a_fresh_process_and_results_keep_job_order():
    jobs = list(range(11))
    done = in_fixed_shares(_record, jobs, 3)
    assert [job for job, _, _ in done] == jobs
    for i in range(3):
        share = done[i::3]
        assert len({pid for _, pid, _ in share}) == 1  # one process per share...
        # ...that ran nothing before it but the jobs of its share, in order.
        assert [before for _, _, before in share] == [
            tuple(jobs[i::3][:k]) for k in range(len(share))
        ]
    assert len({pid for _, pid, _ in done}) == 3


def test_more_processes_than_jobs_and_a_single_process():
    assert [job for job, _, _ in in_fixed_shares(_record, [5, 6], 8)] == [5, 6]
    done = in_fixed_shares(_record, [1, 2, 3], 1)
    assert [before for _, _, before in done] == [(), (1,), (1, 2)]
