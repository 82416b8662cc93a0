"""The advisors' daily digest: requests for follow-up still waiting for a first contact after
more than FOLLOW_UP_TARGET_DAYS working days, e-mailed to the Advisor group.

Plain text, and nothing a firm told us beyond its tier: no names, phone numbers, e-mail
addresses or answers leave the admin this way; each line links to the request."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from readiness.advisors.models import FollowUp, FollowUpStatus
from readiness.advisors.roles import ADVISOR
from readiness.content import tiers


@dataclass(frozen=True)
class Waiting:
    followup: FollowUp
    days: int


def waiting_requests(today: datetime.date | None = None) -> list[Waiting]:
    """New requests waiting more than FOLLOW_UP_TARGET_DAYS working days, longest first."""
    today = today or timezone.localdate()
    target = settings.FOLLOW_UP_TARGET_DAYS
    # A working day is at most a calendar day: nothing requested since this can be late yet.
    latest = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=target), datetime.time.max)
    )
    candidates = (
        FollowUp.objects.filter(
            status=FollowUpStatus.NEW, contacted_at__isnull=True, requested_at__lte=latest
        )
        .select_related("assessment", "assigned_to")
        .order_by("requested_at")
    )
    late = [Waiting(f, f.working_days_waiting(today)) for f in candidates]
    return [w for w in late if w.days > target]


def recipients() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=ADVISOR, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def digest_body(waiting: list[Waiting], site: str = "") -> str:
    target = settings.FOLLOW_UP_TARGET_DAYS
    lines = [
        ngettext(
            "%(count)s request for follow-up has waited more than %(days)s working days "
            "for a first contact.",
            "%(count)s requests for follow-up have waited more than %(days)s working days "
            "for a first contact.",
            len(waiting),
        )
        % {"count": len(waiting), "days": target},
        "",
    ]
    for item in waiting:
        f = item.followup
        tier = tiers.BY_KEY.get(f.assessment.tier)
        advisor = (
            (f.assigned_to.get_full_name() or f.assigned_to.get_username())
            if f.assigned_to
            else _("unassigned")
        )
        lines.append(
            _("#%(id)s · requested %(date)s · %(days)s working days · %(tier)s · %(advisor)s")
            % {
                "id": f.pk,
                "date": timezone.localtime(f.requested_at).strftime("%Y-%m-%d"),
                "days": item.days,
                "tier": tier.name if tier else f.assessment.tier,
                "advisor": advisor,
            }
        )
        lines.append(
            "  " + site + reverse("admin:assessments_assessment_change", args=[f.assessment_id])
        )
    lines += [
        "",
        _("The follow-up queue: %(url)s")
        % {"url": site + reverse("admin:advisors_followup_changelist") + "?status=new"},
    ]
    return "\n".join(lines) + "\n"


def send_digest(today: datetime.date | None = None, site: str = "") -> int:
    """E-mail the digest to every active advisor with an address; returns how many requests
    wait too long. Nothing is sent when none does (or no advisor has an address)."""
    waiting = waiting_requests(today)
    to = recipients()
    if not waiting or not to:
        return len(waiting)
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Follow-up: %(count)s request waiting too long",
            "Follow-up: %(count)s requests waiting too long",
            len(waiting),
        ) % {"count": len(waiting)}
        body = digest_body(waiting, site.rstrip("/"))
    send_mail(subject, body, None, to)
    return len(waiting)
