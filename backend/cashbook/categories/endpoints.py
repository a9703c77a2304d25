import uuid
from collections.abc import Sequence

from fastapi import APIRouter, status

from cashbook.auth.backends import CurrentUser
from cashbook.categories.schemas import CategoryCreate, CategoryRead, CategoryUpdate
from cashbook.categories.service import category_service
from cashbook.kit.deps import SessionDep
from cashbook.models import Category

router = APIRouter(prefix="/categories", tags=["categories"])


@router.get("", operation_id="categories:list", response_model=list[CategoryRead])
async def list_categories(session: SessionDep, user: CurrentUser) -> Sequence[Category]:
    """The signed-in person's categories."""
    return await category_service.list(session, user)


@router.post(
    "",
    operation_id="categories:create",
    response_model=CategoryRead,
    status_code=status.HTTP_201_CREATED,
)
async def create_category(data: CategoryCreate, session: SessionDep, user: CurrentUser) -> Category:
    """Add a category."""
    return await category_service.create(session, user, data)


@router.get("/{category_id}", operation_id="categories:get", response_model=CategoryRead)
async def get_category(category_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Category:
    """Read one category."""
    return await category_service.get(session, user, category_id)


@router.patch("/{category_id}", operation_id="categories:update", response_model=CategoryRead)
async def update_category(
    category_id: uuid.UUID, changes: CategoryUpdate, session: SessionDep, user: CurrentUser
) -> Category:
    """Rename, recolour or move a category (`parent_id: null` makes it top-level)."""
    return await category_service.update(session, user, category_id, changes)


@router.delete(
    "/{category_id}", operation_id="categories:delete", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_category(category_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> None:
    """Delete a category; its transactions become uncategorised."""
    await category_service.delete(session, user, category_id)
