import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from haven.timescales.calendar import (
    BankHoliday,
    calendar_from_file,
    load_bank_holidays,
    merge_bank_holidays,
    parse_bank_holidays,
    read_bank_holidays,
    shipped_bank_holidays,
    write_bank_holidays,
)

NEW_YEAR = "New Year\u2019s Day"  # GOV.UK's title uses a typographic apostrophe

GOVUK: dict[str, Any] = {
    "england-and-wales": {
        "division": "england-and-wales",
        "events": [
            {"title": "Christmas Day", "date": "2027-12-27", "notes": "Substitute day"},
            {"title": NEW_YEAR, "date": "2027-01-01", "notes": "", "bunting": True},
            {"title": "Boxing Day", "date": "2027-12-28", "notes": "Substitute day"},
        ],
    },
    "scotland": {
        "division": "scotland",
        "events": [{"title": "2nd January", "date": "2027-01-04", "notes": "Substitute day"}],
    },
    "northern-ireland": {"division": "northern-ireland", "events": []},
}

HAVEN: dict[str, Any] = {
    "division": "england-and-wales",
    "source": "test",
    "holidays": [
        {"date": "2024-01-01", "title": NEW_YEAR},
        {"date": "2024-12-25", "title": "Christmas Day"},
    ],
}


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_govuk_format_takes_only_england_and_wales(tmp_path: Path) -> None:
    path = write_json(tmp_path / "bank-holidays.json", GOVUK)
    assert load_bank_holidays(path) == [date(2027, 1, 1), date(2027, 12, 27), date(2027, 12, 28)]


def test_govuk_notes_become_part_of_the_title(tmp_path: Path) -> None:
    path = write_json(tmp_path / "bank-holidays.json", GOVUK)
    assert read_bank_holidays(path) == [
        BankHoliday(date(2027, 1, 1), NEW_YEAR),
        BankHoliday(date(2027, 12, 27), "Christmas Day (Substitute day)"),
        BankHoliday(date(2027, 12, 28), "Boxing Day (Substitute day)"),
    ]


def test_haven_format(tmp_path: Path) -> None:
    path = write_json(tmp_path / "holidays.json", HAVEN)
    assert load_bank_holidays(str(path)) == [date(2024, 1, 1), date(2024, 12, 25)]


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    holidays = [
        BankHoliday(date(2024, 12, 25), "Christmas Day"),
        BankHoliday(date(2024, 1, 1), NEW_YEAR),
    ]
    path = tmp_path / "out.json"
    write_bank_holidays(holidays, path, source="unit test")
    assert read_bank_holidays(path) == sorted(holidays)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["division"] == "england-and-wales"
    assert document["source"] == "unit test"
    assert document["holidays"][0] == {"date": "2024-01-01", "title": NEW_YEAR}
    assert not list(tmp_path.glob(".*partial"))


