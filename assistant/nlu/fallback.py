"""A second opinion for utterances the matcher left unanswered ("none").

The matcher compares an utterance with ~133,000 template sentences and answers only
when one of them explains it closely. Blind sets showed that almost every miss is a
request left unanswered, said in words no template has. This module is a small
classifier trained on the template sentences (and, when present, the in-domain and
everyday lines of the non-sealed tuning sets): a multinomial logistic regression over
the normalized tokens' unigrams and bigrams, numpy only.

It answers only when
- the matcher said "none" for a reason other than safety words, length or emptiness
  (`IntentParser.parse` decides that and calls `Fallback.guess`),
- its best class is not "none", leads by `FallbackConfig.min_prob` and
  `FallbackConfig.min_margin`, and is not one of `FallbackConfig.never` (answers,
  safety, stop: a wrong one of those costs too much),
- the utterance passes the matcher's own hard checks, widened from one sentence to
  every sentence of that intent (negations, other people, pronouns, "I need you to",
  the intent's required words, a joint ritual said for one, another list, a kitchen
  timer, "in twenty minutes", the request running on to a new object, too many words
  the intent never uses),
- and its slots can be read: a length or time is taken only when the normalizer read
  exactly one and no other number or length word is left; otherwise the length is
  null with `unclear` (Hearth asks), never a guess.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.nlu.intent import NONE, Intent
from assistant.nlu.normalize import CADENCE, DURATION, TIME, Normalized

if TYPE_CHECKING:
    from assistant.nlu.matcher import IntentParser

TEXT = "#text"
"""Stands for the free text of a free-text template in its training sentence."""

_VALUE_SLOTS = ("direction", "helped")
"""Slots whose value a template fixes ("turn it down"): part of the class, since the
classifier cannot read them from a placeholder."""

_NUMBERISH = re.compile(
    r"^(\d+([.:]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|half|quarter|few|couple|"
    r"several|minute|minutes|min|mins|hour|hours|hr|hrs|second|seconds|sec|secs|"
    r"oclock|am|pm|noon|midnight)$"
)
"""Words of a length or a clock time the normalizer left unread: a length said that
the slot would not hold."""

_NAMED = re.compile(r"\bhearth\b", re.IGNORECASE)
"""Hearth called by name (the wake word may be part of the text)."""

_TEXT_INTENTS = frozenset(["appreciation", "add_idea", "win"])
_LENGTH_INTENTS = frozenset(["pause", "extend", "space"])
_TIMER_NAMES = frozenset(["break", "down", "space"])


@dataclass(frozen=True)
class FallbackConfig:
    """How the fallback is trained and when it may answer.

    Attributes:
        min_prob: the best class's probability must reach this.
        min_margin: ... and lead the runner-up (the "none" class included) by this.
        max_unknown: content words the intent's templates never use (by stem), though
            other intents' do, that an utterance may hold; the matcher allows one or two
            beside a sentence.
        max_foreign: words no template uses at all (not `harmless`) it may hold.
        named_min_prob, named_max_unknown: `min_prob` and `max_unknown` when Hearth is
            called by name in the utterance ("hearth, ..."): said to Hearth, not to
            the partner, so a looser reading is safe (cross-fitted on the tuning sets:
            every everyday line the fallback took was said without the name).
        never: intents the fallback never answers (answers count only on their own,
            safety and stop act at once).
        per_intent: template sentences sampled per class (the spread between 183 stop
            and 36,845 space sentences says nothing about how often each is asked).
        template_weight: total training weight of one class's template sentences.
        line_weight: weight of one real line (tuning sets' in-domain and everyday
            lines), which show how people really talk.
        l2: L2 penalty on the weights.
        epochs: full-batch Adam steps.
        learning_rate: Adam's step size.
        min_count: a feature seen in fewer training rows is dropped.
        harmless_min, harmless_ratio: which words are small talk (`harmless_words`).
        data_files: real lines to train on, as (in-domain jsonl, everyday txt) pairs
            relative to `data_root`; sealed sets must never be listed.
        seed: sampling seed (the model is the same in every process).
    """

    min_prob: float = 0.9
    min_margin: float = 0.3
    max_unknown: int = 0
    max_foreign: int = 0
    named_min_prob: float = 0.5
    named_max_unknown: int = 1
    never: tuple[str, ...] = ("yes", "no", "safety", "stop")  # a tuple: its repr keys the cache
    per_intent: int = 3000
    template_weight: float = 300.0
    line_weight: float = 1.0
    l2: float = 1e-4
    epochs: int = 150
    learning_rate: float = 0.05
    min_count: int = 2
    harmless_min: int = 2
    harmless_ratio: float = 0.25
    data_files: tuple[tuple[str, str], ...] = ()
    data_root: str = ""
    seed: int = 7


def tuning_lines(root: Path) -> tuple[tuple[str, str], ...]:
    """The non-sealed labelled sets of a checkout (tests/nlu/data/*, never `sealed/`) as
    `FallbackConfig.data_files`; none in an installed wheel (templates only)."""
    data = root / "tests" / "nlu" / "data"
    pairs = [("in_domain.txt", "out_of_domain.txt")]
    pairs.append(("requests_in_domain.txt", "requests_out_of_domain.txt"))
    for path in sorted(data.glob("heldout*_in_domain.jsonl")):  # top level only
        pairs.append((path.name, path.name.replace("_in_domain.jsonl", "_out_of_domain.txt")))
    return tuple(
        (f"tests/nlu/data/{a}", f"tests/nlu/data/{b}")
        for a, b in pairs
        if (data / a).is_file() and (data / b).is_file()
    )


@dataclass
class _Model:
    features: dict[str, int]
    classes: list[str]
    weights: np.ndarray  # (features, classes), float32
    bias: np.ndarray  # (classes,)


def features(tokens: Sequence[str]) -> list[str]:
    """Unigrams, bigrams, and the first word as an opener (requests open alike)."""
    out = list(tokens)
    out += [f"{a} {b}" for a, b in pairwise(tokens)]
    if tokens:
        out.append(f"^{tokens[0]}")
    return out


def _label(intent: str, slots: dict[str, Any]) -> str:
    for name in _VALUE_SLOTS:
        if name in slots and slots[name] is not None:
            return f"{intent}={json.dumps(slots[name])}"
    return intent


def _unlabel(label: str) -> tuple[str, dict[str, Any]]:
    intent, _, value = label.partition("=")
    if not value:
        return intent, {}
    slot = "direction" if intent == "volume" else "helped"
    return intent, {slot: json.loads(value)}


@dataclass
class Fallback:
    """The trained classifier and the parser whose checks it reuses."""

    config: FallbackConfig
    model: _Model
    harmless: frozenset[str] = frozenset()
    """Words no template uses that real requests say far more often than everyday talk
    ("thing", "know", "wait"): not counted as unknown (see `harmless_words`)."""
    _index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {name: k for k, name in enumerate(self.model.classes)}

    # -- training -----------------------------------------------------------------

    @classmethod
    def train(
        cls,
        parser: IntentParser,
        config: FallbackConfig,
        lines: Iterable[tuple[str, str, dict]] = (),
    ) -> Fallback:
        """Train on `parser`'s templates and `lines` ((text, intent, slots); intent
        "none" for everyday talk) plus `config.data_files`."""
        rng = np.random.default_rng(config.seed)
        rows: list[tuple[list[str], str, float]] = []
        by_class: dict[str, list[list[str]]] = defaultdict(list)
        for s in parser.sentences:
            by_class[_label(s.intent, s.fixed)].append(s.text.split())
        for group in parser._wild.values():
            for s in group.sentences:
                by_class[_label(s.intent, s.fixed)].append([*s.prefix, TEXT, *s.suffix])
        for label, sentences in by_class.items():
            if len(sentences) > config.per_intent:
                keep = rng.choice(len(sentences), config.per_intent, replace=False)
                sentences = [sentences[k] for k in sorted(keep)]
            weight = config.template_weight / len(sentences)
            rows += [(tokens, label, weight) for tokens in sentences]
        real = list(lines)
        root = Path(config.data_root)
        for in_domain, everyday in config.data_files:
            real += _read_lines(root / in_domain) + _read_lines(root / everyday)
        said: list[tuple[list[str], bool]] = []
        for text, intent, slots in real:
            tokens = parser.normalized(text).tokens
            if tokens:
                rows.append((tokens, _label(intent, slots), config.line_weight))
                if intent not in _TEXT_INTENTS:  # their free text is content, not small talk
                    said.append((tokens, intent != NONE))
        return cls(config, _fit(rows, config), harmless_words(parser, said, config))

    # -- answering ----------------------------------------------------------------

    def scores(self, tokens: Sequence[str]) -> list[tuple[str, float]]:
        """(class, probability), best first."""
        model = self.model
        ids = [k for k in map(model.features.get, features(tokens)) if k is not None]
        logits = model.bias + (model.weights[ids].sum(axis=0) if ids else 0.0)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        order = np.argsort(-probs)
        return [(model.classes[k], float(probs[k])) for k in order[:3]]

    def guess(self, parser: IntentParser, norm: Normalized, text: str) -> Intent | None:
        """The intent for an utterance the matcher left unanswered, or None."""
        tokens, config = norm.tokens, self.config
        (label, best), (_, second) = self.scores(tokens)[:2]
        named = _NAMED.search(text) is not None
        min_prob = config.named_min_prob if named else config.min_prob
        if label == NONE or best < min_prob or best - second < config.min_margin:
            return None
        intent, fixed = _unlabel(label)
        unknown = config.named_max_unknown if named else config.max_unknown
        if intent in config.never or not checks_pass(
            parser, intent, norm, replace(config, max_unknown=unknown), self.harmless
        ):
            return None
        slots = _slots(parser, intent, norm)
        if slots is None:
            return None
        slots.update(fixed)
        return Intent(intent, slots, best * 0.8, text)


def harmless_words(
    parser: IntentParser, said: Iterable[tuple[list[str], bool]], config: FallbackConfig
) -> frozenset[str]:
    """Words the templates never use that real requests say at least
    `config.harmless_min` times and everyday lines at most `config.harmless_ratio` as
    often: the small talk around a request ("the thing", "you know", "wait"), as
    opposed to the objects of everyday talk ("the radio", "the washer")."""
    from assistant.nlu import matcher as m

    known = parser._sentence_words
    in_count: dict[str, int] = defaultdict(int)
    out_count: dict[str, int] = defaultdict(int)
    for tokens, request in said:
        for word in set(tokens) - known - m.FUNCTION_WORDS:
            (in_count if request else out_count)[word] += 1
    return frozenset(
        w for w, n in in_count.items()
        if n >= config.harmless_min and out_count[w] <= config.harmless_ratio * n
    )  # fmt: skip


def _read_lines(path: Path) -> list[tuple[str, str, dict]]:
    if not path.is_file():
        return []
    from assistant.nlu.evaluate import read_examples

    return [(ex.text, ex.intent, ex.slots) for ex in read_examples(path)]


def _fit(rows: list[tuple[list[str], str, float]], config: FallbackConfig) -> _Model:
    """Weighted multinomial logistic regression, full batch with Adam (numpy only)."""
    counts: dict[str, int] = defaultdict(int)
    row_feats = [sorted(set(features(tokens))) for tokens, _label, _w in rows]
    for feats in row_feats:
        for f in feats:
            counts[f] += 1
    names = sorted(f for f, n in counts.items() if n >= config.min_count)
    index = {f: k for k, f in enumerate(names)}
    classes = sorted({label for _t, label, _w in rows} | {NONE})
    cidx = {c: k for k, c in enumerate(classes)}
    # The rows' features as index arrays, once by row and once by feature: sums over
    # runs (np.add.reduceat) are the sparse products X @ W and X.T @ G.
    pairs = sorted(
        (r, k) for r, feats in enumerate(row_feats) for k in map(index.get, feats) if k is not None
    )
    rr = np.asarray([r for r, _k in pairs], dtype=np.int64)
    cc = np.asarray([k for _r, k in pairs], dtype=np.int64)
    by_feature = np.argsort(cc, kind="stable")
    n, f, c = len(rows), len(names), len(classes)
    row_starts = np.searchsorted(rr, np.arange(n))
    feat_starts = np.searchsorted(cc[by_feature], np.arange(f))
    has_feats = np.bincount(rr, minlength=n) > 0
    y = np.asarray([cidx[label] for _t, label, _w in rows])
    w = np.asarray([weight for _t, _l, weight in rows], dtype=np.float32)
    w /= w.sum()
    weights = np.zeros((f, c), dtype=np.float32)
    bias = np.zeros(c, dtype=np.float32)
    m = [np.zeros_like(weights), np.zeros_like(bias)]
    v = [np.zeros_like(weights), np.zeros_like(bias)]
    onehot = np.zeros((n, c), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    rows_by_feature = rr[by_feature]
    for step in range(1, config.epochs + 1):
        logits = np.add.reduceat(weights[cc], row_starts, axis=0)
        logits[~has_feats] = 0.0
        logits += bias
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        grad_rows = (probs - onehot) * w[:, None]
        g_w = np.add.reduceat(grad_rows[rows_by_feature], feat_starts, axis=0)
        g_w += config.l2 * weights
        grads = [g_w, grad_rows.sum(axis=0)]
        for k, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad * grad
            m_hat = m[k] / (1 - 0.9**step)
            v_hat = v[k] / (1 - 0.999**step)
            param -= config.learning_rate * m_hat / (np.sqrt(v_hat) + 1e-8)
    return _Model(index, classes, weights.astype(np.float32), bias.astype(np.float32))


# -- the matcher's hard checks, for an intent rather than one sentence ---------------


def checks_pass(
    parser: IntentParser,
    intent: str,
    norm: Normalized,
    config: FallbackConfig,
    harmless: frozenset[str] = frozenset(),
) -> bool:
    """`_allowed` and `_verify`'s rejections (not its scores), with the sentence widened
    to every sentence of `intent`: what no sentence of the intent could accept, the
    fallback does not accept either."""
    from assistant.nlu import matcher as m

    tokens = norm.tokens
    said = m._Said.of(tokens)
    words = parser._intent_words.get(intent, frozenset())
    stems = parser._intent_stems.get(intent, frozenset())
    vocab = parser._vocab[intent]
    facts = m._Facts(norm)
    # _allowed: required words, a joint ritual said for one, another list, "a second"
    if not parser._required_said(intent, tokens):
        return False
    if intent in parser._joint and facts.solo:
        return False
    if "list" in tokens and facts.list_kind == "other":
        return False
    if DURATION in tokens and facts.short_duration:
        return False
    # _verify: negations as some sentence says them, nobody else, "I need you to"
    if said.negations not in parser._intent_negations.get(intent, ()):
        return False
    if (said.others | said.pronouns) - words:
        return False
    if said.asks_partner and "you" not in words:
        return False
    if "timer" in tokens and not any(
        a in _TIMER_NAMES for a, b in pairwise(tokens) if b == "timer"
    ):
        return False  # "set a timer for twelve minutes" is a kitchen timer
    if said.later:
        return False  # "in half an hour" says when, not how long
    placeholders = {t for t in tokens if t.startswith("#")}
    if placeholders - words - {DURATION, TIME}:
        return False  # a ritual named to an intent that takes none
    if intent not in _LENGTH_INTENTS and DURATION in tokens and intent != "schedule":
        return False  # a length said to an intent that takes none
    if TIME in tokens and intent not in ("schedule", "space"):
        return False

    def known(word: str) -> bool:
        stem = m._stem(word)
        return (
            word in m.FUNCTION_WORDS
            or word.startswith("#")
            or stem in stems
            or stem in vocab
            or (len(word) >= 4 and m._near(word, words))
        )

    # the request goes on to a new object: "pause netflix", "a break from you"
    if not known(tokens[-1]):
        return False
    # Words no template of any intent says are what everyday talk is about ("turn the
    # radio down", "how long is left on the washer"); words only other intents say are
    # how people put a request ("you know", "the thing").
    unknown = foreign = 0
    for word in set(tokens):
        if known(word) or word in harmless:
            continue
        if m._stem(word) in parser._any_vocab or word in parser._sentence_words:
            unknown += 1
        else:
            foreign += 1
    return unknown <= config.max_unknown and foreign <= config.max_foreign


def _slots(parser: IntentParser, intent: str, norm: Normalized) -> dict[str, Any] | None:
    """The intent's slots as far as they can be read exactly; None: do not answer."""
    slots = dict(parser.slot_defaults().get(intent, {}))
    tokens = norm.tokens
    unread = any(_NUMBERISH.match(t) for t in tokens)
    if intent in _LENGTH_INTENTS:
        said = [d for d in norm.durations]
        if len(said) == 1 and said[0] is not None and not unread:
            slots["seconds"] = said[0]
        elif said or unread or (TIME in tokens and intent != "space"):
            slots["seconds"] = None
            slots["unclear"] = True  # a length was said, not readable: ask
        if intent == "space":
            if len(norm.times) == 1 and not unread:
                slots["until"] = norm.times[0]
            elif norm.times:
                slots["until"] = None
                slots["seconds"] = None
                slots["unclear"] = True
    elif intent == "schedule":
        if len(norm.cadences) > 1 or len(norm.times) > 1:
            return None
        slots["time"] = norm.times[0] if norm.times and not unread else None
        if norm.cadences:
            slots["cadence"] = norm.cadences[0]
        elif CADENCE in tokens:
            return None
    elif intent == "ritual":
        named = norm.entities.get("#ritual", [])
        if len(named) != 1:
            return None  # which ritual was not said (or two were): do not guess
        slots["ritual"] = named[0]
    for name in ("text",):
        if name in slots:
            slots[name] = None  # the words are asked for next
    return slots


FALLBACK = FallbackConfig()
"""Hearth's settings, chosen on the tuning sets (docs/nlu.md, "A fallback for unseen
wordings"); `load_parser` adds the data files."""


# -- the shipped model -------------------------------------------------------------

MODEL_FILE = "fallback.npz"
"""The trained fallback, shipped beside the templates (`intents/fallback.npz`): training
takes minutes and the tuning sets' lines exist only in a checkout, so it is built once
(`python -m assistant.nlu.fallback`) and never at start-up."""


def templates_key(templates: Iterable[Path], config: FallbackConfig) -> str:
    """A hash of the template files' content and the config (not its data files): a
    model built from other templates is not used."""
    digest = hashlib.sha256(repr(replace(config, data_files=(), data_root="")).encode())
    for path in sorted(Path(p) for p in templates):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def build_key(templates: Iterable[Path], config: FallbackConfig) -> str:
    """`templates_key` and the training lines and this module's code: what a rebuild
    would change (checked by a test in a checkout)."""
    digest = hashlib.sha256(templates_key(templates, config).encode())
    digest.update(Path(__file__).read_bytes())
    root = Path(config.data_root)
    for pair in config.data_files:
        for name in pair:
            digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def save(fallback: Fallback, path: Path, templates: str, build: str) -> None:
    """Write the model: its arrays, and its features, classes, small-talk words, config
    and keys as JSON."""
    model = fallback.model
    names = sorted(model.features, key=model.features.__getitem__)
    config = replace(fallback.config, data_files=(), data_root="")
    meta = {
        "classes": model.classes,
        "features": names,
        "harmless": sorted(fallback.harmless),
        "config": {k: getattr(config, k) for k in config.__dataclass_fields__},
        "templates_key": templates,
        "build_key": build,
    }
    with open(path, "wb") as out:
        np.savez_compressed(
            out, weights=model.weights, bias=model.bias, meta=np.array(json.dumps(meta))
        )


def _read_shipped(path: Path) -> tuple[dict[str, Any], np.ndarray, np.ndarray] | None:
    """(JSON part, weights, bias) of a shipped model, or None when it is missing or
    damaged."""
    try:
        with np.load(path) as data:
            return json.loads(str(data["meta"])), data["weights"], data["bias"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None


def shipped_meta(path: Path) -> dict[str, Any] | None:
    """The JSON part of a shipped model, or None when there is none readable."""
    shipped = _read_shipped(path)
    return shipped[0] if shipped is not None else None


def load(path: Path, templates: Iterable[Path]) -> Fallback | None:
    """The shipped model, or None when it is missing, unreadable or was built from other
    templates (a user's own): then the matcher answers alone."""
    shipped = _read_shipped(path)
    if shipped is None:
        return None
    meta, weights, bias = shipped
    try:
        fields = meta["config"]
        config = FallbackConfig(**{**fields, "never": tuple(fields["never"])})
    except (KeyError, TypeError):
        return None  # damaged: the matcher answers alone
    if meta["templates_key"] != templates_key(templates, config):
        return None
    features = {name: k for k, name in enumerate(meta["features"])}
    model = _Model(features, list(meta["classes"]), weights, bias)
    return Fallback(config, model, frozenset(meta["harmless"]))
