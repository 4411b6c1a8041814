"""Settings: defaults, then one TOML file, then the environment, then flags.

The file is `--config PATH` (the `hearth` group's option), else `$HEARTH_CONFIG`, else
`<user config dir>/hearth/config.toml`. A file named by `--config` or `$HEARTH_CONFIG` must
exist; the default one may be absent (then the defaults hold). Every field of `Settings`
can appear at the file's top level (`ritual_minutes` is a table)::

    wake_phrase = "hey hearth"
    rate = 150
    [ritual_minutes]
    walk = 20

Every value, from the file, `HEARTH_<NAME>` environment variables or flags, is checked
against the field's type and range by msgspec (chosen over pydantic for its import cost:
see benchmarks/config_import.py). A problem is reported as `file:line: what is wrong
(what would be right)`, every problem at once, and nothing starts on a half-read file.
msgspec is imported only when there is something to check.
"""

from __future__ import annotations

import os
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from assistant.errors import HearthError

if TYPE_CHECKING:
    from msgspec import Meta

APP_NAME = "hearth"
CONFIG_ENV = "HEARTH_CONFIG"
_HHMM = r"([01]\d|2[0-3]):[0-5]\d"
_DEVICE = 'a device name in quotes or an index, e.g. "pulse" or 2 (see `hearth doctor`)'
RITUALS = ("walk", "coffee", "breakfast", "mindfulness", "call")
"""Ritual names whose duration the file may set (the `ritual` slot values)."""


def user_data_dir() -> Path:
    """Per-user data folder (the log database, downloaded models)."""
    import platformdirs  # here, not at import: `hearth parse` reads no settings

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def _hint(text: str, env: str | None = None, example: str = "") -> dict[str, str]:
    """Field metadata: what a right value looks like, the environment variable's name,
    and an example for `hearth config init` when the default is "not set"."""
    return {"hint": text, "env": env or "", "example": example}


