from django.apps import AppConfig
from django.conf import settings


class DeadlinesConfig(AppConfig):
    name = "haven.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        """Give the statutory rules the council's local timescales (read once, at start-up)."""
        from haven.timescales.local import LocalTimescales, configure

        configure(
            LocalTimescales(
                unallocated_review_working_days=int(settings.HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS),
                unallocated_escalation_working_days=int(
                    settings.HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS
                ),
                cp_visit_working_days=int(settings.HAVEN_CP_VISIT_WORKING_DAYS),
                cin_visit_weeks=int(settings.HAVEN_CIN_VISIT_WEEKS),
                core_group_weeks=int(settings.HAVEN_CORE_GROUP_WEEKS),
                cin_review_months=int(settings.HAVEN_CIN_REVIEW_MONTHS),
                placement_plan_working_days=int(settings.HAVEN_PLACEMENT_PLAN_WORKING_DAYS),
                pep_review_weeks=int(settings.HAVEN_PEP_REVIEW_WEEKS),
                pa_contact_weeks=int(settings.HAVEN_PA_CONTACT_WEEKS),
                irregular_placement_review_days=int(settings.HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS),
                repeat_missing_review_working_days=int(
                    settings.HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS
                ),
                exploitation_review_high_weeks=int(settings.HAVEN_EXPLOITATION_REVIEW_HIGH_WEEKS),
                exploitation_review_medium_weeks=int(
                    settings.HAVEN_EXPLOITATION_REVIEW_MEDIUM_WEEKS
                ),
                exploitation_review_low_weeks=int(settings.HAVEN_EXPLOITATION_REVIEW_LOW_WEEKS),
                shared_risk_review_working_days=int(settings.HAVEN_SHARED_RISK_REVIEW_WORKING_DAYS),
            )
        )
