"""Renders an email from its templates: a subject, a plain-text body and an HTML body."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from cashbook.notifications.messages import SUBJECTS


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


@cache
def _environment(html: bool) -> Environment:
    # StrictUndefined: a missing value fails the send (and shows in tests) instead of
    # mailing a sentence with a hole in it.
    return Environment(
        loader=PackageLoader("cashbook.notifications", "templates"),
        autoescape=html,  # noqa: S701 - the text bodies are plain text, not HTML
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, context: dict[str, Any]) -> Rendered:
    if template not in SUBJECTS:
        raise LookupError(f"no email template named {template}")
    subject = _environment(False).from_string(SUBJECTS[template]).render(context)
    return Rendered(
        subject=" ".join(subject.split()),
        text=_environment(False).get_template(f"{template}.txt.j2").render(context),
        html=_environment(True).get_template(f"{template}.html.j2").render(context),
    )
