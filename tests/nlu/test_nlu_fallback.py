"""The fallback classifier (assistant/nlu/fallback.py): a second opinion only on what the
matcher leaves unanswered, never a wrong length, never an answer, safety or stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.evaluate import read_examples
from assistant.nlu.fallback import FALLBACK, _slots

DATA = Path(__file__).resolve().parent / "data"


def test_hearths_parser_has_the_fallback(parser: IntentParser) -> None:
    assert parser.fallback is not None
    assert {"yes", "no", "safety", "stop"} <= set(FALLBACK.never)


def test_only_lines_the_matcher_left_unanswered_change(parser: IntentParser) -> None:
    for ex in read_examples(DATA / "in_domain.txt")[:300]:
        got, unanswered = parser._parse(ex.text)
        if unanswered is None:
            assert parser.parse(ex.text) == got, ex.text


@pytest.mark.parametrize(
    "text",
    [
        "the radio's too loud, can you turn it down",
        "how much time is left on the washer",
        "what did the plumber say, can you repeat it for me",
        "yes, two sugars",
        "stop stealing the blanket you burrito",
    ],
)
def test_everyday_talk_in_hearths_words_stays_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"


def test_a_length_it_cannot_read_is_asked_about(parser: IntentParser) -> None:
    for text in ("a timeout, you know, for a few minutes", "a timeout for five or ten minutes"):
        slots = _slots(parser, "pause", parser.normalized(text))
        assert slots is not None
        assert slots["seconds"] is None and slots["unclear"] is True  # Hearth asks
    slots = _slots(parser, "pause", parser.normalized("a timeout for 3 minutes"))
    assert slots is not None and slots["seconds"] == 180


def test_a_ritual_it_cannot_name_is_not_guessed(parser: IntentParser) -> None:
    assert _slots(parser, "ritual", parser.normalized("start the thing we do")) is None
