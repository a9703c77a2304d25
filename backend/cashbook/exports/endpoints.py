"""Data exports: the whole account by email, and the current transaction list as CSV."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from fastapi_users.router.common import ErrorModel

from cashbook.auth.backends import CurrentUser
from cashbook.auth.person import CurrentPerson
from cashbook.exports.service import (
    MAX_CSV_ROWS,
    TRANSACTION_COLUMNS,
    export_service,
    transaction_rows,
)
from cashbook.kit.csv import CsvWriter
from cashbook.kit.db import session_scope
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.encryption import KeysDep
from cashbook.transactions.schemas import TransactionQuery
from cashbook.transactions.service import transaction_service

router = APIRouter(tags=["exports"])


@router.post(
    "/users/me/export",
    operation_id="exports:request",
    status_code=status.HTTP_202_ACCEPTED,
    responses={status.HTTP_429_TOO_MANY_REQUESTS: {"model": ErrorModel}},
)
async def request_export(user: CurrentPerson, session: SessionDep, settings: SettingsDep) -> None:
    """Export everything: a ZIP (JSON and CSV) is built and a single-use link is emailed.
    One export per 24 hours (429 with `Retry-After`)."""
    await export_service.request(session, settings, user)


@router.get(
    "/exports/transactions.csv",
    operation_id="exports:transactions_csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, 404: {"model": ErrorModel}},
)
async def transactions_csv(
    request: Request,
    query: Annotated[TransactionQuery, Query()],
    session: SessionDep,
    keys: KeysDep,
    user: CurrentUser,
) -> StreamingResponse:
    """The transactions the filters select (as `GET /transactions`), streamed as CSV."""
    # Someone else's account, category or tag in the filters answers 404 before streaming.
    await transaction_service.list(session, keys, user, query.model_copy(update={"limit": 1}))

    async def lines() -> AsyncIterator[str]:
        writer = CsvWriter(TRANSACTION_COLUMNS)
        yield writer.header()
        # The response outlives the request's session: the stream reads in its own.
        async with session_scope(request.app.state.sessionmaker) as stream_session:
            sent = 0
            async for row in transaction_rows(stream_session, keys, user, query):
                if sent == MAX_CSV_ROWS:
                    break
                yield writer.row(row)
                sent += 1

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="transactions.csv"'},
    )


@router.get(
    "/exports/{token}",
    operation_id="exports:download",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}, 404: {"model": ErrorModel}},
)
async def download_export(token: str, session: SessionDep, settings: SettingsDep) -> Response:
    """Download an export through the emailed link; it works once."""
    content = await export_service.download(session, settings, token[:100])
    return Response(
        content,
        media_type="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="cashbook-export.zip"',
            "Cache-Control": "no-store",
        },
    )
