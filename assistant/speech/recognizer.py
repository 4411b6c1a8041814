"""Choose and build the speech engine: Vosk when a model is found, else PocketSphinx.

`create_recognizer` is what the listener and `hearth transcribe` call;
`describe_engine` gives the one line Hearth prints at start-up, saying which
engine is active and how to get the better one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assistant.config import Settings
from assistant.errors import HearthError, ModelError
from assistant.speech.grammar import CommandGrammar, grammar_from_parser
from assistant.speech.models import FoundModel, find_model, unusable_models
from assistant.speech.types import Mode, Recognizer

EngineName = Literal["auto", "vosk", "sphinx"]
RECOMMENDED_MODEL = "vosk-model-small-en-us-0.15"

_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


@dataclass(frozen=True)
class EngineChoice:
    """Which engine `create_recognizer` will use.

    Attributes:
        engine: "vosk" or "sphinx".
        model: the Vosk model (None for sphinx).
        message: one line for the user: the active engine and how to do better.
    """

    engine: str
    model: FoundModel | None
    message: str


def choose_engine(
    settings: Settings, engine: EngineName = "auto", model: str | Path | None = None
) -> EngineChoice:
    """Apply the rule: Vosk if asked for or a model is found, else PocketSphinx."""
    if engine not in ("auto", "vosk", "sphinx"):
        raise HearthError(f"unknown speech engine {engine!r} (use auto, vosk or sphinx)")
    if engine == "sphinx":
        found = None
    else:
        found = find_model(settings, model)
        if found is None and engine == "vosk":
            raise ModelError(
                f"no English Vosk model found{_not_english(settings)}; install one with "
                f"`hearth models install {RECOMMENDED_MODEL}` or pass --model PATH"
            )
    if found is not None:
        message = f"Speech: Vosk with the model {found.path.name} ({found.path})."
        return EngineChoice("vosk", found, message)
    message = "Speech: built-in PocketSphinx (US English, commands only)."
    message += _adaptation_note(settings)
    skipped = _not_english(settings) if engine == "auto" else ""
    if skipped:
        message += f" Not used{skipped}."
    if engine == "auto":
        message += (
            " For better recognition install a Vosk model: "
            f"hearth models install {RECOMMENDED_MODEL}"
        )
    return EngineChoice("sphinx", None, message)


def _adaptation_note(settings: Settings) -> str:
    """' Adapted to ...' when `hearth enroll` made a transform the recognizer will load."""
    from assistant.speech.adaptation import adaptation_for

    household = adaptation_for(settings)
    if household.usable_transform() is not None:
        return " Adapted to your voices (hearth enroll)."
    if household.transform.exists():
        return (
            f" The voice adaptation {household.transform} is unreadable and not used: "
            "run `hearth enroll --forget`, then `hearth enroll`."
        )
    return ""


def _not_english(settings: Settings) -> str:
    """' (NAME does not know English command words)' for installed models never picked."""
    names = [f.path.name for f in unusable_models(settings)]
    if not names:
        return ""
    return f" ({', '.join(names)}: {'does' if len(names) == 1 else 'do'} not know English commands)"


def describe_engine(
    settings: Settings, engine: EngineName = "auto", model: str | Path | None = None
) -> str:
    """The one-line message saying which engine is active and how to get the better one."""
    return choose_engine(settings, engine, model).message


def load_vosk_model(path: Path) -> Any:
    """Load a Vosk model once per process (about 1.5 s and hundreds of MB each)."""
    from assistant.speech.vosk_engine import load_model

    key = path.resolve()
    with _models_lock:
        if key not in _models:
            _models[key] = load_model(key)
        return _models[key]


def create_recognizer(
    settings: Settings,
    engine: EngineName = "auto",
    parser: object | None = None,
    model: str | Path | None = None,
    mode: Mode = "command",
    grammar: CommandGrammar | None = None,
) -> Recognizer:
    """Build the recognizer the settings call for.

    Args:
        settings: wake phrase and model lookup (`model_path`, `models_dir`).
        engine: "auto" (Vosk when a model is found, else PocketSphinx),
            "vosk" (an error when no model is found) or "sphinx".
        parser: the NLU `IntentParser` whose templates make the command
            grammar (default: `assistant.nlu.load_parser()`).
        model: an explicit Vosk model folder (overrides the lookup).
        mode: the initial mode.
        grammar: a ready command grammar (overrides `parser`).
    """
    choice = choose_engine(settings, engine, model)
    if grammar is None and parser is None:
        grammar = default_grammar(settings.wake_phrase)
    elif grammar is None:
        grammar = grammar_from_parser(parser, settings.wake_phrase)
    if choice.engine == "vosk":
        from assistant.speech.vosk_engine import VoskRecognizer

        assert choice.model is not None
        return VoskRecognizer(load_vosk_model(choice.model.path), grammar, mode=mode)
    from assistant.speech.adaptation import adaptation_for
    from assistant.speech.sphinx_engine import SphinxRecognizer

    adapted = adaptation_for(settings).usable_transform()
    return SphinxRecognizer(grammar, mode=mode, adaptation=adapted)


def default_grammar(wake_phrase: str) -> CommandGrammar:
    """The command grammar of Hearth's own templates, from the disk cache when it is
    there (see `assistant.cache`): building it takes about two seconds."""
    from assistant.cache import cached, code_files, content_key
    from assistant.nlu.loader import template_files
    from assistant.resources import intents_dir

    files = [*template_files(intents_dir()), *code_files("nlu"), *code_files("speech")]
    key = content_key(files, wake_phrase)
    return cached("grammar", key, lambda: grammar_from_parser(None, wake_phrase))
