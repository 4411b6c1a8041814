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


def test_respell_writes_one_word_one_way() -> None:
    g = build_grammar(["dont stop", "don't stop", "hows it going"], wake_phrase="hey hearth")
    spelled = g.respell({"dont": "don't", "hows": "how's"})
    assert spelled.phrases == ("don't stop", "how's it going")  # the same sentence once
    assert "dont" not in spelled.vocabulary and "how's" in spelled.vocabulary
    assert spelled.wake_phrase == "hey hearth" and spelled.filler == g.filler
    assert g.respell({}) is g


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
    # The grammar holds commands: its phrases parse to real intents, of many kinds.
    # (A few sampled expansions drop a part the parser needs, e.g. "keep the timer
    # running" without its length: 23 of 5,271 on 2026-12-02; held to 1%.)
    names = [parser.parse(p).name for p in g.phrases]
    assert names.count("none") <= 0.01 * len(names), names.count("none")
    assert len(set(names)) > 10


def test_every_short_wording_of_a_template_is_hearable(parser) -> None:
    """A template's sampled wordings missed short ones it understands ("next question",
    "that helped"): every wording of up to `SHORT_WORDINGS` words is in the grammar, so
    the strict grammar can read it, when the parser reads it as a request."""
    from assistant.nlu.matcher import SHORT_WORDINGS

    sampled = set(parser.command_sentences(every_up_to=0).phrases)
    g = grammar_from_parser(parser, "hey hearth")
    for wording, intent in [("next question", "next_question"), ("that helped", "feedback")]:
        assert wording not in sampled  # the per-template sample alone misses it
        assert wording in g.phrases
        assert parser.parse(wording).name == intent
    added = [p for p in g.phrases if p not in sampled]
    assert len(added) > 100 and all(len(p.split()) <= SHORT_WORDINGS for p in added)
    assert not [p for p in added if parser.parse(p).name == "none"]


def test_every_ritual_is_hearable_in_many_wordings(parser) -> None:
    """Each ritual is in the grammar in many wordings ("time for coffee", "let's do
    the breakfast"): until 2026-12-02 the sampled wordings took the list's words in
    order, and every ritual wording said a walk."""
    from collections import Counter

    g = grammar_from_parser(parser, "hey hearth")
    rituals = parser.intent_set.lists["ritual"].values
    said = {w for words in rituals.values() for w in words}
    heard: Counter = Counter()
    for phrase in g.phrases:
        if any(w in phrase for w in said):  # (parsing all 13,000 takes a minute on CI)
            intent = parser.parse(phrase)
            heard[intent.slots.get("ritual") if intent.name == "ritual" else None] += 1
    assert all(heard[value] >= 20 for value in rituals), heard


def _pocketsphinx_models(grammar):
    """PocketSphinx's own automata for the JSGF and for the word automaton of `grammar`."""
    import os

    import pocketsphinx

    from assistant.speech.grammar import compile_fsg

    decoder = pocketsphinx.Decoder(logfn=os.devnull)
    fsg = compile_fsg(grammar)
    automaton = decoder.create_fsg("strict", fsg.start, fsg.final, list(fsg.transitions))
    return decoder.parse_jsgf(compile_jsgf(grammar)[0]), automaton, fsg


def test_the_word_automaton_says_what_the_jsgf_says() -> None:
    g = build_grammar([*PHRASES, "give us five minutes", "give us ten minutes", "let's"])
    jsgf, automaton, fsg = _pocketsphinx_models(g)
    assert fsg.words == compile_jsgf(g)[1]
    tries = [
        *g.phrases,
        *(f"hey hearth {p}" for p in g.phrases),
        "hey hearth",
        "hey hearth dinner movie",
        "dinner",
        "give us minutes",
        "let's take",
        "let's take a break break",
        "hey hearth hey hearth",
        "we need a minute dinner",
        "",
    ]
    said = {t: automaton.accept(t) for t in tries}
    assert said == {t: jsgf.accept(t) for t in tries}
    assert said["give us ten minutes"] and not said["give us minutes"]


def test_the_word_automaton_of_the_templates_shares_the_endings(parser) -> None:
    """Same sentences as the JSGF (which PocketSphinx expands to a prefix tree), with
    identical endings merged: far fewer word arcs for the search to carry."""
    import random

    g = grammar_from_parser(parser)
    jsgf, automaton, fsg = _pocketsphinx_models(g)
    tree_arcs = len({tuple(p.split()[: n + 1]) for p in g.phrases for n in range(len(p.split()))})
    word_arcs = sum(len(arc) == 4 for arc in fsg.transitions)
    assert word_arcs < 0.7 * tree_arcs
    rng = random.Random(9)
    sample = rng.sample(g.phrases, 200)
    tries = [f"hey hearth {p}" for p in sample] + [
        " ".join(rng.sample(sample, 2)) for _ in range(50)
    ]
    tries += [p.rsplit(" ", 1)[0] for p in sample if " " in p]
    assert [automaton.accept(t) for t in tries] == [jsgf.accept(t) for t in tries]
