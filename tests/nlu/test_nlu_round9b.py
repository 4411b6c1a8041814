"""Round 9 wording families for the journal, system and safety intents (tuned on sets
17a-17c: self-corrections, restarts and fillers; young-adult slang with the feeling said
first; indirect, polite hints and needs stated as feelings). Every sentence here is new,
written for its family, not taken from a tuning set; each request failed on ba810b2 (checked
on an export of that commit); each near miss is talk here (the ideas as a topic, someone
else's week or win and "tell me how your week went" were taken on ba810b2: out-of-domain
fixes) (docs/nlu.md, round 9, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

# Slang: fillers ("lowkey", "ngl", "tbh", "lol", "fr"), "shoutout", "props", "my man",
# "real quick", "how'd" (typed only).
SLANG = [
    ("highkey can you read us the nice things we said lol", "read_appreciations", {}),
    ("tbh that wasn't helpful lol", "feedback", {"helped": False}),
    ("lowkey a win today, we didn't argue once", "win", {}),
    ("shoutout to my man for cooking tonight, save that", "appreciation",
     {"text": "cooking tonight, save that"}),
    ("let me shout out my boyfriend real quick", "appreciation", {"text": None}),
    ("i want to give jo props for sorting the car", "appreciation", {}),
    ("how'd the week go for us", "summary", {}),
    ("how'd things go this week", "summary", {}),
    ("for sure", "yes", {}),
    ("say less", "yes", {}),
    ("hard pass", "no", {}),
]  # fmt: skip

# An answer changed while it is said: the last yes or no stands, when a word of
# correction ("wait", "hang on", "sorry", "I mean", "actually") was said.
CHANGED_ANSWERS = [
    ("hearth, no, wait, yes", "yes", {}),
    ("hearth, no, wait, no", "no", {}),
    ("yes, hang on, no", "no", {}),
    ("yes, sorry, yes", "yes", {}),
    ("no, sorry, I mean yes", "yes", {}),
]  # fmt: skip

# The thanks said the indirect way: how sweet it was, what it meant, a feeling of
# gratitude, "I'd love for you to note ...", saved "as an appreciation:", put in for a deed.
THANKS = [
    ("note how thoughtful it was that he brought me tea", "appreciation",
     {"text": "he brought me tea"}),
    ("remember how kind she was when she picked me up", "appreciation",
     {"text": "she picked me up"}),
    ("I'd love for you to note that I appreciate her patience", "appreciation",
     {"text": "her patience"}),
    ("it meant so much that she called my dad, can you save that", "appreciation",
     {"text": "she called my dad"}),
    ("it meant the world to me when he held my hand, I want that saved", "appreciation",
     {"text": "he held my hand"}),
    ("save that one as an appreciation: he ironed my shirts", "appreciation",
     {"text": "he ironed my shirts"}),
    ("I feel so grateful that he stayed up with the baby, can you log that", "appreciation",
     {"text": "he stayed up with the baby"}),
    ("pop an appreciation in for Jamie tidying the garage", "appreciation",
     {"text": "Jamie tidying the garage"}),
    ("I want to say I appreciate how calm she stayed", "appreciation", {}),
]  # fmt: skip

# Ideas: the list named bare ("to ideas") or vaguely ("the ideas thing"); what we should
# do or go to, then "add that"; how nice it would be, then saved; an idea heard or read.
IDEAS = [
    ("put a cooking class on ideas", "add_idea", {"text": "a cooking class"}),
    ("add a pottery class to ideas", "add_idea", {"text": "a pottery class"}),
    ("let's add to the ideas thing a night at the planetarium", "add_idea",
     {"text": "a night at the planetarium"}),
    ("we should do a escape room, add that", "add_idea", {"text": "a escape room"}),
    ("let's go camping by the lake, stick it on the list", "add_idea",
     {"text": "camping by the lake"}),
    ("it would be nice to learn to dance together, save that idea", "add_idea",
     {"text": "learn to dance together"}),
    ("a picnic in the park would be lovely, add it to the list", "add_idea",
     {"text": "a picnic in the park"}),
    ("one idea we want added is a weekend in the hills", "add_idea",
     {"text": "a weekend in the hills"}),
    ("hit us with an idea from the list", "next_idea", {}),
    ("I want to hear something off the idea list", "next_idea", {}),
]  # fmt: skip

# Verdicts: said twice ("it worked, it really did"), a real difference, "not for us".
VERDICTS = [
    ("the coffee, yeah, it worked, it really did", "feedback", {"helped": True}),
    ("the breathing made a big difference", "feedback", {"helped": True}),
    ("the walk made all the difference", "feedback", {"helped": True}),
    ("that wasn't for us, it didn't work", "feedback", {"helped": False}),
    ("the last break made things worse if anything", "feedback", {"helped": False}),
]  # fmt: skip

# The week looked back on, asked indirectly; help, forget and support asked as a need or a
# feeling; a win to note.
INDIRECT = [
    ("I want to share something that went well today", "win", {}),
    ("how did we do overall", "summary", {}),
    ("give me a rundown of how things went", "summary", {}),
    ("tell me how the last few days went", "summary", {}),
    ("what worked best lately", "summary", {}),
    ("I'm new to this, can you explain how this works", "help", {}),
    ("could you explain how to use this, I'm new to you", "help", {}),
    ("wipe everything and forget us", "forget", {}),
    ("we'd feel better if you wiped all of our data", "forget", {}),
    ("reset and erase all the info", "forget", {}),
    ("we should talk to someone, like a therapist, how do we do that", "support", {}),
    ("that would be wonderful", "yes", {}),
]  # fmt: skip

# Danger said as it happens: things smashed with the fear, a break-in, an intruder.
SAFETY = [
    ("she's smashing plates and I'm scared", "safety", {}),
    ("somebody's trying to get into the house", "safety", {}),
    ("someone is trying to break in", "safety", {}),
    ("there's an intruder in our house", "safety", {}),
    ("there's someone in the house and I'm scared", "safety", {}),
]  # fmt: skip

NEAR_MISSES = [
    # ideas as the topic of a remark; someone else's week or win
    "the ideas in that film were clever",
    "the idea for the party is a bit much",
    "how was your week at work",
    "tell me how your week went",
    "it was a big win for the club on saturday",
    "that's a big win for the landlord",
    "what's been helping your neck lately",
    "the paracetamol didn't help at all",
    "the painkillers helped a lot",
    "can i know what i on the list",
    # danger words in everyday talk
    "she's throwing a party and I'm excited",
    "someone's breaking in their new boots",
    "someone's trying to get in touch with you",
    "somebody is trying to get into the group chat",
    "there's someone in the house with a delivery",
    # slang and answers that are not answers
    "bet he forgot again",
    "for sure, he's coming tomorrow",
    "yes, no, maybe",
    "no, wait",
    "i'll pass",
    "say less, babe, just listen",
    # the new openings with other business
    "it would be nice to go to bed early",
    "we should do the dishes, add that to the shopping list",
    "what worked best for the plumber",
    "I appreciate you listening",
    "give jo a lift to the station",
    "we'd feel better if you turned the heating up",
    "reset the router and forget the wifi",
    "that meant a lot to him",
    "hit me with your best shot",
    "I'm new to this job",
]


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    SLANG + CHANGED_ANSWERS + THANKS + IDEAS + VERDICTS + INDIRECT + SAFETY,
)
def test_round_nine_families(parser: IntentParser, text: str, intent: str, slots: dict) -> None:
    got = parser.parse(text)
    assert got.name == intent
    for name, value in slots.items():
        assert (got.slots.get(name) or None) == value if value is None else got.slots[name] == value


def test_round_nine_near_misses_stay_talk(parser: IntentParser) -> None:
    taken = {t: got for t in NEAR_MISSES if (got := parser.parse(t).name) != "none"}
    assert not taken


def test_we_will_pass_still_skips_the_question(parser: IntentParser) -> None:
    # "hard pass" is a no; "we'll pass" is left to the check-in's skip (next_question)
    assert parser.parse("we'll pass").name == "next_question"
