"""The emails Cashbook sends. Each function builds one message; nothing here sends it."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    subject: str
    text: str
    template: str


def verify_email(to: str, first_name: str, link: str) -> Email:
    return Email(
        to=to,
        subject="Confirm your email for Cashbook",
        template="verify-email",
        text=(
            f"Hello {first_name or 'there'},\n\n"
            "please confirm your email address by opening this link:\n\n"
            f"{link}\n\n"
            "If you did not create a Cashbook account, ignore this message.\n"
        ),
    )


def reset_password(to: str, first_name: str, link: str) -> Email:
    return Email(
        to=to,
        subject="Reset your Cashbook password",
        template="reset-password",
        text=(
            f"Hello {first_name or 'there'},\n\n"
            "someone asked to reset the password of your Cashbook account. To choose a new one,\n"
            "open this link (it works once and expires within an hour):\n\n"
            f"{link}\n\n"
            "If it was not you, ignore this message: your password stays as it is.\n"
        ),
    )
