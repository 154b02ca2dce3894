"""Reading the docs/statutory pages in tests: their dates, worked examples and the council
example, so each page is checked against the rule it describes."""

import re
from datetime import date

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DATE = re.compile(rf"(?:({'|'.join(_WEEKDAYS)}) )?(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})")
_COUNCIL = re.compile(
    r"A council that (?:sets|visits every) (\d+) (working days|weeks|months|days)"
)


def page_date(text: str) -> date:
    """The first date written in ``text``, checking its weekday where one is given."""
    found = _DATE.search(text)
    assert found, f"no date in {text!r}"
    weekday, day, month, year = found.groups()
    value = date(int(year), _MONTHS.index(month) + 1, int(day))
    if weekday:
        actual = _WEEKDAYS[value.weekday()]
        assert actual == weekday, f"{found.group(0)} is a {actual}"
    return value


def worked_examples(page: str) -> list[tuple[date, date, str]]:
    """The rows of the first table under "Worked examples": (start, due, why)."""
    section = page.split("\n## Worked examples\n", 1)[1]
    rows: list[tuple[date, date, str]] = []
    for line in section.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if set(cells[0]) <= {"-"} or not _DATE.search(cells[0]):
            continue  # the header and the rule under it
        rows.append((page_date(cells[0]), page_date(cells[1]), cells[2]))
    return rows


def council_example(page: str) -> tuple[int, str, date, date] | None:
    """The "A council that sets N ..." example: (N, unit, start, due), if the page has one."""
    text = " ".join(page.split())
    found = _COUNCIL.search(text)
    if not found:
        return None
    sentence = text[found.end() :].split("**.", 1)[0]
    bold = re.search(r"\*\*(.+)", sentence)
    assert bold, f"the due date in {sentence!r} is not in bold"
    return int(found.group(1)), found.group(2), page_date(sentence), page_date(bold[1])
