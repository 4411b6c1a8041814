"""Round 6 wording families for the journal, system and safety intents (tuned on sets
11a-11c: heat of the moment, smart-speaker and app words, loose everyday words). Every
sentence here is new, written for its family, not taken from a tuning set; each failed
before its family was added (docs/nlu.md, round 6, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

# Safety: a cry for help after a negated clause ("I can't go on, I want to die"), the
# fear of what one might do, a throw going on now, the thought of "ending it".
SAFETY = [
    "I can't cope, I want to die",
    "I can't go on, I just want to end it all",
    "I'm frightened of what I could do to myself tonight",
    "he's throwing a glass at me",
    "my partner is chucking stuff at me",
    "I sometimes think about ending it",
    "I often think about not waking up",
]
NOT_SAFETY = [
    "I don't think I want to go out tonight",
    "I'm not saying I want to stop the pause",
    "I think about ending it with him sometimes, the relationship I mean",
    "I would never hurt myself",
]


def test_safety_wordings_of_round_six(parser: IntentParser) -> None:
    missed = {t: got for t in SAFETY if (got := parser.parse(t).name) != "safety"}
    assert not missed
    wrong = [t for t in NOT_SAFETY if parser.parse(t).name == "safety"]
    assert not wrong


FAMILIES: dict[str, list[tuple[str, str]]] = {
    # the journal's lists named as an app or a household would name them: the gratitude
    # log, the thank-you jar, the date night list, the things to try
    "journal lists by name": [
        ("hearth add to the thank you book that she walked the dog in the rain", "appreciation"),
        ("log in the gratitude journal he fixed my bike", "appreciation"),
        ("hearth open the gratitude list and add thanks for the flowers", "appreciation"),
        ("save that one, he made pancakes for everyone", "appreciation"),
        ("what's in the appreciation jar", "read_appreciations"),
        ("tell me what she's liked about me lately", "read_appreciations"),
        ("stick a picnic on the date night ideas", "add_idea"),
        ("let's try a cooking class, add that to the list", "add_idea"),
        ("remember we should try salsa lessons", "add_idea"),
        ("add an item to the things to try: a sunrise walk", "add_idea"),
    ],
    # the idea list played like a playlist
    "ideas played": [
        ("play another idea from the list", "next_idea"),
        ("shuffle our ideas list", "next_idea"),
        ("give me a random idea from the date night ideas", "next_idea"),
        ("what's our next date night suggestion", "next_idea"),
    ],
    # a win said after the deed ("..., high five", "woohoo"), a victory, a mark asked for,
    # the app's words ("new victory", "start celebration mode"), a pile of good days
    "wins": [
        ("we made it to the end of the week without a row, high five", "win"),
        ("we cleared the whole inbox together woohoo", "win"),
        ("celebrate this one, first quiet dinner in a month", "win"),
        ("a good moment here, I want to save this", "win"),
        ("add a small win to the log, we laughed all evening", "win"),
        ("new victory", "win"),
        ("start celebration mode", "win"),
        ("big victory we paid off the card", "win"),
        ("one for the happy jar, we held hands on the walk", "win"),
        ("we had a lovely one tonight", "win"),
    ],
    # the look back asked as stats, numbers, a comparison, a report opened
    "summaries": [
        ("show us our numbers for the week", "summary"),
        ("compare the week with last week", "summary"),
        ("view the weekly report", "summary"),
    ],
    # an app's rating: thumbs, "mark the last activity as ...", "was a flop"
    "ratings": [
        ("thumbs down on the last exercise", "feedback"),
        ("rate that one thumbs up", "feedback"),
        ("mark the last activity as unhelpful", "feedback"),
        ("leave feedback helpful", "feedback"),
        ("the walk we tried was a flop", "feedback"),
        ("that didn't help, log it as unhelpful", "feedback"),
    ],
    # all that Hearth keeps: every log, the entries and recordings, from settings, scrubbed
    "forget all": [
        ("erase it all", "forget"),
        ("scrub all the records", "forget"),
        ("delete every recording you have", "forget"),
        ("clear all the logs from settings", "forget"),
        ("wipe all the notes and entries", "forget"),
        ("remove all the things you've stored about us", "forget"),
        ("delete everything, we want to start over", "forget"),
    ],
    # app words for help and for silence
    "help and stop as an app": [
        ("open the help page", "help"),
        ("show us all your commands", "help"),
        ("silence yourself for a bit", "stop"),
        ("mute yourself", "stop"),
        ("button it", "stop"),
        ("shush, we're talking to each other", "stop"),
    ],
    # outside help as options and resources, "a pro", where couples go, "would it make sense"
    "support": [
        ("counselling options", "support"),
        ("show us therapist resources", "support"),
        ("would seeing a counsellor make sense for us", "support"),
        ("we keep arguing, a pro might help", "support"),
        ("talk to us about finding a therapist", "support"),
        ("we can't fix this on our own, who should we turn to", "support"),
    ],
    "shrugged yes": [("fine then", "yes"), ("mm-hm", "yes")],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_round_six_wording_families(parser: IntentParser, family: str) -> None:
    wrong = {
        text: got for text, want in FAMILIES[family] if (got := parser.parse(text).name) != want
    }
    assert not wrong