def test_write_plain_dates_gives_a_generic_title(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    write_bank_holidays([date(2024, 5, 6)], path)
    assert read_bank_holidays(path) == [BankHoliday(date(2024, 5, 6), "Bank holiday")]


def test_govuk_file_converts_to_haven_format(tmp_path: Path) -> None:
    source = write_json(tmp_path / "bank-holidays.json", GOVUK)
    target = tmp_path / "haven.json"
    write_bank_holidays(read_bank_holidays(source), target)
    assert read_bank_holidays(target) == read_bank_holidays(source)


@pytest.mark.parametrize(
    ("holidays", "message"),
    [
        ([date(2024, 1, 1), BankHoliday(date(2024, 1, 1), NEW_YEAR)], "listed twice"),
        ([], "empty"),
    ],
)
def test_write_refuses_bad_lists(tmp_path: Path, holidays: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        write_bank_holidays(holidays, tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()


def test_calendar_from_file(tmp_path: Path) -> None:
    cal = calendar_from_file(write_json(tmp_path / "bank-holidays.json", GOVUK))
    assert (cal.first_year, cal.last_year) == (2027, 2027)
    assert cal.next_working_day(date(2027, 12, 24)) == date(2027, 12, 29)


def haven_with(*entries: object, **top: object) -> dict[str, object]:
    return {"division": "england-and-wales", "holidays": list(entries)} | top


BAD_FILES: list[tuple[str, object, str]] = [
    ("not json", "{not json", "not valid JSON"),
    ("top-level list", [], "expected a JSON object at the top level, got a list"),
    ("unknown shape", {"events": []}, "not a bank-holiday file"),
    ("wrong division", haven_with(division="scotland"), "'division' must be 'england-and-wales'"),
    ("no division", {"holidays": []}, "'division' must be"),
    ("holidays not a list", haven_with() | {"holidays": {}}, "'holidays' must be a list"),
    ("source not a string", haven_with(source=1), "'source' must be a string"),
    ("entry not an object", haven_with("2024-01-01"), r"holidays\[0\]: expected an object"),
    (
        "day-first date",
        haven_with({"date": "01/01/2024", "title": "x"}),
        r"holidays\[0\]: 'date' must be a YYYY-MM-DD string, got '01/01/2024'",
    ),
    (
        "compact date",
        haven_with({"date": "20240101", "title": "x"}),
        r"holidays\[0\]: 'date' must be a YYYY-MM-DD",
    ),
    ("missing date", haven_with({"title": "x"}), r"'date' must be a YYYY-MM-DD string, got None"),
    (
        "impossible date",
        haven_with({"date": "2024-01-01", "title": "x"}, {"date": "2023-02-29", "title": "y"}),
        r"holidays\[1\]: '2023-02-29' is not a real date",
    ),
    (
        "missing title",
        haven_with({"date": "2024-01-01"}),
        r"holidays\[0\]: 'title' must be a non-empty string",
    ),
    ("blank title", haven_with({"date": "2024-01-01", "title": "  "}), "'title' must be"),
    (
        "duplicate date",
        haven_with({"date": "2024-01-01", "title": "a"}, {"date": "2024-01-01", "title": "b"}),
        r"holidays\[1\]: 2024-01-01 is already listed at holidays\[0\]",
    ),
    ("no holidays", haven_with(), "no bank holidays listed"),
    ("govuk division not an object", {"england-and-wales": []}, "must be an object"),
    (
        "govuk events missing",
        {"england-and-wales": {"division": "england-and-wales"}},
        "england-and-wales.events must be a list",
    ),
    (
        "govuk division mismatch",
        {"england-and-wales": {"division": "scotland", "events": []}},
        "england-and-wales.division must be",
    ),
    (
        "govuk bad entry",
        {
            "england-and-wales": {
                "events": [{"title": "Good Friday", "date": "2024-03-29"}, {"title": "Bad"}]
            }
        },
        r"england-and-wales.events\[1\]: 'date' must be",
    ),
    (
        "govuk notes not a string",
        {"england-and-wales": {"events": [{"title": "A", "date": "2024-03-29", "notes": 1}]}},
        r"england-and-wales.events\[0\]: 'notes' must be a string",
    ),
]


@pytest.mark.parametrize(
    ("content", "message"),
    [pytest.param(content, message, id=name) for name, content, message in BAD_FILES],
)
def test_bad_files_name_the_file_and_the_entry(
    tmp_path: Path, content: object, message: str
) -> None:
    path = tmp_path / "holidays.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write_json(path, content)
    with pytest.raises(ValueError, match=message) as caught:
        load_bank_holidays(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(ValueError, match="not UTF-8"):
        load_bank_holidays(path)


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_bank_holidays(tmp_path / "absent.json")


def test_parse_names_its_origin() -> None:
    with pytest.raises(ValueError, match=r"^feed: not valid JSON"):
        parse_bank_holidays("", origin="feed")


def test_merge_replaces_whole_years_and_keeps_the_rest() -> None:
    existing = [
        BankHoliday(date(2017, 1, 2), f"{NEW_YEAR} (Substitute day)"),
        BankHoliday(date(2018, 1, 1), NEW_YEAR),
        BankHoliday(date(2018, 5, 7), "Early May bank holiday"),
    ]
    update = [
        BankHoliday(date(2018, 1, 1), NEW_YEAR),
        BankHoliday(date(2028, 1, 3), f"{NEW_YEAR} (Substitute day)"),
    ]
    assert merge_bank_holidays(existing, update) == [
        BankHoliday(date(2017, 1, 2), f"{NEW_YEAR} (Substitute day)"),
        BankHoliday(date(2018, 1, 1), NEW_YEAR),
        BankHoliday(date(2028, 1, 3), f"{NEW_YEAR} (Substitute day)"),
    ]


def test_shipped_file_is_in_havens_format(tmp_path: Path) -> None:
    shipped = shipped_bank_holidays()
    assert len(shipped) == 107
    path = tmp_path / "copy.json"
    write_bank_holidays(shipped, path)
    assert read_bank_holidays(path) == shipped
