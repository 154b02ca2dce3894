"""Fuzzy matching of people's names: misspellings, nicknames, hyphenated and swapped names.

Two parts, both pure. ``search_keys`` turns a name into blocking keys that are stored per
person and looked up by equality (so a search reads an index, never the whole table):
normalised tokens, their Metaphone and Soundex codes, and the nickname group of a given name.
``score`` then ranks the few candidates those keys bring back, from 0 to 1, using
Jaro-Winkler similarity, nickname groups and the date of birth.
"""

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

import jellyfish

#: At or above this a candidate is very probably the same person (duplicate warnings).
STRONG_MATCH = 0.9
#: Below this a candidate is not shown in search results.
WEAK_MATCH = 0.72

#: Given names and the short forms people use for them. A name may sit in several groups.
NICKNAME_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "alexander alex alec al sandy xander",
        "alexandra alex alexa lexi sandra sasha",
        "andrew andy drew",
        "anthony tony ant",
        "benjamin ben benji benny",
        "catherine katherine kathryn kate katie kat cat cathy kathy kitty",
        "charles charlie chas chuck",
        "charlotte charlie lottie lotte",
        "christopher chris kit topher",
        "christine christina chris chrissy tina",
        "daniel dan danny",
        "david dave davy",
        "deborah debbie debs",
        "edward ed eddie ted teddy ned",
        "eleanor elena ellie nell nellie",
        "elizabeth liz lizzie beth betty eliza libby bess",
        "frederick fred freddie",
        "gabriel gabe",
        "harold harry hal",
        "henry harry hal hank",
        "isabella isabel isabelle bella izzy issy",
        "jacob jake",
        "james jim jimmy jamie",
        "jennifer jenny jen",
        "jessica jess jessie",
        "john jon jack johnny",
        "jonathan jon jonny nathan",
        "joseph joe joey",
        "joshua josh",
        "kimberley kimberly kim",
        "lawrence laurence larry laurie",
        "leonard leo len lenny",
        "margaret maggie meg peggy margo",
        "matthew matt matty",
        "michael mike mick mikey mickey",
        "nathaniel nathan nate nat",
        "nicholas nick nicky",
        "oliver ollie olly",
        "olivia liv livvy",
        "patrick pat paddy",
        "peter pete",
        "rebecca becky becca",
        "richard rich rick ricky dick",
        "robert rob robbie bob bobby bert",
        "samantha sam sammy",
        "samuel sam sammy",
        "sophia sophie",
        "stephen steven steve stevie",
        "susan sue susie",
        "theodore theo ted teddy",
        "thomas tom tommy",
        "timothy tim timmy",
        "victoria vicky tori",
        "william will bill billy liam willie",
        "zachary zach zack",
    )
)
_GROUPS_OF: dict[str, tuple[int, ...]] = {}
for _index, _group in enumerate(NICKNAME_GROUPS):
    for _name in _group:
        _GROUPS_OF[_name] = (*_GROUPS_OF.get(_name, ()), _index)


def normalise(name: str) -> str:
    """Lower case, accents removed, apostrophes dropped, other punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[^a-z]+", " ", plain).strip()


@functools.lru_cache(maxsize=8192)
def tokens(name: str) -> tuple[str, ...]:
    """A name's words; a hyphenated or multi-word name also counts as the words joined."""
    words = normalise(name).split()
    if len(words) > 1:
        return (*words, "".join(words))
    return tuple(words)


def nickname_groups(given: str) -> tuple[int, ...]:
    return _GROUPS_OF.get(given, ())


def _token_keys(prefix: str, token: str) -> set[str]:
    keys = {f"{prefix}:{token}"}
    if len(token) > 1:
        keys.add(f"{prefix}m:{jellyfish.metaphone(token)}")
        keys.add(f"{prefix}s:{jellyfish.soundex(token)}")
    if prefix == "g":
        keys.update(f"gn:{g}" for g in nickname_groups(token))
    return keys


