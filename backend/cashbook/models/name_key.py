"""Names unique per person whatever their case or Unicode form ("Žabka", "ŽABKA", "Z\u030cabka"
are one name), on both databases alike.

Neither database's own comparison agrees with Python's: SQLite's `lower()` folds ASCII only,
MariaDB's `utf8mb4_unicode_ci` also ignores accents ("Zabka" = "Žabka"). So each row stores its
name's key (NFKC, then case-folded), compared byte for byte, and the unique constraint is on it.
"""

import unicodedata

from sqlalchemy import String
from sqlalchemy.dialects.mysql import VARCHAR
from sqlalchemy.orm import Mapped, mapped_column, validates

# Case folding can lengthen a name (ß → ss): room for twice the longest name.
KEY_LENGTH = 200
NameKeyType = String(KEY_LENGTH).with_variant(
    VARCHAR(KEY_LENGTH, collation="utf8mb4_bin"), "mysql", "mariadb"
)


def name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


class NameKeyMixin:
    name: Mapped[str]
    name_key: Mapped[str] = mapped_column(NameKeyType)

    @validates("name")
    def _set_name_key(self, _field: str, name: str) -> str:
        self.name_key = name_key(name)
        return name
