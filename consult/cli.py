"""`flask --app wsgi consult …`: set up, import and export from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from consult import schema
from consult.db import engine_for, get_session
from consult.models import Role, StakeholderGroup
from consult.services import accounts, backup, demo, drafts, module_files, reports, revisions
from consult.services.errors import DomainError, InvalidInput
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
@click.option("--publish", is_flag=True, help="Publish the changes of an existing module at once.")
def import_command(file: Path, publish: bool):
    """Import a module source: a new module is published as Draft 1; a changed one becomes a revision set."""
    try:
        source = read_source(file)
        session = get_session()
        module = module_files.module_for(session, source.slug)
        if module is None:
            click.echo(f"{file.name}: {_import_new(file)}")
            return
        proposal = module_files.propose_revision(session, None, module, source)
        if proposal.revision_set is None:
            click.echo(f"{file.name}: no change to {module.code} {drafts.get_version(session, module).label}; "
                       "no revision set made")
            return
        counts = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in proposal.counts.items() if n)
        click.echo(f"{file.name}: aligned to {module.code} ({proposal.alignment.summary}): {counts}")
        if publish:
            version = revisions.publish(session, None, proposal.revision_set)
            session.commit()
            click.echo(f"published {module.code} {version.label}")
        else:
            session.commit()
            click.echo(f"revision set #{proposal.revision_set.id} is open for the editors to review and publish")
    except (SourceError, DomainError, drafts.UidTaken) as error:
        get_session().rollback()
        raise click.ClickException(str(error)) from None


@consult_cli.command("export")
@click.argument("module_slug", metavar="MODULE")
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "xlsx", "docx"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_command(module_slug: str, fmt: str, output: Path):
    """Write the current text (md) or the disposition-of-comments report (csv, xlsx, docx)."""
    session = get_session()
    try:
        module = drafts.get_module(session, module_slug)
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "md":
        output.write_text(module_files.export_markdown(session, module), encoding="utf-8")
    elif fmt == "csv":
        with output.open("w", encoding="utf-8", newline="") as out:
            reports.write_csv(session, module, out)
    else:
        (reports.write_xlsx if fmt == "xlsx" else reports.write_docx)(session, module, output)
    click.echo(f"wrote {output}")


def _import_new(path: Path) -> str:
    """Import one new module file in its own transaction; nothing is written if any of it fails."""
    source = read_source(path)
    session = get_session()
    if module_files.module_for(session, source.slug) is not None:
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
@click.option("--comments", "synthetic", type=click.IntRange(min=0), default=0,
              help="Also add this many synthetic comments in bulk (e.g. 100000 for load and benchmarks).")
def demo_command(synthetic: int):
    """Seed demo accounts (one per role) and realistic comments on both drafts."""
    import time

    session = get_session()
    demo_accounts = demo.seed_accounts(session)
    written = demo.seed_comments(session)
    session.commit()
    took = None
    if synthetic:
        started = time.perf_counter()
        demo.seed_synthetic(session, synthetic)
        session.commit()
        took = time.perf_counter() - started
    click.echo("Demo accounts (sign in at /login):")
    for account in demo_accounts:
        click.echo(f"  {account.role.value:<12} {account.email:<26} password: {account.password}")
    click.echo(f"  ({len(demo.DEMO_EXPERTS)} more experts share the password {demo.EXPERT_PASSWORD})")
    click.echo(f"demo comments: {'wrote ' + str(written) if written else 'already present'}")
    if took is not None:
        click.echo(f"synthetic comments: {synthetic:,} added in {took:.1f} s")


@consult_cli.command("analyze")
def analyze_command():
    """Refresh the query planner's statistics (after bulk loads; weekly on a busy SQLite site)."""
    session = get_session()
    schema.refresh_statistics(session)
    session.commit()
    click.echo("planner statistics refreshed")


@consult_cli.command("dump")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the dump (JSON lines; gzip when the name ends in .gz).")
def dump_command(output: Path):
    """Write every account, module, version, comment, disposition, revision set and audit event."""
    with engine_for(current_app).connect() as connection:
        counts = backup.dump(connection, output, schema.current_revision(current_app))
    click.echo(f"wrote {output}: " + ", ".join(f"{n} {table}" for table, n in counts.items() if n))


@consult_cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path):
    """Load a dump into this (empty) database, creating the schema first."""
    schema.upgrade(current_app)
    engine = engine_for(current_app)
    try:
        with engine.begin() as connection:
            counts = backup.restore(connection, file)
    except backup.RestoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored {file}: " + ", ".join(f"{n} {table}" for table, n in counts.items() if n))
