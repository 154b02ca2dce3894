from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "haven.missing"
    label = "missing"

    def ready(self) -> None:
        """Missing episodes suggest assessment factor 10A (``casework.suggestions``)."""
        from haven.casework.suggestions import register
        from haven.missing.selectors import suggested_factors

        register(suggested_factors)
