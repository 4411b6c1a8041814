"""Grammar generation from command phrases and from the real NLU templates."""

from __future__ import annotations

from assistant.speech.grammar import (
    build_grammar,
    command_words,
    compile_jsgf,
    grammar_from_parser,
    normalize_phrase,
    to_vosk_phrases,
)
from assistant.speech.types import Word

PHRASES = ["We need a minute.", "let's take a break", "let's check in", "hey hearth, stop"]


def test_phrases_are_normalised_and_the_wake_phrase_is_separate() -> None:
    g = build_grammar(PHRASES, wake_phrase="Hey Hearth")
    assert g.wake_phrase == "hey hearth"
    assert g.phrases == ("we need a minute", "let's take a break", "let's check in", "stop")
    assert {"hey", "hearth", "let's", "minute"} <= g.vocabulary
    assert not set(g.filler) & g.vocabulary  # a filler word always means "not a command"
    assert normalize_phrase("It’s  time-out, OK?") == "it's time out ok"


def test_jsgf_has_wake_alone_in_front_and_a_filler_path() -> None:
    jsgf, words = compile_jsgf(build_grammar(PHRASES))
    assert "public <utterance> = <wake> | [<wake>] <command> | [<wake>] <filler>+;" in jsgf
    assert "<wake> = hey hearth;" in jsgf
    # Shared prefixes are folded: "let's" appears once in the command rule.
    command = next(line for line in jsgf.splitlines() if line.startswith("<command>"))
    assert command.count("let's") == 1
    assert "(take a break | check in)" in command
    assert words == {"hey", "hearth", "we", "need", "a", "minute", "let's", "take", "break",
                     "check", "in", "stop"}  # fmt: skip


def test_unknown_words_leave_out_their_phrases() -> None:
    g = build_grammar(PHRASES).restrict(lambda w: w != "minute", engine="test")
    assert "we need a minute" not in g.phrases and "stop" in g.phrases
    jsgf, words = compile_jsgf(g)
    assert "minute" not in jsgf and "minute" not in words


def test_vosk_phrases_use_unk_or_filler() -> None:
    g = build_grammar(PHRASES, filler=["dinner", "remote"])
    with_unk = to_vosk_phrases(g, unk_known=True)
    assert with_unk[0] == "hey hearth" and "hey hearth stop" in with_unk
    assert "[unk]" in with_unk and "dinner" not in with_unk
    assert "minute" in with_unk  # single command words keep every sentence reachable
    without = to_vosk_phrases(g, unk_known=False)
    assert "[unk]" not in without and {"dinner", "remote"} <= set(without)


def test_mostly_unknown_speech_is_dropped() -> None:
    vocab = frozenset({"we", "need", "a", "minute"})
    words = [Word(w, 0, 0) for w in ["we", "need", "a", "minute", "[unk]"]]
    assert [w.word for w in command_words(words, vocab)] == ["we", "need", "a", "minute"]
    chatter = [Word(w, 0, 0) for w in ["we", "[unk]", "[unk]", "dinner"]]
    assert command_words(chatter, vocab) == []


def test_grammar_from_the_real_nlu_covers_its_phrases() -> None:
    from assistant.nlu import load_parser

    parser = load_parser()
    g = grammar_from_parser(parser, "hey hearth")
    assert len(g.phrases) > 100
    # Every word the NLU reads is hearable, but for the few kept out on purpose.
    from assistant.speech.grammar import KEPT_OUT_OF_HEARING

    assert parser.vocabulary() - KEPT_OUT_OF_HEARING <= g.vocabulary
    assert not KEPT_OUT_OF_HEARING & g.vocabulary
    assert not any(KEPT_OUT_OF_HEARING & set(p.split()) for p in g.phrases)
    # Every phrase parses to a real intent (the grammar only holds commands).
    sample = g.phrases[:: max(1, len(g.phrases) // 60)]
    names = {parser.parse(p).name for p in sample}
    assert "none" not in names and len(names) > 10
