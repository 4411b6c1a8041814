"""`hearth doctor`: one line per part of the device (configuration, microphone, speaker,
speech engine and model, database, service), saying what is wrong and how to fix it.

Each check returns `Finding`s; `FAIL` findings make the command exit non-zero. A
`note` is worth knowing but needs no fixing (no service installed, say).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from assistant.config import ConfigError, LoadedConfig, Settings, load_config

Status = Literal["ok", "note", "FAIL"]
LISTEN_S = 0.5
FIRST_SOUND_TIMEOUT_S = 5.0
"""PulseAudio may start an input stream 0.4-2 s late: wait this long for the first block."""
SILENT_DBFS = -80.0
"""Below this the input is silence (a muted or unplugged microphone gives zeros; a real
one in a quiet room is around -60 dBFS)."""


@dataclass(frozen=True)
class Finding:
    """One line of the report.

    Attributes:
        status: "ok", "note" or "FAIL".
        topic: what was checked ("microphone", "database", ...).
        text: what was found and, when something is wrong, how to fix it.
    """

    status: Status
    topic: str
    text: str

    def line(self) -> str:
        return f"{self.status:4}  {self.topic}: {self.text}"


def check_config() -> tuple[Settings, list[Finding]]:
    """The effective settings (defaults when the file is broken) and the finding(s)."""
    try:
        loaded: LoadedConfig = load_config()
    except ConfigError as exc:
        fix = "fix the line(s) named, or start again with `hearth config init --force`"
        findings = [Finding("FAIL", "configuration", p) for p in exc.problems]
        findings.append(Finding("note", "configuration", f"{fix}; the checks below use defaults"))
        return Settings(), findings
    if not loaded.exists:
        text = f"{loaded.path} does not exist: defaults apply (hearth config init writes one)"
        return loaded.settings, [Finding("ok", "configuration", text)]
    from_file = sum(s.startswith("file") for s in loaded.sources.values())
    text = f"{loaded.path}: {from_file} setting(s) from the file, all valid"
    return loaded.settings, [Finding("ok", "configuration", text)]


def _dbfs(blocks: list[bytes]) -> float:
    import numpy as np

    samples = np.frombuffer(b"".join(blocks), dtype=np.int16).astype(np.float64)
    if samples.size == 0:
        return -math.inf
    rms = math.sqrt(float(np.mean(samples * samples)))
    return 20 * math.log10(rms / 32768.0) if rms > 0 else -math.inf


def record_level(device: str | int | None, seconds: float = LISTEN_S) -> float | None:
    """dBFS of `seconds` of input after the first block arrives; None if none arrives."""
    import sounddevice as sd

    rate = 16000
    blocks: list[bytes] = []
    first = threading.Event()
    enough = threading.Event()
    wanted = int(seconds * rate) * 2

    def callback(data: Any, frames: int, _t: Any, _status: Any) -> None:
        if not first.is_set():
            first.set()
            return  # the first block may be the stream's start-up silence
        blocks.append(bytes(data))
        if sum(map(len, blocks)) >= wanted:
            enough.set()

    with sd.RawInputStream(
        samplerate=rate, channels=1, dtype="int16", device=device, callback=callback
    ):
        if not first.wait(FIRST_SOUND_TIMEOUT_S):
            return None
        enough.wait(seconds + FIRST_SOUND_TIMEOUT_S)
    return _dbfs(blocks)


def _device_name(value: str | int | None) -> str:
    return "the default device" if value is None else f"device {value!r}"


def check_input(settings: Settings) -> Finding:
    from assistant.errors import AudioDeviceError
    from assistant.speech.devices import check_index, describe, list_devices

    topic = "microphone"
    name = _device_name(settings.input_device)
    try:
        check_index(settings.input_device, "input")
        level = record_level(settings.input_device)
    except AudioDeviceError as exc:
        return Finding("FAIL", topic, f"{exc}")
    except Exception as exc:  # PortAudio errors: no device, busy, unplugged
        from assistant.speech.audio_out import describe_device_error

        try:
            listed = describe(list_devices(), "input")
        except AudioDeviceError:
            listed = "none"
        return Finding(
            "FAIL",
            topic,
            f"cannot record from {name}: {describe_device_error(exc)}; input devices: {listed} "
            "(set input_device in the configuration, or check PulseAudio is running)",
        )
    if level is None:
        return Finding("FAIL", topic, f"{name} opened but sent no sound in 5 s (is it in use?)")
    if level < SILENT_DBFS:
        shown = "digital silence" if level == -math.inf else f"{level:.0f} dBFS"
        return Finding(
            "FAIL",
            topic,
            f"{name} is silent ({shown} over {LISTEN_S} s): unmute it or pick another "
            "(pactl list short sources; input_device in the configuration)",
        )
    return Finding("ok", topic, f"{name} hears sound ({level:.0f} dBFS over {LISTEN_S} s)")


def check_output(settings: Settings) -> Finding:
    from assistant.errors import AudioDeviceError
    from assistant.speech.devices import check_index

    topic = "speaker"
    name = _device_name(settings.output_device)
    try:
        check_index(settings.output_device, "output")
        import numpy as np
        import sounddevice as sd

        with sd.OutputStream(
            samplerate=16000, channels=1, dtype="int16", device=settings.output_device
        ) as stream:
            stream.write(np.zeros(1600, dtype=np.int16))  # 0.1 s of silence
    except AudioDeviceError as exc:
        return Finding("FAIL", topic, str(exc))
    except Exception as exc:
        from assistant.speech.audio_out import describe_device_error

        return Finding(
            "FAIL",
            topic,
            f"cannot play on {name}: {describe_device_error(exc)} "
            "(set output_device in the configuration, or check PulseAudio is running)",
        )
    return Finding("ok", topic, f"{name} plays")


def check_engine(settings: Settings) -> Finding:
    from assistant.errors import HearthError
    from assistant.speech.recognizer import choose_engine

    try:
        choice = choose_engine(settings, settings.engine)
    except HearthError as exc:
        return Finding("FAIL", "speech engine", str(exc))
    if choice.engine == "sphinx":
        try:
            import pocketsphinx

            pocketsphinx.get_model_path()
        except Exception as exc:
            return Finding(
                "FAIL",
                "speech engine",
                f"PocketSphinx is not usable ({exc}); reinstall: pip install pocketsphinx",
            )
    return Finding("ok", "speech engine", choice.message.removeprefix("Speech: "))


def check_database(settings: Settings) -> list[Finding]:
    from assistant.lock import held_by
    from assistant.repair import check_database as health_of

    topic = "database"
    health = health_of(settings.db_path)
    findings: list[Finding] = []
    if not health.exists:
        findings.append(
            Finding("ok", topic, f"{health.path} not created yet (made on the first start)")
        )
    elif not health.ok:
        findings.append(
            Finding(
                "FAIL",
                topic,
                f"{health.path}: {health.problem}; to recover what can be read and start "
                "afresh: hearth doctor --repair",
            )
        )
    else:
        size = f"{health.size / 1e6:.1f} MB" if health.size >= 1e5 else f"{health.size} bytes"
        findings.append(
            Finding("ok", topic, f"{health.path}: {size}, integrity ok, schema {health.schema}")
        )
    holder = held_by(settings.db_path)
    if holder is not None:
        findings.append(Finding("note", "running", f"Hearth is running on it (process {holder})"))
    return findings


def check_service() -> Finding:
    from assistant.service import status

    state = status()
    failed = state.active == "failed" or (state.installed and not state.current)
    fix = " (journalctl --user -u hearth says why)" if state.active == "failed" else ""
    return Finding("FAIL" if failed else ("ok" if state.installed else "note"), "service",
                   state.line() + fix)  # fmt: skip


def run_checks(audio: bool = True, db: Path | None = None) -> list[Finding]:
    """Every check, in the order printed. `audio=False` skips the microphone and speaker;
    `db` is another database than the configured one (`--db`)."""
    settings, findings = check_config()
    if db is not None:
        settings = replace(settings, db_path=db)
    steps: list[Callable[[], Finding | list[Finding]]] = []
    if audio:
        steps += [lambda: check_input(settings), lambda: check_output(settings)]
    steps += [lambda: check_engine(settings), lambda: check_database(settings), check_service]
    for step in steps:
        result = step()
        findings += result if isinstance(result, list) else [result]
    return findings
