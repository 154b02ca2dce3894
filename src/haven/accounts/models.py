import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from haven.accounts.roles import Role
from haven.core import clock


class User(AbstractUser):
    """A person who signs in to Haven. What they do at work is on their ``Worker`` record."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.SOCIAL_WORKER)

    class Meta:
        ordering = ["last_name", "first_name"]

    @property
    def can_audit(self) -> bool:
        from haven.accounts.permissions import Action, has_action

        return has_action(self, Action.VIEW_AUDIT)

    @property
    def can_view_front_door(self) -> bool:
        from haven.accounts.permissions import sees_front_door

        return sees_front_door(self)

    @property
    def can_view_allocation_queue(self) -> bool:
        from haven.accounts.permissions import sees_allocation_queue

        return sees_allocation_queue(self)

    @property
    def can_view_allocation_measures(self) -> bool:
        from haven.accounts.permissions import Action, has_action

        return has_action(self, Action.VIEW_TEAM_WORK)

    @property
    def can_view_front_door_figures(self) -> bool:
        from haven.accounts.permissions import Action, has_action

        return has_action(self, Action.VIEW_FRONT_DOOR)

    @property
    def can_view_places(self) -> bool:
        from haven.accounts.permissions import sees_places

        return sees_places(self)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A partner agency's key to the partner API. Only a hash of the key is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the key is for, e.g. police MASH")
    prefix = models.CharField(
        max_length=8, help_text="The key's first characters, to tell keys apart"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="api_tokens_issued"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
