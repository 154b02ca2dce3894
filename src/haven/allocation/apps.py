from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "haven.allocation"
    label = "allocation"
