"""The screening queue (red first, hours left to the end of the due day) and the figures."""

import datetime as dt
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from haven.casework.enums import AssessmentOutcome, ClosureReason, PrimaryNeed, ReferralSource
from haven.casework.models import CINEpisode
from haven.casework.services import (
    assessment_complete,
    assessment_start,
    episode_close,
    referral_open,
)
from haven.core import clock
from haven.frontdoor.enums import ContactOutcome, Rag, ReferralRoute, Urgency
from haven.frontdoor.models import Contact
from haven.frontdoor.selectors import front_door_figures, screening_queue
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record

LONDON = clock.LONDON


def at(m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, m, d, hh, mm, tzinfo=LONDON)


def contact(council: Any, received: dt.datetime, rag: str, *children: str, **kw: Any) -> Contact:
    with time_machine.travel(received, tick=False):
        c = record(council, received, *children, **kw)
        if rag:
            c = contact_rag_set(actor=council.users["mash_screener"], contact=c, rag=rag)
    return c


def decide(council: Any, c: Contact, outcome: str, **kw: Any) -> None:
    contact_decide(
        actor=council.users["mash_screener"], contact=c, outcome=outcome, reasons="Seen.", **kw
    )


def test_red_comes_first_and_holds_amber_and_green_back(council: Any) -> None:
    overdue_green = contact(council, at(3, 6, 11), Rag.GREEN, "other_team")  # due Mon 9th
    amber = contact(council, at(3, 9, 9, 30), Rag.AMBER, "in_care")
    unrated = contact(council, at(3, 9, 10), "", "unallocated", urgency=Urgency.IMMEDIATE)
    red_today = contact(council, at(3, 10, 8), Rag.RED, "team")  # due Wed 11th
    red = contact(council, at(3, 9, 11), Rag.RED, "allocated")  # due Tue 10th
    decided = contact(council, at(3, 9, 9), Rag.RED, "restricted")
    with time_machine.travel(at(3, 9, 12), tick=False):
        decide(council, decided, ContactOutcome.NFA)

    now = at(3, 10, 9)
    queue = screening_queue(now=now)
    assert [i.contact for i in queue] == [red, red_today, unrated, amber, overdue_green]
    assert [i.due_on for i in queue] == [
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 9),
    ]
    # Due by 17:00 on the due day, London time.
    assert [i.hours_left for i in queue] == [8.0, 32.0, 8.0, 8.0, -16.0]
    assert [i.overdue for i in queue] == [False, False, False, False, True]
    assert [i.held_behind_red for i in queue] == [False, False, False, True, True]
    assert [len(i.children) for i in queue] == [1, 1, 1, 1, 1]

    with time_machine.travel(at(3, 10, 9, 30), tick=False):
        for c in (red, red_today):
            decide(
                council,
                c,
                ContactOutcome.REFERRAL,
                route=ReferralRoute.STRATEGY_DISCUSSION,
                primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
            )
    queue = screening_queue(now=now)
    assert [i.contact for i in queue] == [unrated, amber, overdue_green]
    assert not any(i.held_behind_red for i in queue)


def test_a_slice_of_the_queue_reads_only_the_contacts_in_it(council: Any) -> None:
    red = contact(council, at(3, 9, 11), Rag.RED, "allocated")
    amber = contact(council, at(3, 9, 9, 30), Rag.AMBER, "in_care", "team")
    green = contact(council, at(3, 9, 10), Rag.GREEN, "unallocated")
    queue = screening_queue(now=at(3, 9, 12))
    assert len(queue) == 3
    with CaptureQueriesContext(connection) as read:
        page = queue[1:3]
    assert [i.contact for i in page] == [amber, green]
    assert [i.held_behind_red for i in page] == [True, True]
    assert [len(i.children) for i in page] == [2, 1]
    assert queue[0].contact == red
    contact_reads = [
        q["sql"] for q in read.captured_queries if 'FROM "frontdoor_contact" ' in q["sql"]
    ]
    assert len(contact_reads) == 1
    assert str(red.pk) not in contact_reads[0]
    assert red.pk.hex not in contact_reads[0]
    assert str(amber.pk) in contact_reads[0] or amber.pk.hex in contact_reads[0]


