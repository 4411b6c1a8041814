"""A request after the wake phrase that the engine's own reading backs only weakly is
handed on as unsure (`Heard.unsure`): Hearth asks before it acts on it.

Real PocketSphinx command model, real Flite speech (tune voices), the real Listener.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.speech.listener import ListenerConfig

# Talk from the tune half of the blind sentences, Flite rms: read as "do we have any
# idea on the list" (an idea from the list) with support just under 0.5.
TALK = ("hey hearth do we have any more batteries", "rms")


def test_talk_read_as_a_request_is_asked_about_not_acted_on(
    listen, product_sphinx, parser, flite_pcm
):
    heard = listen(product_sphinx, flite_pcm(*TALK), parser.parse)
    assert len(heard) == 1
    assert heard[0].declined or heard[0].unsure, heard


def test_the_check_band_is_what_asks(listen, product_sphinx, parser, flite_pcm):
    # Without the band the same reading is acted on unasked: the question above comes
    # from the evidence bar, not from the NLU or the decline.
    unasked = ListenerConfig(wake_phrase="hey hearth", check_below=0.0)
    heard = listen(product_sphinx, flite_pcm(*TALK), parser.parse, unasked)
    assert [(h.declined, h.unsure) for h in heard] == [(False, False)]
    assert parser.parse(heard[0].text).name not in ("none", "yes", "no", "stop", "safety")


# Talk from the tune half, Flite rms: read as "do you think a coach use you" (a request
# for support) with a support of 0.84, which clears every evidence bar; the NLU reads it
# only loosely (0.91), and it is none of the command model's sentences.
LOOSE_TALK = ("hey hearth do you think it'll snow this year", "rms")


def test_talk_read_loosely_as_a_request_is_asked_about(listen, product_sphinx, parser, flite_pcm):
    heard = listen(product_sphinx, flite_pcm(*LOOSE_TALK), parser.parse)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("support", True)]
    # The question comes from the NLU's confidence alone: without that bar the same
    # reading is acted on unasked.
    loose_ok = ListenerConfig(wake_phrase="hey hearth", check_below_confidence=0.0)
    heard = listen(product_sphinx, flite_pcm(*LOOSE_TALK), parser.parse, loose_ok)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("support", False)]


def test_a_clear_command_is_acted_on_unasked(listen, product_sphinx, parser, flite_pcm):
    heard = listen(product_sphinx, flite_pcm("hey hearth we need a minute"), parser.parse)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("pause", False)]
    assert heard[0].wake  # said to Hearth: a new request even while it waits on a yes


def test_under_a_bar_above_all_support_a_weighed_reading_is_always_asked_about(
    listen, product_sphinx, parser, flite_pcm
):
    strict = ListenerConfig(wake_phrase="hey hearth", check_below=1.01)
    heard = listen(product_sphinx, flite_pcm(*TALK), parser.parse, strict)
    assert [(h.declined, h.unsure) for h in heard] == [(False, True)]


def test_a_command_decided_early_is_not_asked_about(listen, product_sphinx, parser, flite_pcm):
    # Early decisions need the strict grammar and the quick reading to agree: two
    # readings of one request, which is evidence of its own (see listener.py).
    strict = ListenerConfig(wake_phrase="hey hearth", check_below=1.01)
    pcm = flite_pcm("hey hearth give us five minutes")
    heard = listen(product_sphinx, pcm, parser.parse, strict)
    assert [(h.text, h.early, h.unsure) for h in heard] == [("give us five minutes", True, False)]


def test_the_live_loops_guarded_recognizer_passes_the_bar_on(product_sphinx) -> None:
    """`hearth run` wraps the engine in a watchdog: a wrapper that hid the bar would act
    on every weakly backed reading unasked."""
    from assistant.speech.watchdog import GuardedRecognizer

    guarded = GuardedRecognizer(lambda: product_sphinx)
    assert guarded.check_below == product_sphinx.check_below > product_sphinx.min_support
    assert guarded.safety_check_below == product_sphinx.safety_check_below
    assert guarded.safety_min_support == product_sphinx.safety_min_support


def test_a_spoken_correction_to_the_question_reads_as_one(product_sphinx, parser, flite_pcm):
    """ "No, we need a minute" said (without the wake phrase) as the answer to Hearth's
    question: the listener hands it on whole, and the engine takes it as a correction."""
    from assistant.dialog.skills.check import corrects
    from assistant.speech.listener import Listener

    product_sphinx.reset()
    listener = Listener(product_sphinx, ListenerConfig(wake_phrase="hey hearth"), parser.parse)
    audio = bytes(16000) + flite_pcm("no, we need a minute", "rms") + bytes(32000)
    heard = []
    for i in range(0, len(audio), 640):
        heard += listener.feed(audio[i : i + 640], (i + 640) / 32000, mode="answer")
    heard += listener.flush(len(audio) / 32000)
    answers = [parser.parse(h.text) for h in heard if h.text]
    assert [(a.name, corrects(a)) for a in answers] == [("pause", True)], heard


# Talk from the tune half of the blind sentences, Flite rms: the quick reading and the
# strict grammar both read it as "i'm going to punch him" (a call for help), with
# support about 0.8, above the bar for other requests.
TALK_AS_HELP = ("hey hearth i'm going to bed soon", "rms")


def test_a_call_for_help_is_never_decided_early(listen, product_sphinx, parser, flite_pcm):
    # Before 2026-12-05 this talk was an early decision: acted on unweighed.
    heard = listen(product_sphinx, flite_pcm(*TALK_AS_HELP), parser.parse)
    assert [parser.parse(h.text).name for h in heard] == ["safety"], heard
    assert not heard[0].early and heard[0].evidence is not None


def test_a_call_for_help_has_its_own_higher_bar(listen, product_sphinx, parser, flite_pcm):
    """Talk is forced onto the safety wordings more than onto any other request, and the
    question for a weakly heard call for help gives the crisis line anyway: a safety
    reading is asked about under `safety_check_below`, above the other requests' bar."""
    bar, safety_bar = product_sphinx.check_below, product_sphinx.safety_check_below
    assert safety_bar > bar
    pcm = flite_pcm(*TALK_AS_HELP)
    heard = listen(product_sphinx, pcm, parser.parse)  # the engine's own bars
    assert [h.unsure for h in heard] == [True], heard
    assert bar <= heard[0].evidence["support"] < safety_bar
    # The same reading under the other requests' bar alone is acted on unasked.
    same_bar = ListenerConfig(wake_phrase="hey hearth", safety_check_below=bar)
    assert [h.unsure for h in listen(product_sphinx, pcm, parser.parse, same_bar)] == [False]


