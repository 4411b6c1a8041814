"""The strict grammar follows each command while it is heard, so its reading is
ready when speech ends (real PocketSphinx, espeak-ng speech)."""

from __future__ import annotations

BLOCK = 640  # 20 ms


def stream_until_final(recognizer, pcm: bytes):
    """Stream one utterance framed by silence; stop at the engine's final (and end
    the stream there, as `hearth run` does at the end of a file)."""
    recognizer.reset()
    audio = bytes(16000) + pcm + bytes(32000)
    for i in range(0, len(audio), BLOCK):
        final = recognizer.accept(audio[i : i + BLOCK])
        if final is not None:
            assert recognizer.finish() is None
            return final
    return recognizer.finish()


def test_the_grammar_has_caught_up_when_speech_ends(product_sphinx, synth_pcm, parser) -> None:
    final = stream_until_final(product_sphinx, synth_pcm("hey hearth ask us the question"))
    follower = product_sphinx.strict_follower
    # It started behind (at the voice's mean, 0.8 s in) and caught up while listening.
    assert final is not None and follower.active
    assert follower.behind_s < 0.1
    strict = product_sphinx.reread(strict=True)
    assert strict is not None and strict.text.startswith("hey hearth ask us")
    assert parser.parse(strict.text[len("hey hearth ") :]).name == "checkin"
    assert not follower.active  # its search has ended
    # Word times are on the stream's clock, like the model's (speech began at 0.5 s).
    assert 0.4 < strict.words[0].start < 0.8
    assert strict.words[-1].end < 0.5 + len(synth_pcm("hey hearth ask us the question")) / 32000


def test_speech_never_followed_is_read_whole(synth_pcm) -> None:
    """Speech that ends before the voice's mean is known is not followed; the grammar
    reads all of it when asked (a recognizer that never re-anchors shows it)."""
    from assistant.speech.cmn import CmnPolicy
    from assistant.speech.grammar import build_grammar
    from assistant.speech.sphinx_engine import SphinxRecognizer

    grammar = build_grammar(["pause", "we need a minute", "ask us the question"], "hey hearth")
    recognizer = SphinxRecognizer(grammar, cmn=CmnPolicy(anchor_s=0))
    stream_until_final(recognizer, synth_pcm("hey hearth we need a minute"))
    assert not recognizer.strict_follower.active
    strict = recognizer.reread(strict=True)
    assert strict is not None and strict.text == "hey hearth we need a minute"


def test_speech_longer_than_a_command_is_not_followed(product_sphinx, synth_pcm) -> None:
    talk = synth_pcm(
        "we were thinking about driving to the coast on saturday morning and "
        "having lunch with your sister before we come back home in the evening"
    )
    assert len(talk) / 32000 > 4.5
    stream_until_final(product_sphinx, talk)
    assert not product_sphinx.strict_follower.active
    assert product_sphinx.reread(strict=True) is None
    assert product_sphinx.reread() is not None  # the model's second reading still works


def test_a_new_utterance_drops_the_last_strict_reading(product_sphinx, synth_pcm) -> None:
    stream_until_final(product_sphinx, synth_pcm("hey hearth ask us the question"))
    first = product_sphinx.reread(strict=True)
    stream_until_final(product_sphinx, synth_pcm("hey hearth we need a minute"))
    second = product_sphinx.reread(strict=True)
    assert first is not None and second is not None
    assert second.text == "hey hearth we need a minute"


def test_talk_without_the_wake_phrase_is_not_followed(product_sphinx, synth_pcm) -> None:
    """The listener asks for the strict reading only after the wake phrase: the
    grammar's search (a quarter of the speech's duration) is spared for other talk."""
    stream_until_final(product_sphinx, synth_pcm("we need a new car soon i think"))
    assert not product_sphinx.strict_follower.active
    assert product_sphinx.strict_follower.behind_s == 0.0


def test_the_grammar_reads_along_while_it_follows(product_sphinx, synth_pcm) -> None:
    """Its partial reading is what the listener checks an early decision against."""
    product_sphinx.reset()
    audio = bytes(16000) + synth_pcm("hey hearth we need a minute") + bytes(32000)
    readings = []
    for i in range(0, len(audio), BLOCK):
        if product_sphinx.accept(audio[i : i + BLOCK]) is not None:
            break
        readings.append(product_sphinx.strict_partial())
    assert readings[0] == ""  # not following before the voice's mean is known
    assert "hey hearth we need a minute" in readings
    assert product_sphinx.strict_partial() == ""  # the utterance has ended
    product_sphinx.finish()


def test_alternative_pronunciations_as_arcs_read_as_pocketsphinx_adds_them(
    product_sphinx, synth_pcm, tmp_path
) -> None:
    """The follower writes each word's alternative pronunciations into its automaton
    instead of having PocketSphinx add them (`fsgusealtpron`, most of its build): the
    readings and scores are the same, and none is lost."""
    import os
    import shutil

    import pocketsphinx

    from assistant.speech.grammar import compile_fsg
    from assistant.speech.sphinx_strict import StrictFollower, grammar_dictionary, with_alternatives

    strict = compile_fsg(product_sphinx.grammar)
    listed = " ".join(sorted({*strict.words, *product_sphinx.grammar.filler}))
    full = pocketsphinx.Config()["dict"]
    dictionary = grammar_dictionary(full, listed, str(tmp_path))
    arcs = with_alternatives(strict.transitions, dictionary)
    added = [a for a in arcs[len(strict.transitions) :] if a[3].endswith(")")]
    assert any(a[3] == "hearth(2)" for a in added) or any(a[3].startswith("the(") for a in added)
    assert len(added) == len(arcs) - len(strict.transitions) > 0

    ours = StrictFollower(pocketsphinx, strict, {}, dictionary)
    kept = tmp_path / "plain"
    kept.mkdir()
    shutil.copy(dictionary, kept / "grammar.dict")
    theirs = pocketsphinx.Decoder(
        logfn=os.devnull, dither=False, lm=None, bestpath=False, dict=str(kept / "grammar.dict")
    )
    theirs.add_fsg("s", theirs.create_fsg("s", strict.start, strict.final, strict.transitions))
    theirs.activate_search("s")
    for text in ("hey hearth we need a minute", "hey hearth ask us the question"):
        readings = []
        for decoder in (ours.decoder, theirs):
            decoder.start_utt()
            decoder.process_raw(bytes(16000) + synth_pcm(text) + bytes(16000), full_utt=True)
            decoder.end_utt()
            hyp = decoder.hyp()
            readings.append((hyp.hypstr, hyp.score) if hyp is not None else None)
        assert readings[0] == readings[1]
        assert readings[0] is not None and "hey hearth" in readings[0][0]
