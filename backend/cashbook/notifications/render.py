"""Renders an email from its templates: a subject, a plain-text body and an HTML body."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from cashbook.kit.language import Language
from cashbook.notifications.messages import SUBJECTS


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


@cache
def _environment(language: Language, html: bool) -> Environment:
    # StrictUndefined: a missing value fails the send (and shows in tests) instead of
    # mailing a sentence with a hole in it.
    return Environment(
        loader=PackageLoader("cashbook.notifications", f"templates/{language}"),
        autoescape=html,  # noqa: S701 - the text bodies are plain text, not HTML
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, context: dict[str, Any], language: Language) -> Rendered:
    subjects = SUBJECTS[language]
    if template not in subjects:
        raise LookupError(f"no email template named {template}")
    text = _environment(language, False)
    subject = text.from_string(subjects[template]).render(context)
    return Rendered(
        subject=" ".join(subject.split()),
        text=text.get_template(f"{template}.txt.j2").render(context),
        html=_environment(language, True).get_template(f"{template}.html.j2").render(context),
    )
