"""The compiled parser in a compact form, for the start-up cache.

Compiling the templates makes about 40,000 `Sentence` objects; pickled as they
are, loading them back made about half a million small Python objects and took
most of a warm `hearth parse`. Yet one parse looks at a dozen sentences. So the
cache stores them as columns (their texts, plus small integer arrays pointing
into tables of intents, templates and slot lists) and `SentenceTable` builds a
`Sentence` when the matcher first asks for one, equal to what compilation made, and
keeps a few thousand built (`MEMO_SIZE`).

The `IntentSet` (the template files' ASTs, needed for speech grammars, checks and
a sentence's `template`) is kept as pickled bytes and read on first use.
"""

from __future__ import annotations

import pickle
import threading
from array import array
from collections.abc import Iterable, Iterator
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field
from functools import partial
from random import Random
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from assistant.nlu.loader import IntentSet, TemplateSpec
    from assistant.nlu.matcher import Sentence


class LazyIntentSet:
    """An `IntentSet` kept as pickled bytes until it is first needed."""

    def __init__(self, intent_set: IntentSet) -> None:
        self._value: IntentSet | None = intent_set
        self._blob: bytes | None = None
        self._lock = threading.Lock()

    def get(self) -> IntentSet:
        with self._lock:  # the listener and a grammar build may ask at once
            if self._value is None:
                assert self._blob is not None
                self._value = pickle.loads(self._blob)
                self._blob = None
            return self._value

    def templates(self) -> list[TemplateSpec]:
        """Every template, numbered in file order (the numbering `SentenceTable` uses)."""
        return [tpl for spec in self.get().intents.values() for tpl in spec.templates]

    def __getstate__(self) -> bytes:
        with self._lock:
            if self._blob is not None:
                return self._blob
            return pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)

    def __setstate__(self, blob: bytes) -> None:
        self._value, self._blob, self._lock = None, blob, threading.Lock()


@dataclass
class Tables:
    """What the sentences of one parser share: intents, templates, slot lists."""

    intent_set: LazyIntentSet
    intents: list[str] = field(default_factory=list)
    slot_lists: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    fixed: list[dict[str, Any]] = field(default_factory=list)
    """Each template's fixed slot values, by template number (no AST needed)."""
    _templates: list[TemplateSpec] | None = None

    def template(self, number: int) -> TemplateSpec:
        if self._templates is None:
            self._templates = self.intent_set.templates()
        return self._templates[number]

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_templates": None}


MEMO_SIZE = 8192
"""Sentences a `SentenceTable` keeps built (about 1.6 KB each with their stems)."""
ADMIT_EVERY = 8
"""Once the memo is full, about one sentence built in this many is kept (in a random
one's place): a run over more sentences than it holds rebuilds ~3,500 of the dev set's
22,800 looks a pass instead of ~12,300 (emptied when full), and long use still renews it."""
_MEMO_FIELDS = ("_memo", "_kept", "_rng")


class SentenceTable(SequenceABC["Sentence"]):
    """A read-only list of `Sentence`s stored as columns, built one at a time on access.

    Columns, one entry per sentence: `texts` (canonical tokens joined by spaces; the
    tokens are its words), the numbers of its intent, template and slot list, and for
    a free-text sentence the length of its prefix and its text slot's name.
    """

    def __init__(self, tables: Tables, sentences: Iterable[Sentence] = ()) -> None:
        self._tables = tables
        self.texts: list[str] = []
        self._intent = array("I")
        self._template = array("I")
        self._slots = array("I")
        self._prefix = array("i")  # -1: not a free-text sentence
        self._text_slot: dict[int, str] = {}
        intent_ids = {name: k for k, name in enumerate(tables.intents)}
        slot_ids = {slots: k for k, slots in enumerate(tables.slot_lists)}
        template_ids = {id(tpl): k for k, tpl in enumerate(tables.intent_set.templates())}
        for s in sentences:
            self.texts.append(s.text)
            self._intent.append(_number(intent_ids, tables.intents, s.intent))
            self._slots.append(_number(slot_ids, tables.slot_lists, s.slots))
            self._template.append(template_ids[id(s.template)])
            if s.text_slot is None:
                self._prefix.append(-1)
            else:
                self._prefix.append(len(s.prefix))
                self._text_slot[len(self.texts) - 1] = s.text_slot

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...
    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        # A parse looks at a few dozen sentences, mostly the same ones from one parse to
        # the next: a bounded memo keeps them (with their stems) without growing forever.
        # Once full, one sentence built in ADMIT_EVERY takes a random one's place: emptying
        # it when full (or LRU) rebuilt over half the sentences looked at when a run cycles
        # through more than MEMO_SIZE, and each rebuild's objects fed the garbage collector.
        # Each step is one atomic list or dict operation (the listener and another thread
        # may parse at once): a race at worst keeps a sentence twice in `_kept`.
        memo = self.__dict__.get("_memo")
        if memo is None:
            self._kept: list[int] = []  # the memo's keys, one slot each
            self._rng = Random(MEMO_SIZE)  # seeded: the same evictions in every run
            memo = self._memo = {}
        sentence = memo.get(index)
        if sentence is None:
            sentence = self._build(index)
            kept = self._kept
            if len(kept) < MEMO_SIZE:
                kept.append(index)
                memo[index] = sentence
            elif self._rng.random() * ADMIT_EVERY < 1.0:
                slot = self._rng.randrange(len(kept))
                memo.pop(kept[slot], None)
                kept[slot] = index
                memo[index] = sentence
        return sentence

    def __iter__(self) -> Iterator[Sentence]:
        # A full walk (checks, tests) would only churn the memo.
        return (self._build(k) for k in range(len(self)))

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _MEMO_FIELDS}

    def _build(self, k: int) -> Sentence:
        from assistant.nlu.matcher import Sentence

        tables = self._tables
        text = self.texts[k]  # IndexError past the end, as a list
        tokens = text.split()
        number = self._template[k]
        sentence = Sentence(
            tables.intents[self._intent[k]], text, frozenset(tokens),
            dict(tables.fixed[number]), tables.slot_lists[self._slots[k]],
            partial(tables.template, number),
        )  # fmt: skip
        prefix = self._prefix[k]
        if prefix >= 0:
            sentence.prefix, sentence.suffix = tuple(tokens[:prefix]), tuple(tokens[prefix:])
            sentence.text_slot = self._text_slot[k]
        return sentence


def tables_for(intent_set: LazyIntentSet) -> Tables:
    """Empty shared tables for the sentences of `intent_set`'s templates."""
    return Tables(intent_set, fixed=[dict(tpl.fixed) for tpl in intent_set.templates()])


def _number(ids: dict, table: list, value: Any) -> int:
    if value not in ids:
        ids[value] = len(table)
        table.append(value)
    return ids[value]
