"""`hearth doctor [--repair]` and `hearth service install|uninstall|status`: thin
wrappers over assistant.doctor, assistant.repair and assistant.service."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.errors import HearthError


def _repair(db: Path) -> None:
    from assistant.lock import InstanceLock
    from assistant.repair import repair_database

    with InstanceLock(db):  # never under a running Hearth
        result = repair_database(db)
    if result.moved_to is None:
        click.echo(f"repair: {db} is fine (or absent); nothing to repair")
        return
    rows = sum(result.recovered.values())
    detail = ", ".join(f"{table} {n}" for table, n in result.recovered.items()) or "none"
    click.echo(
        f"repair: the damaged file is kept as {result.moved_to}; {rows} rows recovered "
        f"({detail}; {result.method}) into a fresh {db}"
    )


@click.command("doctor")
@click.option("--repair", is_flag=True, help="Recover a damaged database into a fresh one.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="The database.")
@click.option("--no-audio", is_flag=True, help="Skip the microphone and speaker checks.")
def doctor(repair: bool, db: Path | None, no_audio: bool) -> None:
    """Check configuration, microphone, speaker, engine, database and service.

    One line each: ok, note, or FAIL with how to fix it. Exits 1 when anything failed.
    """
    from assistant import doctor as checks

    if repair:
        settings, found = checks.check_config()
        if db is None and any(f.status == "FAIL" for f in found):
            raise HearthError(
                "the configuration has errors, so the database it names is unknown: "
                "fix it first (hearth doctor lists them), or give --db PATH"
            )
        _repair(db or settings.db_path)
    findings = checks.run_checks(audio=not no_audio, db=db)
    for finding in findings:
        click.echo(finding.line())
    if any(f.status == "FAIL" for f in findings):
        raise SystemExit(1)


@click.group("service")
def service_group() -> None:
    """Start Hearth with your session: a systemd user unit (no root needed)."""


@service_group.command("install")
@click.option("--dry-run", is_flag=True, help="Print the unit instead of writing it.")
@click.pass_context
def service_install(ctx: click.Context, dry_run: bool) -> None:
    """Write ~/.config/systemd/user/hearth.service and enable it where systemd runs."""
    from assistant import service

    config = ctx.find_root().params.get("config_file")
    if dry_run:
        click.echo(f"# {service.unit_path()}")
        click.echo(service.unit_text(config=config), nl=False)
        return
    for line in service.install(config=config):
        click.echo(line)


@service_group.command("uninstall")
def service_uninstall() -> None:
    """Stop and disable the unit and remove its file."""
    from assistant import service

    for line in service.uninstall():
        click.echo(line)


@service_group.command("status")
def service_status() -> None:
    """Say whether the unit is installed, enabled and running."""
    from assistant import service

    click.echo(service.status().line())


COMMANDS: list[click.Command] = [doctor, service_group]
