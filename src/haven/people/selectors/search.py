"""Finding people: by fuzzy name, date of birth, UPN, NHS number or postcode.

Names are matched in two steps. Indexed equality lookups on blocking keys
(``people.names.search_keys``: normalised tokens, phonetic codes, nickname groups) and on
date of birth bring back a bounded set of candidates; ``people.names.score`` then ranks them.
The same function warns about likely duplicates when a person is created.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Q

from haven.people import identifiers
from haven.people.models import Address, Person, PersonSearchKey
from haven.people.names import STRONG_MATCH, WEAK_MATCH, Candidate, NameQuery, score, search_keys

#: Candidates fetched from the key index before ranking; bounds the work per search.
MAX_CANDIDATES = 400


@dataclass(frozen=True)
class SearchQuery:
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    upn: str = ""
    nhs_number: str = ""
    postcode: str = ""
    include_adults: bool = False
    children_only: bool = True

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.name.strip(),
                self.given_name,
                self.family_name,
                self.date_of_birth,
                self.upn.strip(),
                self.nhs_number.strip(),
                self.postcode.strip(),
            )
        )

    def name_parts(self) -> tuple[str, str]:
        """(given, family) from the query: a free-text name's last word is the family name."""
        if self.given_name or self.family_name:
            return self.given_name.strip(), self.family_name.strip()
        words = self.name.replace(",", " ").split()
        if not words:
            return "", ""
        if "," in self.name:  # "Smith, John"
            family, _, given = self.name.partition(",")
            return given.strip(), family.strip()
        if len(words) == 1:
            return "", words[0]
        return " ".join(words[:-1]), words[-1]


@dataclass
class SearchResult:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


def _dob_variants(d: dt.date) -> list[dt.date]:
    """The date and its common typing slips: day and month swapped, year one out."""
    out = [d]
    if d.day <= 12 and d.day != d.month:
        with contextlib.suppress(ValueError):
            out.append(d.replace(day=d.month, month=d.day))
    for years in (-1, 1):
        with contextlib.suppress(ValueError):
            out.append(d.replace(year=d.year + years))
    return out


def _candidate_ids(query: SearchQuery, given: str, family: str) -> set[UUID]:
    ids: set[UUID] = set()
    if given or family:
        keys = (
            search_keys(given, family, ())
            if given and family
            else (search_keys("", family, ()) | search_keys(family, "", ()))
        )
        ranked = (
            PersonSearchKey.objects.filter(key__in=sorted(keys))
            .values("person_id")
            .annotate(hits=Count("key"))
            .order_by("-hits")[:MAX_CANDIDATES]
        )
        ids.update(row["person_id"] for row in ranked)
    if query.date_of_birth:
        ids.update(
            Person.objects.filter(date_of_birth__in=_dob_variants(query.date_of_birth)).values_list(
                "id", flat=True
            )[:MAX_CANDIDATES]
        )
    return ids


def _identifier_filter(query: SearchQuery) -> Q | None:
    q = Q()
    used = False
    if query.upn.strip():
        upn = query.upn.strip().upper().replace(" ", "")
        q &= Q(upn=upn) | Q(former_upn=upn)
        used = True
    if query.nhs_number.strip():
        nhs = "".join(c for c in query.nhs_number if c.isdigit())
        q &= Q(nhs_number=nhs)
        used = True
    if query.postcode.strip():
        try:
            postcode = identifiers.normalise_postcode(query.postcode)
        except identifiers.IdentifierError:
            postcode = query.postcode.strip().upper()
        at = Q(postcode=postcode) if " " in postcode else Q(postcode__startswith=f"{postcode} ")
        q &= Q(id__in=Address.objects.filter(at).values("person_id"))
        used = True
    return q if used else None


def person_search(query: SearchQuery, *, limit: int = 25) -> list[SearchResult]:
    """People matching ``query``, best first. Callers apply the user's visibility."""
    if query.is_empty:
        return []
    given, family = query.name_parts()
    people = Person.objects.all()
    if query.children_only and not query.include_adults:
        people = people.filter(kind="child")
    identifier_q = _identifier_filter(query)
    has_name = bool(given or family)
    if identifier_q is not None:
        people = people.filter(identifier_q)
        if not has_name and not query.date_of_birth:
            return [
                SearchResult(p, 1.0, ["identifier"])
                for p in people.order_by("family_name", "given_name")[:limit]
            ]
    if has_name or query.date_of_birth:
        people = people.filter(id__in=_candidate_ids(query, given, family))
    name_query = NameQuery(given=given, family=family, date_of_birth=query.date_of_birth)
    # Score from plain tuples; only the people shown become model instances.
    scored: list[tuple[float, str, str, Any]] = []
    for pk, given_name, family_name, other_names, date_of_birth in people.values_list(
        "id", "given_name", "family_name", "other_names", "date_of_birth"
    )[: MAX_CANDIDATES * 2]:
        candidate = Candidate(
            given=given_name,
            family=family_name,
            other_names=tuple(other_names or ()),
            date_of_birth=date_of_birth,
        )
        s = (
            score(name_query, candidate)
            if has_name
            else (1.0 if date_of_birth == query.date_of_birth else 0.8)
        )
        if identifier_q is not None:
            s = max(s, 0.95 if has_name else s)
        if s >= WEAK_MATCH:
            scored.append((s, family_name, given_name, pk))
    scored.sort(key=lambda r: (-r[0], r[1], r[2]))
    shown = scored[:limit]
    by_id = Person.objects.in_bulk([pk for *_, pk in shown])
    return [SearchResult(by_id[pk], s) for s, *_, pk in shown]


def duplicates_for(
    *,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None,
    kind: str = "child",
    upn: str = "",
    nhs_number: str = "",
    exclude_id: Any = None,
) -> list[SearchResult]:
    """Existing people who are probably the same as the one about to be created."""
    found: dict[Any, SearchResult] = {}
    for ident_query in (
        SearchQuery(upn=upn, include_adults=True) if upn else None,
        SearchQuery(nhs_number=nhs_number, include_adults=True) if nhs_number else None,
    ):
        if ident_query is not None:
            for r in person_search(ident_query, limit=5):
                r.reasons.append("same identifier")
                found[r.person.pk] = SearchResult(r.person, 1.0, ["same identifier"])
    by_name = SearchQuery(
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        include_adults=kind != "child",
    )
    for r in person_search(by_name, limit=10):
        if r.score >= STRONG_MATCH and r.person.pk not in found:
            found[r.person.pk] = r
    found.pop(exclude_id, None)
    return sorted(found.values(), key=lambda r: -r.score)
