"""The command decoder's cut-down dictionary: every command word with every pronunciation
of the bundled dictionary, rebuilt when the words or the dictionary change, and the
open model loaded only when open mode is asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.speech import sphinx_dict
from assistant.speech.sphinx_dict import read_dictionary, trim_dictionary

MAX_ALTERNATIVES = 6  # the bundled dictionary has at most "word(5)"; one more to be sure


@pytest.fixture(scope="module")
def full_decoder():
    """A decoder with the whole bundled dictionary (and no language model)."""
    import pocketsphinx

    return pocketsphinx.Decoder(logfn=os.devnull, lm=None)


def _pronunciations(decoder, word: str) -> list[str | None]:
    return [decoder.lookup_word(word)] + [
        decoder.lookup_word(f"{word}({n})") for n in range(2, MAX_ALTERNATIVES + 1)
    ]


def test_command_decoder_spells_every_command_word_as_the_full_dictionary(
    product_sphinx, full_decoder, parser
) -> None:
    """Words of the bundled dictionary keep all its pronunciations; a word it lacks has
    its hand-written pronunciations (intents/pronunciations.txt), or is its word in
    another spelling ("dont": the grammar says "don't"), or has the pronunciation built
    from its parts, or stays out of the grammar."""
    import pocketsphinx

    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.lexicon import lexicon_path, read_lexicon
    from assistant.speech.pronounce import pronounce, respelling

    grammar = grammar_from_parser(parser, "hey hearth")
    words = sorted({*grammar.vocabulary, *grammar.filler})
    assert "hearth" in words and "minute" in words
    command = product_sphinx._command_decoder
    listed = [w for w in words if full_decoder.lookup_word(w) is not None]
    differ = [w for w in listed if _pronunciations(command, w) != _pronunciations(full_decoder, w)]
    # The wake name also said without its R, after the dictionary's own pronunciations.
    assert differ == ["hearth"]
    assert _pronunciations(command, "hearth")[:2] == ["HH AA R TH", "HH AA TH"]
    entries = read_dictionary(pocketsphinx.Config()["dict"])
    look = lambda x: entries.get(x, [])  # noqa: E731
    missing = set(words) - set(listed)
    lexicon = read_lexicon(lexicon_path())
    assert not set(lexicon) & set(listed)  # else `differ` above names them
    hand = {w: lexicon[w] for w in missing & lexicon.keys()}
    spelled = {w: s for w in missing - set(hand) if (s := respelling(w, look)) is not None}
    built = {w: pronounce(w, look) for w in missing - set(hand) - set(spelled)}
    assert spelled["dont"] == "don't" and built["mindfulness"] and hand["shush"]
    for word, spelling in spelled.items():
        assert _pronunciations(command, spelling) == _pronunciations(full_decoder, spelling)
        assert command.lookup_word(word) is None  # one spelling of a word, not two
    for word, prons in {**built, **hand}.items():
        expected = [" ".join(p) for p in prons] + [None] * (MAX_ALTERNATIVES - len(prons))
        assert _pronunciations(command, word) == expected, word
    # What the engine may recognise is every word it can pronounce, and only those.
    said = {**built, **hand}
    hearable = grammar.respell(spelled).restrict(
        lambda w: full_decoder.lookup_word(w) is not None or bool(said.get(w)), "sphinx"
    )
    assert product_sphinx.grammar == hearable
    assert "mindfulness" in hearable.vocabulary and "thx" not in hearable.vocabulary
    assert "shush" in hearable.phrases  # "shush" is stop: heard since it has a pronunciation
    assert "dont" not in hearable.vocabulary and "how's it going" in hearable.phrases
    assert len(hearable.vocabulary) > 500  # the real vocabulary, not an empty one
    # And nothing else: the search is built over these words only.
    assert command.lookup_word("zebra") is None
    assert full_decoder.lookup_word("zebra") is not None


def test_trimmed_dictionary_is_rebuilt_when_the_words_or_the_dictionary_change(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path / "cache"))
    full = tmp_path / "full.dict"
    full.write_text(
        "hearth HH AA R TH\nhearth(2) HH ER TH\nhey HH EY\nminute M IH N AH T\n"
        "minute(2) M AY N UW T\nzebra Z IY B R AH\n",
        encoding="utf-8",
    )
    builds: list[frozenset[str]] = []
    real_trim = sphinx_dict._trim

    def counting(path, wanted, accented, lexicon):  # type: ignore[no-untyped-def]
        builds.append(wanted)
        return real_trim(path, wanted, accented, lexicon)

    monkeypatch.setattr(sphinx_dict, "_trim", counting)

    first = trim_dictionary(full, ["hey", "hearth", "unheard"])
    assert first.words == {"hey", "hearth"}
    assert first.text == "hearth HH AA R TH\nhearth(2) HH ER TH\nhey HH EY\n"
    assert trim_dictionary(full, ["hearth", "hey", "unheard"]) == first
    assert len(builds) == 1  # the same words: read from the cache

    # A new command word: built again, with every pronunciation of it.
    second = trim_dictionary(full, ["hey", "hearth", "minute"])
    assert len(builds) == 2
    assert second.words == {"hey", "hearth", "minute"}
    assert "minute M IH N AH T\nminute(2) M AY N UW T\n" in second.text
    assert len(list((tmp_path / "cache").glob("sphinx-command-dict-*"))) == 1  # old one gone

    # A changed dictionary (a new pronunciation): built again.
    full.write_text(full.read_text(encoding="utf-8") + "hey(2) HH AY\n", encoding="utf-8")
    third = trim_dictionary(full, ["hey", "hearth", "minute"])
    assert len(builds) == 3
    assert third.text.endswith("hey(2) HH AY\n")

    path = Path(third.write(tmp_path))
    assert path.read_text(encoding="utf-8") == third.text

    # The wake phrase's words with their non-rhotic forms, numbered after the others:
    # another build ("hearth(2) HH ER TH" loses its R-coloured vowel too).
    woken = trim_dictionary(full, ["hey", "hearth", "minute"], ["hey", "hearth"])
    assert len(builds) == 4
    assert woken.text.endswith("hearth(3) HH AA TH\nhearth(4) HH AH TH\n")
    assert woken.words == third.words


def test_open_model_is_loaded_only_when_open_mode_is_asked_for(synth_pcm) -> None:
    from assistant.speech.grammar import build_grammar
    from assistant.speech.sphinx_engine import SphinxRecognizer
    from assistant.speech.transcribe import transcribe_pcm

    sphinx = SphinxRecognizer(build_grammar(["we need a minute", "i need some space"]))
    assert sphinx._open_decoder is None
    sphinx.set_mode("open")
    assert sphinx._open_decoder is not None
    heard = transcribe_pcm(sphinx, synth_pcm("where is the remote"))
    assert len(heard.words) >= 2  # everyday words, outside the two commands
    assert not set(heard.text.split()) <= {"we", "need", "a", "minute", "i", "some", "space"}
    sphinx.set_mode("command")
    heard = transcribe_pcm(sphinx, synth_pcm("we need a minute"))
    assert heard.text == "we need a minute"
