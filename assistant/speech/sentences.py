"""Where a line may be cut so its first sentence is heard while the rest is rendered.

A line rendered on demand (one that reads back the couple's own words, so it is
never in the line cache) waits for its whole render before its first sample: tens
to hundreds of milliseconds per sentence on a small machine. Rendered in two pieces,
the first sentence plays while the rest renders. espeak ends a sentence with its
own pause, so two pieces rendered apart sound like the line rendered whole (their
lengths differ by a few samples).
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
"""A sentence's end: its mark (and a closing quote or bracket), space, and the next
sentence's capital or digit."""

_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e"})
"""Words whose full stop does not end a sentence ("Dr. Smith")."""


def first_sentence(text: str) -> tuple[str, str]:
    """`text` cut after its first sentence: (first, rest); rest is "" when the line
    is one sentence (nothing to gain by cutting it)."""
    for end in _SENTENCE_END.finditer(text):
        before = text[: end.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha() and last != "i"):
            continue  # "Dr. Smith", "J. R. R. Tolkien": a title or an initial
        first, rest = text[: end.end()].strip(), text[end.end() :].strip()
        if first and rest:
            return first, rest
    return text, ""
