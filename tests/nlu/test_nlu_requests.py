"""The requests added in issue 10 (check-in schedule, more time, volume, safety) on
their own development set and near misses: intents and slots >= 97%, no near miss
accepted, and the safety sentences found anywhere in an utterance."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.evaluate import evaluate, read_examples

from .conftest import DATA

REQUESTS = {"checkin_when", "checkin_skip", "checkin_cancel", "extend", "volume", "safety"}


def test_requests_dev_set(parser: IntentParser) -> None:
    in_domain = read_examples(DATA / "requests_in_domain.txt")
    out_of_domain = read_examples(DATA / "requests_out_of_domain.txt")
    per_intent = {name: sum(ex.intent == name for ex in in_domain) for name in REQUESTS}
    assert min(per_intent.values()) >= 20, per_intent
    assert len(out_of_domain) >= 60
    report = evaluate(parser.parse, in_domain, out_of_domain, parser.slot_defaults())
    shown = "\n".join(f"{t!r}: expected {e}, got {g}" for t, e, g in report.errors)
    assert report.intent_accuracy >= 0.97, shown
    assert report.slot_accuracy >= 0.97, shown
    assert report.ood_acceptance == 0, shown


@pytest.mark.parametrize(
    "text",
    [
        "I appreciate you even on days when I want to die",
        "we need a break because I'm going to hurt myself",
        "okay yes but he hit me last night",
        "add an idea: he choked me and I don't feel safe at home",
        " ".join(["we talked for a long time about the week and the kids"] * 5)
        + " and I don't want to be alive",
    ],
)
def test_safety_words_win_inside_longer_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "safety"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("five more minutes", 300),
        ("a couple more minutes", 120),
        ("give us 2 more minutes", 120),
        ("another ten minutes please", 600),
        ("give us five more", None),  # no unit: asked about, never guessed
    ],
)
def test_more_time_is_read_exactly_or_asked(parser: IntentParser, text: str, seconds) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots["seconds"]) == ("extend", seconds)