@dataclass(frozen=True)
class Settings:
    """Everything a user may configure.

    Attributes:
        db_path: the SQLite log (`--db`, `HEARTH_DB`, else the user data dir).
        model_path: an explicit Vosk model folder (`--model`, `HEARTH_MODEL`).
        models_dir: where `hearth models install` puts models.
        engine: speech engine: auto (Vosk when a model is found), vosk or sphinx.
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
        checkin_time: the default evening check-in ("HH:MM"; None: none until
            asked by voice). A schedule set by voice wins over it.
        checkin_cadence: "daily" or "every_other_day", with `checkin_time`.
        quiet_hours: "HH:MM-HH:MM" (may wrap midnight): no scheduled speech then.
            The scheduled check-in is skipped (logged) and a ritual's guided
            cues are not spoken; anything asked for by voice still works.
        ritual_minutes: ritual name -> minutes, overriding intents/rituals.yaml.
        front_end: how the microphone's audio is cleaned before recognition:
            "webrtc" (WebRTC noise suppression and automatic gain), "deepfilter"
            (DeepFilterNet's neural noise suppression, then WebRTC's automatic gain;
            `pip install 'hearth[denoise]'`) or "none".
        noise_suppression: the webrtc front end's noise suppression, 0 (off) to 4;
            it works only while the room is noisy (`front_end.QUIET_ROOM_DBFS`).
        auto_gain_dbfs: the webrtc front end's automatic gain target in dB below full
            scale, 1 to 31; 0 turns the gain off.
        max_boost_db: how far the webrtc front end may lift quiet speech (someone
            across the room) on top of that gain, 0 (off) to 30 dB.
        log_level: debug, info, warning or error (`-v` on `hearth run` is info).
        crisis_line: who to call in a crisis, as spoken in the safety line
            (numbers differ by country, e.g. "the police on 911 or the 988
            crisis line").
    """

    db_path: Path = field(
        default_factory=lambda: user_data_dir() / "hearth.db",
        metadata=_hint('a file path, e.g. "~/hearth.db"', "HEARTH_DB"),
    )
    model_path: Path | None = field(
        default=None,
        metadata=_hint("a Vosk model folder", "HEARTH_MODEL", '"~/vosk-model-small-en-us-0.15"'),
    )
    models_dir: Path = field(
        default_factory=lambda: user_data_dir() / "models",
        metadata=_hint("a folder path", "HEARTH_MODELS_DIR"),
    )
    engine: Literal["auto", "vosk", "sphinx"] = field(
        default="auto", metadata=_hint('"auto", "vosk" or "sphinx"')
    )
    wake_phrase: Annotated[str, Meta(min_length=2, max_length=60)] = field(
        default="hey hearth", metadata=_hint('a short phrase in quotes, e.g. "hey hearth"')
    )
    voice: str = field(default="", metadata=_hint('a voice name in quotes, e.g. "en-us+f2"'))
    rate: Annotated[int, Meta(ge=40, le=500)] = field(
        default=160, metadata=_hint("a whole number of words per minute, 40 to 500, e.g. 160")
    )
    volume: Annotated[float, Meta(ge=0.0, le=1.0)] = field(
        default=1.0, metadata=_hint("a number from 0.0 to 1.0")
    )
    input_device: str | Annotated[int, Meta(ge=0)] | None = field(
        default=None, metadata=_hint(_DEVICE, example='"pulse"')
    )
    output_device: str | Annotated[int, Meta(ge=0)] | None = field(
        default=None, metadata=_hint(_DEVICE, example='"pulse"')
    )
    answer_window_s: Annotated[float, Meta(gt=0.0, le=300.0)] = field(
        default=8.0, metadata=_hint("seconds, a number above 0 up to 300, e.g. 8")
    )
    checkin_grace_s: Annotated[float, Meta(ge=0.0, le=86400.0)] = field(
        default=30 * 60, metadata=_hint("seconds, 0 to 86400, e.g. 1800")
    )
    checkin_time: Annotated[str, Meta(pattern=f"^{_HHMM}$")] | None = field(
        default=None, metadata=_hint('a 24-hour time in quotes, e.g. "21:30"', example='"21:30"')
    )
    checkin_cadence: Literal["daily", "every_other_day"] = field(
        default="daily", metadata=_hint('"daily" or "every_other_day"')
    )
    quiet_hours: Annotated[str, Meta(pattern=f"^{_HHMM}-{_HHMM}$")] | None = field(
        default=None,
        metadata=_hint('"HH:MM-HH:MM" in quotes, e.g. "22:30-07:00"', example='"22:30-07:00"'),
    )
    ritual_minutes: Mapping[str, float] = field(
        default_factory=dict,
        metadata=_hint(f"a table of minutes, 1 to 240, for {', '.join(RITUALS)}"),
    )
    front_end: Literal["webrtc", "deepfilter", "none"] = field(
        default="webrtc", metadata=_hint('"webrtc", "deepfilter" or "none"')
    )
    noise_suppression: Annotated[int, Meta(ge=0, le=4)] = field(
        default=2, metadata=_hint("a whole number from 0 (off) to 4 (strongest), e.g. 2")
    )
    auto_gain_dbfs: Annotated[int, Meta(ge=0, le=31)] = field(
        default=3, metadata=_hint("a whole number of dB below full scale, 0 (off) to 31, e.g. 3")
    )
    max_boost_db: Annotated[int, Meta(ge=0, le=30)] = field(
        default=24, metadata=_hint("a whole number of dB, 0 (off) to 30, e.g. 24")
    )
    log_level: Literal["debug", "info", "warning", "error"] = field(
        default="warning", metadata=_hint('"debug", "info", "warning" or "error"')
    )
    crisis_line: str = field(
        default="your local emergency number or a crisis line",
        metadata=_hint('a phone number or service name in quotes, e.g. "988"'),
    )

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with every non-None override applied (CLI flags), each checked."""
        given = {k: v for k, v in overrides.items() if v is not None}
        problems: list[str] = []
        checked = {}
        for name, value in given.items():
            try:
                checked[name] = check_value(name, value)
            except ValueError as exc:
                flag = _FLAGS.get(name, name.replace("_", "-"))
                problems.append(f"--{flag}: {exc}")
        if problems:
            raise ConfigError(problems)
        return replace(self, **checked)

    def is_quiet(self, wall: datetime) -> bool:
        """True inside `quiet_hours` (a span may wrap past midnight)."""
        if not self.quiet_hours:
            return False
        start, end = (clock_time.fromisoformat(part) for part in self.quiet_hours.split("-"))
        now = wall.time()
        if start <= end:
            return start <= now < end
        return now >= start or now < end


class ConfigError(HearthError):
    """One or more bad settings; the message has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


