"""Speech grammars for command mode, generated from the intent templates.

Command mode limits a recognizer to what Hearth can act on: the wake phrase
alone, or an optional wake phrase followed by one command sentence. The
sentences are the NLU's representative command phrases
(`IntentParser.command_phrases()`, expanded from the templates). Two outputs
come from one `CommandGrammar`:

- a JSGF grammar for PocketSphinx. The sentences are folded into a prefix tree
  ("let's (take a break | check in)"): a flat list of a thousand alternatives
  makes PocketSphinx's search slow and prunes the right path away. A *filler*
  path (a loop of common words that are not command words) absorbs everyday
  speech instead of forcing it onto the nearest command;
- a phrase list for Vosk's grammar mode: the wake phrase, the command
  sentences and every command word (so sentences the sample list misses are
  still reachable), plus "[unk]" when the model has it, else filler words.

Either way, words outside the command vocabulary come out as unknown and an
utterance that is mostly unknown comes out empty (`command_words`).

Measured here: a grammar compiled from the full template AST (every
duration and time) decoded at several times real time with PocketSphinx and
less accurately, so the prefix tree of sample sentences is what we use.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.speech.types import UNKNOWN

log = logging.getLogger(__name__)

# Common English words used as the garbage path. Only those that are not
# command words are used, so a filler word in a result always means "unknown".
_ENGLISH_FILLER_TEXT = """
    the a and to of it that you was for on is with he be at by this had not are but
    from or have an they which one were her all she there would their will when who
    him been has more if no out so said what up its about into than them can only other
    new some could these two may then do first any my now such like our over man me even
    most made after also did many before must through back years where much your way well
    down should because each just those people how too little state good very make world
    still own see men work long get here between both life being under never day same
    another know while last might us great old year off come since against go came right
    used take three dinner movie remote kids phone car tonight tomorrow mother work house
    dishes weather money school friday coffee really thing think want look need where why
    yeah okay sorry always again something nothing everything maybe sure mean feel
    dog garden kitchen window table shoes laundry groceries traffic office boss doctor
    birthday weekend holiday vacation television football music pizza chicken salad bread
    milk cheese sugar water bottle paper pencil computer email message number problem
    question answer story picture color yellow purple orange green blue black white"""
# Short function words ("the", "of") absorb command words too easily and make
# the search slow: measured, words of four letters or more reject as well.
ENGLISH_FILLER = tuple(w for w in _ENGLISH_FILLER_TEXT.split() if len(w) >= 4)

_WORD_RE = re.compile(r"[^\w' -]+")


def normalize_phrase(text: str) -> str:
    """Lower case, punctuation removed (apostrophes kept), single spaces."""
    text = _WORD_RE.sub(" ", text.lower().replace("’", "'")).replace("-", " ")
    return " ".join(w.strip("'") for w in text.split() if w.strip("'"))


@dataclass(frozen=True)
class CommandGrammar:
    """What command mode may recognise.

    Attributes:
        phrases: normalised sample command sentences (no wake phrase).
        wake_phrase: normalised wake phrase ("" for none); allowed alone and
            in front of every command.
        vocabulary: every word a command (or the wake phrase) can contain.
        filler: garbage words (not in `vocabulary`) that absorb other speech.
        model_only: more command sentences for a statistical language model only: the
            wordings with a length or a time said with other numbers, so the model
            knows them all ("fifteen minutes" was heard as "five minutes" when the
            sample sentences said five lengths). A strict grammar or a phrase list
            needs them not (it reads the request; the numbers are single words).
    """

    phrases: tuple[str, ...]
    wake_phrase: str
    vocabulary: frozenset[str]
    filler: tuple[str, ...]
    model_only: tuple[str, ...] = ()

    def respell(self, spellings: Mapping[str, str]) -> CommandGrammar:
        """The grammar with words written as `spellings` maps them ("dont" -> "don't"):
        one word in two spellings would split its counts in a language model built from
        the phrases. Phrases that become the same are kept once."""
        if not spellings:
            return self

        def spelled(phrase: str) -> str:
            return " ".join(spellings.get(w, w) for w in phrase.split())

        return CommandGrammar(
            phrases=tuple(dict.fromkeys(spelled(p) for p in self.phrases)),
            wake_phrase=spelled(self.wake_phrase),
            vocabulary=frozenset(spellings.get(w, w) for w in self.vocabulary),
            filler=self.filler,
            model_only=tuple(dict.fromkeys(spelled(p) for p in self.model_only)),
        )

    def restrict(self, known: Callable[[str], bool], engine: str) -> CommandGrammar:
        """The grammar without phrases or words the engine cannot spell.

        `known(word)` says whether the engine's dictionary has the word. What
        is dropped is logged at debug level (grammar words only, never speech).
        """
        missing = {w for w in self.vocabulary if not known(w)}
        phrases = tuple(p for p in self.phrases if not missing & set(p.split()))
        model_only = tuple(p for p in self.model_only if not missing & set(p.split()))
        wake = self.wake_phrase if not missing & set(self.wake_phrase.split()) else ""
        if missing:
            log.debug(
                "%s: %d command words missing from the model (%s); %d of %d phrases kept",
                engine,
                len(missing),
                " ".join(sorted(missing)),
                len(phrases),
                len(self.phrases),
            )
        if self.wake_phrase and not wake:
            log.warning("%s: the wake phrase %r is not in the model", engine, self.wake_phrase)
        return CommandGrammar(
            phrases=phrases,
            wake_phrase=wake,
            vocabulary=self.vocabulary - missing,
            filler=tuple(w for w in self.filler if known(w)),
            model_only=model_only,
        )


def build_grammar(
    phrases: Iterable[str],
    wake_phrase: str = "hey hearth",
    filler: Iterable[str] = ENGLISH_FILLER,
    vocabulary: Iterable[str] = (),
    max_filler: int = 48,
    model_only: Iterable[str] = (),
) -> CommandGrammar:
    """A command grammar from command sentences and a wake phrase.

    `vocabulary`: more command words (e.g. the NLU's `vocabulary()`); they
    are kept out of the filler and offered to Vosk as single words.
    `max_filler`: at most this many filler words. PocketSphinx's search cost
    grows with the square of the filler loop: 150 words decoded at 15 times
    real time here, 48 at a tenth of it.
    `model_only`: sentences for a language model only (`CommandGrammar.model_only`).
    """
    wake = normalize_phrase(wake_phrase)

    def sentences(texts: Iterable[str]) -> dict[str, None]:
        seen: dict[str, None] = {}
        for phrase in texts:
            norm = normalize_phrase(phrase)
            if wake and norm.startswith(wake + " "):
                norm = norm[len(wake) + 1 :]  # the grammar adds the wake phrase itself
            if norm and norm != wake:
                seen.setdefault(norm)
        return seen

    seen = sentences(phrases)
    more = [p for p in sentences(model_only) if p not in seen]
    words = {w for p in (*seen, *more, wake) for w in p.split()}
    words.update(w for v in vocabulary for w in normalize_phrase(v).split())
    garbage = tuple(dict.fromkeys(w for w in filler if w not in words))[:max_filler]
    return CommandGrammar(tuple(seen), wake, frozenset(words), garbage, tuple(more))


def grammar_from_parser(
    parser: Any = None, wake_phrase: str = "hey hearth", per_template: int = 8
) -> CommandGrammar:
    """The command grammar of the NLU (`assistant.nlu.load_parser()` by default).

    `per_template`: sample sentences per template. Coverage matters most:
    on the benchmark's tune split (wordings the grammar was not built from)
    2 per template gave 39% correct intents, 4 gave 67%, 8 gave 79%, at a
    real-time factor of 0.3, 0.4 and 0.5 (listener included, 2 cores).
    """
    if parser is None:
        from assistant.nlu import speech_parser

        parser = speech_parser()
    sentences = parser.command_sentences(per_template=per_template)  # one walk, both lists
    return build_grammar(
        [p for p in sentences.phrases if _hearable(p)],
        wake_phrase,
        vocabulary=[w for w in parser.vocabulary() if _hearable(w)],
        model_only=[p for p in sentences.other_numbers if _hearable(p)],
    )


KEPT_OUT_OF_HEARING = frozenset({"live", "mediator"})
"""Words the NLU reads but the command model must not offer, because the acoustic model
then hears them in a more frequent command: with "live" (from "I don't want to live",
a safety wording) "how much time is left" was heard as "... is live" in every voice of
the speech tests. The safety line still hears "hurt myself", "end my life", "be
alive" and the rest; typed text keeps every wording. "mediator" (a synonym of
therapist): "we need a minute", Hearth's own example, was heard as "we need a mediator"
and acted on as a request for outside support, through the loopback in the live tests
(a pause asked over Hearth's line, SIGINT while listening) and in the latency clips
("give us a minute"); support is still heard as counsellor, therapist, counselling."""


def _hearable(phrase: str) -> bool:
    return not KEPT_OUT_OF_HEARING.intersection(normalize_phrase(phrase).split())


def _prefix_tree(phrases: Iterable[str]) -> str:
    """Fold sentences into one JSGF expansion that shares common prefixes."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}  # a sentence may end here

    def emit(node: dict) -> str:
        options = []
        for word, child in node.items():
            if word:
                rest = emit(child)
                options.append(f"{word} {rest}" if rest else word)
        if not options:
            return ""
        body = " | ".join(options)
        if "" in node:
            return f"[{body}]"
        return f"({body})" if len(options) > 1 else body

    return emit(root)


def compile_jsgf(
    grammar: CommandGrammar, known: Callable[[str], bool] = lambda w: True, name: str = "hearth"
) -> tuple[str, frozenset[str]]:
    """A JSGF grammar for `grammar`, and the command words it can produce.

    Top level: the wake phrase alone, [wake phrase] command, or [wake
    phrase] and a loop of filler words. Sentences with a word for which `known` is False are left
    out (PocketSphinx refuses a grammar with a word it cannot pronounce).
    """
    wake = grammar.wake_phrase if all(known(w) for w in grammar.wake_phrase.split()) else ""
    filler = tuple(w for w in grammar.filler if known(w))
    phrases = [p for p in grammar.phrases if all(known(w) for w in p.split())]
    if not phrases and not wake:
        raise ValueError("empty command grammar: the engine knows none of the command words")
    words = frozenset(w for p in (*phrases, wake) for w in p.split())
    top = []
    if wake:
        top.append("<wake>")
    if phrases:
        top.append("[<wake>] <command>" if wake else "<command>")
    if filler:  # "hey hearth" then everyday talk must not become a command either
        top.append("[<wake>] <filler>+" if wake else "<filler>+")
    lines = ["#JSGF V1.0;", f"grammar {name};", f"public <utterance> = {' | '.join(top)};"]
    if wake:
        lines.append(f"<wake> = {wake};")
    if phrases:
        lines.append(f"<command> = {_prefix_tree(phrases)};")
    if filler:
        lines.append("<filler> = " + " | ".join(filler) + ";")
    return "\n".join(lines) + "\n", words


@dataclass(frozen=True)
class Fsg:
    """A finite-state grammar for PocketSphinx (`Decoder.create_fsg`).

    Attributes:
        start: the start state.
        final: the final state.
        transitions: (from, to, probability, word) arcs; no word: a null (epsilon) arc.
        words: the command words it can produce (the wake phrase's included).
    """

    start: int
    final: int
    transitions: tuple[tuple, ...]
    words: frozenset[str]


def compile_fsg(grammar: CommandGrammar, known: Callable[[str], bool] = lambda w: True) -> Fsg:
    """The language of `compile_jsgf` as a minimal word automaton.

    The JSGF's prefix tree shares only the starts of sentences; sentences that end
    alike ("... for five minutes", "... for ten minutes") each keep their own copy
    of the ending, and PocketSphinx's JSGF conversion adds chains of null arcs for
    every optional part. Here identical endings are merged (a minimal acyclic
    automaton: 3,390 states and 7,266 word arcs instead of 12,832 word arcs for the
    4,923 sentences of 2026-12) and there are a handful of null arcs, so the strict
    grammar's search has far fewer paths to carry. Same sentences, same wake phrase
    and filler paths as the JSGF. Every arc has probability 1, as PocketSphinx gives
    each JSGF alternative: the grammar says what may be said, not how likely.
    """
    wake = grammar.wake_phrase if all(known(w) for w in grammar.wake_phrase.split()) else ""
    filler = tuple(w for w in grammar.filler if known(w))
    phrases = [p for p in grammar.phrases if all(known(w) for w in p.split())]
    if not phrases and not wake:
        raise ValueError("empty command grammar: the engine knows none of the command words")
    arcs: list[tuple] = []
    start, final = 0, 1
    count = [2]

    def state() -> int:
        count[0] += 1
        return count[0] - 1

    entries = [start]  # where a command or filler may begin: the start, or after the wake
    if wake:
        at = start
        for word in wake.split():
            nxt = state()
            arcs.append((at, nxt, 1.0, word))
            at = nxt
        arcs.append((at, final, 1.0))  # the wake phrase alone
        entries.append(at)
    if phrases:
        root = _minimal_automaton(phrases, state, final, arcs)
        arcs.extend((e, root, 1.0) for e in entries)
    if filler:
        loop, more = state(), state()
        arcs.extend((e, loop, 1.0) for e in entries)
        arcs.extend((loop, more, 1.0, w) for w in filler)
        arcs += [(more, loop, 1.0), (more, final, 1.0)]
    words = frozenset(w for p in (*phrases, wake) for w in p.split())
    return Fsg(start, final, tuple(arcs), words)


def _minimal_automaton(
    phrases: Iterable[str], state: Callable[[], int], final: int, arcs: list[tuple]
) -> int:
    """Add the minimal acyclic automaton of `phrases` to `arcs`; its root state.

    Built as a prefix tree, then states with the same future (same end flag, same
    words to the same states) are merged, bottom up. A state that only ends goes
    to `final` directly; one that may end or go on gets a null arc to it."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}
    merged: dict[tuple, int] = {}

    def build(node: dict) -> int:
        out = tuple(sorted((w, build(child)) for w, child in node.items() if w))
        ends = "" in node
        if not out:
            return final
        key = (ends, out)
        if key not in merged:
            merged[key] = at = state()
            arcs.extend((at, nxt, 1.0, w) for w, nxt in out)
            if ends:
                arcs.append((at, final, 1.0))
        return merged[key]

    return build(trie)


def to_vosk_phrases(grammar: CommandGrammar, unk_known: bool) -> list[str]:
    """Vosk grammar phrases: wake, wake + command, commands, every command word,
    then "[unk]" (or the filler words when the model has no "[unk]").

    Single words keep every template sentence reachable (the sample phrases
    cannot list all durations and times); the NLU does the rest.
    """
    phrases: list[str] = []
    if grammar.wake_phrase:
        phrases.append(grammar.wake_phrase)
        phrases.extend(f"{grammar.wake_phrase} {p}" for p in grammar.phrases)
    phrases.extend(grammar.phrases)
    phrases.extend(sorted(grammar.vocabulary))
    phrases.extend([UNKNOWN] if unk_known else grammar.filler)
    return list(dict.fromkeys(phrases))


def command_words(words: list, vocabulary: frozenset[str], max_unknown: float = 0.5) -> list:
    """Keep the words of a command-mode result; [] when it is mostly unknown.

    `words` are objects with a `.word` attribute. Words outside the command
    vocabulary (filler, "[unk]") are dropped; when more than `max_unknown` of
    the words were outside it, the speech was not a command and nothing is kept
    (a stray command word inside everyday talk must not become a command).
    """
    if not words:
        return []
    kept = [w for w in words if w.word in vocabulary]
    if len(words) - len(kept) > max_unknown * len(words):
        return []
    return kept


def compile_arpa(
    grammar: CommandGrammar,
    known: Callable[[str], bool] = lambda w: True,
    discount: float = 0.5,
    filler_weight: float = 0.05,
    bare: bool = True,
) -> tuple[str, frozenset[str]]:
    """An ARPA trigram language model for `grammar`, and the command words in it.

    Training sentences: the wake phrase alone and in front of every command
    sentence (`phrases` and `model_only`), and (`bare`) each command sentence
    without it, as the JSGF's optional wake phrase: measured, without them the model forced "hey
    hearth" onto everyday talk and made 2 false triggers in 120. Smoothing:
    interpolated absolute discounting (`discount` taken off every seen count
    and shared out through the back-off weight, so each history's
    probabilities sum to one). Unigrams also hold every vocabulary
    word (slot words the sample sentences miss) and the filler words, which
    share `filler_weight` of the unigram mass so everyday talk has somewhere
    to go other than command words. Words for which `known` is False are left
    out, and so are the sentences that contain them.
    """
    import math

    wake = grammar.wake_phrase if all(known(w) for w in grammar.wake_phrase.split()) else ""
    everything = (*grammar.phrases, *grammar.model_only)
    phrases = [p for p in everything if all(known(w) for w in p.split())]
    if not phrases and not wake:
        raise ValueError("empty command grammar: the engine knows none of the command words")
    sentences = [f"{wake} {p}".strip() for p in phrases]
    if wake:
        sentences.append(wake)
        if bare:
            sentences += phrases
    words = frozenset(w for s in sentences for w in s.split())
    extra = sorted(w for w in grammar.vocabulary if w not in words and known(w))
    filler = sorted({w for w in grammar.filler if known(w)} - words - set(extra))

    counts: list[dict[tuple[str, ...], int]] = [{}, {}, {}]
    for sentence in sentences:
        toks = ["<s>", *sentence.split(), "</s>"]
        for n in range(1, 4):
            for i in range(len(toks) - n + 1):
                gram = tuple(toks[i : i + n])
                if gram != ("<s>",):
                    counts[n - 1][gram] = counts[n - 1].get(gram, 0) + 1

    # Unigrams: discounted counts, the rest spread over every word evenly,
    # then `filler_weight` set aside for the filler words.
    uni = counts[0]
    total = sum(uni.values())
    vocab = [*sorted(g[0] for g in uni), *extra]
    left = discount * len(uni) / total
    p1 = {w: max(uni.get((w,), 0) - discount, 0) / total + left / len(vocab) for w in vocab}
    keep = 1.0 - (filler_weight if filler else 0.0)
    probs: list[dict[tuple[str, ...], float]] = [{(w,): p * keep for w, p in p1.items()}, {}, {}]
    probs[0].update({(w,): filler_weight / len(filler) for w in filler})
    backoff: list[dict[tuple[str, ...], float]] = [{}, {}, {}]
    for n in (2, 3):
        by_hist: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for gram in counts[n - 1]:
            by_hist.setdefault(gram[:-1], []).append(gram)
        for hist, grams in by_hist.items():
            c_h = sum(counts[n - 1][g] for g in grams)
            bow = discount * len(grams) / c_h
            backoff[n - 2][hist] = bow
            for g in grams:
                lower = probs[n - 2][g[1:]]
                probs[n - 1][g] = (counts[n - 1][g] - discount) / c_h + bow * lower

    def lg(p: float) -> str:
        return f"{math.log10(p):.5f}"

    lines = ["\\data\\", "ngram 1=" + str(len(probs[0]) + 1)]
    lines += [f"ngram {n}={len(probs[n - 1])}" for n in (2, 3)]
    lines += ["", "\\1-grams:", f"-99.00000\t<s>\t{lg(backoff[0].get(('<s>',), 1.0))}"]
    for n in (1, 2, 3):
        if n > 1:
            lines += ["", f"\\{n}-grams:"]
        for gram, p in probs[n - 1].items():
            line = f"{lg(p)}\t{' '.join(gram)}"
            if n < 3:
                line += f"\t{lg(backoff[n - 1].get(gram, 1.0))}"
            lines.append(line)
    lines += ["", "\\end\\", ""]
    return "\n".join(lines), words | frozenset(extra)
