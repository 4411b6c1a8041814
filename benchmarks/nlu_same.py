"""Same results: `hearth parse -` of this code and of an earlier commit, line by line.

Usage: python benchmarks/nlu_same.py [--baseline-rev REV] [--seeds 0,1] [--cache DIR]

For a change meant to make the matcher faster without changing a single result. Streams
every utterance of the unsealed sets in tests/nlu/data (never `sealed/`) and of the peer
corpora in ../shared/peer (read in place) through `python -m assistant parse -` of this
tree and of REV (default HEAD, checked out into a temporary git worktree), with each
PYTHONHASHSEED given (equal scores are ordered by a set of sentence numbers, whose order
follows the string hash seed, so both codes run with the same seed), and compares the
full JSON lines (intent, slots, confidence) byte for byte. Exits 1 on any difference.
`--cache DIR` keeps REV's output there (by commit and seed) for the next check.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from baseline_tree import checkout, env_for
from nlu_peer import PEER, read_durations, read_ood

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "nlu" / "data"


def utterances() -> list[str]:
    """Every utterance of the unsealed sets and of the peer corpora, in file order."""
    sys.path.insert(0, str(ROOT))
    from assistant.nlu.evaluate import read_examples

    texts: list[str] = []
    for path in sorted(DATA.iterdir()):  # not recursive: sealed/ is a folder
        if path.is_file() and path.suffix in (".txt", ".jsonl") and path.name != "README.md":
            texts += [ex.text for ex in read_examples(path)]
    if (PEER / "peer_ood.txt").is_file():
        texts += [text for _category, text in read_ood(PEER / "peer_ood.txt")]
    if (PEER / "peer_durations.tsv").is_file():
        texts += [text for text, _intent, _slots in read_durations(PEER / "peer_durations.tsv")]
    return [t for t in texts if "\n" not in t and "\r" not in t]


def parse_all(tree: Path, lines: bytes, seed: str) -> list[bytes]:
    env = dict(env_for(tree), PYTHONHASHSEED=seed)
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "parse", "-"],
        input=lines, capture_output=True, check=True, env=env, cwd=tree,
    )  # fmt: skip
    return run.stdout.splitlines()


def _rev_sha(rev: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True, check=True
    ).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/nlu_same.py", description=__doc__)
    parser.add_argument("--baseline-rev", default="HEAD", metavar="REV")
    parser.add_argument("--seeds", default="0,1", help="PYTHONHASHSEED values (default: 0,1)")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR")
    args = parser.parse_args()
    texts = utterances()
    lines = "".join(t + "\n" for t in texts).encode()
    sha = _rev_sha(args.baseline_rev)
    print(f"{len(texts)} utterances; baseline {args.baseline_rev} ({sha[:10]})")
    differ = 0
    for seed in args.seeds.split(","):
        ours = parse_all(ROOT, lines, seed)
        saved = args.cache / f"{sha}-{seed}.jsonl" if args.cache else None
        if saved is not None and saved.is_file():
            base = saved.read_bytes().splitlines()
        else:
            with checkout(sha) as tree:
                if tree is None:
                    return 2
                base = parse_all(tree, lines, seed)
            if saved is not None:
                saved.parent.mkdir(parents=True, exist_ok=True)
                saved.write_bytes(b"".join(line + b"\n" for line in base))
        assert len(base) == len(texts), (len(base), len(texts))
        diffs = [(a, b) for a, b in zip(base, ours, strict=False) if a != b]
        diffs += [(b"", b"(missing)")] * (len(base) - len(ours))
        print(f"PYTHONHASHSEED={seed}: {len(diffs)} of {len(texts)} lines differ")
        for a, b in diffs[:5]:
            print(f"  was: {a.decode()}\n  now: {b.decode()}")
        differ += len(diffs)
    return 1 if differ else 0


if __name__ == "__main__":
    os.environ.pop("PYTHONHASHSEED", None)
    sys.exit(main())
