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
KINDS = ("right", "asked", "WRONG length", "none", "other intent")


def judge(label: dict, intent: str, slots: dict) -> str:
    """The kind of one parse against its label."""
    if intent == "none":
        return "none"
    if intent != label["intent"]:
        return "other intent"
    want = label["slots"].get("seconds")
    got = slots.get("seconds")
    until_right = "until" not in label["slots"] or slots.get("until") == label["slots"]["until"]
    if got == want and until_right:
        return "right"
    if got is None and until_right:
        return "asked"
    return "WRONG length"


def score(path: Path) -> list[tuple[str, str, dict]]:
    """(kind, text, slots) of every line, parsed by this checkout's code."""
    from assistant.nlu import load_parser

    parser = load_parser()
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                label = json.loads(line)
                text, _intent, _slots = label["text"], label["intent"], label["slots"]
            except (ValueError, KeyError, TypeError):
                raise SystemExit(
                    f"nlu_lengths: {path}:{number}: not a JSON line with text, intent, slots"
                ) from None
            got = parser.parse(text)
            out.append((judge(label, got.name, got.slots), text, got.slots))
    return out


def _baseline(rev: str, path: Path) -> list | None:
    with checkout(rev) as tree:
        if tree is None:
            return None
        code = (
            f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            f"from nlu_lengths import score; from pathlib import Path; "
            f"print(json.dumps(score(Path({str(path)!r}))))"
        )
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=tree, env=env_for(tree), capture_output=True,
            text=True,
        )  # fmt: skip
        if run.returncode:
            print(f"baseline {rev}: failed ({run.stderr.strip().splitlines()[-1:]})")
            return None
        return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--baseline-rev", default=None)
    parser.add_argument("-v", action="store_true", help="list the wrong lengths")
    opts = parser.parse_args()
    if not opts.file.is_file():
        sys.exit(f"nlu_lengths: no such file: {opts.file}")
    now = score(opts.file)
    base = _baseline(opts.baseline_rev, opts.file) if opts.baseline_rev else None
    counts, base_counts = Counter(k for k, *_ in now), Counter(k for k, *_ in base or [])
    total = len(now)
    print(f"{opts.file.name}: {total} pause / space / extend requests with a length")
    header = f"{'':16}{'now':>12}"
    print(header + (f"{opts.baseline_rev:>14}" if base else ""))
    for kind in KINDS:
        row = f"{kind:16}{counts[kind]:>5} {100 * counts[kind] / total:5.1f}%"
        if base:
            row += f"{base_counts[kind]:>7} {100 * base_counts[kind] / total:5.1f}%"
        print(row + ("   target 0" if kind == "WRONG length" else ""))
    if opts.v:
        for kind, text, slots in now:
            if kind == "WRONG length":
                print(f"  {text!r} -> {slots}")


if __name__ == "__main__":
    main()
