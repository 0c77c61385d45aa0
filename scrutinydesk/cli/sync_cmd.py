"""``keygen``, ``publish`` and ``pull``: the officer's signed releases and a member's safe pick-up."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scrutinydesk.core.config import load_settings
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import data_dir as resolve_data_dir
from scrutinydesk.core.releases import current_release
from scrutinydesk.core.whats_new import compare_releases
from scrutinydesk.sync.keys import (
    PASSPHRASE_ENV,
    PublicKey,
    generate_keypair,
    load_private_key,
    load_public_key,
    public_key_from_record,
    signer_name,
)
from scrutinydesk.sync.publish import KEEP_AT_LEAST, prune_share
from scrutinydesk.sync.publish import publish as publish_release
from scrutinydesk.sync.pull import PullStatus, pull_latest
from scrutinydesk.sync.snapshots import rollback


def _passphrase(prompt: str, *, confirm: bool) -> bytes | None:
    """From the environment, else asked on a terminal; None when neither is available."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env.encode("utf-8")
    if sys.stdin.isatty():
        entered = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)
        return entered.encode("utf-8")
    return None


@click.command()
@click.argument("name")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write NAME.key (private) and NAME.pub into.")
@click.option("--no-passphrase", is_flag=True, help="Leave the private key unencrypted (tests and demos only).")
def keygen(name: str, out_dir: Path, no_passphrase: bool) -> None:
    """Make an Ed25519 key pair: NAME.key (keep it private) and NAME.pub (give it out)."""
    if not name or any(c in name for c in "/\\:") or name.startswith("."):
        raise UserFacingError("Give the key a plain name such as 'officer' or 'chair-laptop'.")
    passphrase = None
    if not no_passphrase:
        passphrase = _passphrase("Passphrase for the new key", confirm=True)
        if passphrase is None:
            raise UserFacingError(
                f"No passphrase for the key: set {PASSPHRASE_ENV}, run from a terminal, or pass --no-passphrase."
            )
    private_path, public_path = generate_keypair(name, out_dir, passphrase)
    key = load_public_key(public_path)
    click.echo(f"Wrote {private_path} (private: keep it off the shared folder) and {public_path} (key id {key.key_id}).")


@click.command()
@click.argument("master", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "share", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The shared folder; releases go into its pub/ folder.")
@click.option("--key", "key_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The officer's private key (NAME.key from keygen).")
@click.option("--announce", "next_key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The officer's next public key (NEW.pub): laptops taking this release will trust it too.")
@click.option("--keep", type=click.IntRange(min=KEEP_AT_LEAST), default=None,
              help=f"Then delete all but the newest KEEP releases (at least {KEEP_AT_LEAST}); default: keep all.")
def publish(master: Path, share: Path, key_path: Path, next_key: Path | None, keep: int | None) -> None:
    """Publish MASTER.db to the shared folder as a new signed release; prints the new version."""
    announce = load_public_key(next_key) if next_key else None
    private = load_private_key(key_path, _key_passphrase(key_path))
    published = publish_release(master, share, private, key_name=signer_name(key_path), announce=announce)
    size_mb = published.manifest.size / 1_000_000
    click.echo(f"Published release v{published.version} ({published.db_path.name}, {size_mb:.1f} MB).")
    if published.left_out:
        click.echo(f"Officer-only tables left out of the release: {', '.join(published.left_out)}.")
    if keep is not None:
        removed = prune_share(share, keep)
        if removed:
            click.echo(f"Removed older releases: {', '.join(f'v{v}' for v in removed)}.")


def _key_passphrase(key_path: Path) -> bytes | None:
    try:
        encrypted = b"ENCRYPTED" in key_path.read_bytes()[:64]
    except OSError:
        return None  # load_private_key names the problem
    return _passphrase(f"Passphrase for {key_path.name}", confirm=False) if encrypted else None


@click.command()
@click.option("--from", "share", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The shared folder (default: the one in the settings).")
@click.option("--trust", "trust_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The officer's public key, NAME.pub (default: the one in the settings).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Per-user data folder (default: $SCRUTINYDESK_HOME or the platform's).")
@click.option("--rollback", "go_back", is_flag=True, help="Go back to the previous release kept on this laptop.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds the shared folder may stay silent before giving up.")
def pull(share: Path | None, trust_path: Path | None, data_dir: Path | None, go_back: bool, timeout: float) -> None:
    """Fetch, verify and switch to the newest signed release; exit 0 when this laptop is current."""
    folder = resolve_data_dir(data_dir)
    if go_back:
        release = rollback(folder)
        click.echo(f"Now on release v{release.version}, published {release.published_at}.")
        return
    settings = load_settings(data_dir)
    share = share or settings.shared_folder
    if share is None:
        raise UserFacingError("No shared folder is set; pass --from SHARE or set it in the app's Settings.")
    trusted = _trusted_key(trust_path, settings.trusted_key)
    result = pull_latest(share, trusted, folder, timeout)
    if result.alarm:
        click.echo(result.alarm, err=True)
    if not result.is_current:
        raise UserFacingError(result.message)
    click.echo(result.message)
    if result.status is PullStatus.UPDATED and result.previous_path is not None:
        changes = compare_releases(result.previous_path, current_release(folder).path)
        if not changes.is_empty():
            click.echo(f"What's new: {changes.summary()}.")


def _trusted_key(trust_path: Path | None, configured: dict[str, str] | None) -> PublicKey:
    if trust_path is not None:
        return load_public_key(trust_path)
    if configured:
        return public_key_from_record(configured, "The trusted officer key in the settings")
    raise UserFacingError("No officer key is trusted yet; pass --trust OFFICER.pub or set it in the app's Settings.")


COMMANDS = [keygen, publish, pull]