_FLAGS = {"db_path": "db", "model_path": "model"}
"""Fields whose command-line flag has another name (for error messages)."""
_PATH_FIELDS = {"db_path", "model_path", "models_dir"}
_types: dict[str, Any] = {}


def _field_types() -> dict[str, Any]:
    """Each field's resolved type, with its msgspec constraints (imports msgspec)."""
    if not _types:
        import msgspec

        names = {"Meta": msgspec.Meta, "Path": Path, "Mapping": Mapping}
        hints = typing.get_type_hints(Settings, localns=names, include_extras=True)
        minutes = Annotated[float, msgspec.Meta(ge=1.0, le=240.0)]
        hints["ritual_minutes"] = dict[Literal[RITUALS], minutes]  # type: ignore[valid-type]
        _types.update(hints)
    return _types


def _path_hook(kind: type, value: Any) -> Any:
    if kind is Path and isinstance(value, str | Path) and str(value):
        return Path(value).expanduser()
    raise TypeError(f"Expected a path in quotes, got `{type(value).__name__}`")


def check_value(name: str, value: Any, *, from_text: bool = False, label: str = "") -> Any:
    """The value converted to the field's type; ValueError saying what is wrong and why
    (`label` names the value in that message, default the field's name).

    `from_text` (environment variables) lets "160" stand for 160; a file or a flag
    must give the right type itself.
    """
    import msgspec

    if name not in _field_names():
        raise ValueError(f"unknown setting {name!r}")
    if from_text and name in ("input_device", "output_device") and value.strip().isdigit():
        value = int(value)
    try:
        return msgspec.convert(
            value, _field_types()[name], strict=not from_text, dec_hook=_path_hook
        )
    except msgspec.ValidationError as exc:
        meta = {f.name: f.metadata for f in fields(Settings)}[name]
        wrong = re.sub(r"\s*- at `.*`$", "", str(exc))
        wrong = re.sub(r"matching regex .*", "in the right form", wrong)
        wrong = re.sub(
            r"Invalid enum value (.*)", r"unknown ritual \1" if label else "not a choice", wrong
        )
        shown = f"{label or name} = {_shown(value[label] if label else value)}"
        raise ValueError(f"{shown}: {wrong} ({meta['hint']})") from None


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def _field_names() -> set[str]:
    return {f.name for f in fields(Settings)}


@dataclass(frozen=True)
class LoadedConfig:
    """The effective settings and where each came from.

    Attributes:
        settings: the checked settings.
        path: the configuration file in use (it may not exist).
        exists: whether that file exists (and was read).
        chosen_by: how the file was chosen: "--config", "$HEARTH_CONFIG" or "default".
        sources: field name -> "default", "file PATH:LINE", "environment NAME" or "flag".
    """

    settings: Settings
    path: Path
    exists: bool
    chosen_by: str
    sources: dict[str, str]

    def with_flags(self, **flags: Any) -> LoadedConfig:
        """Apply non-None CLI flags (checked) and record them as the source."""
        settings = self.settings.with_overrides(**flags)
        sources = dict(self.sources)
        sources.update({k: "flag" for k, v in flags.items() if v is not None})
        return replace(self, settings=settings, sources=sources)


_cli_config: Path | None = None


def use_config_file(path: Path | None) -> None:
    """Called by the CLI for `hearth --config PATH`: later loads read that file."""
    global _cli_config
    _cli_config = path


def config_path(environ: Mapping[str, str] | None = None) -> tuple[Path, str]:
    """The file in use and how it was chosen ("--config", "$HEARTH_CONFIG" or "default")."""
    env = os.environ if environ is None else environ
    if _cli_config is not None:
        return _cli_config.expanduser(), "--config"
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser(), f"${CONFIG_ENV}"
    return user_config_dir() / "config.toml", "default"


def _key_line(text: str, key: str, table: str | None = None) -> int:
    """1-based line where `key` is set (inside `[table]` if given); 0 when not found."""
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1).strip("\"'")
            if table is None and current == key:
                return number
            continue
        if current == table and pattern.match(line):
            return number
    return 0


