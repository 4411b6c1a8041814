"""Talking over Hearth: commands said while Hearth is reading a long line.

For real, end to end: a private PulseAudio null sink `loop` (tests/live/loopback.py),
a real `hearth run -v` (temporary database and config) listening on `loop.monitor`
and playing into `loop`, so it hears itself exactly like a speaker next to a
microphone. Each trial starts a fresh `hearth run`, asks for a check-in (espeak-ng
`en-us+f2`, the live tests' voice: Hearth then reads an intro, a question and an
invitation, about 12 s of speech), and at a random point of that speech says a
command into the sink, synthesized by espeak-ng or Flite, at the loudness of
Hearth's own voice (0 dB) or 6 dB below it.

Counted per trial, from Hearth's stderr (`[command] {'intent': ...}` events):
- heard: the command's intent was acted on after the command began;
- wrong: another intent was acted on after it began (none should be);
- for "stop" (and "hey hearth, stop"): the time from the end of the user's "stop"
  (its last voiced 20 ms block) to the last voiced sample of Hearth's voice in the
  sink, from a `parec` recording of `loop.monitor`, with the command's own clip
  subtracted at the position where it was played (found by cross-correlation).

Arms, same run, trials interleaved (same clips, same random points, and the same lines
and check-in question from Hearth: `same_lines/` seeds its choice per trial): this tree
("now") and the code at `--baseline-rev` (checked out with baseline_tree.py).

Voices: tune = espeak-ng en-us+f2, Flite kal16; rest = Flite slt, Flite rms; neural =
Piper en_US-joe-medium, trained on a real speaker (`pip install -e '.[voices]'`).
Usage: python benchmarks/talk_over.py [--split tune|rest|neural|all] [--reps 1]
                                      [--baseline-rev 0e99c8b] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import neural_voice
import numpy as np
from baseline_tree import checkout, env_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "live"))

from loopback import start_pulse, stop_pulse, wait_for  # noqa: E402

RATE = 16000
BLOCK = RATE // 50  # 20 ms
VOICED = 300.0  # RMS of a 20 ms block of voice (Hearth's voice is about 3000)

COMMANDS = [
    ("hey hearth, we need a minute", "pause"),
    ("stop", "stop"),
    ("hey hearth, stop", "stop"),
    ("hey hearth, how long is left", "time_left"),
    ("hey hearth, say that again", "repeat"),
]
VOICES = {
    "tune": [("espeak-ng", "en-us+f2"), ("flite", "kal16")],
    "rest": [("flite", "slt"), ("flite", "rms")],
    # Trained on recordings of a real speaker (see neural_voice.py); only when asked for.
    "neural": [("piper", neural_voice.JOE)],
}
LEVELS_DB = (0.0, -6.0)
TRIGGER = "hey hearth, let's do our check in"
SAME_LINES = Path(__file__).resolve().parent / "same_lines"


# -- speech --------------------------------------------------------------------------


def synthesize(text: str, engine: str, voice: str, folder: Path) -> np.ndarray:
    """Speech at 16 kHz, trimmed to its voiced part (so its end is known exactly)."""
    from assistant.speech.wav import load_pcm16

    path = folder / "say.wav"
    if engine == "piper":
        neural_voice.render(text, voice, path)
    else:
        if engine == "espeak-ng":
            cmd = ["espeak-ng", "-v", voice, "-s", "140", "-w", str(path), text]
        else:
            cmd = ["flite", "-voice", voice, "-t", text, "-o", str(path)]
        subprocess.run(cmd, check=True, capture_output=True)
    x = np.frombuffer(load_pcm16(path, RATE), dtype="<i2")
    rms = block_rms(x)
    voiced = np.nonzero(rms > VOICED / 3)[0]
    return x[voiced[0] * BLOCK : (voiced[-1] + 1) * BLOCK]


def block_rms(x: np.ndarray) -> np.ndarray:
    n = len(x) // BLOCK
    frames = x[: n * BLOCK].astype(np.float64).reshape(n, BLOCK)
    return np.sqrt((frames**2).mean(axis=1))


def voiced_level(x: np.ndarray) -> float:
    """RMS over the voiced blocks: loudness of speech, not of its pauses."""
    rms = block_rms(x)
    return float(np.sqrt(np.mean(rms[rms > VOICED] ** 2)))


def hearth_voice_level() -> float:
    """Hearth's own voice (the project's synthesizer, default settings) as it is played."""
    from assistant.config import Settings
    from assistant.speech.tts import Synthesizer

    tts = Synthesizer.from_settings(Settings())
    try:
        speech = tts.render("Let's take a few minutes for our check-in. Here's a question.")
    finally:
        tts.close()
    return voiced_level(np.asarray(speech.samples))  # a level: the rate does not matter


def write_wav(path: Path, pcm: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.astype("<i2").tobytes())
    return path


# -- the running pieces -----------------------------------------------------------------


class Recorder:
    """`parec` of loop.monitor, kept in memory as it comes (the sink's true content)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            ["parec", "--device=loop.monitor", f"--rate={RATE}", "--channels=1",
             "--format=s16le", "--latency-msec=20"],
            env=env, stdout=subprocess.PIPE,
        )  # fmt: skip
        self.data = bytearray()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := self.proc.stdout.read1(4096):
            self.data += chunk

    @property
    def samples(self) -> int:
        return len(self.data) // 2

    def pcm(self) -> np.ndarray:
        return np.frombuffer(bytes(self.data[: self.samples * 2]), dtype="<i2")

    def voiced_since(self, start: int) -> int | None:
        """Sample index of the first voiced block at or after `start` (None: none yet)."""
        x = self.pcm()[start:]
        rms = block_rms(x)
        hits = np.nonzero(rms > VOICED)[0]
        return start + int(hits[0]) * BLOCK if len(hits) else None

    def quiet_for(self, seconds: float) -> bool:
        x = self.pcm()[-int(seconds * RATE) :]
        return len(x) >= int(seconds * RATE) and bool((block_rms(x) < VOICED).all())

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self._thread.join(timeout=5)


