import re

import pytest

from haven.care import geography
from haven.care.geography import OUTCODES, distance_miles, in_area, outcode, placement_la


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [
        ("NN1 5AB", "NN1"),
        ("nn1 5ab", "NN1"),
        ("NN15AB", "NN1"),
        ("  mk40 1aa ", "MK40"),
        ("MK401AA", "MK40"),
        ("B1 1AA", "B1"),
        ("B11AA", "B1"),
        ("NN12", "NN12"),
        ("EH1", "EH1"),
        ("", ""),
    ],
)
def test_the_outward_part_of_a_postcode(postcode: str, expected: str) -> None:
    assert outcode(postcode) == expected


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("NN1 1AA", "MK9 2AB", 13, 20),  # Northampton to central Milton Keynes
        ("NN1 1AA", "LE1 6ZG", 27, 35),  # to Leicester
        ("NN1 1AA", "CV1 2GT", 25, 33),  # to Coventry
        ("NN1 1AA", "B1 1AA", 42, 50),  # to Birmingham
        ("NN1 1AA", "E1 6AN", 56, 66),  # to Whitechapel
        ("NN1 1AA", "EH1 1YZ", 260, 285),  # to Edinburgh
        ("NN1 1AA", "NN11 4AA", 9, 15),  # to Daventry, in the same council
        ("NN13 5AA", "OX16 9AA", 5, 12),  # Brackley to Banbury: near, across a boundary
    ],
)
def test_distances_are_roughly_right(a: str, b: str, low: float, high: float) -> None:
    miles = distance_miles(a, b)
    assert miles is not None
    assert low <= miles <= high


def test_distance_is_symmetric_zero_to_itself_and_to_one_decimal_place() -> None:
    assert distance_miles("NN1 1AA", "LE1 1AA") == distance_miles("LE1 1AA", "NN1 1AA")
    assert distance_miles("NN1 1AA", "NN1 9ZZ") == 0.0
    miles = distance_miles("NN1", "OX1")
    assert miles is not None
    assert round(miles, 1) == miles


@pytest.mark.parametrize(("a", "b"), [("ZZ9 9ZZ", "NN1 1AA"), ("NN1 1AA", ""), ("", "")])
def test_an_unknown_district_has_no_distance(a: str, b: str) -> None:
    assert distance_miles(a, b) is None


@pytest.mark.parametrize(
    ("postcode", "la_code"),
    [
        ("NN4 6AA", "940"),
        ("NN11 4AA", "940"),
        ("NN13 5AA", "940"),
        ("NN17 1AA", "941"),
        ("MK9 2AB", "826"),
        ("LE1 6ZG", "856"),
        ("LE11 3AA", "855"),
        ("CV1 2GT", "331"),
        ("B1 1AA", "330"),
        ("OX1 1AA", "931"),
        ("NG1 1AA", "892"),
        ("MK40 1AA", "822"),
        ("ST1 1AA", "861"),
        ("CF10 1AA", "WAL"),
        ("EH1 1YZ", "SCO"),
        ("ZZ9 9ZZ", ""),
    ],
)
def test_the_authority_a_postcode_lies_in(postcode: str, la_code: str) -> None:
    assert placement_la(postcode) == la_code


def test_in_area_is_yes_no_or_unknown() -> None:
    assert in_area("NN3 8QT", "940") is True
    assert in_area("NN16 8AA", "940") is False
    assert in_area("ZZ9 9ZZ", "940") is None


def test_the_districts_file_covers_the_county_and_beyond() -> None:
    west = {f"NN{n}" for n in (1, 2, 3, 4, 5, 6, 7, 11, 12, 13)}
    north = {f"NN{n}" for n in (8, 9, 10, 14, 15, 16, 17, 18)}
    assert {code for code, d in OUTCODES.items() if d.la_code == "940"} == west
    assert north <= {code for code, d in OUTCODES.items() if d.la_code == "941"}
    assert len(OUTCODES) >= 80
    for district in OUTCODES.values():
        assert district.code == outcode(district.code)
        assert 49.8 < district.lat < 60.9  # within Great Britain
        assert -8.7 < district.lon < 1.8
        assert re.fullmatch(r"\d{3}|WAL|SCO", district.la_code)


def test_every_district_is_named_once_with_one_authority_name_per_number() -> None:
    names: dict[str, set[str]] = {}
    for district in geography.OUTCODES.values():
        names.setdefault(district.la_code, set()).add(district.la_name)
    assert all(len(n) == 1 for n in names.values())