def read_file(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Check a config file: (values, sources); ConfigError listing every problem."""
    import difflib
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        raise ConfigError([f"{path}: is a folder (a TOML file would be right)"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{path}: not UTF-8 text (a TOML file would be right)"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror}"]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        where = f"{path}:{found.group(1)}" if found else str(path)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(
            [f"{where}: not valid TOML: {reason} (see `hearth config init`)"]
        ) from None
    known = sorted(_field_names())
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems: list[str] = []
    for key, value in raw.items():
        line = _key_line(text, key)
        where = f"{path}:{line}" if line else str(path)
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            right = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
            problems.append(f"{where}: unknown setting {key!r} ({right})")
            continue
        if key == "ritual_minutes" and isinstance(value, dict):
            for name, minutes in value.items():  # one line per ritual, at its own line
                sub = _key_line(text, name, "ritual_minutes") or line
                try:
                    check_value(key, {name: minutes}, label=name)
                except ValueError as exc:
                    problems.append(f"{path}:{sub}: {exc}")
        try:
            checked = check_value(key, value)
        except ValueError as exc:
            if key != "ritual_minutes" or not isinstance(value, dict):
                problems.append(f"{where}: {exc}")
            continue
        if key in _PATH_FIELDS and not checked.is_absolute():
            checked = (path.parent / checked).resolve()  # relative to the file, not the cwd
        values[key] = checked
        sources[key] = f"file {where}"
    if problems:
        raise ConfigError(problems)
    return values, sources


def read_environment(env: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """`HEARTH_<NAME>` variables (and HEARTH_DB, HEARTH_MODEL, ...), each checked."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems: list[str] = []
    for item in fields(Settings):
        if item.name == "ritual_minutes":
            continue
        for var in dict.fromkeys([item.metadata["env"], f"HEARTH_{item.name.upper()}"]):
            if var and env.get(var):
                try:
                    values[item.name] = check_value(item.name, env[var], from_text=True)
                    sources[item.name] = f"environment {var}"
                except ValueError as exc:
                    problems.append(f"environment {var}: {exc}")
                break
    if problems:
        raise ConfigError(problems)
    return values, sources


def load_config(
    config_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> LoadedConfig:
    """Defaults, overlaid by the config file, overlaid by the environment; all checked."""
    env = os.environ if environ is None else environ
    if config_file is not None:
        path, chosen_by = config_file, "argument"
    else:
        path, chosen_by = config_path(env)
    exists = path.exists()
    if not exists and chosen_by != "default":
        raise ConfigError(
            [
                f"{path}: no such configuration file (named by {chosen_by}; "
                "create it with `hearth config init`, or name an existing file)"
            ]
        )
    values, sources = read_file(path) if exists else ({}, {})
    env_values, env_sources = read_environment(env)
    values.update(env_values)
    sources.update(env_sources)
    for name in _field_names():
        sources.setdefault(name, "default")
    return LoadedConfig(Settings(**values), path, exists, chosen_by, sources)


def load_settings(
    config_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """The effective settings (see `load_config`)."""
    return load_config(config_file, environ).settings


def starter_file() -> str:
    """A commented configuration file: every setting, commented out at its default."""
    lines = [
        "# Hearth configuration (TOML). Uncomment a line to change it.",
        "# Check it with `hearth config show`; `hearth doctor` checks everything.",
        "",
    ]
    defaults = Settings()
    for item in fields(Settings):
        if item.name == "ritual_minutes":
            continue
        lines.append(f"# {item.name}: {item.metadata['hint']}")
        value = getattr(defaults, item.name)
        if isinstance(value, Path) and value.is_relative_to(Path.home()):
            value = f"~/{value.relative_to(Path.home())}"  # the same file for every user
        shown = item.metadata["example"] if value is None else toml_value(value)
        lines.append(f"# {item.name} = {shown}")
        lines.append("")
    lines += [
        "# Ritual durations in minutes (default: intents/rituals.yaml).",
        "# [ritual_minutes]",
    ]
    lines += [f"# {name} = 15" for name in RITUALS[:2]]
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """A value written as TOML (for `config show` and `config init`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