class Hearth:
    """A `hearth run -v` process; its stdout and stderr lines with arrival times."""

    def __init__(self, env: dict[str, str], folder: Path, settings: str = "") -> None:
        config = folder / "config.toml"
        config.write_text(settings)  # the defaults (or these), not the user's own file
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "--config", str(config), "run", "-v",
             "--db", str(folder / "hearth.db")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: list[tuple[float, str, str]] = []
        for stream, tag in ((self.proc.stdout, "out"), (self.proc.stderr, "err")):
            threading.Thread(target=self._read, args=(stream, tag), daemon=True).start()

    def _read(self, stream, tag: str) -> None:
        for line in stream:
            self.lines.append((time.monotonic(), tag, line.rstrip()))

    def has(self, text: str, since: float = 0.0) -> bool:
        return any(text in line and at >= since for at, _, line in list(self.lines))

    def intents(self, since: float) -> list[str]:
        out = []
        for at, tag, line in list(self.lines):
            if tag == "err" and at >= since and line.startswith("[command] "):
                out.append(line.split("'intent': '")[1].split("'")[0])
        return out

    def asked(self, since: float) -> bool:
        """Hearth named a request back and waited for a yes (a `check.*` line)."""
        return any(
            tag == "err" and at >= since and line.startswith("[spoken] {'key': 'check.")
            for at, tag, line in list(self.lines)
        )

    def said_since(self, since: float) -> list[str]:
        return [line[8:] for at, tag, line in list(self.lines) if at >= since and tag == "out"]

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def same_lines(pythonpath: str) -> str:
    """`pythonpath` with the folder whose sitecustomize fixes Hearth's choice of lines
    (by HEARTH_LINES_SEED) after it: the code on it stays the code that runs."""
    return os.pathsep.join([pythonpath, str(SAME_LINES)])


def play(env: dict[str, str], path: Path) -> None:
    subprocess.run(["paplay", "--device=loop", str(path)], env=env, check=True)


# -- one trial ------------------------------------------------------------------------------


@dataclass
class Trial:
    arm: str
    command: str
    intent: str
    voice: str
    level_db: float
    heard: bool = False
    asked: bool = False  # not acted on: Hearth asked about it first (counts as missed)
    wrong: list[str] = field(default_factory=list)
    self_heard: list[str] = field(default_factory=list)
    stop_ms: float | None = None
    failed: str = ""


def speech_seconds(lines: list[str]) -> float:
    """About how long Hearth takes to say `lines` (default rate 160 wpm, sentence pauses)."""
    words = sum(len(line.split()) for line in lines)
    return words * 60.0 / 160.0 + 0.4 * len(lines)


