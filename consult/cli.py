"""`flask --app wsgi consult …`: set up, import and export from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from consult import schema
from consult.db import get_session
from consult.models import Role, StakeholderGroup
from consult.services import accounts, demo, drafts
from consult.services.errors import InvalidInput
from consult.services.sources import SourceError, read_source

consult_cli = AppGroup("consult", help="Set up and run a Consult consultation.")


def init_app(app) -> None:
    app.cli.add_command(consult_cli)


@consult_cli.command("init")
def init_command():
    """Create or upgrade the schema and import module files not yet imported."""
    before, after = schema.upgrade(current_app)
    click.echo(f"schema: {'up to date' if before == after else f'upgraded to {after}'}")
    failures = 0
    for path in sorted(Path(current_app.config["MODULES_DIR"]).glob("*.md")):
        try:
            outcome = _import_new(path)
        except (SourceError, drafts.UidTaken) as error:
            failures += 1
            click.echo(f"error: {error}", err=True)
            continue
        click.echo(f"{path.name}: {outcome}")
    if failures:
        raise SystemExit(1)


@consult_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(file: Path):
    """Import a module source; a new module is published at once as Draft 1."""
    try:
        outcome = _import_new(file, existing_is_error=True)
    except (SourceError, drafts.UidTaken, drafts.ModuleExists) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{file.name}: {outcome}")


def _import_new(path: Path, existing_is_error: bool = False) -> str:
    """Import one file in its own transaction; nothing is written if any of it fails."""
    source = read_source(path)
    session = get_session()
    try:
        module = drafts.get_module(session, source.slug)
    except drafts.NotFound:
        module = None
    if module is not None:
        if existing_is_error:
            raise drafts.ModuleExists(
                f"{path}: module {source.slug} is already published; changes to it come as a revision set"
            )
        return f"{source.code} already imported"
    try:
        module = drafts.publish_new_module(session, source)
        session.commit()
    except Exception:
        session.rollback()
        raise
    count = sum(1 for block in source.blocks if block.level == 0)
    return f"imported {module.code} as Draft 1 ({len(source.blocks)} blocks, {count} paragraphs under headings)"


user_cli = AppGroup("user", help="Manage accounts.")
consult_cli.add_command(user_cli)


@user_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.EXPERT.value, show_default=True)
@click.option("--name", required=True)
@click.option("--organisation", default="")
@click.option("--country", default="", help="ISO 3166-1 alpha-2 code, e.g. NZ")
@click.option("--group", type=click.Choice([g.value for g in StakeholderGroup]), default=StakeholderGroup.OTHER.value,
              show_default=True)
@click.option("--password-stdin", is_flag=True, required=True, help="Read the password from standard input.")
def user_create_command(email, role, name, organisation, country, group, password_stdin):
    """Create an account with the given role; the password comes from standard input."""
    password = sys.stdin.readline().rstrip("\r\n")
    session = get_session()
    if accounts.find_by_email(session, email) is not None:
        raise click.ClickException(f"an account for {email} already exists")
    profile = accounts.Profile(name=name, organisation=organisation, country=country.upper(), group=group)
    try:
        accounts.register(session, email, password, profile, role=Role(role))
    except InvalidInput as error:
        raise click.ClickException("; ".join(f"--{k.replace('_', '-')}: {v}" for k, v in error.fields.items())) from None
    session.commit()
    click.echo(f"created {role} {accounts.normalise_email(email)}")


@consult_cli.command("demo")
def demo_command():
    """Seed demo accounts (one per role) and realistic comments on both drafts."""
    session = get_session()
    demo_accounts = demo.seed_accounts(session)
    written = demo.seed_comments(session)
    session.commit()
    click.echo("Demo accounts (sign in at /login):")
    for account in demo_accounts:
        click.echo(f"  {account.role.value:<12} {account.email:<26} password: {account.password}")
    click.echo(f"  ({len(demo.DEMO_EXPERTS)} more experts share the password {demo.EXPERT_PASSWORD})")
    click.echo(f"demo comments: {'wrote ' + str(written) if written else 'already present'}")
