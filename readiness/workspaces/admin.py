"""The advisors' read-only view of workspaces: a firm's assessments in order (repeat firms),
its team rounds and their team results. The private links are never shown to staff."""

from django.contrib import admin
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from readiness.content.questionnaire import load
from readiness.workspaces.models import Entry, TeamResponse, TeamRound, Workspace
from readiness.workspaces.team import role_label


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EntryInline(ReadOnly, admin.TabularInline):
    model = Entry
    fields = readonly_fields = ("assessment_link", "submitted", "version", "overall", "tier")
    ordering = ("assessment__created_at", "assessment__pk")
    verbose_name_plural = _("assessments, oldest first")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assessment")

    @admin.display(description=_("assessment"))
    def assessment_link(self, entry):
        url = reverse("admin:assessments_assessment_change", args=[entry.assessment_id])
        return format_html('<a href="{}">{}</a>', url, entry.assessment)

    @admin.display(description=_("submitted"))
    def submitted(self, entry):
        return entry.assessment.created_at

    @admin.display(description=_("questionnaire version"))
    def version(self, entry):
        return entry.assessment.questionnaire_version

    @admin.display(description=_("overall score"))
    def overall(self, entry):
        return entry.assessment.overall_score

    @admin.display(description=_("tier"))
    def tier(self, entry):
        return entry.assessment.get_tier_display()


class TeamRoundInline(ReadOnly, admin.TabularInline):
    model = TeamRound
    fields = readonly_fields = ("round_link", "opened_at", "closed_at", "responses")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    @admin.display(description=_("round"))
    def round_link(self, team_round):
        url = reverse("admin:workspaces_teamround_change", args=[team_round.pk])
        return format_html('<a href="{}">{}</a>', url, team_round.number)

    @admin.display(description=_("responses"))
    def responses(self, team_round):
        return team_round.response_count


@admin.register(Workspace)
class WorkspaceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("__str__", "created_at", "assessment_count", "latest", "round_count")
    fields = readonly_fields = ("created_at",)
    inlines = (EntryInline, TeamRoundInline)
    list_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                assessment_total=Count("entries", distinct=True),
                round_total=Count("rounds", distinct=True),
                latest_at=Max("entries__assessment__created_at"),
            )
        )

    @admin.display(description=_("assessments"), ordering="assessment_total")
    def assessment_count(self, workspace):
        return workspace.assessment_total

    @admin.display(description=_("latest assessment"), ordering="latest_at")
    def latest(self, workspace):
        return workspace.latest_at

    @admin.display(description=_("team rounds"), ordering="round_total")
    def round_count(self, workspace):
        return workspace.round_total


class TeamResponseInline(ReadOnly, admin.TabularInline):
    model = TeamResponse
    fields = readonly_fields = ("submitted_at", "role", "overall", "tier", "shares_own_result")
    extra = 0

    @admin.display(description=_("overall score"))
    def overall(self, response):
        return response.scores.get("overall")


@admin.register(TeamRound)
class TeamRoundAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("__str__", "opened_at", "closed_at", "responses")
    fields = readonly_fields = (
        "workspace_link",
        "number",
        "questionnaire_version",
        "opened_at",
        "closed_at",
        "team_result_table",
    )
    inlines = (TeamResponseInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    @admin.display(description=_("responses"), ordering="response_count")
    def responses(self, team_round):
        return team_round.response_count

    @admin.display(description=_("workspace"))
    def workspace_link(self, team_round):
        url = reverse("admin:workspaces_workspace_change", args=[team_round.workspace_id])
        return format_html('<a href="{}">{}</a>', url, team_round.workspace)

    @admin.display(description=_("team result"))
    def team_result_table(self, team_round):
        result = team_round.current_result()
        if not result or "dimensions" not in result:
            return _("Fewer than two responses.")
        q = load(result["questionnaire_version"])
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    q.dimensions[row["key"]].name,
                    row["score"],
                    row["lowest"],
                    row["highest"],
                    ", ".join(role_label(r) for r in row["lowest_roles"]),
                    ", ".join(role_label(r) for r in row["highest_roles"]),
                )
                for row in result["dimensions"]
            ),
        )
        talk = ", ".join(str(q.dimensions[k].name) for k in result["talk_first"])
        return format_html(
            "<p>{}: {} · {}</p><p>{}: {}</p><table><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Overall"),
            result["overall"],
            q.tier(result["tier"]).name,
            _("Talk about these first"),
            talk or "—",
            _("Dimension"),
            _("Team"),
            _("Spread"),
            _("lowest"),
            _("highest"),
            rows,
        )