def run_trial(
    trial: Trial,
    env: dict[str, str],
    clip: Path,
    trigger: Path,
    frac: float,
    folder: Path,
    settings: str = "",
) -> None:
    rec = Recorder(env)
    hearth = Hearth(env, folder, settings)
    try:
        if not wait_for(lambda: hearth.has("Listening."), 90):
            trial.failed = "no start"
            return
        # A fresh stream may stall for a moment: wait until a second of audio came through.
        base = rec.samples
        wait_for(lambda: rec.samples > base + RATE, 30)
        asked = time.monotonic()
        play(env, trigger)
        after = rec.samples
        if not wait_for(lambda: rec.voiced_since(after) is not None, 30):
            trial.failed = "no check-in"
            return
        start = rec.voiced_since(after)
        assert start is not None
        trial.self_heard = [i for i in hearth.intents(asked) if i != "checkin"]
        length = speech_seconds(hearth.said_since(asked))
        with wave.open(str(clip)) as w:
            clip_s = w.getnframes() / RATE
        room = max(0.0, min(length - clip_s - 2.0, 7.0) - 0.3)
        at = start + int((0.3 + frac * room) * RATE)
        wait_for(lambda: rec.samples >= at, 30)
        said = time.monotonic()
        played_from = rec.samples
        play(env, clip)
        # The decision may come late on a loaded machine: wait for it, up to 10 s.
        wait_for(lambda: trial.intent in hearth.intents(said), 10)
        acted = hearth.intents(said)
        trial.heard = trial.intent in acted
        trial.asked = not trial.heard and hearth.asked(said)
        trial.wrong = [i for i in acted if i != trial.intent]
        if trial.intent == "stop":
            # Until Hearth has been silent for a second (cut, or its lines ended).
            wait_for(lambda: rec.quiet_for(1.0), 30)
            if trial.heard:
                trial.stop_ms = stop_latency(rec.pcm(), clip, played_from)
    finally:
        hearth.close()
        rec.close()


def stop_latency(rec: np.ndarray, clip_path: Path, near: int) -> float | None:
    """Ms from the end of the user's "stop" to the last voiced sample of Hearth's voice
    in the sink (negative: Hearth was silent before the word ended). The clip is found
    in the recording by cross-correlation and subtracted; Hearth's voice ends where
    the rest, from the start of the clip on, first stays below the voice level for
    0.6 s (longer than a pause between Hearth's sentences)."""
    from assistant.speech.wav import load_pcm16

    clip = np.frombuffer(load_pcm16(clip_path, RATE), dtype="<i2").astype(np.float64)
    lo = max(0, near - RATE)
    seg = rec[lo : near + 3 * RATE + len(clip)].astype(np.float64)
    if len(seg) < len(clip):
        return None
    size = 1 << int(np.ceil(np.log2(len(seg) + len(clip))))
    corr = np.fft.irfft(np.fft.rfft(seg, size) * np.conj(np.fft.rfft(clip, size)), size)
    k = int(np.argmax(corr[: len(seg) - len(clip) + 1]))
    gain = float(corr[k] / np.dot(clip, clip))
    pos = lo + k
    rest = rec[pos:].astype(np.float64)
    rest[: len(clip)] -= gain * clip[: len(rest)]
    quiet = block_rms(rest) < VOICED
    need = int(0.6 * RATE) // BLOCK
    run = 0
    for i, q in enumerate(quiet):
        run = run + 1 if q else 0
        if run >= need:
            hearth_end = (i + 1 - need) * BLOCK  # samples from the clip's start
            return (hearth_end - len(clip)) / RATE * 1000.0  # the clip ends with the word
    return None


# -- the table ------------------------------------------------------------------------------


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:3.0f}% ({n}/{d})" if d else "-"


def _counted(trials: list[Trial], arm: str, voices: list[str]) -> list[Trial]:
    """The trials of one code version in these voices that ran (a failed trial is no
    measurement)."""
    return [t for t in trials if t.arm == arm and t.voice in voices and not t.failed]


def summary(trials: list[Trial], arm: str, split_voices: list[str]) -> list[str]:
    rows = []
    mine = _counted(trials, arm, split_voices)
    for text, _ in COMMANDS:
        ts = [t for t in mine if t.command == text]
        rows.append(f"  {text:30} heard {pct(sum(t.heard for t in ts), len(ts))}")
    for level in LEVELS_DB:
        ts = [t for t in mine if t.level_db == level]
        name = f"at {level:+.0f} dB"
        rows.append(f"  {name:30} heard {pct(sum(t.heard for t in ts), len(ts))}")
    rows.append(f"  {'all':30} heard {pct(sum(t.heard for t in mine), len(mine))}")
    rows.append(f"  {'missed, but asked about':30} {sum(t.asked for t in mine)}")
    wrong = sum(len(t.wrong) for t in mine)
    selfs = sum(len(t.self_heard) for t in mine)
    rows.append(f"  other intents acted on: {wrong}; Hearth's own voice acted on: {selfs}")
    lat = sorted(t.stop_ms for t in mine if t.stop_ms is not None)
    if lat:
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        rows.append(
            f"  stop -> silence: p50 {statistics.median(lat):.0f} ms, p95 {p95:.0f} ms, "
            f"max {lat[-1]:.0f} ms, within 200 ms {sum(v <= 200 for v in lat)}/{len(lat)}"
        )
    return rows


