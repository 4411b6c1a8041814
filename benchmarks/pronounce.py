"""Built pronunciations (`assistant/speech/pronounce.py`) against the dictionary's own.

Every dictionary word the rules can build once the word itself is hidden from the
dictionary (a word with a regular ending, a compound) is built that way and compared
with the dictionary's pronunciations of it: the share built exactly as one of them,
and the phone error rate (edit distance over the dictionary's length, against the
closest). The words are split by a hash into a tune half (the
rules were written looking at the grammar's missing words and this half) and a
held-out half, reported apart. Then the command words the dictionary lacks, and
what each became: the dictionary's word in another spelling, a built pronunciation, or
nothing.

Usage: python benchmarks/pronounce.py [--sample 20000]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def edit_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def split_of(word: str) -> str:
    return "tune" if hashlib.sha1(word.encode()).digest()[0] % 2 == 0 else "heldout"


def main() -> None:
    import pocketsphinx

    from assistant.speech.pronounce import pronounce, respelling
    from assistant.speech.sphinx_dict import read_dictionary

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=20000, help="dictionary words tried (every n-th)")
    args = ap.parse_args()
    started = time.perf_counter()
    path = pocketsphinx.Config()["dict"]
    entries = read_dictionary(path)
    words = sorted(entries)
    step = max(1, len(words) // args.sample)
    scores: dict[str, list[tuple[bool, float]]] = {"tune": [], "heldout": []}
    for word in words[::step]:
        hidden = lambda w, word=word: [] if w == word else entries.get(w, [])  # noqa: E731
        built = pronounce(word, hidden)
        if not built:
            continue
        truth = entries[word]
        exact = built[0] in truth
        per = min(edit_distance(built[0], t) / len(t) for t in truth)
        scores[split_of(word)].append((exact, per))
    tried = len(words[::step])
    print(f"dictionary: {path} ({len(words)} words, {tried} tried, every {step}th)")
    for split in ("tune", "heldout"):
        got = scores[split]
        exact = sum(e for e, _ in got) / len(got)
        per = sum(p for _, p in got) / len(got)
        print(f"  {split:8s}: {len(got):5d} words built; exactly a dictionary pronunciation "
              f"{exact:6.1%}; phone error rate {per:6.1%}")  # fmt: skip

    from assistant import nlu
    from assistant.speech.grammar import grammar_from_parser

    sys.path.insert(0, str(Path(__file__).parent))
    from baseline_tree import speech_parser

    grammar = grammar_from_parser(speech_parser(nlu), "hey hearth")
    missing = sorted(w for w in grammar.vocabulary if w not in entries)
    look = lambda w: entries.get(w, [])  # noqa: E731
    spelled = {w: respelling(w, look) for w in missing}
    built = {w: pronounce(w, look) for w in missing if spelled[w] is None}
    lost = {w for w in missing if spelled[w] is None and not built[w]}
    before = sum(1 for p in grammar.phrases if set(p.split()) & set(missing))
    after = sum(1 for p in grammar.phrases if set(p.split()) & lost)
    print(
        f"command words not in the dictionary: {len(missing)}; another spelling of a "
        f"dictionary word: {sum(1 for w in spelled.values() if w)}; built: "
        f"{sum(1 for b in built.values() if b)}; still missing: {len(lost)}"
    )
    print(f"command sentences the decoder cannot say: {before} before, {after} now"
          f" (of {len(grammar.phrases)})")  # fmt: skip
    for w in missing:
        if spelled[w]:
            print(f"  {w:14s} = {spelled[w]}")
        else:
            print(f"  {w:14s} {' '.join(built[w][0]) if built[w] else '(none: stays missing)'}")
    print(f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
