from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "haven.scenarios"
    label = "scenarios"
