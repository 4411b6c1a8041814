"""Normalisation: placeholders, synonyms, fillers, wake phrase, list values."""

from __future__ import annotations

from pathlib import Path

from assistant.nlu import IntentParser
from assistant.nlu.evaluate import read_examples
from assistant.nlu.normalize import EntityTable, normalize, spoken_forms, strip_wake_phrase


def test_slot_values_become_placeholders() -> None:
    norm = normalize("Set our check-in for nine thirty every evening, please")
    assert norm.text == "set checkin for #t #c"
    assert norm.times == ["21:30"] and norm.cadences == ["daily"] and norm.durations == []
    norm = normalize("give us twelve minutes")
    assert (norm.text, norm.durations) == ("give us #d", [720])


def test_bare_number_is_a_time_only_after_a_time_word() -> None:
    assert normalize("check in at eight").times == ["20:00"]
    assert normalize("no one listens to me").text == "no one listens to me"
    assert normalize("I told you three times").times == []


def test_synonyms_fillers_and_repeats() -> None:
    assert normalize("um can we take a time out").text == "can we take break"
    assert normalize("could we have a breather").text == "can we have break"
    assert normalize("stop stop").text == "stop"
    assert normalize("okay").text == "okay"  # only fillers: kept
    assert normalize("I think we need a counsellor").text == "we need therapist"


def test_spans_point_back_to_the_original_words() -> None:
    norm = normalize("Hey Hearth, add an idea: Cook Together!")
    start = norm.tokens.index("cook")
    assert norm.original(start, len(norm.tokens)) == "Cook Together"


def test_strip_wake_phrase_keeps_the_rest_verbatim() -> None:
    assert strip_wake_phrase("OK Hearth: Pause, please!") == "Pause, please!"
    assert strip_wake_phrase("hey hearth") == ""
    assert strip_wake_phrase("heart of the matter") == "of the matter"  # a recognizer's "hearth"
    assert strip_wake_phrase("hey you") == "hey you"


def test_entity_table_tags_list_values() -> None:
    table = EntityTable({"ritual": {"walk": ["walk", "evening walk"], "coffee": ["slow coffee"]}})
    norm = table.tag(normalize("time for our evening walk and a slow coffee"))
    assert norm.text == "time for #ritual and #ritual"
    assert norm.entities == {"#ritual": ["walk", "coffee"]}


def test_spoken_forms_for_speech_grammars() -> None:
    assert spoken_forms("break")[0] == "break"
    assert {"pause", "time out", "breather"} <= set(spoken_forms("break"))
    assert {"checkin", "check ins"} <= set(spoken_forms("check in"))
    assert spoken_forms("walk") == ["walk"]


def test_typed_misspellings_are_read_but_never_offered_to_the_recognizer(
    parser: IntentParser,
) -> None:
    assert (
        normalize("it's time for our chek in").text == normalize("it's time for our check in").text
    )
    assert normalize("shh").text == "shush"
    assert "chek in" not in spoken_forms("check in")
    assert not any("chek" in p or "shh" in p for p in parser.command_phrases())


def test_a_reason_beside_a_request_is_dropped() -> None:
    said = normalize("a 15 minute pause please, we're both upset")
    assert said.text == normalize("a 15 minute pause").text
    assert normalize("please make pause, we are fighting, 2 minute").text == "make break #d"
    assert normalize("we're fighting").tokens == []


def test_read_examples_format(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(
        '# comment\n\nadd an idea: x y => add_idea text="x y"\nset it => schedule time=20:00 '
        "cadence=null\nthat helped => feedback helped=true\npause => pause seconds=90\nhello\n",
        encoding="utf-8",
    )
    examples = read_examples(path)
    assert [(e.intent, e.slots) for e in examples] == [
        ("add_idea", {"text": "x y"}),
        ("schedule", {"time": "20:00", "cadence": None}),
        ("feedback", {"helped": True}),
        ("pause", {"seconds": 90}),
        ("none", {}),
    ]
    assert examples[0].text == "add an idea: x y" and examples[0].line == 3


def test_a_length_the_recognizer_lost_is_asked_about_never_guessed() -> None:
    """The listener marks a command whose spoken length it lost; the parse then carries
    no length at all (the dialog asks), never the misheard or the default one."""
    from assistant.nlu import load_parser
    from assistant.nlu.normalize import UNSURE_LENGTH
    from assistant.speech.listener import UNSURE_DURATION

    assert UNSURE_LENGTH == UNSURE_DURATION  # one marker on both sides
    parser = load_parser()
    for text, intent in [
        ("we need a break", "pause"),  # the length was lost entirely
        ("let's take a break for set a minute", "pause"),  # misheard as another length
        ("i need some space for two minutes", "space"),
        # read from a clause of a garbled reading: still no default
        ("we need a free we need to timeout", "pause"),
    ]:
        got = parser.parse(f"{text} {UNSURE_DURATION}")
        assert (got.name, got.slots["seconds"], got.slots.get("unclear")) == (intent, None, True)
    assert parser.parse("we need a break for five minutes").slots["seconds"] == 300
