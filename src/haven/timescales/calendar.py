"""Working days, calendar months and the England and Wales bank-holiday data.

Haven's counting conventions (docs/statutory/working-days.md):

* "Within N working days of E": the day of E is day 0 and the deadline is the Nth working day after
  it. If E falls on a non-working day, the first working day after E is day 1.
* Working days exclude Saturdays, Sundays and England and Wales bank holidays, including substitute
  days and one-off holidays.
* "Within N months": add N calendar months; when that day does not exist, use the last day of the
  month (31 January + 1 month = 28/29 February).

Counting never guesses: a date outside the years the bank-holiday list covers raises
``CalendarRangeError`` rather than being treated as holiday-free.
"""

import functools
import json
import os
import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "DIVISION",
    "SHIPPED_DATA",
    "BankHoliday",
    "CalendarRangeError",
    "WorkingDayCalendar",
    "add_days",
    "add_months",
    "add_weeks",
    "calendar_from_file",
    "default_calendar",
    "load_bank_holidays",
    "merge_bank_holidays",
    "parse_bank_holidays",
    "read_bank_holidays",
    "shipped_bank_holidays",
    "write_bank_holidays",
]

DIVISION = "england-and-wales"
GOVUK_SOURCE = "https://www.gov.uk/bank-holidays.json"
DEFAULT_TITLE = "Bank holiday"

SHIPPED_DATA = Path(__file__).parent / "data" / "bank_holidays_england_wales.json"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = timedelta(days=1)


class CalendarRangeError(ValueError):
    """A date falls outside the years the bank-holiday data covers."""


class BankHoliday(NamedTuple):
    day: date
    title: str


def _require_date(value: object, name: str) -> date:
    # datetime is a subclass of date but never equals one, so it would silently miss holidays.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")
    return value


def _require_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


