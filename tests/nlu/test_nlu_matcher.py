"""The parser on the development set and on the examples the issue fixes."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.nlu import IntentParser, strip_wake_phrase
from assistant.nlu.evaluate import Example, blind_set_misses, evaluate, read_examples

INTENTS = {
    "pause", "resume", "time_left", "checkin", "next_question", "repeat", "space", "ritual",
    "appreciation", "read_appreciations", "add_idea", "next_idea", "feedback", "win",
    "summary", "schedule", "help", "stop", "forget", "support", "yes", "no",
    "checkin_when", "checkin_skip", "checkin_cancel", "extend", "volume", "safety",
}  # fmt: skip
# Intents whose development sentences live in requests_in_domain.txt (test_nlu_requests.py).
REQUEST_INTENTS = {"checkin_when", "checkin_skip", "checkin_cancel", "extend", "volume", "safety"}


def test_the_parser_knows_exactly_the_public_intents(parser: IntentParser) -> None:
    assert set(parser.intent_names) == INTENTS


def test_dev_set_size_and_coverage(in_domain: list[Example], out_of_domain: list[Example]) -> None:
    assert len(in_domain) >= 300
    assert len(out_of_domain) >= 150
    per_intent = Counter(ex.intent for ex in in_domain)
    assert set(per_intent) == INTENTS - REQUEST_INTENTS
    assert min(per_intent.values()) >= 8


def test_dev_set_accuracy(
    parser: IntentParser, in_domain: list[Example], out_of_domain: list[Example]
) -> None:
    report = evaluate(parser.parse, in_domain, out_of_domain, parser.slot_defaults())
    shown = "\n".join(f"{t!r}: expected {e}, got {g}" for t, e, g in report.errors)
    assert report.intent_accuracy >= 0.97, shown
    assert report.slot_accuracy >= 0.97, shown
    assert report.ood_acceptance <= 0.01, shown


@pytest.mark.parametrize(
    ("name", "min_in", "min_out"),
    [("heldout", 300, 150), ("heldout2", 290, 175)],
)
def test_blind_heldout_set_accuracy(
    parser: IntentParser, request: pytest.FixtureRequest, name: str, min_in: int, min_out: int
) -> None:
    """The blind sets other engineers wrote (tests/nlu/data/README.md), same targets."""
    in_domain = request.getfixturevalue(f"{name}_in_domain")
    out_of_domain = request.getfixturevalue(f"{name}_out_of_domain")
    assert len(in_domain) >= min_in and len(out_of_domain) >= min_out
    report = evaluate(
        parser.parse,
        in_domain,
        out_of_domain,
        parser.slot_defaults(),
        text_slots=frozenset({"text"}),
    )
    shown = "\n".join(f"{t!r}: expected {e}, got {g}" for t, e, g in report.errors)
    assert report.intent_accuracy >= 0.97, shown
    assert report.slot_accuracy >= 0.97, shown
    assert report.ood_acceptance <= 0.01, shown


def test_third_blind_set_intents_and_slots(
    parser: IntentParser, heldout3_in_domain: list[Example], heldout3_out_of_domain: list[Example]
) -> None:
    """Blind set 3, tuning material since its one "before" score (84.1%): the intent and
    every slot its label names right in >= 97% (its labels call the phone ritual
    "phone", Hearth's value is "call"), none of its out-of-domain sentences accepted."""
    assert len(heldout3_in_domain) >= 340 and len(heldout3_out_of_domain) >= 220
    wrong = blind_set_misses(parser.parse, heldout3_in_domain)
    assert 1 - len(wrong) / len(heldout3_in_domain) >= 0.97, "\n".join(wrong)
    accepted = [ex.text for ex in heldout3_out_of_domain if parser.parse(ex.text).name != "none"]
    assert not accepted


def test_fifth_blind_set_intents_and_slots(
    parser: IntentParser, heldout5_in_domain: list[Example], heldout5_out_of_domain: list[Example]
) -> None:
    """Blind set 5, tuning material since its one "before" score (76.3% on 0e99c8b): the
    intent and every slot its label names right in >= 97%, none of its out-of-domain
    sentences accepted."""
    assert len(heldout5_in_domain) >= 300 and len(heldout5_out_of_domain) >= 200
    wrong = blind_set_misses(parser.parse, heldout5_in_domain)
    assert 1 - len(wrong) / len(heldout5_in_domain) >= 0.97, "\n".join(wrong)
    accepted = [ex.text for ex in heldout5_out_of_domain if parser.parse(ex.text).name != "none"]
    assert not accepted


def test_seventh_blind_set_intents_and_slots(
    parser: IntentParser, heldout7_in_domain: list[Example], heldout7_out_of_domain: list[Example]
) -> None:
    """Blind set 7, tuning material since its one "before" score (87.3% on 7d61bc0, 5 of
    200 out-of-domain accepted): the intent and every slot its label names right in
    >= 97%, none of its out-of-domain sentences accepted."""
    assert len(heldout7_in_domain) >= 300 and len(heldout7_out_of_domain) >= 200
    wrong = blind_set_misses(parser.parse, heldout7_in_domain)
    assert 1 - len(wrong) / len(heldout7_in_domain) >= 0.97, "\n".join(wrong)
    accepted = [ex.text for ex in heldout7_out_of_domain if parser.parse(ex.text).name != "none"]
    assert not accepted


# Round 4 families (docs/nlu.md): sentences written for the family, not taken from set 7.
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a timer is Hearth's only when named: a break, cool down, space or ritual timer
        ("set a timer for five minutes", "none"),
        ("start a 10 minute timer", "none"),
        ("stop the timer", "none"),
        ("cancel the timer please", "none"),
        ("set the oven timer", "none"),
        ("start a five minute break timer", "pause"),
        ("set a cool down timer for ten minutes", "pause"),
        ("we're calm, you can stop the timer", "resume"),
        ("is the timer almost done", "time_left"),
        ("start the walk timer", "ritual"),
        # said to another assistant by its name
        ("alexa, how much time is left", "none"),
        ("ok google stop", "none"),
        ("hey siri say that again", "none"),
    ],
)
def test_a_timer_or_an_assistant_not_named_as_hearths(
    parser: IntentParser, text: str, intent: str
) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # time apart from this, the length as its own sentence, agreed, then we regroup
        ("I need an hour apart from this, I'll be back", "space", {"seconds": 3600}),
        ("I need space. twenty minutes. we agreed", "space", {"seconds": 1200}),
        ("he needs some space, 30 minutes, then we regroup", "space", {"seconds": 1800}),
        ("we're taking some time apart for an hour, then talk", "space", {"seconds": 3600}),
        ("I need space from this conversation for 20 minutes", "space", {"seconds": 1200}),
        # a ritual's time left, typed vowels dropped; more time alone; back early
        ("how much of the coffee is left", "time_left", {}),
        ("hw long left", "time_left", {}),
        ("I need twenty minutes more to myself", "extend", {"seconds": 1200}),
        ("we came back early", "resume", {}),
        ("I'm back early, let's talk again", "resume", {}),
        # the check-in: who is there, go ahead, a reason for a line missed
        ("we're ready, start tonight's check in", "checkin", {}),
        ("it's time for the check-in, go ahead", "checkin", {}),
        ("could you repeat that, she was talking", "repeat", {}),
        # the schedule: cadence first, no preposition, a typed dotted time, an announcement
        ("every other day check in at 9pm", "schedule", {"time": "21:00"}),
        ("schedule the check in 9.30 pm", "schedule", {"time": "21:30"}),
        ("change of plan, check in daily at nine", "schedule", {"time": "21:00"}),
        ("is our check-in tonight or tomorrow", "checkin_when", {}),
        ("we're at a wedding tonight, skip the check in", "checkin_skip", {}),
        ("I'm done with the check ins for good, cancel them", "checkin_cancel", {}),
        # rituals: guided breathing, apart for the call
        ("walk us through a bit of deep breathing", "ritual", {"ritual": "mindfulness"}),
        ("we're away this week, start our phone call", "ritual", {"ritual": "call"}),
        # appreciations, ideas, verdicts, wins
        ("note that I'm thankful she made dinner", "appreciation", {}),
        ("record something kind about my wife", "appreciation", {"text": None}),
        ("I really appreciate her listening tonight", "appreciation", {}),
        ("read our gratitude journal", "read_appreciations", {}),
        ("another idea for the list", "add_idea", {"text": None}),
        ("which ideas haven't we tried yet", "next_idea", {}),
        ("the walk helped, we felt closer afterwards", "feedback", {"helped": True}),
        ("we made it, we got through dinner calmly", "win", {}),
        ("we apologised to each other, log a win", "win", {}),
        ("we had a fight free weekend", "win", {}),
        # the look back, outside help, control words
        ("what is helping us lately", "summary", {}),
        ("how are we progressing", "summary", {}),
        ("can you recommend any couples counselling practices", "support", {}),
        ("we need to talk to someone about our marriage", "support", {}),
        ("that's enough, be quiet", "stop", {}),
        ("tell me your features", "help", {}),
        ("we want you to delete everything about us", "forget", {}),
        # ...and what stays talk
        ("we had a great weekend", "none", {}),
        ("I need space in the closet", "none", {}),
        ("what's working in the kitchen", "none", {}),
        ("is the game tonight or tomorrow", "none", {}),
        ("we're at my parents tonight", "none", {}),
        ("he was talking", "none", {}),
        ("we did great at the recital", "none", {}),
        ("we made it to the airport", "none", {}),
    ],
)
def test_round_four_wording_families(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


# Round 3 families (docs/nlu.md): sentences written for the family, not taken from set 5.
@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # "time apart" is space, in every request about it
        ("we need some time apart, forty minutes", "space", {"seconds": 2400}),
        ("how long is left on our time apart", "time_left", {}),
        ("put another ten minutes on the time apart", "extend", {"seconds": 600}),
        # the minutes left out after "back in"
        ("heading out for some alone time, back in 20", "space", {"seconds": 1200}),
        # the time alone must be named: a return time alone is said to the partner
        ("I'll be ready in five minutes", "none", {}),
        ("she'll be ready in twenty minutes", "none", {}),
        # a reason said beside the request
        ("pause for five minutes, we're shouting", "pause", {"seconds": 300}),
        ("quieter please, the kids are asleep", "volume", {"direction": "down"}),
        ("ten more minutes please, I'm still upset", "extend", {"seconds": 600}),
        ("give us three minutes before this gets worse", "pause", {"seconds": 180}),
        # made for us
        ("start a two minute break for us", "pause", {"seconds": 120}),
        ("what's been working for us this week", "summary", {}),
        # typed with two letters swapped
        ("can we take a braek", "pause", {"seconds": 60}),
        ("set the chekc in for nine", "schedule", {"time": "21:00"}),
        ("how long is left on the tiemr", "time_left", {}),
        # a number said again
        ("we need ten, ten minutes to cool down", "pause", {"seconds": 600}),
        # moving the check-in with a phrasal verb, "instead", "half nine"
        ("bump our check-in back to ten", "schedule", {"time": "22:00"}),
        ("could the check in be at eight thirty", "schedule", {"time": "20:30"}),
        ("let's have the check-in at nine instead", "schedule", {"time": "21:00"}),
        ("move the check in to half nine", "schedule", {"time": "21:30"}),
        # a short remark before the request
        ("we're exhausted, let's do our slow coffee", "ritual", {"ritual": "coffee"}),
        ("it's raining, let's stay in", "none", {}),
        ("brekkie time, kick it off", "ritual", {"ritual": "breakfast"}),
        # a verdict on what Hearth ran
        ("the walk didn't do much tonight", "feedback", {"helped": False}),
        ("the pause helped, we feel closer", "feedback", {"helped": True}),
        ("the breathing exercise was pointless", "feedback", {"helped": False}),
        ("the space made things worse", "feedback", {"helped": False}),
        ("call work", "none", {}),  # a command to a phone, not a verdict
        # celebrate, and what happened, in either order
        ("let's celebrate, we cooked dinner together", "win", {}),
        ("we finished the puzzle, celebrate with me", "win", {}),
        ("it's friday, let's celebrate", "none", {}),
        # misc. wordings of their families
        ("surprise me with an idea", "next_idea", {}),
        ("what features do you have", "help", {}),
        ("I want all our data erased", "forget", {}),
        ("I'm scared I could hit her", "safety", {}),
        ("no more check-ins, cancel them for good", "checkin_cancel", {}),
    ],
)
def test_round_three_wording_families(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # the list named by what is on it
        ("put pottery class on our things to try list", "add_idea"),
        ("add a sunset picnic to the try list", "add_idea"),
        ("put rock climbing on the list", "add_idea"),
        # a bare "the list" takes something to do together, never shopping
        ("add dish soap to the list", "none"),
        ("add eggs to the list", "none"),
        ("anything else left on the list", "none"),
    ],
)
def test_the_idea_list_and_other_lists(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("record a win, we apologised quickly", "win"),
        ("small win this week: we did the dishes together", "win"),
        ("celebrate with us, we finished the puzzle", "win"),
        ("log a win for the lakers", "none"),  # a score, not ours
        ("it's her birthday, let's celebrate", "none"),
        ("the kids won the game, let's celebrate", "none"),
    ],
)
def test_a_win_said_with_what_went_well(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # back from time alone: resume ends the space early / answers "are you back?"
        ("I'm back", "resume"),
        ("i'm back now", "resume"),
        ("we're both back", "resume"),
        # answers to Hearth's own questions
        ("keep it", "yes"),
        ("save it", "yes"),
        ("that's right", "yes"),
        ("perfect", "yes"),
        ("no, change it", "no"),
        ("not quite", "no"),
        # polite wrappers, typed abbreviations, recognizer spellings
        ("could you please tell me how much time is left", "time_left"),
        ("hey hearth can you read us the appreciations", "read_appreciations"),
        ("how many mins left", "time_left"),
        ("pls pause 2 mins", "pause"),
        ("let's do the checking", "checkin"),
        ("next q", "next_question"),
        # two parts that say the same request
        ("we're calm now, let's continue", "resume"),
        ("ok we're getting heated, pause", "pause"),
        # a ritual's length is part of its name
        ("let's do our 10-minute phone call", "ritual"),
    ],
)
def test_generalised_categories(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A no that says what not to do, or that it is not so: the blind list of spoken
        # commands answers "did you want ...?" this way (benchmarks/data, tune half).
        ("no don't do that", "no"),
        ("no, please don't do it", "no"),
        ("no it isn't", "no"),
        ("no, that wasn't it", "no"),
        # ... but only as the whole answer: talk that goes on stays talk.
        ("no it isn't raining", "none"),
        ("no don't do that to the dog", "none"),
        ("no it wasn't me", "none"),
    ],
)
def test_a_no_with_what_not_to_do(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    "text",
    [
        "i'm back from the store",
        "we're back where we started",
        "stop it",
        "no, you change it",
        "i'll make breakfast",
        "we should take the dog for a walk",
        "what's next on the shopping list",
        "can you pause the tv",
        "i need you to stop",
        # help from elsewhere, a request turned into a threat, talk about someone
        "that book didn't help at all",
        "say it again or i'm leaving",
        "he needs some space",
        "she needs to calm down",
        "yes dear",
    ],
)
def test_category_fixes_keep_rejecting(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("start a twenty minute cool down", "pause", {"seconds": 1200}),
        ("please make pause of three minutes for us", "pause", {"seconds": 180}),
        ("could we have a short pause dear", "pause", {"seconds": 60}),
        ("would you mind starting the check in", "checkin", {}),
        (
            "she needs time alone, she'll be back in an hour",
            "space",
            {"seconds": 3600, "until": None},
        ),
        ("could you say that again more slowly", "repeat", {}),
        ("i don't like this question, ask another", "next_question", {}),
        ("let's pause and we can talk later", "pause", {"seconds": 60}),
    ],
)
def test_second_heldout_categories(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots) == (intent, slots)


