"""A command that is the start of a longer one with another meaning ("we need a
minute" of "we need a minute apart") waits for a longer pause before it is acted on
early (`ListenerConfig.early_quiet_long_s`): said fluently, the longer command is heard
whole.

Real PocketSphinx command model, espeak-ng and Flite speech (tune voices), the real
Listener with its default settings."""

from __future__ import annotations

import pytest

from assistant.speech.listener import ListenerConfig

LONGER = [
    ("hey hearth we need a minute apart", "space"),
    ("hey hearth let's take a break from the check in today", "checkin_skip"),
]


@pytest.mark.parametrize(("text", "intent"), LONGER)
def test_a_longer_command_said_fluently_is_heard_whole(
    listen, product_sphinx, parser, synth_pcm, flite_pcm, text, intent
) -> None:
    for pcm in (synth_pcm(text), flite_pcm(text, "kal16"), flite_pcm(text, "rms")):
        heard = listen(product_sphinx, pcm, parser.parse)
        assert [parser.parse(h.text).name for h in heard] == [intent], heard


def test_without_the_longer_wait_the_start_is_taken_for_the_whole(
    listen, product_sphinx, parser, synth_pcm
) -> None:
    # What the wait is for: acting at the first moment of quiet cuts the command short.
    hasty = ListenerConfig(wake_phrase="hey hearth", early_quiet_long_s=0.0)
    heard = listen(product_sphinx, synth_pcm(LONGER[0][0]), parser.parse, hasty)
    assert [(parser.parse(h.text).name, h.early) for h in heard] == [("pause", True)]
