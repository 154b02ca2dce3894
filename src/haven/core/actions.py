"""Actions agreed at a meeting or an interview: what is to be done, by whom and by when.

Several records end in such a list (a return home interview, a multi-agency meeting). A service
takes them as ``ActionDraft`` rows and checks each with ``action_errors``; forms ask for them in
fixed rows (``haven.ui.forms.ActionRows``).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionDraft:
    action: str
    owner: str
    due_on: dt.date | None


def action_errors(errors: dict[str, str], actions: Sequence[ActionDraft]) -> None:
    """``actions-N`` for each row missing what, who or when (N counts from 1)."""
    for n, draft in enumerate(actions, start=1):
        if not draft.action.strip() or not draft.owner.strip() or draft.due_on is None:
            errors[f"actions-{n}"] = f"Action {n}: enter what is to be done, by whom and by when"