def test_the_end_of_the_day_is_a_setting_and_follows_summer_time(
    council: Any, settings: Any
) -> None:
    c = contact(council, at(7, 2, 9), Rag.AMBER, "allocated")  # a Thursday in summer time
    settings.HAVEN_FRONT_DOOR_DAY_ENDS = "23:59"
    (item,) = screening_queue(now=dt.datetime(2026, 7, 3, 12, 0, tzinfo=dt.UTC))  # 13:00 BST
    assert item.contact == c
    assert item.due_at == dt.datetime(2026, 7, 3, 23, 59, tzinfo=LONDON)
    assert item.hours_left == 11.0  # 10 hours 59 minutes, to one decimal place
    settings.HAVEN_FRONT_DOOR_DAY_ENDS = "17:00"
    (item,) = screening_queue(now=dt.datetime(2026, 7, 3, 12, 0, tzinfo=dt.UTC))
    assert item.hours_left == 4.0


def test_the_queue_costs_the_same_queries_however_long_it_is(council: Any) -> None:
    contact(council, at(3, 9, 9), Rag.AMBER, "allocated", "team")
    with CaptureQueriesContext(connection) as one:
        screening_queue(now=at(3, 9, 12))
    for i, child in enumerate(("other_team", "in_care", "unallocated")):
        contact(council, at(3, 9, 10 + i), Rag.GREEN, child)
    with CaptureQueriesContext(connection) as four:
        assert len(screening_queue(now=at(3, 9, 13))) == 4
    assert len(one) == len(four) <= 4


def test_figures_count_each_child_on_each_contact(council: Any) -> None:
    sw = council.users["social_worker"]
    # Isla had a referral closed in January: a referral now is a re-referral.
    with time_machine.travel(at(1, 5, 9), tick=False):
        earlier = referral_open(
            actor=sw,
            child=council.children["in_care"],
            referral_date=dt.date(2026, 1, 5),
            source=ReferralSource.SCHOOLS,
            primary_need=PrimaryNeed.DYSFUNCTION,
        )
        episode_close(
            actor=sw,
            episode=earlier,
            closure_date=dt.date(2026, 1, 5),
            reason=ClosureReason.SERVICES_CEASED,
        )
    siblings = contact(council, at(3, 9, 9), Rag.RED, "allocated", "team")
    isla = contact(council, at(3, 9, 10), Rag.AMBER, "in_care")
    nfa = contact(council, at(3, 9, 11), Rag.GREEN, "other_team")
    early_help = contact(council, at(3, 9, 12), Rag.GREEN, "unallocated")
    contact(council, at(3, 9, 13), Rag.GREEN, "restricted")  # not yet decided
    contact(council, at(4, 1, 13), Rag.GREEN, "restricted")  # after the period
    with time_machine.travel(at(3, 9, 15), tick=False):
        for c in (siblings, isla):
            decide(
                council,
                c,
                ContactOutcome.REFERRAL,
                route=ReferralRoute.ASSESSMENT,
                primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
            )
        decide(council, nfa, ContactOutcome.NFA)
        decide(council, early_help, ContactOutcome.EARLY_HELP)
        episode = CINEpisode.objects.get(contact_id=siblings.pk, child=council.children["team"])
        assessment = assessment_start(actor=sw, episode=episode, start_date=dt.date(2026, 3, 9))

    f = front_door_figures(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31))
    assert (f.contacts.count, f.decided.count, f.referrals.count) == (6, 5, 3)
    assert (f.no_further_action.count, f.early_help.count, f.information_and_advice.count) == (
        1,
        1,
        0,
    )
    assert f.conversion_rate == 3 / 5
    assert f.nfa_rate == 1 / 5
    assert set(f.referral_episodes.ids) == set(
        CINEpisode.objects.filter(contact_id__isnull=False).values_list("pk", flat=True)
    )
    assert f.assessed.ids == (assessment.pk,)
    assert f.services.count == 0  # started, not yet concluded
    with time_machine.travel(at(3, 20, 9), tick=False):
        assessment_complete(
            actor=sw,
            assessment=assessment,
            completed_on=dt.date(2026, 3, 20),
            factors=["3A"],
            outcome=AssessmentOutcome.CHILD_IN_NEED,
        )
    later = front_door_figures(since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31))
    assert later.services.ids == (assessment.pk,)
    assert later.services_rate == 1.0
    assert f.assessment_rate == 1 / 3
    assert f.referrals_in_period.count == 3
    isla_episode = CINEpisode.objects.get(contact_id=isla.pk)
    assert isla_episode.is_re_referral
    assert f.re_referrals.ids == (isla_episode.pk,)
    assert f.re_referral_rate == 1 / 3
    # Both undecided contacts await a decision; the one received in March is overdue by the
    # end of March; every decision was made on the day, so none was late.
    assert f.awaiting.count == 2
    assert f.overdue.count == 1
    assert f.late.count == 0
    empty = front_door_figures(since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 31))
    assert (empty.contacts.count, empty.conversion_rate, empty.re_referral_rate) == (0, None, None)
