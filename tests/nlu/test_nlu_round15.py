"""The lead's two matcher mends of round 15 (docs/nlu.md, "Round 15 merged"): a word's
"un-" opposite in a template sentence never explains the word, and every sentence tied
at the shortlist's last place is looked at. Sentences written by the lead, none taken
from a data set."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

REQUESTS = [
    # "schedule" was two letters from the cancel template "unschedule checkin"
    ("hearth, schedule the check in", "schedule", {"time": None, "cadence": "daily"}),
    ("can we schedule a check in", "schedule", {"time": None, "cadence": "daily"}),
    ("hearth, schedule the check in for half past eight", "schedule", {"time": "20:30"}),
    ("please unschedule our check ins", "checkin_cancel", {}),
    ("that was unhelpful", "feedback", {"helped": False}),
    ("that was really helpful", "feedback", {"helped": True}),
]

TALK = [
    "schedule a dentist appointment for tuesday",
    "what's our schedule like this week",
    "i feel safe with you",
]


@pytest.mark.parametrize(("text", "intent", "slots"), REQUESTS)
def test_a_request_beside_its_opposite_reads_as_said(reads, text, intent, slots) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize("text", TALK)
def test_talk_near_the_opposites_stays_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", parser.parse(text)


def test_opposites_are_found_in_the_templates(parser: IntentParser) -> None:
    # "until" is not the opposite of "til": the stem must be four letters or more
    assert parser._opposites["schedule"] == "unschedule"
    assert "til" not in parser._opposites


def test_a_sentence_tied_at_the_last_place_is_looked_at(parser: IntentParser) -> None:
    """Sixteen sentences are shortlisted; here the one that explains the utterance
    ("i need to be on my own back in #d") shares the last place's ratio with others.
    Which of them the set order took changed as templates were added anywhere (round
    15's first merge read no length); all tied ones are looked at now."""
    got = parser.parse("i'll be back in an hour, i just need to be on my own")
    assert (got.name, got.slots.get("seconds")) == ("space", 3600), got
    got = parser.parse("i'll be back in forty minutes, i just need to be on my own")
    assert (got.name, got.slots.get("seconds")) == ("space", 2400), got


# A length left open at one end is a bound, not a length: asked, as "an hour or more" is
# ("just over" and "a little over" are a number said loosely, as "about": taken as said).
OPEN_BOUNDS = [
    ("hearth, space for over an hour", "space", {"seconds": None, "unclear": True}),
    ("hearth, we need at least twenty minutes apart", "space", {"seconds": None, "unclear": True}),
    ("pause for more than five minutes", "pause", {"seconds": None, "unclear": True}),
    ("hearth, a time out, ten minutes and a bit", "pause", {"seconds": None, "unclear": True}),
    ("give us another half hour plus", "extend", {"seconds": None, "unclear": True}),
    ("space for 30+ mins", "space", {"seconds": None, "unclear": True}),
    ("hearth, space for just over an hour", "space", {"seconds": 3600}),
    ("hearth, space for a little over twenty minutes", "space", {"seconds": 1200}),
    ("give us an hour and a bit of quiet", "pause", {"seconds": 3600}),
]


@pytest.mark.parametrize(("text", "intent", "slots"), OPEN_BOUNDS)
def test_a_length_left_open_at_one_end_is_asked(reads, text, intent, slots) -> None:
    reads(text, intent, slots)


def test_a_bound_in_talk_stays_talk(parser: IntentParser) -> None:
    assert parser.parse("we talked for over an hour last night").name == "none"
