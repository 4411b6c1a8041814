"""Public corpora nobody on Hearth wrote: out-of-domain leaks and duration readings.

Usage: python benchmarks/nlu_peer.py [--baseline-rev REV] [-v] [--worst N]

Reads ../shared/peer/ (relative to the repository's parent folder; see its README):
- peer_ood.txt: requests people make of other assistants. Every one must come back
  "none". Prints the share accepted overall (target <= 0.1%), per corpus and per source
  category (`# source:` line; target: none above 1%), and the worst accepted sentences.
- peer_durations.tsv: durations inside a couple's pause or space request. Each row is
  right (intent and slots), asked about (none, or the intent with `unclear: true`, so the
  dialog asks how long) or WRONG (another intent, or a wrong length). Targets: 0 wrong
  lengths, 100% right or asked.

The corpora are read in place and never copied into the project. When the folder is
absent the benchmark says so and exits 0.

`--baseline-rev REV` (default: 87deabb, the code before issue 10) scores the same
corpora with the package and intent files of that commit, checked out into a temporary
`git worktree` and run in a subprocess; `--baseline-rev none` skips it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from baseline_tree import checkout, env_for

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peer"
DEFAULT_BASELINE = "87deabb"
OOD_TARGET, CATEGORY_TARGET = 0.001, 0.01
OWN_VOLUME = frozenset(
    {"audio_volume_up", "audio_volume_down", "audio_volume_mute", "change_volume", "whisper_mode"}
)
"""Source intents that ask the assistant itself to speak louder or softer: after "hey
hearth" that is Hearth's own `volume` request, so `volume` is right there (counted apart)."""


@dataclass
class Ood:
    """Out-of-domain results: per source category (corpus + source intent)."""

    total: int = 0
    accepted: list[tuple[str, str, str]] = field(default_factory=list)
    """(category, sentence, intent) of every sentence not answered "none"."""
    sizes: dict[str, int] = field(default_factory=dict)
    own_volume: int = 0
    """Requests for the assistant's own volume answered as `volume` (right, not a leak)."""


@dataclass
class Durations:
    """Duration rows: right, asked about (none / unclear), wrong intent, wrong length."""

    total: int = 0
    right: int = 0
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    wrong_intent: list[tuple[str, str, str]] = field(default_factory=list)
    wrong_length: list[tuple[str, str, str]] = field(default_factory=list)


def read_ood(path: Path) -> list[tuple[str, str]]:
    """(category, sentence) pairs; the category is the `# source:` line's repo and intent."""
    out = []
    category = "(no source)"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# source:"):
            parts = line[len("# source:") :].split()
            intent = line[line.rfind("[") + 1 : line.rfind("]")] if "[" in line else parts[-1]
            category = f"{parts[0]} [{intent}]"
        elif line.strip() and not line.startswith("#"):
            out.append((category, line.strip()))
    return out


