"""The matcher's per-process shortcuts (issue 10's speed targets) give what the plain
loops they replace give; `benchmarks/nlu_speed.py` measures what they save."""

from __future__ import annotations

import pickle
from itertools import pairwise

import pytest
from rapidfuzz import fuzz

from assistant.nlu import IntentParser, compact
from assistant.nlu.normalize import normalize
from assistant.nlu.safety import NEGATION_WINDOW, SafetySpotter, is_idiom

SPLIT_UTTERANCES = [
    "we are getting heated, can we take a break please",
    "i think we are done here so lets just stop",
    "you never listen to me and i am tired of it",
    "it's late, can we do our check in tomorrow",
]


@pytest.fixture(scope="module")
def compact_parser(parser: IntentParser) -> IntentParser:
    """The parser in the form a warm start reads from the cache (a `SentenceTable`)."""
    return pickle.loads(pickle.dumps(parser))


def test_sentence_table_keeps_sentences_it_built_within_a_bound(compact_parser, monkeypatch):
    table = compact_parser.sentences
    assert isinstance(table, compact.SentenceTable)
    first = table[7]
    assert table[7] is first  # looked at again: not rebuilt
    assert first == table._build(7)  # and equal to a fresh build
    monkeypatch.setattr(compact, "MEMO_SIZE", 3)
    table._memo.clear()
    for k in range(10):
        assert table[k] == table._build(k)
        assert len(table._memo) <= 3
    assert "_memo" not in pickle.loads(pickle.dumps(table)).__dict__  # never cached to disk


def test_free_text_groups_are_the_ones_a_full_scan_picks(parser, in_domain, out_of_domain):
    """The opening-word lookup selects the same groups, in the same order, as testing
    every free-text group against the utterance."""
    checked = 0
    for example in [*in_domain, *out_of_domain]:
        tokens = parser._entities.tag(normalize(example.text)).tokens
        if not tokens:
            continue
        n_tokens = len(tokens)
        scanned = [
            number
            for number, (n, m, word) in enumerate(parser._wild)
            if n_tokens > n + m and word == (tokens[0] if n else tokens[n_tokens - m])
        ]
        numbers = list(parser._wild_by_first.get(tokens[0], ()))
        for m, by_word in parser._wild_by_suffix.items():
            if m < n_tokens:
                numbers += by_word.get(tokens[n_tokens - m], ())
        picked = [k for k in sorted(numbers) if n_tokens > sum(parser._wild_groups[k][0][:2])]
        assert picked == scanned, example.text
        checked += bool(scanned)
    assert checked > 100  # the dev set does reach free-text templates


def _spot_by_scanning(spotter: SafetySpotter, tokens: list[str]) -> str | None:
    """SafetySpotter.spot as first written: every run starting at a token, longest first."""
    from assistant.nlu.safety import FOUND, IDIOM, _negates

    verdict = None
    for i, token in enumerate(tokens):
        for run in spotter.runs.get(token, ()):
            end = i + len(run)
            if tuple(tokens[i:end]) != run:
                continue
            before = tokens[max(0, i - NEGATION_WINDOW) : i]
            negated = _negates(before, run)
            tail = tokens[end] if end < len(tokens) else ""
            if is_idiom(run, tail) or negated:
                verdict = IDIOM
                continue
            return FOUND
    return verdict


def test_safety_spotter_finds_what_scanning_every_run_finds(parser, in_domain, out_of_domain):
    spotter = parser._safety
    texts = [ex.text for ex in [*in_domain, *out_of_domain]]
    for runs in spotter.runs.values():
        # each run inside talk, negated, and followed by an idiom tail: every fourth run
        # of each first word (all 12,250 took 28 s of the suite; each first word's runs
        # share one lookup, so every lookup is still tried)
        for run in runs[::4]:
            said = " ".join(run)
            texts += [f"honestly {said} tonight", f"i would never {said}", f"{said} up"]
    found = 0
    for text in texts:
        tokens = parser._entities.tag(normalize(text)).tokens
        verdict = spotter.spot(tokens)
        assert verdict == _spot_by_scanning(spotter, tokens), text
        found += verdict is not None
    assert found > 100


