"""Identifiers a child carries: UPN, NHS number, and postcodes, each validated as the DfE does.

Pure functions, so that forms, services, the scenario loader and the synthetic council all
apply the same rules. Each ``validate_*`` returns the normalised value or raises
``IdentifierError`` with a message that names the rule.
"""

import re

#: The 23 letters the UPN check letter is drawn from (no I, O or S).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

_UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


class IdentifierError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def upn_check_letter(rest: str) -> str:
    """The check letter for the last 12 characters of a UPN (DfE rule 1510).

    Each character is weighted by its position (2 to 13); a letter in position 13 (a
    temporary UPN) counts as its index in ``UPN_LETTERS``. The sum modulo 23 picks the letter.
    """
    if len(rest) != 12:
        raise IdentifierError("UPN must be 13 characters long")
    total = 0
    for weight, char in enumerate(rest, start=2):
        total += weight * (int(char) if char.isdigit() else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def validate_upn(value: str) -> str:
    """A unique pupil number: a check letter, 11 digits, and a digit or letter."""
    upn = _compact(value)
    if len(upn) != 13:
        raise IdentifierError("UPN must be 13 characters long")
    if not _UPN.match(upn) or (upn[-1].isalpha() and upn[-1] not in UPN_LETTERS):
        raise IdentifierError(
            "UPN must be a letter, 11 digits, then a digit or a letter other than I, O or S"
        )
    if upn_check_letter(upn[1:]) != upn[0]:
        raise IdentifierError("UPN check letter is wrong: check the UPN was copied correctly")
    return upn


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for nine digits, or None where no number is valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def validate_nhs_number(value: str) -> str:
    """Ten digits whose last is the modulus 11 check digit of the first nine."""
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\d{10}", digits):
        raise IdentifierError("NHS number must be 10 digits, like 943 476 5919")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise IdentifierError("NHS number is not valid: check the last digit was copied correctly")
    return digits


def validate_postcode(value: str) -> str:
    """A UK postcode in its standard form, outward and inward parts split by one space."""
    compact = _compact(value)
    m = _POSTCODE.match(compact)
    if not m:
        raise IdentifierError("Enter a real UK postcode, like NN1 5AB")
    return f"{m.group(1)} {m.group(2)}"


def normalise_postcode(value: str) -> str:
    """Like ``validate_postcode``; a search also accepts just the district (``NN1``)."""
    compact = _compact(value)
    if re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?", compact):
        return compact
    return validate_postcode(compact)


def postcode_district(postcode: str) -> str:
    """The outward part (``NN1``): enough to place an address without identifying it."""
    return validate_postcode(postcode).split(" ")[0]
