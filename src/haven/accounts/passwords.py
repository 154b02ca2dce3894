"""Password rules beyond Django's: a mix of character classes."""

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Passwords need three of: lower case, upper case, digits, symbols (after the length rule)."""

    def validate(self, password: str, user: object = None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                "Password must use at least three of: lower-case letters, capital letters, "
                "numbers and symbols.",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return (
            "Use at least 12 characters and three of: lower-case letters, capital letters, "
            "numbers and symbols."
        )
