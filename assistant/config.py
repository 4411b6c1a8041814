"""Settings and paths: defaults, then a TOML file, then environment, then flags.

The config file is `$HEARTH_CONFIG` or `<user config dir>/hearth/config.toml`.
Every field below can appear in that file's top level, e.g.::

    wake_phrase = "hey hearth"
    voice = "en-us+f2"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from assistant.errors import HearthError

APP_NAME = "hearth"


def user_data_dir() -> Path:
    """Per-user data folder (the log database, downloaded models)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything a user may configure.

    Attributes:
        db_path: the SQLite log (`--db`, `HEARTH_DB`, else the user data dir).
        model_path: an explicit Vosk model folder (`--model`, `HEARTH_MODEL`).
        models_dir: where `hearth models install` puts models.
        wake_phrase: said before a command; stripped before matching.
        voice: pyttsx3/espeak voice id or name (empty: the engine default).
        rate: speaking rate in words per minute.
        volume: 0.0 to 1.0.
        input_device: sounddevice input device name or index (None: default).
        output_device: sounddevice output device name or index (None: default).
        answer_window_s: after Hearth asks a question, the answer needs no wake
            phrase for this many seconds.
        checkin_grace_s: a scheduled check-in, or a space return prompt, missed
            while the device was off still happens on start if it is at most
            this late; later ones are logged as missed and skipped.
        crisis_line: who to call in a crisis, as spoken in the safety line
            (numbers differ by country, e.g. "the police on 911 or the 988
            crisis line").
    """

    db_path: Path = field(default_factory=lambda: user_data_dir() / "hearth.db")
    model_path: Path | None = None
    models_dir: Path = field(default_factory=lambda: user_data_dir() / "models")
    wake_phrase: str = "hey hearth"
    voice: str = ""
    rate: int = 160
    volume: float = 1.0
    input_device: str | int | None = None
    output_device: str | int | None = None
    answer_window_s: float = 8.0
    checkin_grace_s: float = 30 * 60
    crisis_line: str = "your local emergency number or a crisis line"

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with every non-None override applied (CLI flags)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_PATH_FIELDS = {"db_path", "model_path", "models_dir"}


def _coerce(name: str, value: Any) -> Any:
    return Path(value).expanduser() if name in _PATH_FIELDS and value is not None else value


def load_settings(
    config_file: Path | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Defaults, overlaid by the config file, overlaid by the environment."""
    env = os.environ if environ is None else environ
    path = config_file or Path(env.get("HEARTH_CONFIG") or user_config_dir() / "config.toml")
    values: dict[str, Any] = {}
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise HearthError(f"{path}: not valid TOML: {exc}") from None
        known = {f.name for f in fields(Settings)}
        for key, value in raw.items():
            if key not in known:
                raise HearthError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, value)
    if env.get("HEARTH_DB"):
        values["db_path"] = Path(env["HEARTH_DB"]).expanduser()
    if env.get("HEARTH_MODEL"):
        values["model_path"] = Path(env["HEARTH_MODEL"]).expanduser()
    if env.get("HEARTH_MODELS_DIR"):
        values["models_dir"] = Path(env["HEARTH_MODELS_DIR"]).expanduser()
    return Settings(**values)
