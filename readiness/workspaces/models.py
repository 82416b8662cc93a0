"""A firm's workspace: its assessments over time and its team rounds, behind a private link.
No accounts: whoever holds the workspace link is its owner; a round's invitation link can only
answer."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.advisors.retention import delete_assessments
from readiness.assessments import scoring
from readiness.assessments.models import TOKEN, Assessment
from readiness.benchmarks import membership
from readiness.content.questionnaire import load
from readiness.workspaces import team

MAX_RESPONSES = 50


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class WorkspaceQuerySet(models.QuerySet):
    def with_token(self, token: str):
        if not TOKEN.fullmatch(token):
            return None
        return self.filter(token=token).first()


class Workspace(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = WorkspaceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self):
        return _("Workspace #%(id)s") % {"id": self.pk}

    def url(self) -> str:
        """The owner's private page (not get_absolute_url: staff must never be handed it)."""
        return reverse("workspaces:workspace", kwargs={"token": self.token})

    @classmethod
    def start_with(cls, assessment: Assessment):
        """A new workspace holding `assessment`; None when it is in one already."""
        with transaction.atomic():
            if Entry.objects.filter(assessment=assessment).exists():
                return None
            workspace = cls.objects.create()
            Entry.objects.create(workspace=workspace, assessment=assessment)
        return workspace

    def assessments(self):
        """Oldest first: the order of the history."""
        return Assessment.objects.filter(workspace_entry__workspace=self).order_by(
            "created_at", "pk"
        )

    def latest_assessment(self):
        return self.assessments().last()

    def add(self, assessment: Assessment):
        with transaction.atomic():
            Entry.objects.get_or_create(assessment=assessment, defaults={"workspace": self})
            self.recount()

    def recount(self):
        """Only the workspace's latest assessment counts in the peer comparison."""
        for assessment in self.assessments().select_related("workspace_entry"):
            membership.refresh(assessment)

    def rounds_listed(self):
        return self.rounds.annotate(response_count=Count("responses")).order_by("-number")

    def open_round(self):
        """The round open for answers, opening one when there is none."""
        with transaction.atomic():
            Workspace.objects.select_for_update().filter(pk=self.pk).first()
            current = self.rounds.filter(closed_at=None).first()
            if current:
                return current
            number = (self.rounds.aggregate(models.Max("number"))["number__max"] or 0) + 1
            return self.rounds.create(
                number=number, questionnaire_version=settings.QUESTIONNAIRE_VERSION
            )

    def delete_everything(self):
        """The workspace, every assessment in it (with all stored with them) and its rounds."""
        with transaction.atomic():
            delete_assessments(Assessment.objects.filter(workspace_entry__workspace=self))
            self.delete()


class Entry(models.Model):
    """An assessment kept in a workspace; deleting either deletes the entry."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="entries")
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="workspace_entry"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment in a workspace")
        verbose_name_plural = _("assessments in the workspace")

    def __str__(self):
        return str(self.assessment)


class RoundQuerySet(models.QuerySet):
    def with_invitation(self, token: str):
        if not TOKEN.fullmatch(token):
            return None
        return self.filter(invitation=token).first()


class TeamRound(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField(_("round"))
    # The answer-only link colleagues are given; it never opens the workspace.
    invitation = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=20)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Stored on closing (team.team_snapshot), never changed afterwards.
    team_result = models.JSONField(_("team result"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["workspace", "number"]
        verbose_name = _("team round")
        verbose_name_plural = _("team rounds")
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="one_number_per_round")
        ]

    def __str__(self):
        return _("Team round %(number)s of workspace #%(workspace)s") % {
            "number": self.number,
            "workspace": self.workspace_id,
        }

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def questionnaire(self):
        return load(self.questionnaire_version)

    def url(self) -> str:
        return reverse(
            "workspaces:round", kwargs={"token": self.workspace.token, "number": self.number}
        )

    def invitation_url(self) -> str:
        return reverse("firms:team_answer", kwargs={"invitation": self.invitation})

    def current_result(self, responses=None) -> dict | None:
        """The stored team result of a closed round, or the live one of an open round from two
        responses on; None before."""
        if self.team_result is not None:
            return self.team_result
        responses = list(responses if responses is not None else self.responses.all())
        if len(responses) < team.MINIMUM_RESPONSES:
            return None
        return team.team_snapshot(
            self.questionnaire, [team.Answered(r.role, r.answers) for r in responses]
        )

    def close(self):
        """Close the round and store its team result with each response's scores. Idempotent."""
        with transaction.atomic():
            locked = TeamRound.objects.select_for_update().get(pk=self.pk)
            if locked.closed_at is not None:
                return locked
            responses = list(locked.responses.order_by("submitted_at", "pk"))
            result = locked.current_result(responses)
            locked.team_result = {
                **(result or {"questionnaire_version": locked.questionnaire_version}),
                "responses": [r.as_snapshot() for r in responses],
            }
            locked.closed_at = timezone.now()
            locked.save(update_fields=["team_result", "closed_at"])
        return locked

    def answer(self, *, browser: str, role: str, shares_own_result: bool, answers: dict):
        """Store one colleague's answers. Returns (response, problem): problem is "closed",
        "full" or "answered" when nothing was stored."""
        result = scoring.score(self.questionnaire, answers)
        with transaction.atomic():
            locked = TeamRound.objects.select_for_update().get(pk=self.pk)
            if locked.closed_at is not None:
                return None, "closed"
            if locked.responses.filter(browser=browser).exists():
                return None, "answered"
            if locked.responses.count() >= MAX_RESPONSES:
                return None, "full"
            response = locked.responses.create(
                browser=browser,
                role=role,
                shares_own_result=shares_own_result,
                answers=dict(answers),
                scores=result.as_strings(),
                tier=result.tier,
            )
        return response, None


class TeamResponse(models.Model):
    round = models.ForeignKey(TeamRound, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    role = models.CharField(_("role"), max_length=20, choices=team.Role.choices, blank=True)
    shares_own_result = models.BooleanField(_("agreed to show their own result to the owner"))
    answers = models.JSONField(_("answers"))
    scores = models.JSONField(_("scores"))
    tier = models.CharField(_("tier"), max_length=12)
    # A random key kept in the answering browser's session: one response per browser a round.
    browser = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("team response")
        verbose_name_plural = _("team responses")
        constraints = [
            models.UniqueConstraint(fields=["round", "browser"], name="one_response_per_browser")
        ]

    def __str__(self):
        return _("Response #%(id)s") % {"id": self.pk}

    def as_snapshot(self) -> dict:
        return {
            "role": self.role,
            "shares_own_result": self.shares_own_result,
            "submitted_at": self.submitted_at.isoformat(),
            "tier": self.tier,
            "scores": self.scores,
        }
