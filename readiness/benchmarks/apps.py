from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    name = "readiness.benchmarks"
    verbose_name = _("Benchmarks")

    def ready(self):
        from readiness.assessments.models import Assessment
        from readiness.benchmarks import membership

        # However an assessment goes (the firm's delete link, an admin, a cascade from something
        # that owns it), its counts go with it, in the same transaction.
        pre_delete.connect(
            membership.uncount_deleted, sender=Assessment, dispatch_uid="benchmarks-uncount"
        )
