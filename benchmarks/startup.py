"""Start-up time and memory: `hearth parse` and `hearth run`, cold and warm cache.

Usage: python benchmarks/startup.py [--runs N]

Each figure is a real `hearth` process. "Cold" starts with an empty cache folder
(HEARTH_CACHE_DIR), which is the baseline measured in the same run: it compiles the
intent templates, the speech grammar and the language model as every start did
before the cache. "Warm" starts with the cache filled by the cold run.

- `hearth parse "we need a minute"`: wall time to the answer (target <= 0.5 s warm).
- `hearth run --input-wav` (real time, 20 s of quiet, replies to a WAV file): wall
  time from the start of the process to its "Listening." line (target <= 1.5 s
  warm), and its resident memory then and at the end of the file (target
  <= 200 MB with the built-in PocketSphinx engine).

`--breakdown` adds where a warm `hearth run` start goes, phase by phase, in a
fresh process (the same calls the engine makes, timed one by one), with two
variants that show what PocketSphinx's two slow steps cost: the command model's
search over the full dictionary against one over the model's own words, and the
strict grammar's search with and without alternative pronunciations.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

TEXT = "we need a minute"


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def parse_once(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant", "parse", TEXT],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def run_once(env: dict[str, str], folder: Path, quiet_wav: Path) -> tuple[float, float, float]:
    """(seconds to "Listening.", RSS MB then, peak RSS MB while listening)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--input-wav", str(quiet_wav),
         "--output-wav", str(folder / "out.wav"), "--db", str(folder / "h.db")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    listening: list[float] = []
    ready = threading.Event()

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "Listening." and not ready.is_set():
                listening.append(time.perf_counter() - start)
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    ready.wait(timeout=300)
    if not listening:
        proc.kill()
        raise SystemExit("hearth run never said it was listening")
    at_start = _rss_mb(proc.pid)
    peak = at_start
    while proc.poll() is None:
        peak = max(peak, _rss_mb(proc.pid))
        time.sleep(0.2)
    return listening[0], at_start, peak


def _breakdown_child() -> None:
    """Print one line per start-up phase (run in a fresh process, warm cache)."""
    import resource  # noqa: F401  (imported here so the child's first phase is honest)

    marks: list[tuple[str, float, float]] = []
    last = time.perf_counter()

    def mark(what: str) -> None:
        nonlocal last
        now = time.perf_counter()
        marks.append((what, now - last, _rss_mb(os.getpid())))
        last = time.perf_counter()

    from assistant import live  # noqa: F401  (what `hearth run` imports before the engine)

    mark("imports (live loop, dialog, store, numpy, click)")
    import pocketsphinx

    from assistant.nlu import load_parser
    from assistant.speech.grammar import compile_arpa, compile_jsgf
    from assistant.speech.recognizer import default_grammar
    from assistant.speech.sphinx_strict import grammar_dictionary

    mark("imports (speech engine)")
    load_parser()
    mark("intent parser from the cache")
    grammar = default_grammar("hey hearth")
    mark("command grammar from the cache")
    decoder = pocketsphinx.Decoder(logfn=os.devnull, dither=False)
    mark("PocketSphinx decoder (acoustic model, open model, full dictionary)")
    grammar = grammar.restrict(lambda w: decoder.lookup_word(w) is not None, engine="sphinx")
    arpa, words = compile_arpa(grammar)
    jsgf, _ = compile_jsgf(grammar)
    mark("grammar restricted; ARPA (the engine reads it from the cache) and JSGF text")
    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as folder:
        lm_path = os.path.join(folder, "command.arpa")
        Path(lm_path).write_text(arpa, encoding="utf-8")
        decoder.add_lm("command", pocketsphinx.NGramModel(decoder.config, decoder.logmath, lm_path))
        mark("command model search, full dictionary (add_lm)")
        small = grammar_dictionary(decoder.config["dict"], jsgf, folder)
        strict = pocketsphinx.Decoder(
            logfn=os.devnull, dither=False, lm=None, bestpath=False, dict=small
        )
        strict.add_jsgf_string("strict", jsgf)
        mark("strict grammar decoder and search (add_jsgf_string)")
        print("\n".join(f"  {s:5.2f} s  {rss:4.0f} MB  {what}" for what, s, rss in marks))
        marks.clear()
        print("  variants (not what Hearth runs):")
        os.mkdir(os.path.join(folder, "lm"))  # grammar_dictionary names its file itself
        lm_dict = grammar_dictionary(
            decoder.config["dict"], " ".join(sorted(words)), os.path.join(folder, "lm")
        )
        mark("-")
        alone = pocketsphinx.Decoder(logfn=os.devnull, dither=False, lm=None, dict=lm_dict)
        alone.add_lm("command", pocketsphinx.NGramModel(alone.config, alone.logmath, lm_path))
        mark("command model search over its own words only (decoder and add_lm)")
        plain = pocketsphinx.Decoder(
            logfn=os.devnull, dither=False, lm=None, bestpath=False, dict=small,
            fsgusealtpron=False,
        )  # fmt: skip
        plain.add_jsgf_string("strict", jsgf)
        mark("strict grammar without alternative pronunciations (fsgusealtpron no)")
        print("\n".join(f"  {s:5.2f} s  {rss:4.0f} MB  {what}" for what, s, rss in marks[1:]))


def breakdown(env: dict[str, str]) -> None:
    print("hearth run start, phase by phase (warm cache, fresh process; time, RSS after):")
    subprocess.run(
        [sys.executable, __file__, "--breakdown-child"], env=env, check=True
    )  # fmt: skip


def _quiet(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(2 * int(16000 * seconds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median)")
    parser.add_argument("--breakdown", action="store_true", help="also time each phase")
    parser.add_argument("--breakdown-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown_child:
        _breakdown_child()
        return
    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = {**os.environ, "HEARTH_CACHE_DIR": str(cache)}
        quiet = folder / "quiet.wav"
        _quiet(quiet, 20.0)
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start")

        cold_parse = parse_once(env)  # fills the intents entry
        warm_parse = statistics.median(parse_once(env) for _ in range(args.runs))
        print(f"hearth parse: cold cache {cold_parse:.2f} s, warm cache {warm_parse:.2f} s "
              f"(median of {args.runs}; target <= 0.5 s)")  # fmt: skip

        for entry in cache.glob("*"):
            entry.unlink()
        cold_run, cold_rss, cold_peak = run_once(env, folder, quiet)
        warm = [run_once(env, folder, quiet) for _ in range(args.runs)]
        warm_run = statistics.median(w[0] for w in warm)
        warm_rss = statistics.median(w[1] for w in warm)
        warm_peak = max(w[2] for w in warm)
        print(f"hearth run to listening: cold cache {cold_run:.2f} s, warm cache "
              f"{warm_run:.2f} s (median of {args.runs}; target <= 1.5 s)")  # fmt: skip
        print(f"RSS while listening: {warm_rss:.0f} MB at start, {warm_peak:.0f} MB peak "
              f"(cold start: {cold_rss:.0f} / {cold_peak:.0f} MB; target <= 200 MB)")  # fmt: skip
        if args.breakdown:
            breakdown(env)
        print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
