from django.contrib import admin
from django.db import transaction

from readiness.benchmarks import membership
from readiness.benchmarks.models import Exclusion


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    """The record of what is kept out of the comparison and why. Deleting an exclusion counts the
    assessment again."""

    list_display = ("assessment", "reason", "excluded_by", "excluded_at")
    list_select_related = ("assessment", "excluded_by")
    fields = readonly_fields = ("assessment", "reason", "excluded_by", "excluded_at")
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        with transaction.atomic():
            assessment = obj.assessment
            super().delete_model(request, obj)
            membership.refresh(assessment)