def test_vague_free_text_is_not_recorded(parser: IntentParser) -> None:
    assert parser.parse("put something on the ideas list").slots == {"text": None}
    assert parser.parse("let's do our 15 minute walk").slots == {"ritual": "walk"}


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("give us sixty seconds", "pause", {"seconds": 60}),
        ("can we have a three minute time out", "pause", {"seconds": 180}),
        ("we need a minute", "pause", {"seconds": 60}),
        ("pause", "pause", {"seconds": 60}),
        ("give us twelve minutes", "pause", {"seconds": 720}),
        ("pause for one hour", "pause", {"seconds": 3600}),
        ("take a 5-minute break", "pause", {"seconds": 300}),
        ("okay we're ready", "resume", {}),
        ("how long is left on the pause", "time_left", {}),
        ("let's start tonight's check in", "checkin", {}),
        ("I need some space, back in twenty minutes", "space", {"seconds": 1200, "until": None}),
        ("I need some space", "space", {"seconds": None, "until": None}),
        ("time for our walk", "ritual", {"ritual": "walk"}),
        ("time for our slow coffee", "ritual", {"ritual": "coffee"}),
        (
            "set our check in for nine thirty every evening",
            "schedule",
            {"time": "21:30", "cadence": "daily"},
        ),
        ("check in at eight", "schedule", {"time": "20:00", "cadence": "daily"}),
        (
            "let's check in every other day",
            "schedule",
            {"time": None, "cadence": "every_other_day"},
        ),
        ("that didn't really help", "feedback", {"helped": False}),
        ("that really helped", "feedback", {"helped": True}),
        ("add an appreciation", "appreciation", {"text": None}),
        ("add an appreciation: she made me tea", "appreciation", {"text": "she made me tea"}),
        ("add an idea", "add_idea", {"text": None}),
        ("new idea: dance in the kitchen", "add_idea", {"text": "dance in the kitchen"}),
    ],
)
def test_issue_examples(parser: IntentParser, text: str, intent: str, slots: dict) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots) == (intent, slots)
    assert got.text == text


