"""Dialog commands: `hearth simulate`, `hearth chat`, and queries over the log
(`hearth summary`, `hearth history`, `hearth export`, `hearth forget`). Thin: options in,
library out."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from assistant.errors import HearthError

_DB_HELP = "the SQLite log (default: $HEARTH_DB or the user data folder)"


def _settings(db: Path | None):
    from assistant.config import load_settings

    return load_settings().with_overrides(db_path=db)


def _open_store(db: Path | None):
    """The log for a command that only reads or erases it: never creates a database."""
    from assistant.store import Store

    return Store(_settings(db).db_path, create=False)


def _parse_start(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise HearthError(f"--start: not an ISO date and time: {value!r}") from None


@click.command()
@click.argument("script", type=click.Path(path_type=Path))
@click.option(
    "--start", "start", metavar="ISO", help="wall-clock date and time at t=0 (default: now)"
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="keep the log in this SQLite file (default: a throwaway in-memory log)",
)
def simulate(script: Path, start: str | None, db: Path | None) -> None:
    """Run a SCRIPT of timed utterances on a virtual clock; print JSON lines.

    SCRIPT lines: '@SECONDS utterance', '@SECONDS' alone (run the clock), '# comment'.
    """
    from assistant.dialog.simulate import read_script, run_script
    from assistant.store import Store

    steps = read_script(script)
    begin = _parse_start(start)
    if steps and begin is not None:
        try:
            begin + timedelta(seconds=steps[-1].t)
        except OverflowError:
            raise HearthError(
                f"{script}:{steps[-1].line}: time {steps[-1].t:g} s after --start {start} "
                "is past the year 9999"
            ) from None
    store = Store(db) if db else Store(":memory:")
    try:
        run_script(steps, sys.stdout, start=begin, store=store, settings=_settings(None))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("-v", "--verbose", is_flag=True, help="also show events (timers, logging)")
def chat(db: Path | None, verbose: bool) -> None:
    """Talk to Hearth by typing; replies are printed. Timers keep running. Ctrl-D ends."""
    import queue
    import threading

    from assistant.clock import RealClock
    from assistant.dialog.engine import Engine
    from assistant.dialog.output import TerminalOutput
    from assistant.lock import InstanceLock
    from assistant.scheduler import run_realtime
    from assistant.store import Store

    settings = _settings(db)
    _lock = InstanceLock(settings.db_path).acquire()  # held until the process ends
    store = Store(settings.db_path)
    engine = Engine(store, TerminalOutput(sys.stdout, verbose), RealClock(), settings=settings)
    engine.parser  # noqa: B018 - load templates now, not on the first line typed
    inbox: queue.Queue[str | None] = queue.Queue()

    def read_stdin() -> None:  # the only other thread: it just feeds the queue
        for line in sys.stdin:
            inbox.put(line.rstrip("\n"))
        inbox.put(None)

    threading.Thread(target=read_stdin, daemon=True, name="hearth-stdin").start()
    if sys.stdin.isatty():
        click.echo("Type what you would say to Hearth (Ctrl-D to quit).")
    try:
        engine.start()
        run_realtime(engine, inbox)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
def summary(db: Path | None) -> None:
    """Print this week against last week, as Hearth would say it."""
    from assistant.dialog import actions as act
    from assistant.dialog.responses import Responses
    from assistant.dialog.skills.summary import report_actions, weekly_report

    store = _open_store(db)
    try:
        responses = Responses()
        for action in report_actions(weekly_report(store, datetime.now())):
            if isinstance(action, act.Say):
                click.echo(action.text or responses.pick(action.key, **action.fields))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("--since", metavar="DATE", help="from this day (YYYY-MM-DD) or time on")
@click.option("--until", metavar="DATE", help="up to and including this day (or until this time)")
@click.option("--kind", help="only one kind: checkin, pause, space, ritual, win, feedback, ...")
@click.option("-n", "--limit", type=int, help="only the latest N entries")
@click.option("--json", "as_json", is_flag=True, help="stored events as JSON lines, newest first")
def history(
    db: Path | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Print what happened, oldest first: check-ins with their questions, pauses, time
    alone with the promised and actual return, rituals, wins, feedback, appreciations."""
    import json

    from assistant.history import parse_day, table, timeline

    start = parse_day(since, "--since")
    end = parse_day(until, "--until", end=True)
    store = _open_store(db)
    try:
        if as_json:
            events = list(reversed(store.events_between(start, end)))
            events = [e for e in events if kind is None or e["kind"] == kind]
            # As before: the latest 20 unless a time range or a limit is given.
            cap = limit or (None if since or until else 20)
            for event in events[:cap]:
                click.echo(json.dumps(event | {"at": event["at"].isoformat()}, ensure_ascii=False))
            return
        import shutil

        entries = timeline(store, start, end, kind)
        width = shutil.get_terminal_size((110, 24)).columns
        click.echo(table(entries[-limit:] if limit else entries, width))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("hearth-export"),
    show_default=True,
    help="folder to write into (created if needed)",
)
def export(db: Path | None, fmt: str, out: Path) -> None:
    """Write everything stored to files: one CSV per table, or one JSON file."""
    from assistant.export import export as write_export

    store = _open_store(db)
    try:
        for path in write_export(store, fmt, out):
            click.echo(str(path))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option(
    "--weeks", type=click.IntRange(1, 520), default=8, show_default=True, help="weeks to show"
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("hearth-report.html"),
    show_default=True,
    help="the HTML file to write",
)
@click.option("--open", "open_page", is_flag=True, help="open the page in the web browser")
def report(db: Path | None, weeks: int, out: Path, open_page: bool) -> None:
    """Write a one-page report (HTML, charts included, works offline) of the last weeks."""
    from assistant.report import build_report

    store = _open_store(db)
    try:
        html = build_report(store, datetime.now(), weeks)
    finally:
        store.close()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise HearthError(f"--out: cannot write {out}: {exc.strerror}") from None
    click.echo(str(out))
    if open_page:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("--yes", is_flag=True, help="do not ask for confirmation (for scripts)")
def forget(db: Path | None, yes: bool) -> None:
    """Erase every stored row (history, appreciations, ideas) and compact the file."""
    store = _open_store(db)
    try:
        if not yes and not click.confirm(
            f"Erase everything Hearth stored in {store.path}?", default=False
        ):
            click.echo("Nothing was erased.")
            return
        if not store.forget():
            raise HearthError(
                f"{store.path}: every row is erased, but another program has the database "
                "open (hearth run, a viewer?), so erased text may still be in the file; "
                "close it and run hearth forget again"
            )
        click.echo("Everything was erased.")
    finally:
        store.close()


COMMANDS: list[click.Command] = [simulate, chat, summary, history, report, export, forget]
