"""Lengths said the hard way: is a pause, space or extend ever given a wrong length?

Usage: python benchmarks/nlu_lengths.py [-v] [--baseline-rev REV] [FILE]
FILE (default tests/nlu/data/lengths27.jsonl): JSON lines {"text", "intent", "slots"},
written blind from the intent description (fillers inside a length, corrections, a
length said twice, other numbers beside it, vague lengths, digits and abbreviations).
Each line is one of:
- right: the intent and its length as labelled (a clock time too, when labelled);
- asked: the intent, with no length (Hearth asks "How long would you like?");
- WRONG length: the intent with a length the label does not have (target 0);
- none: not understood (Hearth stays quiet); other intent.
`--baseline-rev REV` scores the code of commit REV (a temporary git worktree, in a
subprocess) on the same file in the same run. `-v` lists the wrong lengths.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from baseline_tree import checkout, env_for

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "nlu" / "data" / "lengths27.jsonl"


def parses(texts: list[str]) -> list[tuple[str, dict]]:
    """(intent, slots) of each text, by the code on the path (this checkout's, or a
    baseline's in its subprocess: only `load_parser`, which every revision has)."""
    from assistant.nlu import load_parser

    parser = load_parser()
    return [(got.name, got.slots) for got in map(parser.parse, texts)]


def _baseline(rev: str, texts: list[str]) -> list | None:
    with checkout(rev) as tree:
        if tree is None:
            return None
        code = (
            f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            "from nlu_lengths import parses; print(json.dumps(parses(json.load(sys.stdin))))"
        )
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=tree, env=env_for(tree), input=json.dumps(texts),
            capture_output=True, text=True,
        )  # fmt: skip
        if run.returncode:
            print(f"baseline {rev}: failed ({run.stderr.strip().splitlines()[-1:]})")
            return None
        return json.loads(run.stdout)


def _outcomes(examples: list, parsed: list) -> list[str]:
    """`length_outcome` of each example, judged by this checkout whichever code parsed
    (imported here: a baseline's subprocess imports this script with older code)."""
    from assistant.nlu.evaluate import length_outcome
    from assistant.nlu.intent import Intent

    return [
        length_outcome(ex, Intent(name, slots, 1.0, ex.text))
        for ex, (name, slots) in zip(examples, parsed, strict=True)
    ]


def main() -> None:
    from assistant.nlu.evaluate import LENGTH_OUTCOMES, read_examples

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--baseline-rev", default=None)
    parser.add_argument("-v", action="store_true", help="list the wrong lengths")
    opts = parser.parse_args()
    if not opts.file.is_file():
        sys.exit(f"nlu_lengths: no such file: {opts.file}")
    try:
        examples = read_examples(opts.file)
    except ValueError as exc:
        sys.exit(f"nlu_lengths: {exc}")
    texts = [example.text for example in examples]
    parsed = parses(texts)
    now = _outcomes(examples, parsed)
    base = None
    if opts.baseline_rev and (found := _baseline(opts.baseline_rev, texts)) is not None:
        base = Counter(_outcomes(examples, found))
    counts, total = Counter(now), len(now)
    print(f"{opts.file.name}: {total} pause / space / extend requests with a length")
    print(f"{'':16}{'now':>12}" + (f"{opts.baseline_rev:>14}" if base else ""))
    for kind in LENGTH_OUTCOMES:
        row = f"{kind:16}{counts[kind]:>5} {100 * counts[kind] / total:5.1f}%"
        if base:
            row += f"{base[kind]:>7} {100 * base[kind] / total:5.1f}%"
        print(row + ("   target 0" if kind == "WRONG length" else ""))
    if opts.v:
        for kind, text, (_name, slots) in zip(now, texts, parsed, strict=True):
            if kind == "WRONG length":
                print(f"  {text!r} -> {slots}")


if __name__ == "__main__":
    main()
