"""The Advisor group hears of each new follow-up request by e-mail. The mail names the firm,
its tier, when it asked and where in the admin to find it: no answers, no phone number or
address, which the admin shows to those allowed to see them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from readiness.advisors.roles import ADVISOR
from readiness.mail import outbox


def advisor_addresses(group: str = ADVISOR) -> list[str]:
    users = get_user_model().objects.filter(groups__name=group, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def in_both_languages(template: str, context: dict) -> str:
    """Staff read either language: the text once in each, English first."""
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(render_to_string(template, context).strip())
    return "\n\n――――――――――\n\n".join(parts) + "\n"


def notify_advisors(followup):
    """Queue the mail to every active advisor with an address; None when there is nobody."""
    to = advisor_addresses()
    if not to:
        return None
    assessment = followup.assessment
    contact = getattr(assessment, "contact", None)
    company = (contact.company_name if contact else "") or assessment.company_name
    context = {
        "company": company,
        "tier": assessment.questionnaire.tier(assessment.tier),
        "requested_at": timezone.localtime(followup.requested_at),
        "admin_link": settings.SITE_URL
        + reverse("admin:assessments_assessment_change", args=[assessment.pk]),
        "target_days": settings.FOLLOW_UP_TARGET_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("mail/follow_up_subject.txt", context)
    return outbox.queue("follow_up", to, subject, in_both_languages("mail/follow_up.txt", context))
