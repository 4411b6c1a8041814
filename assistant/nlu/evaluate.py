"""Accuracy figures over a labelled set of utterances (tests and benchmarks).

Labelled file format, one utterance per line (`#` comments, blank lines ignored):

    UTTERANCE => INTENT [slot=value ...]     (in-domain)
    UTTERANCE                                (out-of-domain file: expected "none")

Values: integers, true/false, null, HH:MM, or "quoted text". Slots not listed
take the intent's declared default.

JSON lines (`*.jsonl`, one `{"text", "intent", "slots"}` object a line) are read
too, as the held-out set is written that way; a plain-text file with no `=>`
is an out-of-domain list.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.nlu.intent import NONE, Intent


@dataclass(frozen=True)
class Example:
    """One labelled utterance: expected intent and the slots given on its line."""

    text: str
    intent: str
    slots: dict[str, Any]
    line: int


@dataclass
class Report:
    """Figures over a labelled set (fractions in [0, 1]).

    Attributes:
        intent_accuracy: in-domain utterances given the right intent.
        slot_accuracy: in-domain utterances given the right intent AND exactly the
            right slots (every declared slot), among those whose intent has slots.
        ood_acceptance: out-of-domain sentences given any intent but none.
        errors: (text, expected, got) for every mistake.
    """

    intent_accuracy: float
    slot_accuracy: float
    ood_acceptance: float
    n_in: int
    n_slot: int
    n_ood: int
    errors: list[tuple[str, str, str]] = field(default_factory=list)


def _value(raw: str) -> Any:
    if raw == "null":
        return None
    if raw in ("true", "false"):
        return raw == "true"
    if raw.lstrip("-").isdigit():
        return int(raw)
    return raw


def read_examples(path: Path | str) -> list[Example]:
    """In-domain examples (`UTTERANCE => INTENT k=v ...`) or OOD lines (intent none)."""
    out: list[Example] = []
    jsonl = str(path).endswith(".jsonl")
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if jsonl:
            try:
                row = json.loads(line)
                example = Example(row["text"], row["intent"], dict(row.get("slots") or {}), number)
            except (ValueError, KeyError, TypeError):
                raise ValueError(
                    f"{path}:{number}: not a JSON line with text, intent and slots"
                ) from None
            out.append(example)
            continue
        if "=>" not in line:
            out.append(Example(line, NONE, {}, number))
            continue
        text, _, label = line.rpartition("=>")
        parts = shlex.split(label)
        slots = {}
        for part in parts[1:]:
            key, _, raw = part.partition("=")
            slots[key] = _value(raw)
        out.append(Example(text.strip(), parts[0], slots, number))
    return out


def evaluate(
    parse: Callable[[str], Intent],
    in_domain: list[Example],
    out_of_domain: list[Example],
    defaults: dict[str, dict[str, Any]],
    text_slots: frozenset[str] = frozenset(),
) -> Report:
    """Run `parse` over both sets; `defaults` maps intent -> {slot: default}.

    Slots named in `text_slots` (free text) are compared only as said / not said:
    two people never agree on where dictated words start. A blind set (one with
    `text_slots`) is judged on the slots its label names, as `blind_set_misses` does:
    its writers label "till nine" `seconds: null` without a clock-time slot, and
    Hearth's own markers ("unclear") are not theirs to label.
    """
    errors: list[tuple[str, str, str]] = []
    right_intent = right_slots = n_slot = 0
    labelled_only = bool(text_slots)
    for ex in in_domain:
        got = parse(ex.text)
        expected_slots = ex.slots if labelled_only else {**defaults.get(ex.intent, {}), **ex.slots}
        ok_intent = got.name == ex.intent
        right_intent += ok_intent
        if expected_slots:
            n_slot += 1
            got_slots = (
                {k: got.slots.get(k) for k in expected_slots} if labelled_only else got.slots
            )
            ok = ok_intent and _slots_key(got_slots, text_slots) == _slots_key(
                expected_slots, text_slots
            )
            right_slots += ok
            if ok_intent and not ok:
                errors.append((ex.text, _show(ex.intent, expected_slots), _show_intent(got)))
        if not ok_intent:
            errors.append((ex.text, _show(ex.intent, expected_slots), _show_intent(got)))
    accepted = 0
    for ex in out_of_domain:
        got = parse(ex.text)
        if got.name != NONE:
            accepted += 1
            errors.append((ex.text, NONE, _show_intent(got)))
    return Report(
        intent_accuracy=right_intent / max(1, len(in_domain)),
        slot_accuracy=right_slots / max(1, n_slot),
        ood_acceptance=accepted / max(1, len(out_of_domain)),
        n_in=len(in_domain),
        n_slot=n_slot,
        n_ood=len(out_of_domain),
        errors=errors,
    )


def blind_set_misses(parse: Callable[[str], Intent], examples: list[Example]) -> list[str]:
    """How a blind set is scored: the examples whose intent, or a slot their label
    names, was read wrong, one line each. A slot the label does not name is not judged
    (the win's text slot came after set 3 was written); free text is compared only as
    said / not said."""

    def said(slots: dict[str, Any]) -> dict[str, Any]:
        return {k: (v is not None if k == "text" else v) for k, v in slots.items()}

    wrong = []
    for ex in examples:
        got = parse(ex.text)
        heard, labelled = said(got.slots), said(ex.slots)
        if got.name != ex.intent or any(heard.get(k) != v for k, v in labelled.items()):
            wrong.append(
                f"{ex.text!r}: expected {ex.intent} {ex.slots}, got {got.name} {got.slots}"
            )
    return wrong


LENGTH_OUTCOMES = ("right", "asked", "WRONG length", "none", "other intent")
"""What `length_outcome` says of a request whose length was labelled."""


def length_outcome(example: Example, got: Intent) -> str:
    """How a pause, space or extend request labelled with its length was read: "right"
    (the intent, its length and, when labelled, its clock time), "asked" (the intent
    with no length: Hearth asks how long), "WRONG length" (a length, or a clock time, the
    label does not have), "none" or "other intent"."""
    if got.name == NONE:
        return "none"
    if got.name != example.intent:
        return "other intent"
    until_right = "until" not in example.slots or got.slots.get("until") == example.slots["until"]
    seconds = got.slots.get("seconds")
    if seconds == example.slots.get("seconds") and until_right:
        return "right"
    if seconds is None and until_right:
        return "asked"
    return "WRONG length"


def _slots_key(slots: dict[str, Any], text_slots: frozenset[str]) -> dict[str, Any]:
    return {k: (v is not None) if k in text_slots else v for k, v in slots.items()}


def _show(name: str, slots: dict[str, Any]) -> str:
    return f"{name} {json.dumps(slots)}" if slots else name


def _show_intent(intent: Intent) -> str:
    return f"{_show(intent.name, intent.slots)} ({intent.confidence:.2f})"
