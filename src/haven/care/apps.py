from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "haven.care"
    label = "care"