@pytest.mark.parametrize(
    "text",
    [
        "where's the remote",
        "I need you to listen to me",
        "I need a minute to think about what you said",
        "you never give me space",
        "stop doing that",
        "we should walk the dog",
        "yes I know",
        "can you stop talking over me",
        "you need therapy",
        "oh give me a break",
        "hold on a second",
        "just give me a second",
        "I don't need a break",
        "I appreciate that but you never call",
        "",
        "   ",
        "?!",
        "😀😀",
        "a" * 100_000,
        "break " * 500,
    ],
)
def test_not_requests(parser: IntentParser, text: str) -> None:
    got = parser.parse(text)
    assert got.name == "none" and got.slots == {}
    assert 0.0 <= got.confidence <= 1.0


def test_wake_phrase_is_stripped(parser: IntentParser) -> None:
    assert strip_wake_phrase("Hey Hearth, pause please") == "pause please"
    assert strip_wake_phrase("hearth what can you do") == "what can you do"
    assert strip_wake_phrase("the hearth is warm") == "the hearth is warm"
    got = parser.parse("hey hearth give us two minutes")
    assert (got.name, got.slots, got.text) == (
        "pause",
        {"seconds": 120},
        "hey hearth give us two minutes",
    )
    assert parser.parse("hey hearth").name == "none"


