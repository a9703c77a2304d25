import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from cashbook.kit.schemas import omittable
from cashbook.models.category import CategoryKind

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class CategoryCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    kind: CategoryKind = CategoryKind.expense
    colour: Colour = "#9e9e9e"
    parent_id: uuid.UUID | None = None


class CategoryUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = omittable()
    kind: CategoryKind = omittable()
    colour: Colour = omittable()
    parent_id: uuid.UUID | None = None


class CategoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: CategoryKind
    colour: str
    parent_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
