from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "haven.protection"
    label = "protection"

    def ready(self) -> None:
        from haven.casework.services.referral import EPISODE_CLOSE_CHECKS
        from haven.protection.selectors import open_work_on_episode

        if open_work_on_episode not in EPISODE_CLOSE_CHECKS:
            EPISODE_CLOSE_CHECKS.append(open_work_on_episode)
