import datetime as dt

import pytest

from haven.people.names import (
    STRONG_MATCH,
    WEAK_MATCH,
    Candidate,
    NameQuery,
    normalise,
    score,
    search_keys,
    tokens,
)

AMELIA = Candidate("Amelia", "Hart", date_of_birth=dt.date(2015, 3, 2))


def test_normalise_drops_accents_and_apostrophes() -> None:
    assert normalise("Zoë O’Brien-Smith") == "zoe obrien smith"
    assert tokens("Smith-Jones") == ("smith", "jones", "smithjones")


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        (NameQuery("Amelai", "Hrat"), AMELIA),  # transposed letters in both
        (NameQuery("Amelia", "Heart"), AMELIA),  # sounds the same
        (NameQuery("Bill", "Smith"), Candidate("William", "Smith")),  # nickname
        (NameQuery("Katie", "Brown"), Candidate("Katherine", "Brown")),
        (NameQuery("Tom", "Jones"), Candidate("Thomas", "Smith-Jones")),  # hyphenated
        (NameQuery("Ava", "Smith Jones"), Candidate("Ava", "Smith-Jones")),
        (NameQuery("Hart", "Amelia"), AMELIA),  # names the wrong way round
        (NameQuery("Jo", "Blogs"), Candidate("Jo", "Bloggs")),
    ],
)
def test_likely_matches_score_above_the_search_threshold(
    query: NameQuery, candidate: Candidate
) -> None:
    assert score(query, candidate) >= WEAK_MATCH


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        (NameQuery("Amelia", "Hart"), Candidate("Oliver", "Nowak")),
        (NameQuery("John", "Smith"), Candidate("Priya", "Patel")),
        (NameQuery("", "Hart"), Candidate("Zainab", "Okafor")),
    ],
)
def test_different_people_score_below_it(query: NameQuery, candidate: Candidate) -> None:
    assert score(query, candidate) < WEAK_MATCH


def test_date_of_birth_separates_namesakes() -> None:
    same_day = score(NameQuery("Amelia", "Hart", dt.date(2015, 3, 2)), AMELIA)
    swapped = score(NameQuery("Amelia", "Hart", dt.date(2015, 2, 3)), AMELIA)
    other = score(NameQuery("Amelia", "Hart", dt.date(2011, 9, 20)), AMELIA)
    assert same_day >= STRONG_MATCH
    assert same_day > swapped > other
    assert other < STRONG_MATCH


def test_other_names_are_matched() -> None:
    known_as = Candidate("Amelia", "Hart", other_names=("Millie Jones",))
    assert score(NameQuery("Millie", "Jones"), known_as) >= STRONG_MATCH


def test_search_keys_share_a_key_for_misspellings_and_nicknames() -> None:
    assert search_keys("Amelia", "Hart", ()) & search_keys("Amelai", "Hrat", ())
    william = {k for k in search_keys("William", "", ()) if k.startswith("gn:")}
    bill = {k for k in search_keys("Bill", "", ()) if k.startswith("gn:")}
    assert william & bill
    assert "f:jones" in search_keys("", "Smith-Jones", ())
    assert all(len(k) <= 40 for k in search_keys("A" * 60, "B" * 60, ()))
