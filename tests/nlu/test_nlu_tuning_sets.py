"""The tuning sets of rounds 5-16 keep what their rounds won.

Each set (tests/nlu/data/heldoutN*, written blind, then tuned on) is held to the misses
and the everyday sentences accepted that it had after its round and the rounds since
(docs/nlu_figures.md): a later round that breaks one of its lines shows here, named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.evaluate import blind_set_misses, read_examples

DATA = Path(__file__).resolve().parent / "data"

# set, in-domain lines, misses allowed (intent or a labelled slot), everyday lines accepted.
# Since 2026-12-03 an extend with no length said is null (Hearth asks how much more): sets
# 9a-17c, written from a description that gave it the default minute, lost one to three
# lines to that; 19a-28c, whose description says null, gained them (docs/nlu.md).
TUNING_SETS = [
    ("9a", 300, 7, 2),
    ("9b", 300, 3, 0),
    ("9c", 300, 4, 0),
    ("11a", 300, 12, 0),
    ("11b", 300, 8, 1),
    ("11c", 300, 15, 0),
    ("13a", 300, 11, 0),
    ("13b", 300, 6, 0),
    ("13c", 300, 8, 1),
    ("15a", 300, 7, 0),
    ("15b", 300, 7, 0),
    ("15c", 300, 5, 0),
    ("17a", 300, 16, 0),
    ("17b", 300, 18, 0),
    ("17c", 300, 19, 0),
    ("19a", 300, 9, 0),
    ("19b", 300, 16, 0),
    ("19c", 300, 12, 1),
    # round 11
    ("23a", 300, 4, 0),
    ("23b", 300, 1, 0),
    ("23c", 300, 2, 0),
    # round 12, with the fallback rebuilt at the merge
    ("25a", 300, 5, 0),
    ("25b", 300, 1, 0),
    ("25c", 300, 1, 0),
    # round 13, with the fallback rebuilt at the merge
    ("28a", 300, 6, 0),
    ("28b", 300, 7, 1),
    ("28c", 300, 3, 0),
    # round 14, with the fallback rebuilt at the merge
    ("36a", 300, 11, 0),
    ("36b", 300, 15, 0),
    ("36c", 300, 12, 0),
    # round 15, with the fallback rebuilt at the merge
    ("48a", 300, 6, 1),
    ("48b", 300, 2, 1),
    ("48c", 300, 4, 0),
    # round 16, with the fallback rebuilt at the merge
    ("56a", 300, 8, 1),
    ("56b", 300, 16, 1),
    ("56c", 300, 13, 1),
]


@pytest.mark.parametrize(("name", "size", "misses", "accepted"), TUNING_SETS)
def test_a_tuning_set_keeps_its_figures(
    parser: IntentParser, name: str, size: int, misses: int, accepted: int
) -> None:
    in_domain = DATA / f"heldout{name}_in_domain.jsonl"
    assert len(read_examples(in_domain)) == size
    wrong = blind_set_misses(parser.parse, read_examples(in_domain))
    assert len(wrong) <= misses, "\n".join(wrong)
    everyday = read_examples(DATA / f"heldout{name}_out_of_domain.txt")
    taken = [ex.text for ex in everyday if parser.parse(ex.text).name != "none"]
    assert len(taken) <= accepted, taken


def test_every_tuning_set_in_the_data_folder_is_held() -> None:
    on_disk = {p.name.removeprefix("heldout").removesuffix("_in_domain.jsonl")
               for p in DATA.glob("heldout*[abc]_in_domain.jsonl")}  # fmt: skip
    assert on_disk == {name for name, *_ in TUNING_SETS}