def test_confidence_means_closeness(parser: IntentParser) -> None:
    exact = parser.parse("can we take a break")
    noisy = parser.parse("um so can we maybe take a break for a sec or")
    assert exact.name == "pause" and exact.confidence == 1.0
    assert noisy.name in ("pause", "none")
    near = parser.parse("can we take a brek")
    assert near.name == "pause" and 0.8 <= near.confidence < 1.0
    # a none that resembles nothing is a confident none
    assert parser.parse("the dog ate my homework").confidence > 0.5


def test_every_intent_reachable_and_confident(
    parser: IntentParser, in_domain: list[Example]
) -> None:
    seen: dict[str, float] = {}
    for ex in in_domain:
        got = parser.parse(ex.text)
        if got.name == ex.intent:
            seen[ex.intent] = max(seen.get(ex.intent, 0.0), got.confidence)
    assert set(seen) == INTENTS - REQUEST_INTENTS
    assert all(c >= 0.95 for c in seen.values())


def test_vocabulary_and_command_phrases(parser: IntentParser) -> None:
    vocab = parser.vocabulary()
    expected = "pause break check in twelve minutes hour walk coffee every other thirty"
    for word in [*expected.split(), "o'clock", "let's", "hey", "hearth"]:
        assert word in vocab, word
    assert all(w == w.lower() and " " not in w for w in vocab)
    phrases = parser.command_phrases()
    # about 15 per template (8 sampled, with synonyms); round 4 took it past 6,000, round
    # 5 past 9,000 (both tuners' branches together: 9,392); round 6 tuner A alone 10,358
    # ("turn on", "activate", "launch" offered wherever "start" is), both tuners 11,202;
    # round 7 tuner B alone 12,060 (about 60 templates for the sets' new wordings);
    # every ritual in the shortest ritual wordings (they all said "walk") 12,241 -> 13,050;
    # round 14 (both tuners) 15,462 -> 15,652; round 15 (both tuners) 15,652 -> 15,919;
    # round 16 (both tuners) 15,919 -> 16,012; every wording of up to two words
    # (`SHORT_WORDINGS`, 2026-12-04) 16,012 -> 16,207
    assert 200 <= len(phrases) <= 16300
    assert len(set(phrases)) == len(phrases)
    # every phrase is made of vocabulary words and is understood as some intent
    assert all(set(p.split()) <= vocab for p in phrases)
    # spoken wordings only: no typed forms, digits or doubled words ("a a minute")
    typed = {"q", "u", "ur", "thx", "pls", "min", "mins", "hr", "sec"}
    for p in phrases:
        words = p.split()
        assert not typed & set(words) and not any(c.isdigit() for c in p), p
        assert all(a != b for a, b in pairwise(words)), p
    understood = [p for p in phrases if not parser.parse(p).is_none]
    assert len(understood) / len(phrases) >= 0.9
    # the same wordings with other lengths and times, for a language model: new sentences,
    # each read by the NLU with the number it says
    numbers = parser.command_phrases(other_numbers=True)
    assert 500 <= len(numbers) <= 2000 and not set(numbers) & set(phrases)
    assert parser.parse("give us fifteen minutes").slots["seconds"] == 900
    assert any("fifteen minutes" in p for p in numbers)
    assert any("half past seven" in p for p in numbers)


