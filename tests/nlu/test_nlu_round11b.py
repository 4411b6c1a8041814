"""Round 11 wording families for the journal, system and safety intents (tuned on sets
23a-23c: tired late-evening speech, older and second-language speakers, phone typing).
Every sentence here is new, written for its family, not taken from a tuning set; each
request failed on the matcher of bbe149d (checked on an export of that commit); each near
miss is talk here (docs/nlu.md, round 11, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

# The appreciation asked for the partner alone (Hearth asks what for), the thanks then
# "save that", "save this one: thank you for ...", a terse "appreciate him for ...".
APPRECIATIONS = [
    ("hearth, a new appreciation for my husband", "appreciation", {"text": None}),
    ("I'd like to save something nice about my boyfriend", "appreciation", {"text": None}),
    ("I appreciate Sam for fixing the gate, save that", "appreciation",
     {"text": "Sam for fixing the gate"}),
    ("save this one, thanks for making me laugh tonight", "appreciation",
     {"text": "making me laugh tonight"}),
    ("appreciate him for walking the dog in the rain", "appreciation",
     {"text": "walking the dog in the rain"}),
    ("tell me what we've thanked each other for lately", "read_appreciations", {}),
]  # fmt: skip

# Ideas: a date idea added by name, the idea "of" something kept, the things-to-do-together
# list, another idea, ideas for a date night, what we could do together, the next on the
# list of things to do together, an idea from the list for a time.
IDEAS = [
    ("record a date idea, a night at the observatory", "add_idea",
     {"text": "a night at the observatory"}),
    ("keep the idea of a boat trip on the lake", "add_idea", {"text": "a boat trip on the lake"}),
    ("put salsa lessons on the things to try together list", "add_idea", {"text": "salsa lessons"}),
    ("we have an idea for something we could do together", "add_idea", {"text": None}),
    ("another idea please, that one is no good", "next_idea", {}),
    ("got any ideas for a date night", "next_idea", {}),
    ("what could we do together tomorrow", "next_idea", {}),
    ("whats next on the things to do together list", "next_idea", {}),
    ("tell us an idea off the list for this evening", "next_idea", {}),
]  # fmt: skip

# Feedback with how we are now, told to Hearth, feeling better after its pause; wins added,
# kept or put down; the last few days summed up, what worked over a stretch.
JOURNAL = [
    ("the breathing helped, we're closer now", "feedback", {"helped": True}),
    ("I want to say the check-in went well", "feedback", {"helped": True}),
    ("feeling much better after the break", "feedback", {"helped": True}),
    ("something good happened between us, I want to log it as a win", "win", {}),
    ("we want to record a small victory, we cooked together without bickering", "win", {}),
    ("add a win, not one argument at the in-laws", "win", {}),
    ("sum up the past few days", "summary", {}),
    ("what helped us over the last few weeks", "summary", {}),
    ("what's been good for us recently", "summary", {}),
]  # fmt: skip

# Forget, support, safety and the answers.
SYSTEM = [
    ("erase your memory entirely", "forget", {}),
    ("delete all the saved things, appreciations, everything", "forget", {}),
    ("we want to start anew, please delete all our information", "forget", {}),
    ("are there any family therapists near here", "support", {}),
    ("how do we get a counsellor for our marriage", "support", {}),
    ("can you recommend a couples psychologist", "support", {}),
    ("I need somebody qualified to help me", "support", {}),
    ("we need to talk to a counsellor about us, can you help us find one", "support", {}),
    ("he told me he wants to take his own life", "safety", {}),
    ("grand, yes", "yes", {}),
    ("sure, yep", "yes", {}),
    ("no, you are fine", "no", {}),
    ("no, I don't want it", "no", {}),
    ("sadly not", "no", {}),
]  # fmt: skip

# Talk that stays talk: a remark about an appreciation lunch, a list of ideas from someone,
# feeling better after a walk with the partner, ideas for someone's birthday.
NEAR_MISSES = [
    "the appreciation lunch at work was a bit awkward",
    "the list of ideas from the wedding planner was endless",
    "I feel much better after the walk, thanks for coming",
    "any ideas for dad's birthday present",
    "add eggs to the together list",
]


@pytest.mark.parametrize(
    ("text", "intent", "slots"), [*APPRECIATIONS, *IDEAS, *JOURNAL, *SYSTEM]
)  # fmt: skip
def test_round_eleven_families(reads_as, text: str, intent: str, slots: dict) -> None:
    reads_as(text, intent, slots)


def test_round_eleven_near_misses_stay_talk(parser: IntentParser) -> None:
    taken = {t: got for t in NEAR_MISSES if (got := parser.parse(t).name) != "none"}
    assert not taken
