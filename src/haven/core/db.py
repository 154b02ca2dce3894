"""Database helpers shared by every app."""

from django.db import connection


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