def test_split_search_matches_each_part_of_an_utterance_once(parser, monkeypatch):
    match = parser._match
    for text in SPLIT_UTTERANCES:
        matched: list[tuple[str, ...]] = []

        def counting(norm, matched=matched):
            matched.append(tuple(norm.tokens))
            return match(norm)

        monkeypatch.setattr(parser, "_match", counting)
        # every part the split search looks at (none skipped by its bound, tested below)
        monkeypatch.setattr(parser, "_could_end", lambda part, *_a, **_k: set(parser._vocab))
        parser.parse(text)
        assert len(matched) > 2, text  # the split search did run
        again = [a for a, b in pairwise(sorted(matched)) if a == b]
        assert not again, (text, again)


@pytest.mark.parametrize("shortlist", [16, 3])
def test_word_list_shortlist_decides_as_the_set_ordered_one(
    parser, in_domain, out_of_domain, monkeypatch, shortlist
):
    """Scoring each rare word's list on its own gives every utterance the answer the
    shortlist in set order gives (the same candidate and score), except where equal
    scores share the last place: then it holds every sentence of the pool with that
    score (no more, no fewer) and looks at all of them, so which of them explain the
    utterance does not hang on the set order; a shortlist of 3 makes those ties common."""
    from rapidfuzz import fuzz, process

    from assistant.nlu import matcher

    monkeypatch.setattr(matcher, "SHORTLIST", shortlist)
    loose = 0
    for example in [*in_domain, *out_of_domain]:
        norm = parser._entities.tag(normalize(example.text))
        if not norm.tokens:
            continue
        fast = parser._shortlist(norm)
        exact = parser._shortlist(norm, exact=True)
        assert exact.exact
        if fast.exact:  # hopeless (see the next test): nothing to shortlist
            assert not fast.items and parser._hopeless(norm.tokens)
            continue
        if fast.loose is None:  # the same sentences, each with the same score
            assert sorted(fast.items) == sorted(exact.items), example.text
            want = matcher._decide(parser._candidates(norm, exact))[:2]
        else:  # all that score the last place or more, in the whole pool
            loose += 1
            pool = sorted({k for t in set(norm.tokens) for k in parser._index.get(t, ())})
            found = process.extract(
                norm.text, [parser._texts[k] for k in pool], scorer=fuzz.ratio,
                limit=None, score_cutoff=fast.loose - 1e-3,
            )  # fmt: skip
            assert {pool[k] for _t, _s, k in found} == {k for k, _ in fast.items}, example.text
            assert set(exact.items) <= set(fast.items), example.text
            candidates = parser._candidates(norm, fast)
            tied = matcher._decide(candidates)[2]
            if tied:  # equal candidates: the set order picks, as always
                candidates = parser._candidates(norm, parser._in_set_order(norm, fast))
            want = matcher._decide(candidates)[:2]
        assert parser._match(norm) == want, example.text
    assert loose > 20  # ties at the last place were met


def _utterances_and_parts(parser, examples, parts_of) -> list:
    """Each example's normalized utterance (empty ones left out), then, when the split
    search could try it, the parts `parts_of(example, number of words)` names as (start,
    end) pairs."""
    from assistant.nlu import matcher

    norms = []
    for example in examples:
        norm = parser._entities.tag(normalize(example.text))
        if not norm.tokens:
            continue
        norms.append(norm)
        n = len(norm.tokens)
        if n <= matcher.MAX_SPLIT_WORDS:
            norms += [parser._sub(norm, start, end) for start, end in parts_of(example, n)]
    return norms


def test_hopeless_utterances_pass_no_sentence_they_share_a_rare_word_with(
    parser, in_domain, out_of_domain
):
    """When `_hopeless` skips the shortlist, `_verify` would have rejected every sentence
    it could hold: checked against every sentence sharing a rare word with the utterance
    (the shortlist's whole pool), for the dev set and the parts the split search tries."""
    from assistant.nlu import matcher

    def parts(example, n: int) -> list[tuple[int, int]]:
        if example.intent != "none":
            return []
        return [(0, k) for k in range(1, n)] + [(k, n) for k in range(1, n)]

    norms = _utterances_and_parts(parser, [*in_domain, *out_of_domain], parts)
    hopeless = kept = 0
    for norm in norms:
        if not norm.tokens:
            continue
        if not parser._hopeless(norm.tokens):
            kept += 1
            continue
        hopeless += 1
        said = matcher._Said.of(norm.tokens)
        pool = set().union(*(parser._index.get(t, ()) for t in norm.tokens))
        for k in pool:
            sentence = parser.sentences[k]
            score = matcher._verify(said, sentence, 1.0, parser._vocab[sentence.intent])
            assert score == 0, (norm.text, sentence.text)
    assert hopeless > 300 and kept > 1000  # both kinds are common