def test_a_length_before_its_noun_is_said_in_the_singular_for_the_language_model(
    parser: IntentParser,
) -> None:
    """People say "a three minute time out"; the samples fill the slot with "three
    minutes" wherever it stands. The language model also gets the singular, with other
    numbers in turn, and the NLU reads each such sentence with a length."""
    import re

    numbers = parser.command_phrases(other_numbers=True)
    before_noun = re.compile(r"\b(\w+) (minute|second|hour) (break|pause|time out|timeout)\b")
    adjectival = [p for p in numbers if before_noun.search(p)]
    said = {before_noun.search(p)[1] for p in adjectival}
    assert {"three", "ten", "fifteen", "five", "twenty"} <= said
    assert not set(adjectival) & set(parser.command_phrases())  # the model's only
    for sentence in adjectival:
        got = parser.parse(sentence)
        assert got.name in ("pause", "extend", "space") and got.slots.get("seconds"), sentence
    # plural lengths that do not stand before a noun stay as they are
    plural = r"\b(two|three|five|ten|fifteen|twenty|thirty) minute (more|to|of|apart|alone)\b"
    assert not any(re.search(plural, p) for p in numbers)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("we're getting heated can we pause", "pause"),
        ("we are getting loud can we take five", "pause"),
        ("we already did that one give us another question", "next_question"),
        ("i feel calmer let's continue", "none"),  # a feedback and a resume: ambiguous
        ("you always say we need a break", "none"),
        ("i hate it when you say we need a break", "none"),
        ("you forget everything i say", "none"),
        ("my sister says we need a therapist", "none"),
        ("coming up after the break", "none"),
        ("we are not ready to continue", "none"),
    ],
)
def test_request_next_to_a_remark(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("add an appreciation for her she listened", {"text": "she listened"}),
        ("add an appreciation for my partner", {"text": None}),
        ("appreciation for my husband he fixed the car", {"text": "he fixed the car"}),
        ("add an idea to the list", {"text": None}),
    ],
)
def test_free_text_takes_the_words_after_the_longest_request(
    parser: IntentParser, text: str, slots: dict
) -> None:
    assert parser.parse(text).slots == slots


