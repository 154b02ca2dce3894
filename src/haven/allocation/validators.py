import re

from django.core.exceptions import ValidationError

_SWE = re.compile(r"^SW\d{1,10}$")


def normalise_swe_number(value: str) -> str:
    """A Social Work England registration number: "SW" and up to 10 digits (e.g. SW123456)."""
    cleaned = re.sub(r"\s+", "", value).upper()
    if not _SWE.match(cleaned):
        raise ValidationError(
            "Social Work England number must be SW followed by up to 10 digits, like SW123456",
            code="swe_format",
        )
    return cleaned
