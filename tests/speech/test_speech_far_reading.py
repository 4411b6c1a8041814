"""Talk after the wake phrase that the command model strings together from pieces of
its sentences is asked about, however surely the NLU reads a request in it
(`ListenerConfig.check_beyond_edits`).

Real PocketSphinx command model, espeak-ng `en-us+f2` (a tune voice), the real
Listener with the settings' front end, clean.
"""

from __future__ import annotations

from assistant.speech.listener import ListenerConfig

# Talk from the tune half of the second blind list: read early, as "a good idea was
# good it all to myself and we're", which the NLU takes as feedback (0.95); 8 word
# edits from the nearest of the command model's sentences.
TALK = "hey hearth whose idea was it to put the sofa there"


def test_talk_far_from_every_command_sentence_is_asked_about(heard_as_run, parser) -> None:
    heard = heard_as_run(TALK)
    assert len(heard) == 1, heard
    assert heard[0].declined or heard[0].unsure, heard
    assert not heard[0].early
    # The question comes from this bar alone: without it the same talk is acted on at
    # once, as a request.
    unbarred = ListenerConfig(wake_phrase="hey hearth", check_beyond_edits=None)
    heard = heard_as_run(TALK, config=unbarred)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("feedback", False)]


def test_a_command_said_plainly_is_still_acted_on_early(heard_as_run, parser) -> None:
    heard = heard_as_run("hey hearth the idea went well")
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("feedback", False)]