def test_a_call_for_help_the_evidence_does_not_back_is_asked_about_not_declined(
    listen, product_sphinx, parser, flite_pcm
):
    """Under a support bar nothing reaches, a command is declined ("sorry, I didn't
    catch that") but a call for help is handed on as unsure: Hearth's question gives
    the crisis line. On the tune voices, 9 of 22 missed calls for help were readings
    declined by the bars (6 of them with support over the floor)."""
    # No early decision either: every reading is weighed against the bar.
    doubting = ListenerConfig(wake_phrase="hey hearth", min_support=1.01, early_stable_s=1e9)
    call = listen(
        product_sphinx, flite_pcm("hey hearth i want to kill myself"), parser.parse, doubting
    )
    assert [(parser.parse(h.text).name, h.unsure, h.declined) for h in call] == [
        ("safety", True, False)
    ]
    command = listen(
        product_sphinx, flite_pcm("hey hearth we need a minute"), parser.parse, doubting
    )
    assert [(h.text, h.declined) for h in command] == [("", True)]
    # With too little support to ask about (under the engine's floor), it is let go.
    assert 0 < product_sphinx.safety_min_support < product_sphinx.min_support
    no_floor = replace(doubting, safety_min_support=1.01)
    call = listen(
        product_sphinx, flite_pcm("hey hearth i want to kill myself"), parser.parse, no_floor
    )
    assert [(h.text, h.declined) for h in call] == [("", True)]


# A request with the couple's own words, Flite rms: before 2026-12-07 the quick reading
# and the strict grammar both read an idea early ("new idea to could hit him the
# floor"), so the words were taken from a partial, unweighed, and could be cut short.
IDEA = ("hey hearth new idea a picnic in the park", "rms")


def test_a_request_with_the_couples_own_words_is_never_decided_early(
    listen, product_sphinx, parser, flite_pcm
):
    heard = listen(product_sphinx, flite_pcm(*IDEA), parser.parse)
    assert len(heard) == 1 and not heard[0].early, heard
    assert heard[0].evidence is not None  # read whole and weighed: here, declined
    assert heard[0].declined or parser.parse(heard[0].text).name == "add_idea"
