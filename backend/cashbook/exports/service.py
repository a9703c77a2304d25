"""A person's data, out: everything they have as JSON plus a CSV per collection, in a ZIP the
worker builds and stores encrypted, behind a single-use link emailed to them; and the current
transaction list as a streamed CSV.

Both go through `kit/csv.py`, so no cell reaches a spreadsheet as a formula.
"""

import hashlib
import io
import json
import math
import secrets
import uuid
import zipfile
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from fastapi.encoders import jsonable_encoder
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.accounts.service import account_service
from cashbook.admin.repository import ImpersonationRepository
from cashbook.admin.schemas import ImpersonationRead
from cashbook.auth.providers.repository import IdentityRepository
from cashbook.categories.schemas import CategoryRead
from cashbook.categories.service import category_service
from cashbook.config import Settings
from cashbook.exports.repository import DataExportRepository
from cashbook.kit.csv import csv_text
from cashbook.kit.encryption import Context, Keys, field_cipher, keys_for
from cashbook.kit.errors import NotFound, TooManyRequests
from cashbook.models import (
    AlertPreference,
    Budget,
    BudgetCategory,
    BudgetSplit,
    DataExport,
    Goal,
    GoalContribution,
    Notification,
    TransactionSpread,
    User,
)
from cashbook.models.base import utcnow
from cashbook.notifications import messages
from cashbook.notifications.service import MailService
from cashbook.tags.schemas import TagRead
from cashbook.tags.service import tag_service
from cashbook.transactions.schemas import TransactionQuery, TransactionRead
from cashbook.transactions.service import transaction_service
from cashbook.worker.jobs import JobContext, enqueue_job

EXPORT_JOB = "exports.build"
PAGE = 500
# The streamed CSV of a filtered list stops here (bad input never costs unbounded work).
MAX_CSV_ROWS = 100_000
TRANSACTION_COLUMNS = [name for name in TransactionRead.model_fields if name != "decryption_error"]


class ExportTooSoon(TooManyRequests):
    code = "EXPORT_TOO_SOON"


class ExportNotFound(NotFound):
    code = "EXPORT_NOT_FOUND"


def _token_index(token: str) -> bytes:
    # The token carries 256 random bits: a plain hash is enough to find it without storing it.
    return hashlib.sha256(token.encode()).digest()[:16]


def _content_context(export: DataExport) -> Context:
    return DataExport.field_context("content", export.id, export.user_id)


async def transaction_rows(
    session: AsyncSession, keys: Keys, user: User, query: TransactionQuery
) -> AsyncIterator[dict[str, Any]]:
    """Every transaction a filter selects, page by page (as the API reads them)."""
    query = query.model_copy(update={"limit": PAGE, "cursor": None})
    while True:
        page = await transaction_service.list(session, keys, user, query)
        for item in page["items"]:
            yield TransactionRead.model_validate(item).model_dump(mode="json")
        if page["next_cursor"] is None:
            return
        query = query.model_copy(update={"cursor": page["next_cursor"]})


# Planning tables, exported as stored (amounts in minor units), each under its table's name.
PLANNING = (
    Budget,
    BudgetCategory,
    BudgetSplit,
    TransactionSpread,
    Goal,
    GoalContribution,
    Notification,
    AlertPreference,
)


async def _owned_rows(session: AsyncSession, model: Any, user: User) -> list[dict[str, Any]]:
    rows = await session.scalars(select(model).where(model.user_id == user.id))
    columns = [column.key for column in model.__table__.columns if column.key != "user_id"]
    return [jsonable_encoder({key: getattr(row, key) for key in columns}) for row in rows]


