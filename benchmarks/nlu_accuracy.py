"""Intent accuracy, slot accuracy and out-of-domain acceptance, dev and held-out sets.

Usage: python benchmarks/nlu_accuracy.py [-v] [--no-naive] [IN_DOMAIN_FILE OOD_FILE]
Without files it reports each set separately: the development set
(tests/nlu/data/in_domain.txt, out_of_domain.txt), the held-out sets written blind by
other engineers (tests/nlu/data/heldout_*, heldout2_*, heldout3_*, heldout5_*, heldout7_*; free-text
slots there are compared as said / not said) and the short answers and control words
(tests/nlu/data/short_answers.txt, target >= 95%). Prints Hearth's figures
beside the naive baseline (benchmarks/nlu_baseline.py) from the same run; -v lists
Hearth's mistakes; --no-naive skips the baseline (minutes a set) when tuning.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nlu_baseline import NaiveMatcher

from assistant.nlu import load_parser
from assistant.nlu.evaluate import blind_set_misses, evaluate, read_examples
from assistant.resources import intents_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "nlu" / "data"
SETS = {
    "dev set": (DATA / "in_domain.txt", DATA / "out_of_domain.txt", frozenset()),
    "held-out set": (
        DATA / "heldout_in_domain.jsonl",
        DATA / "heldout_out_of_domain.txt",
        frozenset({"text"}),
    ),
    "second held-out set": (
        DATA / "heldout2_in_domain.jsonl",
        DATA / "heldout2_out_of_domain.txt",
        frozenset({"text"}),
    ),
    "third held-out set (85.6% / 84.1% before tuning on it, see tests/nlu/data/README.md)": (
        DATA / "heldout3_in_domain.jsonl",
        DATA / "heldout3_out_of_domain.txt",
        frozenset({"text"}),
    ),
    "fifth held-out set (77.0% / 76.3% before tuning on it, see tests/nlu/data/README.md)": (
        DATA / "heldout5_in_domain.jsonl",
        DATA / "heldout5_out_of_domain.txt",
        frozenset({"text"}),
    ),
    "seventh held-out set (87.7% / 87.3% before tuning on it, see tests/nlu/data/README.md)": (
        DATA / "heldout7_in_domain.jsonl",
        DATA / "heldout7_out_of_domain.txt",
        frozenset({"text"}),
    ),
    "short answers and control words": (DATA / "short_answers.txt", None, frozenset()),
}


def both_right(parse, examples) -> float:
    """Share with the intent and every labelled slot right (free text: said / not said)."""
    return 1 - len(blind_set_misses(parse, examples)) / max(1, len(examples))


def report(title: str, in_path: Path, ood_path: Path | None, text_slots: frozenset[str]) -> None:
    in_domain, ood = read_examples(in_path), read_examples(ood_path) if ood_path else []
    parser = load_parser()
    defaults = parser.slot_defaults()
    ours = evaluate(parser.parse, in_domain, ood, defaults, text_slots)
    print(f"{title}: {ours.n_in} in-domain ({ours.n_slot} with slots), {ours.n_ood} out-of-domain")
    if "--no-naive" in sys.argv:  # the naive matcher takes minutes a set: skip it when tuning
        report_alone(parser, ours, in_domain, text_slots)
        return
    naive = NaiveMatcher(intents_dir())
    base = evaluate(naive.parse, in_domain, ood, defaults, text_slots)
    print(f"{'':28}{'hearth':>10}{'naive':>10}   target")
    rows = [
        ("intent accuracy", ours.intent_accuracy, base.intent_accuracy, ">= 97%"),
        ("slot accuracy", ours.slot_accuracy, base.slot_accuracy, ">= 97%"),
        ("out-of-domain accepted", ours.ood_acceptance, base.ood_acceptance, "<= 1%"),
    ]
    if not ood:
        rows = rows[:1]
        rows[0] = (*rows[0][:3], ">= 95%")
    if text_slots:  # blind sets: the intent and every slot its label names, both right
        rows.insert(2, ("intents and slots", both_right(parser.parse, in_domain),
                        both_right(naive.parse, in_domain), ">= 97%"))  # fmt: skip
    for name, a, b, target in rows:
        print(f"{name:28}{a:>10.1%}{b:>10.1%}   {target}")
    for name, e_ours, e_base in [
        ("intent errors", 1 - ours.intent_accuracy, 1 - base.intent_accuracy),
        ("slot errors", 1 - ours.slot_accuracy, 1 - base.slot_accuracy),
        ("false accepts (OOD)", ours.ood_acceptance, base.ood_acceptance),
    ][: 3 if ood else 1]:
        ratio = f"{e_base / e_ours:.0f}x fewer" if e_ours else "none left"
        print(f"{name}: hearth {e_ours:.1%} vs naive {e_base:.1%} ({ratio})")
    print_errors(ours)


def report_alone(parser, ours, in_domain, text_slots: frozenset[str]) -> None:
    """Hearth's figures without the naive baseline (`--no-naive`)."""
    print(f"{'intent accuracy':28}{ours.intent_accuracy:>10.1%}")
    if ours.n_ood:
        print(f"{'slot accuracy':28}{ours.slot_accuracy:>10.1%}")
    if text_slots:
        print(f"{'intents and slots':28}{both_right(parser.parse, in_domain):>10.1%}")
    if ours.n_ood:
        accepted = round(ours.ood_acceptance * ours.n_ood)
        share = f"{ours.ood_acceptance:>10.1%}"
        print(f"{'out-of-domain accepted':28}{share}   ({accepted} of {ours.n_ood})")
    print_errors(ours)


def print_errors(ours) -> None:
    if "-v" in sys.argv:
        for text, expected, got in ours.errors:
            print(f"  {text!r}: expected {expected}, got {got}")


def main(argv: list[str]) -> None:
    if {"-h", "--help"} & set(argv):
        print(__doc__.strip())
        return
    if unknown := [a for a in argv if a.startswith("-")]:
        sys.exit(f"nlu_accuracy: unknown option {unknown[0]} (see --help)")
    if argv:
        in_path = Path(argv[0])
        ood_path = Path(argv[1]) if len(argv) > 1 else DATA / "out_of_domain.txt"
        for path in (in_path, ood_path):
            if not path.is_file():
                sys.exit(f"nlu_accuracy: no such file: {path}")
        text_slots = frozenset({"text"}) if in_path.suffix == ".jsonl" else frozenset()
        report(str(in_path), in_path, ood_path, text_slots)
        return
    for k, (title, (in_path, ood_path, text_slots)) in enumerate(SETS.items()):
        if in_path.exists():
            if k:
                print()
            report(title, in_path, ood_path, text_slots)


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a not in ("-v", "--no-naive")])
