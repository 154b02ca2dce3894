from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.accounts.permissions import Action, has_action
from haven.core import clock
from haven.frontdoor import policies, selectors
from haven.people.policies import visible_ids

#: The queue is worked from the top: a page of the most urgent, then the next.
QUEUE_PAGE_SIZE = 50


#: The queue page shows the oldest decisions awaiting sign-off; the rest have their own page.
SIGN_OFF_ON_QUEUE = 10


def queue(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not policies.can_view_queue(user):
        raise PermissionDenied
    queue_items = selectors.screening_queue(now=clock.now())
    page = Paginator(queue_items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    show_sign_off = has_action(user, Action.SIGN_OFF_DECISION)
    awaiting_sign_off = []
    sign_off_total = 0
    if show_sign_off:
        sign_off_total = selectors.decisions_awaiting_sign_off().count()
        awaiting_sign_off = list(selectors.decisions_awaiting_sign_off_listed()[:SIGN_OFF_ON_QUEUE])
    child_ids = [child.pk for item in items for child in item.children]
    child_ids += [link.child_id for d in awaiting_sign_off for link in d.contact.child_links.all()]
    return render(
        request,
        "frontdoor/queue.html",
        {
            "items": items,
            "page_obj": page,
            "waiting": len(queue_items),
            "awaiting_sign_off": awaiting_sign_off,
            "sign_off_total": sign_off_total,
            "show_sign_off": show_sign_off,
            "visible_ids": visible_ids(request.user, child_ids),
            "can_record": policies.can_record_contact(request.user),
            "can_view_figures": policies.can_view_figures(request.user),
        },
    )


def sign_off_list(request: HttpRequest) -> HttpResponse:
    """Every decision awaiting a manager's sign-off, oldest first, a page at a time."""
    user: Any = request.user
    if not (policies.can_view_queue(user) and has_action(user, Action.SIGN_OFF_DECISION)):
        raise PermissionDenied
    page = Paginator(selectors.decisions_awaiting_sign_off_listed(), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    decisions = list(page.object_list)
    child_ids = [link.child_id for d in decisions for link in d.contact.child_links.all()]
    return render(
        request,
        "frontdoor/sign_off_list.html",
        {
            "decisions": decisions,
            "page_obj": page,
            "visible_ids": visible_ids(request.user, child_ids),
        },
    )
