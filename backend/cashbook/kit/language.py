"""The languages Cashbook speaks (the web app's and the emails'), one list for every domain."""

from typing import Literal

Language = Literal["en", "cs"]
LANGUAGES: tuple[Language, ...] = ("en", "cs")
DEFAULT_LANGUAGE: Language = "en"
