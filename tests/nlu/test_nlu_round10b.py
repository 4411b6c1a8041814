"""Round 10 wording families for the journal, system and safety intents (tuned on sets
19a-19c: the partner's wish relayed, a reason said beside the request, polite openings,
the idea list named by what is on it). Every sentence here is new, written for its family,
not taken from a tuning set; each request failed on 8c92da0 (checked on an export of that
commit); each near miss is talk here (docs/nlu.md, round 10, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

# The idea list named by what is on it: "our list of things to do together", "the things
# we want to try as a couple", "our date ideas", "our shared ideas"; "I was wondering if you
# could" as a polite opening; the idea talked about, then "add it".
IDEAS = [
    ("put a cooking class on our list of things to do together", "add_idea",
     {"text": "a cooking class"}),
    ("add ice skating to the things we want to try as a couple", "add_idea",
     {"text": "ice skating"}),
    ("hearth, add a picnic by the lake to our date ideas", "add_idea",
     {"text": "a picnic by the lake"}),
    ("I was wondering if you could add a wine tasting to our shared ideas", "add_idea",
     {"text": "a wine tasting"}),
    ("new couple idea: a weekend without phones", "add_idea",
     {"text": "a weekend without phones"}),
    ("we've been talking about a road trip, so add it to our ideas list", "add_idea",
     {"text": "a road trip"}),
    ("he has an idea he wants to add to our list of things to do together", "add_idea",
     {"text": None}),
    ("add an idea to the list, because we keep forgetting them", "add_idea", {"text": None}),
    ("suggest something for date night from our date ideas", "next_idea", {}),
    ("what can we do together tonight from our ideas", "next_idea", {}),
]  # fmt: skip

# The partner's wish or verdict relayed ("she wants to ...", "he says ..."), and the
# appreciations the partner left.
RELAYED = [
    ("he wants to hear the appreciations", "read_appreciations", {}),
    ("read us the appreciations she left", "read_appreciations", {}),
    ("remind me what my sweetheart appreciates about me", "read_appreciations", {}),
    ("what nice things have I said about her", "read_appreciations", {}),
    ("she wants to record an appreciation: the soup he made me", "appreciation",
     {"text": "the soup he made me"}),
    ("he says the breathing helped him a lot", "feedback", {"helped": True}),
    ("she says to log a win for us", "win", {}),
    ("he wants to know what's been helping us", "summary", {}),
    ("she wants to know what you're for", "help", {}),
    ("he wants you to stop talking", "stop", {}),
    ("she wants all our stored data deleted", "forget", {}),
]  # fmt: skip

# An answer said first, next to Hearth's name, then its reason; an answer said for both.
ANSWERS = [
    ("no, hearth, we've had a long day", "no", {}),
    ("sure, hearth. we've got time tonight", "yes", {}),
    ("no thanks, hearth, we're too tired for that tonight", "no", {}),
    ("yes please, he says yes too", "yes", {}),
    ("nope, she says no", "no", {}),
    ("no thank you, we'll pass", "no", {}),
    ("absolutely, yes", "yes", {}),
    ("negative", "no", {}),
]  # fmt: skip

# Named by their parts or asked the indirect way.
INDIRECT = [
    ("he made me laugh all day and I want it saved as an appreciation", "appreciation",
     {"text": "he made me laugh all day"}),
    ("put down that I love how she sings in the car", "appreciation",
     {"text": "how she sings in the car"}),
    ("please remember how thankful I am that he drove me", "appreciation",
     {"text": "he drove me"}),
    ("record an appreciation because today was lovely", "appreciation", {"text": None}),
    ("the check-in question was good for us", "feedback", {"helped": True}),
    ("today's check-in worked", "feedback", {"helped": True}),
    ("please note that we sorted things out fast after the fight", "win", {}),
    ("please note that we made up fast after the row", "win", {}),
    ("give me a summary of what helped this month", "summary", {}),
    ("how things have gone recently", "summary", {}),
    ("explain how the space works", "help", {}),
    ("I don't understand how this works, can you explain", "help", {}),
    ("what are we supposed to say to you", "help", {}),
    ("factory reset", "forget", {}),
    ("reset yourself and remove all our information", "forget", {}),
    ("can you find a relationship counsellor", "support", {}),
    ("I want outside help for our relationship", "support", {}),
    ("suggest where to find a counsellor", "support", {}),
]  # fmt: skip

# Talk that stays talk: an answer to the partner with no name said, "the ideas board",
# a request beside the answer wins over it.
NEAR_MISSES = [
    "no thanks, I've already eaten",
    "yes, I locked the back door",
    "the ideas box at work is always empty",
    "the ideas channel at work is useless",
    "if you can hear me, come downstairs",
]


@pytest.mark.parametrize(
    ("text", "intent", "slots"), [*IDEAS, *RELAYED, *ANSWERS, *INDIRECT]
)  # fmt: skip
def test_round_ten_families(reads_as, text: str, intent: str, slots: dict) -> None:
    reads_as(text, intent, slots)


def test_round_ten_near_misses_stay_talk(parser: IntentParser) -> None:
    taken = {t: got for t in NEAR_MISSES if (got := parser.parse(t).name) != "none"}
    assert not taken


def test_a_request_beside_an_answer_wins(parser: IntentParser) -> None:
    # "no need" is taken back by the request that follows it
    assert parser.parse("hearth, oh, no need, you can stop there").name == "stop"
