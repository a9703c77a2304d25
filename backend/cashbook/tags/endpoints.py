import uuid
from collections.abc import Sequence

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.kit.deps import SessionDep
from cashbook.models import Tag
from cashbook.tags.schemas import TagCreate, TagRead, TagUpdate
from cashbook.tags.service import tag_service

router = APIRouter(prefix="/tags", tags=["tags"])


@router.get("", operation_id="tags:list", response_model=list[TagRead])
async def list_tags(session: SessionDep, user: CurrentUser) -> Sequence[Tag]:
    """The signed-in person's tags."""
    return await tag_service.list(session, user)


@router.post(
    "", operation_id="tags:create", response_model=TagRead, status_code=status.HTTP_201_CREATED
)
async def create_tag(data: TagCreate, session: SessionDep, user: CurrentUser) -> Tag:
    """Add a tag."""
    return await tag_service.create(session, user, data)


@router.get("/{tag_id}", operation_id="tags:get", response_model=TagRead)
async def get_tag(tag_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Tag:
    """Read one tag."""
    return await tag_service.get(session, user, tag_id)


@router.patch("/{tag_id}", operation_id="tags:update", response_model=TagRead)
async def update_tag(
    tag_id: uuid.UUID, changes: TagUpdate, session: SessionDep, user: CurrentUser
) -> Tag:
    """Rename or recolour a tag."""
    return await tag_service.update(session, user, tag_id, changes)


@router.delete("/{tag_id}", operation_id="tags:delete", status_code=status.HTTP_204_NO_CONTENT)
async def delete_tag(tag_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> None:
    """Delete a tag; it comes off every transaction that had it."""
    await tag_service.delete(session, user, tag_id)