@pytest.mark.parametrize(
    "text", ["i'm grateful for nothing", "i appreciate it but you still forgot"]
)
def test_free_text_that_is_a_reproach_is_not_recorded(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"


@pytest.mark.parametrize(
    "text",
    [
        # "list" is our list of ideas only when the sentence says so
        "add milk to the shopping list",
        "put call the plumber on my to do list",
        "add tomatoes to my list",
        "add cheese to the list",
        # a verb-led template checks its object
        "i want to give this film five stars",
        "i want to add this track to my running playlist",
        "log a complaint about the delivery",
        # topic words that must be there
        "what's the date today",
        "give me a weather update",
        "set a timer for 6 pm",
        # a yes counts only on its own
        "i want the heating turned up can you do it for me",
        "honestly i'm unsure",
        # one person's coffee is not the ritual; an alarm is not a pause
        "i want some coffee right now",
        "make me a coffee please",
        "wake me up in twenty minutes",
    ],
)
def test_other_assistants_requests_are_not_hearths(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("put hiking on the list", "add_idea", {"text": "hiking"}),
        ("add a picnic to our list", "add_idea", {"text": "a picnic"}),
        ("i want a coffee together", "ritual", {"ritual": "coffee"}),
        ("give us half hour", "pause", {"seconds": 1800}),
        ("we need 2 and a half minutes", "pause", {"seconds": 150}),
        ("can we take a break for a quarter of an hour", "pause", {"seconds": 900}),
        ("i need space till nine", "space", {"seconds": None, "until": "21:00"}),
        ("set our check in for half past eight", "schedule", {"time": "20:30", "cadence": "daily"}),
    ],
)
def test_issue_10_wordings_keep_their_slots(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    got = parser.parse(text)
    assert (got.name, {k: got.slots.get(k) for k in slots}) == (intent, slots)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("give us a few minutes", "pause"),
        ("can we take five or ten minutes", "pause"),
        ("we need a minute or two", "pause"),
        ("i need a few hours alone", "space"),
    ],
)
def test_a_length_said_unclearly_is_asked_about_never_guessed(
    parser: IntentParser, text: str, intent: str
) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots["seconds"], got.slots.get("unclear")) == (intent, None, True)
    # an exact length carries no marker: the parse contract is unchanged
    assert "unclear" not in parser.parse("give us ten minutes").slots


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a filler between "an" and its unit: the unit is left unread
        ("hearth, give us an extra, um, hour", "extend"),
        ("hearth, can we take a break for uh, hour", "pause"),
        ("hearth, more time please, like, um, hour", "extend"),
        # the request in one clause, its length (corrected) in the others
        ("hearth, give us an extra, um, hour, no, hour and a half", "extend"),
        # a number or another length beside the request: a correction, or its length
        ("hearth, time out, fifteen", "pause"),
        ("hearth can we have a break for, like, forty five", "pause"),
        ("hearth pause for two minutes, actually thirty", "pause"),  # 15 times the first
        # the same without the comma ("actually" and "i mean" are fillers, dropped)
        ("hearth pause for two minutes actually thirty", "pause"),
        ("a break for ten minutes i mean one", "pause"),
        # two lengths and one request
        ("hearth pause ten minutes five minutes", "pause"),
        # an open end on the length: not settled ("maybe" alone is a filler, so this
        # read "we need #d more", five more minutes)
        ("hearth, we need five minutes, maybe more", "pause"),
        ("hearth, a break, maybe longer", "pause"),
        ("Hearth, we need a minute. Or longer.", "pause"),  # typed with capitals
        ("hearth, i need an hour of space, or longer", "space"),
        ("hearth, give us ten more minutes, if not more", "extend"),
    ],
)
def test_a_length_not_read_or_said_beside_the_request_is_asked_about(
    parser: IntentParser, text: str, intent: str
) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots["seconds"], got.slots.get("unclear")) == (intent, None, True)


