"""Speech of its own after a bare wake phrase passes the same bars as speech in the
wake phrase's own utterance.

"hey hearth", a pause that ends the utterance, then the rest in the awake window:
until 2026-12-02 that rest was handed to the dialog unchecked ("the weather was nice
today" was acted on as feedback). Real PocketSphinx (the command model `hearth run`
builds), real espeak-ng speech, streamed through the real Listener in 20 ms blocks.
"""

from __future__ import annotations

import pytest

PAUSE = bytes(int(32000 * 0.8))  # 0.8 s of quiet: the wake phrase is an utterance of its own


@pytest.mark.parametrize(
    "talk",
    [
        "the movie last night was boring",
        "the weather was nice today",  # read "that was nice that eight": feedback
        "i wonder what we should cook for dinner",
    ],
)
def test_talk_after_a_bare_wake_phrase_is_declined(listen, product_sphinx, parser, synth_pcm, talk):
    heard = listen(product_sphinx, synth_pcm("hey hearth") + PAUSE + synth_pcm(talk), parser.parse)
    # One decision: declined, no words handed on, only the evidence's numbers.
    assert [(h.text, h.declined) for h in heard] == [("", True)]
    assert all(isinstance(v, float) for v in heard[0].evidence.values())


@pytest.mark.parametrize(
    ("command", "intent"),
    [("we need a minute", "pause"), ("let's take a break", "pause")],
)
def test_a_command_after_a_bare_wake_phrase_is_still_acted_on(
    listen, product_sphinx, parser, synth_pcm, command, intent
):
    heard = listen(
        product_sphinx, synth_pcm("hey hearth") + PAUSE + synth_pcm(command), parser.parse
    )
    assert [(parser.parse(h.text).name, h.declined) for h in heard] == [(intent, False)]
    # Weighed like speech after the wake phrase in one utterance: it carries evidence.
    assert heard[0].evidence is not None and heard[0].evidence["support"] > 0


def test_without_the_wake_phrase_the_same_talk_is_not_heard_at_all(
    listen, product_sphinx, parser, synth_pcm
):
    # Outside the awake window nothing is decided: no decline, no words.
    heard = listen(product_sphinx, synth_pcm("the weather was nice today"), parser.parse)
    assert heard == []
