"""The length said after a pause that outlasted the listener's wait for it: "hey hearth
we need to cool off ... for fifteen minutes" starts the default minute, then the length,
said without the wake phrase, changes it (`ListenerConfig.length_amend_window_s`,
amend.py). Real Flite speech through the product's PocketSphinx engine; the rule itself
with the product's NLU."""

from __future__ import annotations

import pytest

from assistant.speech.amend import LengthAmendment
from assistant.speech.listener import Heard, Listener, ListenerConfig

from .conftest import voiced

BREAK = "let's take a break"


@pytest.fixture
def amendment(parser) -> LengthAmendment:
    amend = LengthAmendment(parser.parse, window_s=4.0)
    amend.open(BREAK, 2.0)
    return amend


def test_a_bare_length_soon_after_is_the_requests_length(amendment, parser) -> None:
    whole = amendment.of("for ten minutes", 4.0)
    assert whole == "let's take a break for ten minutes"
    assert parser.parse(whole).slots["seconds"] == 600
    assert amendment.of("make it a minute and a half", 4.0) is not None
    assert amendment.of("maybe ten minutes", 4.0) is not None
    assert amendment.of("we're ten minutes", 4.0) is not None  # "for", as the model spells it


def test_nothing_else_is_taken(amendment) -> None:
    assert amendment.of("for ten minutes", 6.5) is None  # after the window
    assert amendment.of("that was nice", 3.0) is None  # no length
    assert amendment.of("for one minute", 3.0) is None  # the length already taken
    assert amendment.of("i was out there for five minutes today", 3.0) is None  # talk
    assert amendment.of("five minutes is not enough", 3.0) is None
    assert amendment.of("it's not five minutes", 3.0) is None
    amendment.close()
    assert amendment.of("for ten minutes", 3.0) is None


def _decisions(
    sphinx,
    parser,
    speech: bytes,
    config: ListenerConfig,
    speaking_for: float = 0.0,
) -> list[Heard]:
    """The listener's decisions on `speech` (0.6 s of silence before, 1 s after) on the
    audio clock. `speaking_for`: Hearth talks this long after each request is acted on
    (the input clean of its voice, as behind an echo canceller)."""
    sphinx.reset()
    listener = Listener(sphinx, config, parser.parse)
    audio = bytes(int(0.6 * 32000)) + speech + bytes(32000)
    decided: list[Heard] = []
    speaking_until = float("-inf")
    for i in range(0, len(audio), 640):
        t = (i + 640) / 32000
        speaking = t < speaking_until
        listener.speaking_text = "Okay, let's pause for one minute." if speaking else ""
        new = listener.feed(audio[i : i + 640], t, mode="wake", speaking=speaking)
        if any(h.text and not h.amends for h in new):
            speaking_until = t + speaking_for
        decided += new
    return decided + listener.flush(len(audio) / 32000)


@pytest.fixture
def cool_off_then_length(flite_pcm) -> bytes:
    head = voiced(flite_pcm("hey hearth we need to cool off"))
    tail = voiced(flite_pcm("for fifteen minutes"))
    return head + bytes(int(0.9 * 32000)) + tail


def _lengths(decided: list[Heard], parser) -> list[tuple[object, bool]]:
    return [
        (parser.parse(h.text).slots.get("seconds"), h.amends)
        for h in decided
        if h.text and not h.declined
    ]


def test_flite_the_length_after_a_long_pause_changes_the_minute(
    product_sphinx, parser, cool_off_then_length
) -> None:
    config = ListenerConfig(wake_phrase="hey hearth")
    decided = _decisions(product_sphinx, parser, cool_off_then_length, config)
    assert _lengths(decided, parser) == [(60, False), (900, True)]
    off = ListenerConfig(wake_phrase="hey hearth", length_amend_window_s=None)
    assert _lengths(_decisions(product_sphinx, parser, cool_off_then_length, off), parser) == [
        (60, False)
    ]


def test_flite_the_length_is_heard_over_hearths_reply(
    product_sphinx, parser, cool_off_then_length
) -> None:
    config = ListenerConfig(wake_phrase="hey hearth")
    decided = _decisions(product_sphinx, parser, cool_off_then_length, config, speaking_for=3.0)
    assert _lengths(decided, parser) == [(60, False), (900, True)]


def test_flite_a_length_after_a_request_that_said_its_own_is_not_for_hearth(
    product_sphinx, parser, flite_pcm
) -> None:
    head = voiced(flite_pcm("hey hearth give us five minutes"))
    tail = voiced(flite_pcm("for fifteen minutes"))
    speech = head + bytes(int(0.9 * 32000)) + tail
    config = ListenerConfig(wake_phrase="hey hearth")
    assert _lengths(_decisions(product_sphinx, parser, speech, config), parser) == [(300, False)]
    alone = _decisions(product_sphinx, parser, tail, config)
    assert _lengths(alone, parser) == []
