"""Loaded at start-up by the `hearth run` processes of `talk_over.py` (this folder is on
their PYTHONPATH). Hearth picks its lines and check-in questions with a `random.Random`
made without a seed; with HEARTH_LINES_SEED set, every such generator starts from that
seed instead, so the two code versions of one trial read the same check-in, and a
command lands on the same words of it. Older code needs no change for this."""

import os
import random

_SEED = os.environ.get("HEARTH_LINES_SEED")

if _SEED is not None:
    _seed_from = random.Random.seed

    def _fixed_seed(self: random.Random, a: object = None, version: int = 2) -> None:
        _seed_from(self, _SEED if a is None else a, version)

    random.Random.seed = _fixed_seed  # type: ignore[method-assign]
