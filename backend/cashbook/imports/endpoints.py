import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status

from cashbook.auth.backends import CurrentUser
from cashbook.imports.parsers import ImportFormat
from cashbook.imports.schemas import ImportRead, TransactionOriginRead
from cashbook.imports.service import import_service
from cashbook.kit.deps import SessionDep, SettingsDep
from cashbook.kit.encryption import KeysDep

router = APIRouter(prefix="/imports", tags=["imports"])
origins_router = APIRouter(prefix="/transactions", tags=["transactions"])


@router.post(
    "",
    operation_id="imports:create",
    response_model=ImportRead,
    status_code=status.HTTP_202_ACCEPTED,
)
async def create_import(
    session: SessionDep,
    settings: SettingsDep,
    keys: KeysDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="A CAMT.053, OFX/QFX or CSV statement.")],
    account_id: Annotated[uuid.UUID, Form()],
    format: Annotated[ImportFormat | None, Form(description="Detected when left out.")] = None,
    mapping: Annotated[
        str | None,
        Form(
            description="For a CSV layout Cashbook does not know: a JSON object naming the "
            'columns, e.g. {"date": "Date", "amount": "Amount", "description": ["Memo"]}.'
        ),
    ] = None,
) -> ImportRead:
    """Import a statement file into an account; it is read in the background."""
    row = await import_service.create(
        session, keys, settings, user.id, account_id, file.file, file.filename, format, mapping
    )
    return import_service.read(keys, row)


@router.get("", operation_id="imports:list", response_model=list[ImportRead])
async def list_imports(session: SessionDep, keys: KeysDep, user: CurrentUser) -> list[ImportRead]:
    """The signed-in person's imports, newest first."""
    return await import_service.all_for(session, keys, user)


@router.get("/{import_id}", operation_id="imports:get", response_model=ImportRead)
async def get_import(
    import_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> ImportRead:
    """An import's status: created, duplicates skipped, problems by line or entry."""
    return await import_service.get(session, keys, user, import_id)


@origins_router.get(
    "/{transaction_id}/origin",
    operation_id="transactions:origin",
    response_model=TransactionOriginRead,
)
async def get_origin(
    transaction_id: uuid.UUID, session: SessionDep, keys: KeysDep, user: CurrentUser
) -> TransactionOriginRead:
    """Where a transaction came from: its bank connection or import, symbols, raw entry."""
    return await import_service.origin(session, keys, user, transaction_id)