def search_keys(given: str, family: str, other_names: tuple[str, ...]) -> set[str]:
    """Blocking keys for a person (or a query): ``g…`` from given names, ``f…`` from family."""
    keys: set[str] = set()
    for token in tokens(given):
        keys |= _token_keys("g", token)
    for token in tokens(family):
        keys |= _token_keys("f", token)
    for other in other_names:
        words = normalise(other).split()
        if not words:
            continue
        for token in tokens(" ".join(words[:-1])) if len(words) > 1 else ():
            keys |= _token_keys("g", token)
        for token in tokens(words[-1]):
            keys |= _token_keys("f", token)
    return {k[:40] for k in keys}


@dataclass(frozen=True)
class NameQuery:
    given: str = ""
    family: str = ""
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class Candidate:
    given: str
    family: str
    other_names: tuple[str, ...] = ()
    date_of_birth: dt.date | None = None


@functools.lru_cache(maxsize=8192)
def _metaphone(token: str) -> str:
    return jellyfish.metaphone(token)


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    sim = jellyfish.jaro_winkler_similarity(a, b)
    if len(a) > 1 and len(b) > 1 and _metaphone(a) == _metaphone(b):
        sim = max(sim, 0.93)
    return sim


def _best(query: str, names: list[str], *, given: bool) -> float:
    """How well ``query`` matches the closest of ``names``, token by token."""
    q_tokens = tokens(query)
    if not q_tokens:
        return 0.0
    best = 0.0
    for name in names:
        n_tokens = tokens(name)
        for q in q_tokens:
            for n in n_tokens:
                sim = _similarity(q, n)
                if given and set(nickname_groups(q)) & set(nickname_groups(n)):
                    sim = max(sim, 0.95)
                if given and len(q) == 1 and n.startswith(q):  # an initial
                    sim = max(sim, 0.85)
                best = max(best, sim)
    return best


def _dob_score(query: dt.date | None, candidate: dt.date | None) -> float | None:
    if query is None:
        return None
    if candidate is None:
        return 0.5
    if query == candidate:
        return 1.0
    swapped = query.day <= 12 and (candidate.month, candidate.day) == (query.day, query.month)
    same_day_other_year = (query.month, query.day) == (candidate.month, candidate.day)
    if swapped and query.year == candidate.year:
        return 0.85
    if same_day_other_year and abs(query.year - candidate.year) == 1:
        return 0.8
    if abs((query - candidate).days) <= 3:
        return 0.7
    return 0.0


def _names(candidate: Candidate) -> tuple[list[str], list[str]]:
    givens, families = [candidate.given], [candidate.family]
    for other in candidate.other_names:
        words = other.split()
        if len(words) > 1:
            givens.append(" ".join(words[:-1]))
        if words:
            families.append(words[-1])
    return givens, families


def _name_score(given: str, family: str, candidate: Candidate) -> float:
    givens, families = _names(candidate)
    family_sim = _best(family, families, given=False) if family else None
    given_sim = _best(given, givens, given=True) if given else None
    if family_sim is not None and given_sim is not None:
        return 0.55 * family_sim + 0.45 * given_sim
    if family_sim is not None:
        # A single word may be either name ("Amelia" or "Hart").
        return max(family_sim, _best(family, givens, given=True))
    return given_sim or 0.0


def score(query: NameQuery, candidate: Candidate) -> float:
    """How likely the candidate is the person asked about, from 0 to 1."""
    name = max(
        _name_score(query.given, query.family, candidate),
        0.95 * _name_score(query.family, query.given, candidate),  # names given the wrong way round
    )
    dob = _dob_score(query.date_of_birth, candidate.date_of_birth)
    if dob is None:
        return round(name, 4)
    if dob == 0.0:  # still shown, below people born that day: a date can be recorded wrongly
        return round(name * 0.8, 4)
    return round(0.75 * name + 0.25 * dob, 4)
