"""Round 5 wording families for the journal, system and safety intents (tuned on sets
9a-9c: casual spoken, indirect/polite/typed, many speakers). Every sentence here is new,
written for its family, not taken from a tuning set; each failed before its family was
added (docs/nlu.md, round 5)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser


def _names(parser: IntentParser, texts: list[str]) -> dict[str, str]:
    return {t: parser.parse(t).name for t in texts}


# Safety: self-harm said as done or in its bare words, typed slang, a partner's threat to
# themselves; violence said as pushed/grabbed/beaten up, "violent", "got physical", fear
# for one's safety, anger about to turn into a blow; "I don't feel safe" before the rest.
SAFETY = [
    "I burned myself on purpose last night",
    "I've been self-harming again",
    "sometimes i think killing myself would be easier",
    "honestly I'm done with living",
    "I'd rather be dead than keep doing this",
    "i want to kms",
    "thinking about committing suicide",
    "he threatened to kill himself if I leave",
    "he grabbed me by the arm and wouldn't let go",
    "she shoved me hard",
    "my boyfriend beat me up last week",
    "he's been knocking me around",
    "my husband gets violent when he drinks",
    "it got physical between us last night",
    "he put his hands on me",
    "there's been abuse in our home for years",
    "I fear for my life",
    "I'm concerned for my safety",
    "I don't feel safe, she keeps screaming at me",
    "I'm so angry I could slap her",
    "I'm going to punch him",
    "sometimes i wish i could just disappear forever",
    "i took a load of pills",
    "i no want to live anymore",
    "she attack me with knife",
    "he locked me in the bedroom",
    "he's threatening to hurt the kids",
    "i'm cutting myself again",
    "i'm having thoughts of hurting myself",
    "everything would be easier if i wasn't here",
    "he smashed my phone and grabbed my throat",
    "he's going to kill me",
    "i don't see the point in anything anymore",
    "i've been thinking everyone would be better without me",
    "my partner gets physical when we argue",
    "i'm frightened of what he might do to me",
    "i got hit again last night",
    "i might do something to myself",
    "he knocked me down",
    "wife is hitting me",
    "i'm in danger",
    "i feel like hitting him",
    "i could strangle him right now",
    # "at", "to", "up" after a run are idioms only of some verbs ("he beat me at cards")
    "he hit me at the party",
    "she slapped me at dinner",
    "i don't feel safe at night",
    "i'm worried about my safety at home",
    "he choked me to the point i passed out",
    "i want to kill myself at this point",
    "he beat me up",
    # said indirectly, as plans, as what was done to the children or by me; in few words
    "i've had enough of living",
    "there's no point in me being here",
    "i wrote a goodbye note",
    "i've been researching ways to die",
    "i want to go to sleep and never wake up",
    "i've got the pills ready",
    "nobody would miss me if i was gone",
    "i burn myself sometimes",
    "me want die",
    "i think better i die",
    "i'm scared to go home",
    "he won't let me leave the house",
    "he abuses me",
    "my husband raped me",
    "he forced himself on me",
    "i was assaulted",
    "i think he's going to hurt the baby",
    "he hurt our son",
    "i hit him last night and i feel terrible",
    "i lost it and hit her",
    "call 999",
    "he's drunk and smashing things and i'm scared",
    "he's got a gun",
    # the subject left out, the verb unmarked, slang
    "he is beat me every day",
    "she always hitting me",
    "i not want live",
    "lowkey want to die",
    "thinking of unaliving myself",
    "i'm gonna off myself",
    "i keep wanting to die",
]

# ...and what stays everyday talk.
NOT_SAFETY = [
    "I don't feel safe driving in the snow",
    "I've been killing myself to get this report done",
    "she pushed me to apply for the job",
    "he beat me at cards again",
    "I cut myself shaving",
    "I'm killing myself laughing",
    "I'm not going to kill myself over this",
    "i'm in danger of missing the bus",
    "he knocked me over with that news",
    "he knocked me up",
    "he beat me to it",
    "i'm dying to see that film",
    "i want to die of embarrassment",
    "I hit him with a pillow",
    "he's got a knife in the kitchen drawer",
    "nobody would miss me at the party",
    "you'll want to die of embarrassment",
]


def test_safety_wordings_of_round_five(parser: IntentParser) -> None:
    got = _names(parser, SAFETY)
    assert {t: n for t, n in got.items() if n != "safety"} == {}
    kept = _names(parser, NOT_SAFETY)
    assert {t: n for t, n in kept.items() if n == "safety"} == {}


@pytest.mark.parametrize("text", ["kms", "unalive myself", "i want to unalive myself"])
def test_typed_slang_for_self_harm(parser: IntentParser, text: str) -> None:
    if len(text.split()) < 2:
        # a bare word alone is only matched whole: still typed slang for the words
        assert parser.parse(f"i might {text}").name == "safety"
    else:
        assert parser.parse(text).name == "safety"


# One list per family; the family's rule is in docs/nlu.md (round 5, group B).
FAMILIES: dict[str, list[tuple[str, str]]] = {
    # the partner named by name, or as the one who did it; "record that I loved ..."
    "appreciation said with its person": [
        ("I want to say thanks to Alex for walking the dog this morning", "appreciation"),
        ("big thanks to Maria, she made me laugh all evening", "appreciation"),
        ("I'm grateful my wife picked me up from the station", "appreciation"),
        ("record that I loved how you handled the kids tonight", "appreciation"),
        ("let me thank Tom for fixing the gate", "appreciation"),
        ("i want to record that i appreciate my husband's patience", "appreciation"),
        ("i want to give my husband a shout out for cleaning up", "appreciation"),
        ("i'd like to log how grateful i am for his help", "appreciation"),
    ],
    # what we are grateful for, what the partner said, the nice stuff we saved
    "appreciations asked back": [
        ("read me what we're grateful for", "read_appreciations"),
        ("what kind things has my husband said about me", "read_appreciations"),
        ("play us the nice stuff we've saved", "read_appreciations"),
        ("can we hear the sweet things you've saved", "read_appreciations"),
        ("tell me what she appreciates about me", "read_appreciations"),
        ("can you read back what we're grateful for", "read_appreciations"),
        ("any appreciations saved lately", "read_appreciations"),
        ("what thank yous do we have", "read_appreciations"),
        ("go through our appreciations", "read_appreciations"),
        ("play the appreciations we recorded", "read_appreciations"),
    ],
    # British and casual verbs of putting; the list named by what we want to try
    "ideas put on the list": [
        ("pop a cooking class on the try list", "add_idea"),
        ("chuck salsa lessons onto our list", "add_idea"),
        ("we should try a tech free sunday, can you note that idea", "add_idea"),
        ("put stargazing on the stuff we want to try", "add_idea"),
        ("add a pottery weekend to our shared ideas", "add_idea"),
        ("add hiking to things we want to try", "add_idea"),
        # "try" makes a bare "the list" ours, whatever is added
        ("we wanna try karaoke, add it to the list", "add_idea"),
    ],
    "an idea picked off the list": [
        ("choose something off our list for this weekend", "next_idea"),
        ("any idea on the list we haven't tried yet", "next_idea"),
        ("is there something on our list we can try tonight", "next_idea"),
        ("pick an idea for tonight", "next_idea"),
        ("suggest something we haven't tried", "next_idea"),
    ],
    # idioms of a verdict, a hedge ("to be honest"), an unmarked verb, a ritual's idea
    "a verdict in everyday words": [
        ("the breathing exercise did the trick", "feedback"),
        ("that didn't help to be honest", "feedback"),
        ("the weekend breakfast thing did the trick", "feedback"),
        ("it not worked for us", "feedback"),
        ("I don't think the walk helped this time", "feedback"),
        ("what we tried last night worked a treat", "feedback"),
        ("honestly the breathing helped us calm down", "feedback"),
        ("i'd say that helped", "feedback"),
        ("to be honest it made things worse", "feedback"),
    ],
    # what we did calmly; a good moment and what it was; the deed, then its name
    "a win told by what happened": [
        ("we finally planned the holiday without arguing", "win"),
        ("we settled the chores thing calmly", "win"),
        ("nice moment, we cooked dinner together", "win"),
        ("we apologised to each other, that's a win", "win"),
        ("that calls for a celebration", "win"),
        ("that was a real good evening, log that", "win"),
        ("that was a big win for us", "win"),
        ("we got through a whole week with no fights", "win"),
        ("hey we did it, no arguing all day", "win"),
    ],
    # this week against the last said by what changed; asked as an overview
    "the week looked back on": [
        ("have we argued less than last week", "summary"),
        ("did we take fewer breaks this week than last week", "summary"),
        ("I'd like an overview of how things went between us this week", "summary"),
        ("are we better or worse than last week", "summary"),
        ("what's helping and what's not", "summary"),
        ("weekly rundown please", "summary"),
        ("any progress this week", "summary"),
        ("let me know how things are going this week", "summary"),
    ],
    "outside help asked about": [
        ("what does a couples counsellor actually do", "support"),
        ("we probably need to talk to a therapist, how do we go about it", "support"),
        ("do you know anything about couples counselling", "support"),
        ("I want to find out more about getting a therapist", "support"),
        ("can you give us some information on couples therapy", "support"),
    ],
    # for a while, while we talk, "not now", slang, asked politely of "you"
    "quiet asked for": [
        ("quiet for now, we're trying to talk", "stop"),
        ("shush, I'm talking", "stop"),
        ("stop talking, we're busy", "stop"),
        ("quiet down please", "stop"),
        ("please stop, not right now", "stop"),
        ("I'd like you to stop speaking", "stop"),
        ("enough, thanks", "stop"),
    ],
    "what Hearth can do": [
        ("show us what you're able to do", "help"),
        ("remind me what you're good for", "help"),
        ("do you have a list of questions we can ask", "help"),
        ("what kinds of things can you do for couples", "help"),
        ("tell me what you're good at", "help"),
    ],
    # all Hearth keeps named many ways; a fresh start said beside it
    "everything erased": [
        ("we're starting over, wipe all the data", "forget"),
        ("we want you to wipe all the logs", "forget"),
        ("wipe your memory about us", "forget"),
        ("delete all the logs, I don't want any of it stored", "forget"),
        ("we want you to clear all the memories", "forget"),
        ("please wipe all the data you have on us", "forget"),
    ],
    "answers said warmly": [
        ("yes, that sounds lovely", "yes"),
        ("yes, I would love that", "yes"),
        ("of course, thanks", "yes"),
        ("sure, go on then", "yes"),
        ("no, it's alright", "no"),
        ("no thanks mate", "no"),
    ],
    # British, Australian and casual speakers: the partner ("the missus", "my bf"), "the
    # lot", "get rid of", "cheers"/"ta" for thanks, "rubbish", "a treat", "smashed it"
    "said the British or casual way": [
        ("my bf hit me", "safety"),
        ("the missus hit me", "safety"),
        ("he gave me a proper beating", "safety"),
        ("i'm gonna top myself", "safety"),
        ("cheers to my wife for sorting the bills", "appreciation"),
        ("i'd just like to say how much i appreciate my husband", "appreciation"),
        ("make a note that i appreciated her calling my mum", "appreciation"),
        ("i want to note my gratitude to my wife for her kindness", "appreciation"),
        ("what've we been grateful for lately", "read_appreciations"),
        ("remind us of the lovely things we've said", "read_appreciations"),
        ("chuck a weekend in wales on our list", "add_idea"),
        ("put down rock climbing as an idea", "add_idea"),
        ("have you got an idea for us from the list", "next_idea"),
        ("give us something to try", "next_idea"),
        ("what could we try this weekend", "next_idea"),
        ("it was rubbish, didn't help", "feedback"),
        ("the walk was brilliant, really helped", "feedback"),
        ("didn't help one bit", "feedback"),
        ("that helped loads", "feedback"),
        ("we had a cracking day", "win"),
        ("we smashed it today, no rows", "win"),
        ("how've we been getting on", "summary"),
        ("give us a rundown of the week", "summary"),
        ("how's it been going between us", "summary"),
        ("got any numbers for couples therapy", "support"),
        ("alright that'll do", "stop"),
        ("stop yapping", "stop"),
        ("what are you for exactly", "help"),
        ("wipe the lot", "forget"),
        ("get rid of everything you've saved", "forget"),
        ("too right", "yes"),
        ("cheers, yes", "yes"),
        ("nah ta", "no"),
        ("no cheers", "no"),
    ],
    # a request framed as a wish, a verdict or a win framed as news (9b's style)
    "framed as a wish or as news": [
        (
            "just wanted to say i appreciate how he handled the kids today, can you keep that",
            "appreciation",
        ),
        ("it would be lovely to hear our appreciations", "read_appreciations"),
        ("I was hoping you could read us the appreciations", "read_appreciations"),
        (
            "we were thinking of trying tango lessons, could you note that down as an idea",
            "add_idea",
        ),
        ("it might be fun to try a cooking class, can you add it to our list", "add_idea"),
        ("I'd love it if you could add a weekend away to our ideas", "add_idea"),
        ("I have to say the walk really helped us", "feedback"),
        ("just letting you know the pause didn't really help", "feedback"),
        ("I'm afraid that didn't work for us", "feedback"),
        ("I think it's fair to say that helped", "feedback"),
        ("we wanted to share some good news, we had a lovely calm evening", "win"),
        ("I'm pleased to say we got through the weekend without arguing", "win"),
        ("it's worth celebrating, we sorted the finances together", "win"),
        ("we were wondering how this week went", "summary"),
        ("we were wondering about seeing a counsellor", "support"),
        ("I'm not sure what I can ask you", "help"),
        ("I was wondering what you're able to help with", "help"),
    ],
    # ...and what stays talk between the two
    "talk kept out": [
        ("it's a small win for the team, says the coach", "none"),
        ("i'm gonna kill him if he's late again", "none"),
        ("that'll do nicely for dinner", "none"),
        ("cheers for the tea", "none"),
        ("wipe the counter please", "none"),
        ("there's violence in this film", "none"),
        ("she me the movie times", "none"),
        ("oh just forget it", "none"),
        ("okay just forget about it", "none"),
        ("shush, the kids are asleep", "none"),
        ("idea: let's order pizza tonight", "none"),
        ("I'm grateful we have a garden", "none"),
        ("we made it to the station on time", "none"),
        ("we did it again, didn't we", "none"),
    ],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_round_five_wording_families(parser: IntentParser, family: str) -> None:
    wrong = {
        text: got for text, want in FAMILIES[family] if (got := parser.parse(text).name) != want
    }
    assert wrong == {}
