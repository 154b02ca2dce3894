from django.contrib.auth.models import AbstractUser
from django.db import models

from haven.accounts.roles import Role


class User(AbstractUser):
    """A person who signs in to Haven. What they do at work is on their ``Worker`` record."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.SOCIAL_WORKER)

    class Meta:
        ordering = ["last_name", "first_name"]

    @property
    def can_audit(self) -> bool:
        from haven.accounts.permissions import Action, has_action

        return has_action(self, Action.VIEW_AUDIT)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
