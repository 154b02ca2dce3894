from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "haven.frontdoor"
    label = "frontdoor"
