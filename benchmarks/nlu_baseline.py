"""The naive baseline the NLU benchmarks compare against.

Plain `rapidfuzz.process.extractOne` (default scorer) over the raw expanded
templates: no slot parsing, no normalisation, no rejection. Every utterance is
given the intent of its most similar template sentence.
"""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import process

from assistant.nlu.intent import Intent
from assistant.nlu.loader import load_intent_set
from assistant.nlu.templates import SlotRef, expand


class NaiveMatcher:
    """extractOne over every expanded template sentence, slot references left as text."""

    def __init__(self, intents_path: Path | str) -> None:
        intent_set = load_intent_set(intents_path)
        sentences: dict[str, str] = {}
        for spec in intent_set.intents.values():
            for tpl in spec.templates:
                for pieces in expand(tpl.ast, intent_set.rules):
                    text = " ".join(
                        "{" + p.name + "}" if isinstance(p, SlotRef) else p for p in pieces
                    )
                    sentences.setdefault(text.lower(), spec.name)
        self.choices = list(sentences)
        self.intents = list(sentences.values())

    def parse(self, text: str) -> Intent:
        found = process.extractOne(text.lower(), self.choices)
        if found is None:
            return Intent("none", {}, 0.0, text)
        return Intent(self.intents[found[2]], {}, found[1] / 100.0, text)