@dataclass(frozen=True, init=False)
class WorkingDayCalendar:
    """Working days for the years ``first_year`` to ``last_year`` inclusive.

    By default the covered years run from the earliest to the latest year in ``holidays``; every
    covered year must list at least one bank holiday, so a missing year is an error, not a year
    without holidays.
    """

    holidays: frozenset[date] = field(repr=False)
    first_year: int
    last_year: int
    _working_days: tuple[date, ...] = field(repr=False, compare=False)

    def __init__(
        self,
        holidays: Iterable[date],
        *,
        first_year: int | None = None,
        last_year: int | None = None,
    ) -> None:
        days = frozenset(_require_date(d, "holiday") for d in holidays)
        if not days:
            raise ValueError("a working-day calendar needs at least one bank holiday")
        years = {d.year for d in days}
        first = min(years) if first_year is None else _require_int(first_year, "first_year")
        last = max(years) if last_year is None else _require_int(last_year, "last_year")
        if not MINYEAR < first <= last < MAXYEAR:
            raise ValueError(f"invalid covered years {first}-{last}")
        outside = sorted(d for d in days if not first <= d.year <= last)
        if outside:
            raise ValueError(
                f"bank holiday {outside[0].isoformat()} is outside the covered years {first}-{last}"
            )
        missing = [y for y in range(first, last + 1) if y not in years]
        if missing:
            raise ValueError(
                f"no bank holidays listed for {', '.join(map(str, missing))}; "
                f"the list must cover every year from {first} to {last}"
            )
        working: list[date] = []
        day, end = date(first, 1, 1), date(last, 12, 31)
        while day <= end:
            if day.weekday() < 5 and day not in days:
                working.append(day)
            day += _ONE_DAY
        object.__setattr__(self, "holidays", days)
        object.__setattr__(self, "first_year", first)
        object.__setattr__(self, "last_year", last)
        object.__setattr__(self, "_working_days", tuple(working))

    @property
    def first_day(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.last_year, 12, 31)

    def covers(self, d: date) -> bool:
        """Whether the bank-holiday data covers ``d``."""
        return self.first_year <= _require_date(d, "date").year <= self.last_year

    def _out_of_range(self, what: str) -> CalendarRangeError:
        return CalendarRangeError(
            f"{what}: the bank-holiday data covers {self.first_year}-{self.last_year} only; "
            "load a list that covers it (haven bank_holidays load FILE)"
        )

    def _check_counted_from(self, start: date) -> None:
        # Only the days after ``start`` are counted, so ``start`` itself may be the day before
        # the data begins.
        if start < self.first_day - _ONE_DAY or start >= self.last_day:
            raise self._out_of_range(f"cannot count working days after {start.isoformat()}")

    def is_working_day(self, d: date) -> bool:
        """Not a Saturday, a Sunday or a bank holiday."""
        if not self.covers(d):
            raise self._out_of_range(f"cannot tell whether {d.isoformat()} is a working day")
        return d.weekday() < 5 and d not in self.holidays

    def add_working_days(self, d: date, n: int) -> date:
        """The Nth working day after ``d`` (day 0); ``n == 0`` returns ``d`` itself."""
        _require_date(d, "date")
        if _require_int(n, "n") < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        if n == 0:
            return d
        self._check_counted_from(d)
        index = bisect_right(self._working_days, d) + n - 1
        if index >= len(self._working_days):
            raise self._out_of_range(
                f"{n} working days after {d.isoformat()} falls after {self.last_day.isoformat()}"
            )
        return self._working_days[index]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b``; 0 when ``b <= a``."""
        _require_date(a, "a")
        _require_date(b, "b")
        if b <= a:
            return 0
        self._check_counted_from(a)
        if b > self.last_day:
            raise self._out_of_range(f"cannot count working days up to {b.isoformat()}")
        return bisect_right(self._working_days, b) - bisect_right(self._working_days, a)

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar({len(self.holidays)} holidays, {self.first_year}-{self.last_year})"
        )


def add_days(d: date, n: int) -> date:
    """Calendar days: the day of the event is day 0."""
    return _require_date(d, "date") + timedelta(days=_require_int(n, "n"))


def add_weeks(d: date, n: int) -> date:
    return _require_date(d, "date") + timedelta(weeks=_require_int(n, "n"))


def add_months(d: date, n: int) -> date:
    """Add calendar months, clamping to the last day of a shorter month.

    31 January + 1 month = 28 February (29 in a leap year); 31 August + 6 months = 28/29 February.
    """
    _require_date(d, "date")
    year, month0 = divmod(d.year * 12 + d.month - 1 + _require_int(n, "n"), 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"{d.isoformat()} + {n} months is outside the supported years")
    month = month0 + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


# --- bank-holiday files --------------------------------------------------------------------------


def _json_type(value: object) -> str:
    match value:
        case dict():
            return "an object"
        case list():
            return "a list"
        case str():
            return "a string"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case None:
            return "null"
    return type(value).__name__


def _parse_entry(entry: object, where: str, *, with_notes: bool) -> BankHoliday:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object, got {_json_type(entry)}")
    raw_date = entry.get("date")
    if not isinstance(raw_date, str) or not _ISO_DATE.fullmatch(raw_date):
        raise ValueError(f"{where}: 'date' must be a YYYY-MM-DD string, got {raw_date!r}")
    try:
        day = date.fromisoformat(raw_date)
    except ValueError:
        raise ValueError(f"{where}: {raw_date!r} is not a real date") from None
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"{where}: 'title' must be a non-empty string, got {title!r}")
    title = title.strip()
    if with_notes:
        notes = entry.get("notes", "")
        if not isinstance(notes, str):
            raise ValueError(f"{where}: 'notes' must be a string, got {notes!r}")
        if notes.strip():
            title = f"{title} ({notes.strip()})"
    return BankHoliday(day, title)


def _entries(data: Mapping[str, Any], origin: str) -> tuple[list[object], str, bool]:
    if "holidays" in data:
        division = data.get("division")
        if division != DIVISION:
            raise ValueError(f"{origin}: 'division' must be {DIVISION!r}, got {division!r}")
        source = data.get("source", "")
        if not isinstance(source, str):
            raise ValueError(f"{origin}: 'source' must be a string, got {_json_type(source)}")
        holidays = data["holidays"]
        if not isinstance(holidays, list):
            raise ValueError(f"{origin}: 'holidays' must be a list, got {_json_type(holidays)}")
        return holidays, "holidays", False
    if DIVISION in data:
        block = data[DIVISION]
        if not isinstance(block, dict):
            raise ValueError(f"{origin}: {DIVISION!r} must be an object, got {_json_type(block)}")
        if block.get("division", DIVISION) != DIVISION:
            raise ValueError(
                f"{origin}: {DIVISION}.division must be {DIVISION!r}, got {block['division']!r}"
            )
        events = block.get("events")
        if not isinstance(events, list):
            raise ValueError(
                f"{origin}: {DIVISION}.events must be a list, got {_json_type(events)}"
            )
        return events, f"{DIVISION}.events", True
    keys = ", ".join(sorted(map(repr, data))) or "none"
    raise ValueError(
        f"{origin}: not a bank-holiday file: expected Haven's format (a 'holidays' list) or "
        f"the GOV.UK format (an {DIVISION!r} object); top-level keys: {keys}"
    )


def parse_bank_holidays(text: str, *, origin: str = "<string>") -> list[BankHoliday]:
    """Parse GOV.UK or Haven bank-holiday JSON; ``origin`` names the source in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{origin}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(
            f"{origin}: expected a JSON object at the top level, got {_json_type(data)}"
        )
    entries, key, with_notes = _entries(data, origin)
    holidays: list[BankHoliday] = []
    seen: dict[date, int] = {}
    for index, entry in enumerate(entries):
        where = f"{origin}: {key}[{index}]"
        holiday = _parse_entry(entry, where, with_notes=with_notes)
        if holiday.day in seen:
            first = f"{key}[{seen[holiday.day]}]"
            raise ValueError(f"{where}: {holiday.day.isoformat()} is already listed at {first}")
        seen[holiday.day] = index
        holidays.append(holiday)
    if not holidays:
        raise ValueError(f"{origin}: no bank holidays listed")
    return sorted(holidays)


