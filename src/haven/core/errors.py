"""Errors services raise. Views turn them into GOV.UK error messages next to the field."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["NotFound", "PermissionDenied", "ValidationError"]


class NotFound(Exception):
    """The record does not exist, or the user may not know that it does."""
