"""The parser read back from the start-up cache (compact columns, see
assistant/nlu/compact.py) understands exactly what a freshly compiled one does, and
a damaged cache entry is rebuilt."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from assistant.nlu import IntentParser, _compiled
from assistant.nlu.compact import SentenceTable
from assistant.resources import intents_dir


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> tuple[IntentParser, Path]:
    """Hearth's templates compiled once (the one cold compile of this file), as a cold
    start does it: `_compiled` misses an empty cache folder, compiles and stores the
    entry. The parser it returns is the freshly compiled one (storing pickles a copy:
    it stays a plain list of sentences); returned with that cache folder."""
    folder = tmp_path_factory.mktemp("cold") / "cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HEARTH_CACHE_DIR", str(folder))
        parser = _compiled(str(intents_dir().resolve()))
    return parser, folder


@pytest.fixture(scope="module")
def fresh(cold) -> IntentParser:
    parser = cold[0]
    # Compiled, not read back: storing it must not have turned it into the compact form
    # (the comparisons below would then compare the cache with itself).
    assert type(parser.sentences) is list
    assert all(type(group.sentences) is list for group in parser._wild.values())
    return parser


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(folder))
    return folder


def _from_disk(cold, monkeypatch) -> IntentParser:
    """The parser as a warm start gets it: read from the entry the cold start stored."""
    path = str(intents_dir().resolve())
    parser, folder = cold
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(folder))
    (entry,) = folder.glob("intents-*.pickle")
    inode = entry.stat().st_ino
    loaded = _compiled(path)
    assert loaded is not parser
    assert entry.stat().st_ino == inode  # read, not rebuilt (entries are renamed into place)
    return loaded


def _fields(sentence) -> tuple:
    return (
        sentence.intent, sentence.text, sentence.tokens, sentence.fixed, sentence.slots,
        sentence.template, sentence.prefix, sentence.suffix, sentence.text_slot,
    )  # fmt: skip


def _sample(parser: IntentParser, examples, k: int = 150) -> list[str]:
    """Every other dev-set utterance, and template sentences said with a word added or
    dropped (the field-for-field comparison below covers every sentence; these parses
    check the matcher's use of them, and cost the suite about 10 ms each)."""
    rng = random.Random(11)
    texts = [ex.text for ex in examples[::2]]
    for sentence in rng.sample(list(parser.sentences), k):
        words = sentence.text.replace("#", "").split()
        texts.append(" ".join(words))
        texts.append(" ".join([*words, rng.choice(["please", "now", "the", "dog"])]))
        texts.append(" ".join(words[1:]))
    return texts


def test_cached_parser_is_compact_and_understands_the_same(
    cold, fresh, monkeypatch, in_domain, out_of_domain
) -> None:
    cached = _from_disk(cold, monkeypatch)
    assert isinstance(cached.sentences, SentenceTable)  # the compact form was loaded
    assert len(cached.sentences) == len(fresh.sentences)
    for texts in (_sample(fresh, in_domain), [ex.text for ex in out_of_domain[::2]]):
        for text in texts:
            want, got = fresh.parse(text), cached.parse(text)
            assert (got.name, got.slots, got.confidence) == (
                want.name,
                want.slots,
                want.confidence,
            ), text
    # Every sentence and free-text group comes back field for field, and what the
    # speech grammars read (vocabulary, command phrases) is unchanged.
    compiled = [_fields(s) for s in fresh.sentences]
    assert [_fields(s) for s in cached.sentences] == compiled
    assert cached._wild.keys() == fresh._wild.keys()
    for key, group in fresh._wild.items():
        assert cached._wild[key].keys == group.keys
        assert [_fields(s) for s in cached._wild[key].sentences] == [
            _fields(s) for s in group.sentences
        ]
    assert cached.vocabulary() == fresh.vocabulary()
    assert cached.command_phrases() == fresh.command_phrases()
    assert cached.slot_defaults() == fresh.slot_defaults()
    # A parser read from the cache can be stored again (and read back) unchanged.
    again = pickle.loads(pickle.dumps(cached))
    assert [_fields(s) for s in again.sentences] == compiled


SMALL = """
rules:
  break: "(break|breather)"
lists:
  ritual:
    walk: [walk, evening walk]
    coffee: [coffee, slow coffee]
intents:
  pause:
    slots:
      seconds: {type: duration, default: 60}
    templates:
      - "[can we] (take|have) a <break> [for {seconds}]"
      - "we need {seconds}"
  ritual:
    slots:
      ritual: ritual
    templates: ["(lets|time for) [our] {ritual}"]
  add_idea:
    slots:
      idea: text
    templates: ["add {idea} to [our] list"]
"""


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage"])
def test_a_damaged_parser_entry_is_rebuilt(cache_dir, tmp_path, damage) -> None:
    folder = tmp_path / "intents"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    fresh = IntentParser.from_path(folder)
    path = str(folder.resolve())
    _compiled(path)
    (entry,) = cache_dir.glob("intents-*.pickle")
    data = bytearray(entry.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data[len(data) * 2 // 3] ^= 0x01  # it may well still unpickle
    else:
        data = bytearray(b"not a cache entry")
    entry.write_bytes(bytes(data))
    parser = _compiled(path)
    assert [_fields(s) for s in parser.sentences] == [_fields(s) for s in fresh.sentences]
    assert parser.parse("we need five minutes").slots == {"seconds": 300}
    assert parser.parse("lets have our evening walk").slots == {"ritual": "walk"}
    assert parser.parse("add cooking together to our list").slots == {"idea": "cooking together"}
    (rebuilt,) = cache_dir.glob("intents-*.pickle")
    assert rebuilt.read_bytes() != bytes(data)  # written again, whole
    again = _compiled(path)  # and read back from it
    assert [_fields(s) for s in again.sentences] == [_fields(s) for s in fresh.sentences]