def read_bank_holidays(path: str | os.PathLike[str]) -> list[BankHoliday]:
    """Bank holidays with their titles, from a GOV.UK or Haven file, sorted by date."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{file}: not UTF-8 text ({exc.reason})") from None
    return parse_bank_holidays(text, origin=str(file))


def load_bank_holidays(path: str | os.PathLike[str]) -> list[date]:
    """England and Wales bank-holiday dates from a GOV.UK or Haven file, sorted."""
    return [holiday.day for holiday in read_bank_holidays(path)]


def _as_holiday(item: object) -> BankHoliday:
    if isinstance(item, BankHoliday):
        _require_date(item.day, "holiday date")
        return item
    return BankHoliday(_require_date(item, "holiday"), DEFAULT_TITLE)


def write_bank_holidays(
    holidays: Iterable[date | BankHoliday],
    path: str | os.PathLike[str],
    *,
    source: str = GOVUK_SOURCE,
) -> None:
    """Write Haven's format; plain dates get the title "Bank holiday"."""
    entries = sorted(_as_holiday(item) for item in holidays)
    for before, after in pairwise(entries):
        if before.day == after.day:
            raise ValueError(f"{before.day.isoformat()} is listed twice")
    if not entries:
        raise ValueError("refusing to write an empty bank-holiday list")
    document = {
        "division": DIVISION,
        "source": source,
        "holidays": [{"date": h.day.isoformat(), "title": h.title} for h in entries],
    }
    file = Path(path)
    partial = file.with_name(f".{file.name}.partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(file)


def merge_bank_holidays(
    existing: Iterable[BankHoliday], update: Iterable[BankHoliday]
) -> list[BankHoliday]:
    """Replace whole years: every year present in ``update`` replaces that year in ``existing``.

    The GOV.UK feed only lists recent years, so a refresh must keep the older years it no longer
    publishes.
    """
    new = list(update)
    new_years = {h.day.year for h in new}
    return sorted([h for h in existing if h.day.year not in new_years] + new)


def calendar_from_file(path: str | os.PathLike[str]) -> WorkingDayCalendar:
    return WorkingDayCalendar(load_bank_holidays(path))


def shipped_bank_holidays() -> list[BankHoliday]:
    """The bank holidays shipped with Haven, from ``SHIPPED_DATA``."""
    return read_bank_holidays(SHIPPED_DATA)


@functools.cache
def default_calendar() -> WorkingDayCalendar:
    """The calendar built from ``SHIPPED_DATA``, loaded once per process.

    A process started before the file was refreshed keeps the old calendar until it restarts (or
    until ``default_calendar.cache_clear()``).
    """
    return WorkingDayCalendar(h.day for h in shipped_bank_holidays())
