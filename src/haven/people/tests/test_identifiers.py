import pytest
from hypothesis import given
from hypothesis import strategies as st

from haven.people import identifiers
from haven.people.identifiers import IdentifierError


def _upn(rest: str) -> str:
    return identifiers.upn_check_letter(rest) + rest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("943 476 5919", "9434765919"),
        ("9434765919", "9434765919"),
        ("401-023-2137", "4010232137"),
    ],
)
def test_valid_nhs_numbers_are_normalised(value: str, expected: str) -> None:
    assert identifiers.validate_nhs_number(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9434765918", "not valid"),  # wrong check digit
        ("943476591", "10 digits"),
        ("94347659190", "10 digits"),
        ("94347A5919", "10 digits"),
    ],
)
def test_invalid_nhs_numbers_say_why(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        identifiers.validate_nhs_number(value)


def test_a_stem_whose_check_would_be_ten_has_no_valid_number() -> None:
    # 10*1 + 9*0 ... chosen so that 11 - sum % 11 == 10.
    stem = next(
        f"{n:09d}"
        for n in range(100000000, 100100000)
        if identifiers.nhs_check_digit(f"{n:09d}") is None
    )
    for last in "0123456789":
        with pytest.raises(IdentifierError):
            identifiers.validate_nhs_number(stem + last)


@given(st.from_regex(r"\A\d{9}\Z"))
def test_every_nhs_number_made_with_the_check_digit_validates(stem: str) -> None:
    check = identifiers.nhs_check_digit(stem)
    if check is None:
        return
    number = f"{stem}{check}"
    assert identifiers.validate_nhs_number(number) == number
    wrong = f"{stem}{(check + 1) % 10}"
    with pytest.raises(IdentifierError):
        identifiers.validate_nhs_number(wrong)


def test_upn_check_letter_matches_a_worked_example() -> None:
    # A201 3 1 2 3 4 5 6 7 8 9: sum of weights x digits, mod 23.
    rest = "201312345678"
    total = sum(int(c) * w for c, w in zip(rest, range(2, 14), strict=True))
    assert identifiers.upn_check_letter(rest) == identifiers.UPN_LETTERS[total % 23]


@given(st.from_regex(r"\A\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]\Z"))
def test_every_upn_with_its_check_letter_validates(rest: str) -> None:
    upn = _upn(rest)
    assert identifiers.validate_upn(upn.lower()) == upn
    wrong = next(c for c in identifiers.UPN_LETTERS if c != upn[0]) + rest
    with pytest.raises(IdentifierError, match="check letter"):
        identifiers.validate_upn(wrong)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A12345678901", "13 characters"),
        ("A1234567890123", "13 characters"),
        ("1123456789012", "letter, 11 digits"),
        ("A12345678901I", "other than I, O or S"),
        ("A1234X6789012", "letter, 11 digits"),
    ],
)
def test_malformed_upns_say_why(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        identifiers.validate_upn(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nn1 5ab", "NN1 5AB"),
        ("NN15AB", "NN1 5AB"),
        ("  sw1a 1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("EC1A1BB", "EC1A 1BB"),
    ],
)
def test_postcodes_are_put_in_standard_form(value: str, expected: str) -> None:
    assert identifiers.validate_postcode(value) == expected


@pytest.mark.parametrize("value", ["", "NN1", "12345", "NN1 5A", "Q1A 1AA1", "N N1 5AB!"])
def test_not_postcodes_are_refused(value: str) -> None:
    with pytest.raises(IdentifierError, match="postcode"):
        identifiers.validate_postcode(value)


def test_postcode_district_and_search_form() -> None:
    assert identifiers.postcode_district("nn1 5ab") == "NN1"
    assert identifiers.normalise_postcode("nn1") == "NN1"
    assert identifiers.normalise_postcode("nn15ab") == "NN1 5AB"