def read_durations(path: Path) -> list[tuple[str, str, dict]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, intent, slots = line.split("\t")
        rows.append((text, intent, json.loads(slots)))
    return rows


def score(peer: Path) -> dict:
    """Both corpora through the installed `assistant` package (whichever is on the path)."""
    from assistant.nlu import load_parser

    parser = load_parser()
    started = time.perf_counter()
    ood = Ood()
    sizes: Counter[str] = Counter()
    for category, text in read_ood(peer / "peer_ood.txt"):
        sizes[category] += 1
        got = parser.parse(text)
        if got.name == "volume" and category[category.rfind("[") + 1 : -1] in OWN_VOLUME:
            ood.own_volume += 1
        elif not got.is_none:
            ood.accepted.append((category, text, got.name))
    ood.total = sum(sizes.values())
    ood.sizes = dict(sizes)
    dur = Durations()
    for text, intent, slots in read_durations(peer / "peer_durations.tsv"):
        dur.total += 1
        got = parser.parse(text)
        shown = f"{got.name} {json.dumps(got.slots)}"
        expected = f"{intent} {json.dumps(slots)}"
        if got.name == intent and all(got.slots.get(k) == v for k, v in slots.items()):
            dur.right += 1
        elif got.is_none or (
            # the dialog asks how long: a length said unclearly, or none read (space)
            got.name == intent and (got.slots.get("unclear") or got.slots.get("seconds") is None)
        ):
            dur.asked.append((text, expected, shown))
        elif got.name == intent or got.slots.get("seconds") not in (None, slots.get("seconds")):
            dur.wrong_length.append((text, expected, shown))
        else:
            dur.wrong_intent.append((text, expected, shown))
    return {
        "ood": ood.__dict__,
        "durations": dur.__dict__,
        "seconds": time.perf_counter() - started,
    }


def baseline(rev: str, peer: Path) -> dict | None:
    """`score` run on the package of `rev`, from a temporary git worktree."""
    with checkout(rev) as tree:
        if tree is None:
            return None
        run = subprocess.run(
            [sys.executable, __file__, "--score-json", str(peer)],
            cwd=tree,
            env=env_for(tree),
            capture_output=True,
            text=True,
        )
        if run.returncode:
            print(f"baseline {rev} failed:\n{run.stderr[-2000:]}")
            return None
        return json.loads(run.stdout)


def corpus(category: str) -> str:
    return category.split(" ", 1)[0]


def print_report(now: dict, base: dict | None, base_rev: str, verbose: bool, worst: int) -> None:
    ood, base_ood = now["ood"], base["ood"] if base else None

    def rate(result: dict, keyfn=None, key=None) -> tuple[int, int]:
        if keyfn is None:
            return len(result["accepted"]), result["total"]
        n = sum(1 for a in result["accepted"] if keyfn(a[0]) == key)
        size = sum(s for c, s in result["sizes"].items() if keyfn(c) == key)
        return n, size

    def cell(n: int, size: int) -> str:
        return f"{n:>5} {n / max(1, size):>7.2%}"

    head = f"{'':44}{'hearth':>13}" + (f"{'baseline ' + base_rev:>20}" if base else "")
    print(f"Out-of-domain: {ood['total']} requests to other assistants, each must be none")
    print(head)
    line = f"{'accepted overall (target <= 0.1%)':44}{cell(*rate(ood))}"
    print(line + (f"{'':7}{cell(*rate(base_ood))}" if base else ""))
    print(f"{'  (own volume asked, answered as volume: right)':44}{ood.get('own_volume', 0):>5}")
    for name in sorted({corpus(c) for c in ood["sizes"]}):
        line = f"  {name:42}{cell(*rate(ood, corpus, name))}"
        print(line + (f"{'':7}{cell(*rate(base_ood, corpus, name))}" if base else ""))
    per_cat = Counter(a[0] for a in ood["accepted"])
    over = {c: n for c, n in per_cat.items() if n / ood["sizes"][c] > CATEGORY_TARGET}
    base_over = 0
    if base:
        base_cat = Counter(a[0] for a in base_ood["accepted"])
        base_over = sum(n / base_ood["sizes"][c] > CATEGORY_TARGET for c, n in base_cat.items())
    print(
        f"{'source categories above 1% (target 0)':44}{len(over):>5}"
        f" of {len(ood['sizes'])}" + (f"{'':13}{base_over:>5}" if base else "")
    )
    if per_cat:
        print(f"Worst categories (accepted / size), up to {worst} sentences each:")
        by_cat = defaultdict(list)
        for category, text, intent in ood["accepted"]:
            by_cat[category].append((text, intent))
        ranked = sorted(per_cat, key=lambda c: (-per_cat[c] / ood["sizes"][c], c))
        for category in ranked if verbose else ranked[:worst]:
            n, size = per_cat[category], ood["sizes"][category]
            print(f"  {category}: {n}/{size} = {n / size:.1%}")
            for text, intent in by_cat[category][: None if verbose else worst]:
                print(f"      {text!r} -> {intent}")
    dur, base_dur = now["durations"], base["durations"] if base else None

    def drow(name: str, key: str) -> None:
        def get(d: dict) -> int:
            value = d[key]
            return len(value) if isinstance(value, list) else value

        line = f"{name:44}{cell(get(dur), dur['total'])}"
        if base_dur:
            line += f"{'':7}{cell(get(base_dur), base_dur['total'])}"
        print(line)

    print()
    print(f"Durations: {dur['total']} pause/space requests with a length (and timer status)")
    print(head)
    drow("right (intent and slots)", "right")
    drow("asked about (none / unclear)", "asked")
    drow("WRONG length (target 0)", "wrong_length")
    drow("wrong intent", "wrong_intent")
    ok = dur["right"] + len(dur["asked"])
    line = f"{'right or asked (target 100%)':44}{cell(ok, dur['total'])}"
    if base_dur:
        base_ok = base_dur["right"] + len(base_dur["asked"])
        line += f"{'':7}{cell(base_ok, base_dur['total'])}"
    print(line)
    shown = [("Wrong lengths", dur["wrong_length"]), ("Wrong intents", dur["wrong_intent"])]
    if verbose:
        shown.append(("Asked about", dur["asked"]))
    for title, rows in shown:
        if rows:
            print(f"{title}:")
            for text, expected, got in rows[: None if verbose else 3 * worst]:
                print(f"  {text!r}: expected {expected}, got {got}")
    print()
    print(f"(scored in {now['seconds']:.1f} s; the machine is shared, timings are not figures)")


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--baseline-rev", default=DEFAULT_BASELINE, help="'none' to skip")
    args.add_argument("--worst", type=int, default=5, help="categories and sentences shown")
    args.add_argument("-v", action="store_true", help="list every accepted sentence")
    args.add_argument("--score-json", help=argparse.SUPPRESS)
    opts = args.parse_args()
    if opts.score_json:  # the baseline subprocess
        print(json.dumps(score(Path(opts.score_json))))
        return 0
    if not (PEER / "peer_ood.txt").is_file() or not (PEER / "peer_durations.tsv").is_file():
        print(f"skipped: the peer corpora are not at {PEER} (see issue 10); nothing measured")
        return 0
    base = None
    if opts.baseline_rev.lower() != "none":
        base = baseline(opts.baseline_rev, PEER)
    print_report(score(PEER), base, opts.baseline_rev, opts.v, opts.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
