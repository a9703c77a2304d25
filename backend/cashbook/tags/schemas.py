import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from cashbook.categories.schemas import Colour
from cashbook.kit.schemas import omittable

TagName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class TagCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TagName
    colour: Colour = "#9e9e9e"


class TagUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TagName = omittable()
    colour: Colour = omittable()


class TagRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    colour: str
    created_at: datetime
    updated_at: datetime
