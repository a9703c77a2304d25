"""Categories: a person's own names for what money was for, with an optional parent."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from cashbook.categories.repository import CategoryRepository
from cashbook.categories.schemas import CategoryCreate, CategoryUpdate
from cashbook.kit.errors import CashbookError, Conflict, LimitReached, NotFound
from cashbook.kit.language import Language
from cashbook.models import Category, User
from cashbook.models.category import CategoryKind

# The set a new person starts with, named in their language ({language: name}, kind, colour);
# every one can be renamed, recoloured or deleted.
DEFAULT_CATEGORIES: tuple[tuple[dict[Language, str], CategoryKind, str], ...] = (
    ({"en": "Salary", "cs": "Mzda"}, CategoryKind.income, "#2e7d32"),
    ({"en": "Other income", "cs": "Ostatní příjmy"}, CategoryKind.income, "#66bb6a"),
    ({"en": "Housing", "cs": "Bydlení"}, CategoryKind.expense, "#6d4c41"),
    ({"en": "Utilities", "cs": "Energie a služby"}, CategoryKind.expense, "#8d6e63"),
    ({"en": "Groceries", "cs": "Potraviny"}, CategoryKind.expense, "#f9a825"),
    ({"en": "Eating out", "cs": "Jídlo venku"}, CategoryKind.expense, "#ef6c00"),
    ({"en": "Transport", "cs": "Doprava"}, CategoryKind.expense, "#1565c0"),
    ({"en": "Health", "cs": "Zdraví"}, CategoryKind.expense, "#c62828"),
    ({"en": "Shopping", "cs": "Nákupy"}, CategoryKind.expense, "#ad1457"),
    ({"en": "Subscriptions", "cs": "Předplatné"}, CategoryKind.expense, "#6a1b9a"),
    ({"en": "Leisure", "cs": "Volný čas"}, CategoryKind.expense, "#00838f"),
    ({"en": "Travel", "cs": "Cestování"}, CategoryKind.expense, "#0277bd"),
    ({"en": "Gifts", "cs": "Dárky"}, CategoryKind.expense, "#d81b60"),
    ({"en": "Fees", "cs": "Poplatky"}, CategoryKind.expense, "#546e7a"),
)


MAX_CATEGORIES = 500


class CategoryNotFound(NotFound):
    code = "CATEGORY_NOT_FOUND"


class CategoryNameTaken(Conflict):
    code = "CATEGORY_NAME_TAKEN"


class InvalidParent(CashbookError):
    code = "CATEGORY_INVALID_PARENT"


class CategoryService:
    async def list(self, session: AsyncSession, user: User) -> Sequence[Category]:
        return await CategoryRepository(session).list(user.id, Category.kind, Category.name)

    async def get(self, session: AsyncSession, user: User, category_id: uuid.UUID) -> Category:
        error = CategoryNotFound("No such category.")
        return await CategoryRepository(session).get_or_raise(user.id, category_id, error)

    @staticmethod
    def default_names(language: Language) -> dict[str, str]:
        """Each default category's English name, with its name in `language`."""
        return {names["en"]: names[language] for names, _, _ in DEFAULT_CATEGORIES}

    async def create_defaults(
        self, session: AsyncSession, user_id: uuid.UUID, language: Language
    ) -> None:
        """Give a new person the default set in their language (once, at registration)."""
        rows = [
            Category(user_id=user_id, name=names[language], kind=kind, colour=colour)
            for names, kind, colour in DEFAULT_CATEGORIES
        ]
        await CategoryRepository(session).add_many(rows)

    async def _check_name(
        self, repository: CategoryRepository, user: User, name: str, keep: uuid.UUID | None
    ) -> None:
        existing = await repository.named(user.id, name)
        if existing is not None and existing.id != keep:
            raise CategoryNameTaken(f"You already have a category called {existing.name!r}.")

    async def _check_parent(
        self, session: AsyncSession, user: User, parent_id: uuid.UUID, child: uuid.UUID | None
    ) -> None:
        # Walk up from the new parent: meeting the child would close a loop.
        seen: set[uuid.UUID] = set()
        current: uuid.UUID | None = parent_id
        while current is not None and current not in seen:
            if current == child:
                raise InvalidParent("A category cannot be inside itself or its own subcategory.")
            seen.add(current)
            try:
                current = (await self.get(session, user, current)).parent_id
            except CategoryNotFound:
                raise CategoryNotFound("No such parent category.") from None

    async def create(self, session: AsyncSession, user: User, data: CategoryCreate) -> Category:
        repository = CategoryRepository(session)
        await self._check_name(repository, user, data.name, None)
        if data.parent_id is not None:
            await self._check_parent(session, user, data.parent_id, None)
        limit = LimitReached(
            f"You have {MAX_CATEGORIES} categories, the most one person may have; "
            "delete some first.",
            code="CATEGORY_LIMIT_REACHED",
        )
        category = Category(user_id=user.id, **data.model_dump())
        return await repository.add_within(category, MAX_CATEGORIES, limit)

    async def update(
        self, session: AsyncSession, user: User, category_id: uuid.UUID, changes: CategoryUpdate
    ) -> Category:
        repository = CategoryRepository(session)
        category = await self.get(session, user, category_id)
        values = changes.model_dump(exclude_unset=True)
        if values.get("name") is not None:
            await self._check_name(repository, user, values["name"], category.id)
        if values.get("parent_id") is not None:
            await self._check_parent(session, user, values["parent_id"], category.id)
        values = {k: v for k, v in values.items() if v is not None or k == "parent_id"}
        return await repository.update(category, values)

    async def delete(self, session: AsyncSession, user: User, category_id: uuid.UUID) -> None:
        """Its transactions become uncategorised and its children top-level (ON DELETE SET
        NULL)."""
        category = await self.get(session, user, category_id)
        await CategoryRepository(session).delete(category)


category_service = CategoryService()
