"""Fixtures shared with the care tests: the placements register, for children in care."""

from haven.care.tests.conftest import register

__all__ = ["register"]
