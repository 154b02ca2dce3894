from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "haven.deadlines"
    label = "deadlines"