@pytest.mark.parametrize(
    ("text", "intent", "seconds"),
    [
        ("add another minute, hearth, babe's still fuming", "extend", 60),  # the template's
        ("give us an extra hour", "extend", 3600),
        ("wait a minute, we need a break", "pause", 60),
        ("hearth, we need a break, the kids are asleep", "pause", 60),
        ("hearth give us more time, uh, ten, no, twenty minutes", "extend", 1200),
        ("the pause continues for another minute please", "extend", 60),
        ("hearth, a break please, this one is on me", "pause", 60),
        ("hearth, a break, two minutes. two minutes please.", "pause", 120),  # was 240
        ("hearth give us twenty minutes, twenty minutes", "pause", 1200),
        ("hearth, a break, two minutes, two", "pause", 120),  # the same number again
        ("hey hearth we had 3 rows this week, can we pause for 4 minutes", "pause", 240),
    ],
)
def test_lengths_said_and_read_keep_their_value(
    parser: IntentParser, text: str, intent: str, seconds: int
) -> None:
    got = parser.parse(text)
    assert (got.name, got.slots["seconds"], "unclear" in got.slots) == (intent, seconds, False)


def test_short_answers_and_control_words(parser: IntentParser) -> None:
    """Issue 10's short answers as people say them (tests/nlu/data/short_answers.txt)."""
    examples = read_examples(Path(__file__).parent / "data" / "short_answers.txt")
    report = evaluate(parser.parse, examples, [], parser.slot_defaults())
    assert len(examples) >= 75
    assert report.intent_accuracy >= 0.95, report.errors


@pytest.mark.parametrize(
    "text", ["what is the schedule of what you do", "what's the plan for what you do"]
)
def test_a_question_opening_with_whats_is_not_a_remark_beside_a_request(
    parser: IntentParser, text: str
) -> None:
    """ "what is" reads "whats": a question, not a remark before "what you do" (help).
    Heard so by the recognizer for "what is the schedule of our check in" (2026-12-03)."""
    assert parser.parse(text).name != "help"