def write_summary(path: Path, trials: list[Trial], arm: str, split: str, names: list[str]) -> None:
    """One split's figures for one code version, appended to `path` as a JSON line."""
    mine = _counted(trials, arm, names)
    stops = [t.stop_ms for t in mine if t.stop_ms is not None]
    record = {"benchmark": "talk_over", "split": split, "code": arm, "trials": len(mine)}
    record |= {"heard": sum(t.heard for t in mine), "stops_heard": len(stops)}
    record |= {"asked": sum(t.asked for t in mine)}
    record |= {"stops_within_200ms": sum(v <= 200 for v in stops)}
    record |= {"other_intents": sum(len(t.wrong) for t in mine)}
    record |= {"own_voice": sum(len(t.self_heard) for t in mine)}
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split",
        choices=["tune", "rest", "neural", "all"],
        default="all",
        help="all: tune and rest; neural: the Piper voice (pip install -e '.[voices]')",
    )
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--baseline-rev", default="0e99c8b")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument(
        "--only",
        action="append",
        choices=[text for text, _ in COMMANDS],
        help="only this command (repeatable): more trials of one at the same cost",
    )
    parser.add_argument("--summary", help="append the figures here (JSON lines; see hearing.py)")
    parser.add_argument(
        "--front-end",
        choices=["deepfilter", "none"],
        help="also run the current code with this front end (an arm of its own)",
    )
    args = parser.parse_args()
    splits = ["tune", "rest"] if args.split == "all" else [args.split]
    commands = [c for c in COMMANDS if not args.only or c[0] in args.only]
    voices = [v for s in splits for v in VOICES[s]]
    need = neural_voice.missing([voice for engine, voice in voices if engine == "piper"])
    if need:
        sys.exit(f"talk_over.py: {need}")
    env_pulse, pid, runtime = start_pulse()
    level = hearth_voice_level()
    print(f"Hearth's voice: {level:.0f} RMS (voiced blocks); load {os.getloadavg()[0]:.1f}")
    try:
        with (
            tempfile.TemporaryDirectory(prefix="hearth-talk-over-") as tmp,
            checkout(args.baseline_rev) if not args.no_baseline else _none() as tree,
        ):
            folder = Path(tmp)
            trigger = write_wav(
                folder / "trigger.wav", synthesize(TRIGGER, "espeak-ng", "en-us+f2", folder)
            )
            now = {**os.environ, **env_pulse, "PYTHONPATH": same_lines(str(ROOT))}
            arms = {"now": (now, "")}  # arm -> its environment and config file
            if args.front_end:
                arms[f"now-{args.front_end}"] = (now, f'front_end = "{args.front_end}"\n')
            if tree is not None:
                base = env_for(tree)
                base["PYTHONPATH"] = same_lines(base["PYTHONPATH"])
                arms[args.baseline_rev] = ({**base, **env_pulse}, "")
            plan = []
            rng = random.Random(args.seed)
            for _ in range(args.reps):
                for engine, voice in voices:
                    for text, intent in commands:
                        for db in LEVELS_DB:
                            plan.append((engine, voice, text, intent, db, rng.random()))
            trials: list[Trial] = []
            for n, (engine, voice, text, intent, db, frac) in enumerate(plan):
                pcm = synthesize(text, engine, voice, folder).astype(np.float64)
                pcm *= level * 10 ** (db / 20) / voiced_level(pcm.astype(np.int16))
                clip = write_wav(folder / f"cmd{n}.wav", np.clip(pcm, -32768, 32767))
                for arm, (env, settings) in arms.items():
                    trial = Trial(arm, text, intent, f"{engine} {voice}", db)
                    work = folder / f"{arm}-{n}"
                    work.mkdir()
                    # Every arm of this trial picks the same lines (see same_lines/).
                    lines_seed = {"HEARTH_LINES_SEED": f"{args.seed}-{n}"}
                    run_trial(trial, {**env, **lines_seed}, clip, trigger, frac, work, settings)
                    trials.append(trial)
                    stop = f" stop {trial.stop_ms:.0f} ms" if trial.stop_ms is not None else ""
                    print(
                        f"[{n + 1}/{len(plan)}] {arm:8} {trial.voice:18} {db:+.0f} dB "
                        f"{text!r:32} {'HEARD' if trial.heard else 'missed'}"
                        f"{' (asked)' if trial.asked else ''}{stop}"
                        f"{' wrong=' + ','.join(trial.wrong) if trial.wrong else ''}"
                        f"{' self=' + ','.join(trial.self_heard) if trial.self_heard else ''}"
                        f"{' FAILED ' + trial.failed if trial.failed else ''}",
                        flush=True,
                    )
    finally:
        stop_pulse(pid, runtime)
    for split in splits:
        names = [f"{e} {v}" for e, v in VOICES[split]]
        for arm in arms:
            print(f"\n{split} voices ({', '.join(names)}), {arm}:")
            print("\n".join(summary(trials, arm, names)))
            if args.summary:
                write_summary(Path(args.summary), trials, arm, split, names)
    print(f"\nload at the end {os.getloadavg()[0]:.1f} (2 cores)")


class _none:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    main()
