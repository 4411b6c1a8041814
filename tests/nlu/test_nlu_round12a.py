"""Round 12, tuner A's group (the timers, space, the check-in, rituals, volume) and the
polite frames around any request: one line per wording family fixed (docs/nlu.md, round
12 A). The sentences are new, written for the family, not taken from the sets 25a-25c."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.nlu import IntentParser


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # polite and hedged frames: "would you mind awfully", "might we", "too much trouble"
        ("would you mind awfully skipping the check-in tonight", "checkin_skip", {}),
        ("would you mind if we began our coffee date", "ritual", {"ritual": "coffee"}),
        ("might we take a five minute break", "pause", {"seconds": 300}),
        ("might you turn it down a little", "volume", {"direction": "down"}),
        ("I wonder if we might have some space for an hour", "space", {"seconds": 3600}),
        ("would it be too much trouble to take a two minute pause", "pause", {"seconds": 120}),
        ("kindly do the needful and cancel the check-ins completely", "checkin_cancel", {}),
        ("please start the walk, Hearth ji", "ritual", {"ritual": "walk"}),
        ("a three minute break if that's not too much trouble", "pause", {"seconds": 180}),
        ("is it possible to know when the next check-in is", "checkin_when", {}),
        # amounts said small
        ("turn it up a touch", "volume", {"direction": "up"}),
        ("could we do a spot of meditation", "ritual", {"ritual": "mindfulness"}),
        # numbers: "a hundred and ...", "a full ..."
        ("a pause of a hundred and fifty seconds", "pause", {"seconds": 150}),
        ("pause for a full minute", "pause", {"seconds": 60}),
        # the check-in asked as how we are going or getting on
        ("could you ask us how we're getting on", "checkin", {}),
        ("we need to check in", "checkin", {}),
        ("any chance you could repeat the last part", "repeat", {}),
        ("when's our next check-in due", "checkin_when", {}),
        ("have you got another question for us", "next_question", {}),
        # reasons beside the request, the break by how it calms, counted down
        ("pause for two minutes, she's not listening", "pause", {"seconds": 120}),
        ("start a calming break of four minutes", "pause", {"seconds": 240}),
        ("could you count us down from three minutes", "pause", {"seconds": 180}),
        # ended early; the rituals' time left
        ("cut it short, we've calmed down", "resume", {}),
        ("is our coffee nearly over", "time_left", {}),
        # more time: added as a wish, made another length
        ("we'd like to add ten minutes", "extend", {"seconds": 600}),
        ("can you make it another twenty minutes", "extend", {"seconds": 1200}),
        # time apart: a length apart, to cool off, back when we meet again
        ("an hour apart please", "space", {"seconds": 3600}),
        ("space to calm down, forty minutes", "space", {"seconds": 2400}),
        ("give us some space, we'll regroup in an hour", "space", {"seconds": 3600}),
        ("I'll pop out to the park, back in half an hour", "space", {"seconds": 1800}),
        # ritual names
        ("begin a breathing meditation", "ritual", {"ritual": "mindfulness"}),
    ],
)
def test_round_12a_families(
    reads_as: Callable[[str, str, dict], None], text: str, intent: str, slots: dict
) -> None:
    reads_as(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        # talk near the new wordings stays none
        "might we see your mother at the weekend",
        "would you mind awfully passing the salt",
        "I appreciate you saying that",
        "he's not listening to a word I say",
        "a hundred and twenty people came to the wedding",
        "let's meet up again in town",
        "I'd quite like some cake",
    ],
)
def test_round_12a_talk_stays_none(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text
