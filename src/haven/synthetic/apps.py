from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "haven.synthetic"
    label = "synthetic"