async def collect(session: AsyncSession, settings: Settings, user: User) -> dict[str, Any]:
    """Everything the person has, decrypted, as JSON-ready collections."""
    keys = keys_for(settings)

    def dump(items: Any, schema: Any = None) -> list[dict[str, Any]]:
        return [
            (schema.model_validate(item) if schema else item).model_dump(mode="json")
            for item in items
        ]

    return {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "base_currency": user.base_currency,
            "created_at": user.created_at.isoformat(),
            "two_factor_enabled": user.totp_enabled,
        },
        "accounts": dump(await account_service.list(session, keys, user)),
        "categories": dump(await category_service.list(session, user), CategoryRead),
        "tags": dump(await tag_service.list(session, user), TagRead),
        "transactions": [
            row async for row in transaction_rows(session, keys, user, TransactionQuery())
        ],
        "sign_in_identities": [
            {"provider": identity.provider, "created_at": identity.created_at.isoformat()}
            for identity in await IdentityRepository(session).list_for_user(user.id)
        ],
        "administrator_accesses": dump(
            await ImpersonationRepository(session).list_for_subject(user.id, limit=10_000),
            ImpersonationRead,
        ),
        **{model.__tablename__: await _owned_rows(session, model, user) for model in PLANNING},
    }


def archive(data: dict[str, Any]) -> bytes:
    """`cashbook.json` with everything, and a CSV of every collection."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("cashbook.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, rows in data.items():
            if not isinstance(rows, list):
                continue
            columns = TRANSACTION_COLUMNS if name == "transactions" else _columns(rows)
            zipped.writestr(f"{name}.csv", csv_text(columns, rows))
    return buffer.getvalue()


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(rows[0]) if rows else []


class ExportService:
    async def request(self, session: AsyncSession, settings: Settings, user: User) -> DataExport:
        """Start an export; at most one per interval (24 hours)."""
        now = utcnow()
        repository = DataExportRepository(session)
        await repository.expire(now)
        latest = await repository.latest_for_user(user.id)
        interval = timedelta(seconds=settings.export_interval_seconds)
        if latest is not None and latest.created_at + interval > now:
            wait = math.ceil((latest.created_at + interval - now).total_seconds())
            raise ExportTooSoon(
                "An export was made recently; the next one can be requested later.",
                headers={"Retry-After": str(wait)},
            )
        export = await repository.create(
            DataExport(
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(seconds=settings.export_link_lifetime_seconds),
            )
        )
        enqueue_job(session, EXPORT_JOB, str(export.id))
        return export

    async def expire(self, ctx: JobContext) -> str:
        """The periodic job: an unused export's file leaves the database when its link expires,
        not only when its owner next asks for one."""
        expired = await DataExportRepository(ctx.session).expire(utcnow())
        return f"{expired} expired export(s) removed"

    async def build(self, ctx: JobContext, export_id: uuid.UUID) -> None:
        """The worker's part: build, encrypt, store, email the link. Runs once per export."""
        export = await DataExportRepository(ctx.session).get(export_id)
        if export is None or export.status != "pending":
            return
        user = await ctx.session.get(User, export.user_id)
        if user is None:
            return
        content = archive(await collect(ctx.session, ctx.settings, user))
        token = secrets.token_urlsafe(32)
        export.content = field_cipher(ctx.settings).encrypt_bytes(content, _content_context(export))
        export.token_index = _token_index(token)
        export.status = "ready"
        export.expires_at = utcnow() + timedelta(seconds=ctx.settings.export_link_lifetime_seconds)
        link = f"{ctx.settings.public_url}/exports/{token}"
        await MailService(ctx.settings, ctx.session).send(
            messages.data_export_ready(user.email, user.first_name, link, user.id, user.language)
        )
        await ctx.session.flush()

    async def download(self, session: AsyncSession, settings: Settings, token: str) -> bytes:
        """The ZIP, once; the stored file is gone afterwards."""
        now = utcnow()
        repository = DataExportRepository(session)
        export = await repository.ready_by_token(_token_index(token), now)
        if export is None or export.content is None:
            raise ExportNotFound("This link was used already or has expired.")
        content = field_cipher(settings).decrypt_bytes(export.content, _content_context(export))
        if not await repository.claim_download(export.id, now):
            raise ExportNotFound("This link was used already or has expired.")
        return content


export_service = ExportService()