def _matched_parts(parser, monkeypatch, text: str, prune: bool = True):
    """(the result, the texts `_match` was asked about) of parsing `text`; without
    `prune`, every part is matched as before the split search's bound."""
    matched: list[str] = []
    match = parser._match

    def counting(norm):
        matched.append(norm.text)
        return match(norm)

    with monkeypatch.context() as patch:
        patch.setattr(parser, "_match", counting)
        if not prune:
            patch.setattr(parser, "_could_end", lambda part, *_a, **_k: set(parser._vocab))
        result = parser.parse(text)
    return result, matched


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("it's late, can we do our check in tomorrow", "tomorrow"),
        ("you never give me space", "you never"),
        ("this is going nowhere, let's take ten", "lets take ten"),
        # the texts of the one intent both halves could be are far longer or shorter
        ("can you stop talking over me", "stop talking over"),
        ("i love you", "i love"),
        # a request beside a remark: no intent could take it to SPLIT_ACCEPT
        ("i have an idea let's go camping", "lets go camping"),
    ],
)
def test_split_search_skips_a_part_no_intent_could_end(parser, monkeypatch, text, skipped):
    """A part of which no candidate could be accepted ending in one of its words (the
    split search's tests) is not matched, and the answer stays what matching it gave."""
    result, matched = _matched_parts(parser, monkeypatch, text)
    assert skipped not in matched
    before, all_parts = _matched_parts(parser, monkeypatch, text, prune=False)
    assert skipped in all_parts and len(matched) < len(all_parts)
    assert result == before


def test_parts_skipped_by_the_bound_pass_no_sentence_they_could_end_as(
    parser, in_domain, out_of_domain
):
    """Where `_could_end` leaves an intent out of a split part's, no sentence of that
    intent sharing a rare word with the part (the shortlist's whole pool) passes the
    intent's rules and `_verify` at that bar while saying the part's last word; checked
    for the parts the dev set's utterances split into, at both bars the split search
    uses."""
    from assistant.nlu import matcher

    parts = []
    for example in [*in_domain, *out_of_domain]:
        norm = parser._entities.tag(normalize(example.text))
        n = len(norm.tokens)
        if example.intent == "none" and matcher.MIN_AGREE_WORDS <= n <= matcher.MAX_SPLIT_WORDS:
            parts += [parser._sub(norm, 0, k) for k in range(1, n)]
            parts += [parser._sub(norm, k, n) for k in range(1, n)]
    left_out = checked = 0
    for part in parts[::8]:  # an eighth of them keeps the test to seconds
        if not part.tokens:
            continue
        said = matcher._Said.of(part.tokens)
        facts = matcher._Facts(part)
        pool = set().union(*(parser._index.get(t, ()) for t in part.tokens))
        last = part.tokens[-1]
        ends = last in matcher.FUNCTION_WORDS  # any sentence says it, for `_ends_in`
        ending = [k for k in pool if ends or last in parser._texts[k].split()]
        for bar, split in ((matcher.ACCEPT, False), (matcher.SPLIT_ACCEPT, True)):
            kept = parser._could_end(part, bar, split)
            left_out += len(set(parser._vocab) - kept)
            for k in ending:
                sentence = parser.sentences[k]
                if sentence.intent in kept or not parser._allowed(sentence, part, facts):
                    continue
                if split and said.you - sentence.tokens:
                    continue  # "you" said and not in the sentence: not a request
                checked += 1
                similarity = fuzz.ratio(part.text, sentence.text) / 100  # as shortlisted
                score = matcher._verify(said, sentence, similarity, parser._vocab[sentence.intent])
                assert score < bar, (part.text, sentence.text, score)
    assert left_out > 1000 and checked > 5000  # the bound does leave intents out


