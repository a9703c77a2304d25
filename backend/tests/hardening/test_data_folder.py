"""Defect 6: the one-machine data folder, its database, WAL, keys and mail are owner-only."""

import os
import stat
from email.message import EmailMessage
from pathlib import Path

import httpx

from cashbook.notifications.service import MailDelivery
from tests.factories import DEFAULT_PASSWORD
from tests.test_cli_and_server import env, server  # noqa: F401 - fixtures

__all__ = ["env", "server"]


def group_or_other_access(root: Path) -> list[str]:
    found = []
    for folder, _, names in os.walk(root):
        for path in (Path(folder), *(Path(folder) / name for name in names)):
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                found.append(f"{path.relative_to(root)} {oct(stat.S_IMODE(path.stat().st_mode))}")
    return found


def test_a_running_server_keeps_its_data_folder_owner_only(env, server):  # noqa: F811
    data_dir = Path(env["CASHBOOK_DATA_DIR"])
    user = {"email": "local@example.com", "password": DEFAULT_PASSWORD}
    profile = {**user, "first_name": "Local", "last_name": "User"}
    assert httpx.post(f"{server}/auth/register", json=profile).status_code == 201
    signed_in = httpx.post(
        f"{server}/auth/cookie/login",
        data={"username": user["email"], "password": user["password"]},
    )
    assert signed_in.status_code == 204
    assert (data_dir / "cashbook.sqlite-wal").exists()
    assert group_or_other_access(data_dir) == []
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_an_older_data_folder_is_made_owner_only_at_start(env, tmp_path):  # noqa: F811
    from tests.test_cli_and_server import cashbook

    data_dir = Path(env["CASHBOOK_DATA_DIR"])
    (data_dir / "mail").mkdir(parents=True, mode=0o755)
    data_dir.chmod(0o755)
    (data_dir / "mail" / "old.eml").write_text("reset link")
    (data_dir / "mail" / "old.eml").chmod(0o644)
    assert cashbook("db", "upgrade", env=env).returncode == 0
    assert group_or_other_access(data_dir) == []


def test_mail_files_are_owner_only_whatever_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        message = EmailMessage()
        message.set_content("https://example.com/reset-password?token=secret")
        path = MailDelivery._write_to_folder(tmp_path / "mail", message)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
