"""The code of an earlier commit, checked out beside this one, for a baseline measured in
the same run (on a loaded machine only figures taken together can be compared).

Used by the benchmark scripts (they run as `python benchmarks/NAME.py`, so this folder
is on the path).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def checkout(rev: str) -> Iterator[Path | None]:
    """The repository at `rev` in a temporary git worktree, removed afterwards.

    Yields None (after printing why) when `rev` cannot be checked out, so a benchmark
    reports its own figures without the baseline instead of failing.
    """
    with tempfile.TemporaryDirectory(prefix="hearth-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        add = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), rev],
            capture_output=True,
            text=True,
        )
        if add.returncode:
            print(f"baseline {rev}: cannot check it out ({add.stderr.strip()})")
            yield None
            return
        try:
            yield tree
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )


def env_for(tree: Path) -> dict[str, str]:
    """The environment that makes `python -m assistant` (and imports) use `tree`'s code."""
    return dict(os.environ, PYTHONPATH=str(tree))


def speech_parser(nlu):
    """The parser `hearth run` judges speech with, from the `assistant.nlu` module given
    (code older than 2026-12-03 has no `speech_parser`: its `load_parser` is that)."""
    return getattr(nlu, "speech_parser", nlu.load_parser)()


def logged_only_with_use() -> tuple[str, ...]:
    """Requests that, said to an idle Hearth even surely, get their brief line and are
    not logged (`LOGGED_ONLY_WITH_USE`, code from 2026-12-07 on); older code logs them."""
    try:
        from assistant.dialog.engine import LOGGED_ONLY_WITH_USE
    except ImportError:
        return ()
    return LOGGED_ONLY_WITH_USE


def acts_when_unsure(idle: bool = False) -> tuple[str, ...]:
    """Requests the engine acts on even when the listener is unsure of them (others it
    asks about first); code older than 2026-12-04 asks about none. `idle`: while Hearth
    is silent, with no question waiting and no check-in running, where code from
    2026-12-06 on lets such readings go (`ACTS_WHEN_UNSURE_IDLE`)."""
    try:
        from assistant.dialog.engine import ACTS_WHEN_UNSURE
    except ImportError:
        return ()
    if idle:
        try:
            from assistant.dialog.engine import ACTS_WHEN_UNSURE_IDLE
        except ImportError:
            return ACTS_WHEN_UNSURE
        return ACTS_WHEN_UNSURE_IDLE
    return ACTS_WHEN_UNSURE


def corrects(intent) -> bool:
    """Whether the engine acts on `intent`, said as the reply to its question about
    another request, as a correction ("no, we need a minute"); code older than
    2026-12-04 (evening) acts on none."""
    try:
        from assistant.dialog.skills.check import corrects as rule
    except ImportError:
        return False
    return rule(intent)


def led_answer(intent):
    """The engine's reading of a reply to its question about a request: a short reply
    that opens with a yes or a no, which the NLU reads as nothing, is that answer ("yes
    i asked for that"); code older than 2026-12-06 (night) takes the NLU's reading."""
    try:
        from assistant.dialog.skills.check import led_answer as rule
    except ImportError:
        return intent
    return rule(intent)
