"""Round 12 wording families for the journal, system and safety intents, and speech
habits heard whole by the recognizer (tuned on sets 25a-25c: a tense moment, speech
recognizer transcripts, polite English from five countries). Every sentence here is new,
written for its family, not taken from a tuning set; each near miss is talk here
(docs/nlu.md, round 12, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.normalize import normalize

# The journal: the partner appreciated with no deed yet (Hearth asks what for); a deed
# praised "even though" (a concession, not a contrast); "can we save an appreciation for
# ..."; the partner's appreciations played back.
JOURNAL = [
    ("let me appreciate my partner", "appreciation", {"text": None}),
    ("log an appreciation, she drove me to work even though she was tired", "appreciation",
     {"text": "she drove me to work even though she was tired"}),
    ("can we add an appreciation for Tom fixing the shed", "appreciation",
     {"text": "Tom fixing the shed"}),
    ("read back her appreciations of me", "read_appreciations", {}),
]  # fmt: skip

# Ideas: "let's add an idea, X"; a thing for us to do together; the idea first, then "can
# you put it on our ideas list"; the "together list"; an idea asked for something to do
# together.
IDEAS = [
    ("let's add an idea, a pottery class", "add_idea", {"text": "a pottery class"}),
    ("record something for us to do together", "add_idea", {"text": None}),
    ("a canoe trip would be fun, can you put it on the idea list", "add_idea",
     {"text": "a canoe trip"}),
    ("stick a cooking class on our together list", "add_idea", {"text": "a cooking class"}),
    ("suggest us an idea for something fun to do together", "next_idea", {}),
]  # fmt: skip

# Feedback said with British understatement; a win put or written down; what helped run
# through; a roundup of the past week; help asked as "my options with you", "what things
# you help with", "a rundown of what you do"; "never mind, not right now"; a therapist
# nearby, one known of, someone to talk to "like a therapist"; the wish to live doubted;
# "right, yes".
SYSTEM = [
    ("that break was quite useful", "feedback", {"helped": True}),
    ("put this down as a win", "win", {}),
    ("something good happened tonight, can you jot it down as a win", "win", {}),
    ("jot down a win, we laughed about the burnt toast", "win", {}),
    ("walk me through what worked this week", "summary", {}),
    ("can I have a roundup of the last month", "summary", {}),
    ("what are our options with you", "help", {}),
    ("give us a rundown of what you can do", "help", {}),
    ("never mind, not right now", "stop", {}),
    ("help us find a couples counsellor nearby", "support", {}),
    ("do you know any therapists nearby", "support", {}),
    ("I might need to talk to somebody like a therapist, can you help", "support", {}),
    ("I'm not sure I want to live anymore", "safety", {}),
    ("I don't know whether I want to go on", "safety", {}),
    ("right, yes, why not then", "yes", {}),
]  # fmt: skip

# Speech habits: a word said again across a filler; a length said "full" or "whole"; "a
# hundred and ..." seconds; a grudging "fine," before a request; the content promised for
# later; a length corrected with a bare number (asked: the first value was taken back, and
# round 5 never reads a bare number as a length).
SPEECH = [
    ("fine, add an idea: a picnic at the lake", "add_idea", {"text": "a picnic at the lake"}),
    ("add an idea to our list, I'll tell you what later", "add_idea", {"text": None}),
    ("pause us for a whole minute", "pause", {"seconds": 60}),
    ("take a break, ten minutes, no, make it a full hour", "pause", {"seconds": 3600}),
    ("pause for a hundred and eighty seconds", "pause", {"seconds": 180}),
    # a bare number taking the length back, in its unit (round 14; far from it: asked)
    ("five more minutes, no, eight", "extend", {"seconds": 480}),
    ("four more minutes for the break, sorry, six", "extend", {"seconds": 360}),
    ("four more minutes for the break, sorry, sixty", "extend", {"seconds": None}),
]  # fmt: skip

# Everyday talk near these wordings: must stay none.
NEAR_MISSES = [
    "ideas for the weekend anyone",
    "the ideas she had for the kitchen were brilliant",
    "I appreciate you, you know",
    "I appreciate the effort, though it was too late",
    "fine by me, whatever you want",
    "add eggs to the together list",
]


@pytest.mark.parametrize(
    ("text", "intent", "slots"), JOURNAL + IDEAS + SYSTEM + SPEECH, ids=lambda v: str(v)[:40]
)
def test_round_twelve_b_families(reads_as, text: str, intent: str, slots: dict) -> None:
    reads_as(text, intent, slots)


def test_round_twelve_b_near_misses_stay_talk(parser: IntentParser) -> None:
    taken = {t: got for t in NEAR_MISSES if (got := parser.parse(t).name) != "none"}
    assert not taken


def test_a_bare_number_correction_is_asked(parser: IntentParser) -> None:
    # never the first length (taken back), never the bare number in the first unit
    got = parser.parse("pause for ninety seconds, no, two")
    assert got.name == "pause" and got.slots["seconds"] is None and got.slots.get("unclear")


def test_a_time_said_again_across_a_filler_is_still_corrected() -> None:
    # a word said again across a filler is read once, never a time: "six, uh, six thirty"
    # keeps both times for the correction, which keeps the second
    assert normalize("move the check-in to six, uh, six thirty").times == ["18:30"]
