"""`hearth parse` and `hearth intents check`: thin click wrappers over assistant.nlu."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assistant.errors import HearthError

MAX_LINE_BYTES = 1_000_000
"""Longer stdin lines are answered with an error (and skipped to their end)."""


def _emit(out, payload: dict) -> None:
    out.write(json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace") + b"\n")
    out.flush()


def _none(text: str | None, error: str | None = None) -> dict:
    payload = {"text": text, "intent": "none", "confidence": 1.0, "slots": {}}
    if error:
        payload["error"] = error
    return payload


def _stream(parser, stdin, stdout) -> None:
    """One JSON line out per line in, in order, flushed as it goes."""
    number = 0
    while True:
        raw = stdin.readline(MAX_LINE_BYTES + 1)
        if not raw:
            break
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while True:  # drop the rest of this oversized line, keep the next ones
                rest = stdin.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            _emit(stdout, _none(None, f"line {number} is longer than {MAX_LINE_BYTES} bytes"))
            continue
        raw = raw.rstrip(b"\r\n")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            shown = raw.decode("utf-8", "replace")
            _emit(stdout, _none(shown, f"line {number} is not valid UTF-8"))
            continue
        _emit(stdout, parser.parse(text).to_json_dict())


@click.command("parse")
@click.argument("text", required=False)
@click.option(
    "--wav",
    "wav",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Transcribe this WAV file first, then parse what was heard.",
)
@click.option(
    "--intents",
    "intents_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Intent templates folder (default: Hearth's own).",
)
def parse_command(text: str | None, wav: Path | None, intents_path: Path | None) -> None:
    """Understand TEXT (or each line of stdin with "-") and print JSON.

    Prints {"text", "intent", "confidence", "slots"}; anything that is not a
    request gives "intent": "none".
    """
    from assistant.nlu import load_parser

    if wav is not None and text is not None:
        raise HearthError("give either TEXT or --wav FILE, not both")
    if wav is None and text is None:
        raise HearthError('nothing to parse: give TEXT, "-" for stdin, or --wav FILE')
    parser = load_parser(intents_path)
    # Binary streams: odd bytes on stdin must not crash the decoder (see _stream).
    stdout = sys.stdout.buffer
    if wav is not None:
        text = _transcribe(wav)
    if text == "-":
        _stream(parser, sys.stdin.buffer, stdout)
        return
    _emit(stdout, parser.parse(text).to_json_dict())


def _transcribe(path: Path) -> str:
    # The speech stack is imported only for --wav: `hearth parse TEXT` starts fast.
    try:
        from assistant.speech.transcribe import transcribe_file

        result = transcribe_file(path)
    except ImportError as exc:
        raise HearthError(f"speech recognition is not available here ({exc})") from None
    if isinstance(result, dict):
        return str(result.get("text") or "")
    return str(getattr(result, "text", result))


@click.group("intents")
def intents_group() -> None:
    """Inspect the intent template files."""


@intents_group.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check_command(path: Path | None) -> None:
    """Validate templates under PATH (default: Hearth's own) and report conflicts.

    Prints `file:line: what is wrong` for each problem and exits 1 when any.
    """
    from assistant.nlu.check import check_intents, summary_line
    from assistant.resources import intents_dir

    result = check_intents(path if path is not None else intents_dir())
    if result.ok:
        click.echo(summary_line(result))
        return
    for problem in result.problems:
        click.echo(str(problem))
    raise SystemExit(1)


COMMANDS: list[click.Command] = [parse_command, intents_group]
