from cashbook.kit.repository import OwnedRepository
from cashbook.models import Tag


class TagRepository(OwnedRepository[Tag]):
    model = Tag
