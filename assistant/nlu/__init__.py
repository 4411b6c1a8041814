"""Text-level understanding: utterance -> Intent(name, slots, confidence).

Public API:
    load_parser(intents_dir=None) -> IntentParser   (cached per folder)
    speech_parser() -> IntentParser                  (the same without the fallback)
    IntentParser.parse(text) -> Intent
    IntentParser.vocabulary() / command_sentences()   (for speech grammars)
    strip_wake_phrase(text) -> str
Slot parsers live in assistant.nlu.numbers (parse_duration, parse_clock_time).
"""

from __future__ import annotations

import gc
from functools import lru_cache
from pathlib import Path

from assistant.nlu.fallback import MODEL_FILE, Fallback
from assistant.nlu.fallback import load as load_fallback
from assistant.nlu.intent import NONE, Intent
from assistant.nlu.matcher import IntentParser
from assistant.nlu.normalize import strip_wake_phrase

__all__ = ["NONE", "Intent", "IntentParser", "load_parser", "speech_parser", "strip_wake_phrase"]


def load_parser(intents_dir: Path | str | None = None, fallback: bool = True) -> IntentParser:
    """The parser for the templates under `intents_dir` (default: Hearth's own).

    Built once per folder and cached: expansion costs a little at start-up,
    after which every parse is a lookup. Raises IntentFileError (file:line)
    when a template file is broken. `fallback`: with Hearth's own templates, a
    classifier gives a second opinion on what the matcher leaves unanswered
    (`assistant.nlu.fallback`); other folders never have one.
    """
    from assistant.resources import intents_dir as default_dir

    if intents_dir is None:
        intents_dir = default_dir()
    path = str(Path(intents_dir).resolve())
    return _load(path, fallback and path == str(default_dir().resolve()))


def speech_parser() -> IntentParser:
    """Hearth's parser for what the recognizer heard: the matcher alone, without the
    fallback classifier. A misheard reading is a near-command sentence with odd words,
    just what the fallback is made to accept: in the live tests it turned "hey hearth,
    let's do our check in" and a command with a dropout into "support". Typed text
    (`hearth parse`, `hearth chat`) keeps the fallback."""
    return load_parser(fallback=False)


@lru_cache(maxsize=8)
def _load(path: str, fallback: bool = False) -> IntentParser:
    parser = _compiled(path)
    if fallback:
        parser.fallback = _shipped_fallback(path)
    # The parser's many small objects live as long as the process: keep the
    # garbage collector from re-scanning them (steadier per-utterance latency).
    gc.collect()
    gc.freeze()
    return parser


def _compiled(path: str) -> IntentParser:
    """The parser from the disk cache (see `assistant.cache`), compiled on a miss:
    compiling the templates takes seconds, loading them a fraction of that."""
    from assistant.cache import cached, code_files, content_key
    from assistant.nlu.loader import template_files

    files = template_files(path)  # a missing folder is a clear IntentFileError here
    key = content_key([*files, *code_files("nlu")])
    name = f"intents-{content_key([], path)[:8]}"  # one entry per template folder
    return cached(name, key, lambda: IntentParser.from_path(path), family="intents")


def _shipped_fallback(path: str) -> Fallback | None:
    """The fallback classifier shipped beside Hearth's templates (built in a checkout
    with `python -m assistant.nlu.train_fallback`), or None when it is missing or was built
    from other templates: it is never trained at start-up (that takes minutes)."""
    from assistant.nlu.loader import template_files

    return load_fallback(Path(path) / MODEL_FILE, template_files(path))
