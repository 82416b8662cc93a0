"""The e-mails a firm asks for: its result, and a link to continue an unfinished assessment.
Written in the page's language as plain text (templates/mail/), with links built from
SITE_URL, limited per result and per address; the address is used to send and not kept."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.assessments.results import summarise
from readiness.mail import outbox
from readiness.schemes.advice import Advice, priorities
from readiness.security import ratelimit


class EmailAddressForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address to send it to."),
            "invalid": _("Enter an email address like name@company.com.hk."),
        },
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )


class SendResultForm(EmailAddressForm):
    # The result page's follow-up form has an email field of its own.
    prefix = "send"


class ContinueLaterForm(EmailAddressForm):
    prefix = "continue"


class WorkspaceLinkForm(EmailAddressForm):
    prefix = "workspace"


def over_limit(scope: str, key: str, address: str) -> bool:
    """Count one mail for `key` (a result, an unfinished assessment) and for the address;
    True when either is past its limit (settings MAIL_LIMIT_PER_RESULT, _PER_ADDRESS)."""
    for setting, who in (
        ("MAIL_LIMIT_PER_RESULT", f"{scope}:{key}"),
        ("MAIL_LIMIT_PER_ADDRESS", address.strip().lower()),
    ):
        rate = ratelimit.parse_rate(getattr(settings, setting))
        if rate is not None and ratelimit.hit(f"mail-{setting}", who, rate) is not None:
            return True
    return False


def queue_result_mail(assessment, address: str):
    """Queue the result e-mail in the active language: score, tier, the plan's priorities and
    the private link."""
    advice = Advice.of(assessment)
    context = {
        "assessment": assessment,
        "summary": summarise(assessment),
        "priorities": priorities(advice, assessment.questionnaire),
        "link": settings.SITE_URL + assessment.result_url(),
        "pdf_link": settings.SITE_URL + reverse("reports:pdf", kwargs={"token": assessment.token}),
    }
    subject = render_to_string("mail/result_subject.txt", context)
    body = render_to_string("mail/result.txt", context)
    return outbox.queue("result", [address], subject, body)


def queue_continue_mail(token: str, address: str, step_title: str):
    context = {
        "link": settings.SITE_URL + reverse("firms:continue", kwargs={"token": token}),
        "step_title": step_title,
        "expires": timezone.localtime() + timedelta(seconds=settings.SESSION_COOKIE_AGE),
    }
    subject = render_to_string("mail/continue_subject.txt", context)
    body = render_to_string("mail/continue.txt", context)
    return outbox.queue("continue", [address], subject, body)


def queue_workspace_mail(workspace, address: str):
    """The workspace's private link, for the owner to keep."""
    context = {"link": settings.SITE_URL + workspace.url()}
    subject = render_to_string("mail/workspace_subject.txt", context)
    body = render_to_string("mail/workspace.txt", context)
    return outbox.queue("workspace", [address], subject, body)
