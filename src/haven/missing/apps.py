from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "haven.missing"
    label = "missing"