# -- speed pass of 2026-12-03 --------------------------------------------------------


def test_set_order_rebuilt_from_the_fast_shortlist_is_the_set_ordered_one(
    parser, in_domain, out_of_domain
):
    """`_in_set_order` (the fast shortlist's sentences put in the set's order) gives the
    shortlist `_set_shortlist` scores anew, item for item and in order, for the dev set's
    utterances and the parts the split search can try."""

    norms = _utterances_and_parts(
        parser, [*in_domain, *out_of_domain], lambda _example, n: [(0, k) for k in range(1, n)][::3]
    )
    compared = loose = 0
    for norm in norms:
        if not norm.tokens:
            continue
        fast = parser._shortlist(norm)
        if fast.exact:
            continue  # hopeless: nothing to order
        compared += 1
        loose += fast.loose is not None
        assert parser._in_set_order(norm, fast).items == parser._shortlist(norm, True).items
    assert compared > 2000 and loose > 20


def test_synonyms_by_their_first_two_words_as_the_walk_through_all(parser):
    """`_synonym_at` finds what walking every phrase opening with the word finds (longest
    first), at every place of phrases said whole, cut short and run on."""
    from assistant.nlu import normalize as module

    def walk(tokens, i):
        for words, canonical in module._SYNONYMS.get(tokens[i], ()):
            if tuple(tokens[i : i + len(words)]) == words:
                return canonical, i + len(words)
        return None

    checked = 0
    for phrases in module._SYNONYMS.values():
        for words, _canonical in phrases:
            said = ["so", *words, "the", "break"]
            for end in range(2, len(said) + 1):
                for i in range(end):
                    assert module._synonym_at(said[:end], i) == walk(said[:end], i)
                    checked += 1
    assert checked > 10_000


def test_agreeing_halves_skip_a_second_half_the_first_cannot_agree_with(parser, monkeypatch):
    """The second half is not matched when the first half's intent could not end it:
    "i feel calmer" is feedback, which "lets continue" (resume only) cannot be."""
    result, matched = _matched_parts(parser, monkeypatch, "i feel calmer, let's continue")
    assert "i feel calmer" in matched and "lets continue" not in matched
    before, all_parts = _matched_parts(parser, monkeypatch, "i feel calmer, let's continue", False)
    assert "lets continue" in all_parts and result == before


def test_full_sentence_memo_stays_bounded_and_still_renews(compact_parser, monkeypatch):
    """Once full, the memo keeps its size, keeps most of what it held (a cycle over
    more sentences than it holds no longer rebuilds them all), and still takes in some
    new sentences; what it gives is what a fresh build gives."""
    table = pickle.loads(pickle.dumps(compact_parser)).sentences  # a memo of its own
    monkeypatch.setattr(compact, "MEMO_SIZE", 50)
    for k in range(50):
        table[k]
    held = set(table._memo)
    for k in range(50, 450):
        assert table[k] == table._build(k)
        assert len(table._memo) <= 50
    kept = held & set(table._memo)
    assert 0 < len(kept) < 50  # some renewed, most kept (about 50 x (1 - 1/50) ** 50)
    assert {"_memo", "_kept", "_rng"}.isdisjoint(pickle.loads(pickle.dumps(table)).__dict__)


def test_could_end_word_marks_are_the_per_intent_tests(parser, in_domain, out_of_domain):
    """`_marks` (all intents at once, as bits) gives, for every word of the dev set and
    every intent, what `_could_end` tested intent by intent: its stem among the intent's
    stems or a near spelling of one of its words (a hit), its stem in its vocabulary."""
    from assistant.nlu.matcher import _near, _stem

    words = set()
    for example in [*in_domain, *out_of_domain]:
        words.update(parser._entities.tag(normalize(example.text)).tokens)
    for word in sorted(words):
        stem = _stem(word)
        hits, halves = parser._marks(word, stem)
        for name, bit in parser._intent_bit.items():
            hit = stem in parser._intent_stems[name] or (
                len(word) >= 4 and _near(word, parser._intent_words[name])
            )
            assert bool(hits & bit) == hit, (word, name)
            assert bool(halves & bit) == (stem in parser._vocab[name]), (word, name)
