"""The Content editor group is told which schemes' facts are due for re-checking."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from readiness.mail import outbox

# The group readiness.advisors.roles creates (advisors sits above schemes, so not imported).
CONTENT_EDITOR = "Content editor"


def editor_addresses() -> list[str]:
    users = get_user_model().objects.filter(groups__name=CONTENT_EDITOR, is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def mail_stale_list(stale, days: int, today):
    """Queue the list, in both languages; None when no editor has an address."""
    to = editor_addresses()
    if not to:
        return None
    context = {
        "schemes": [
            {
                "scheme": scheme,
                "age": (today - scheme.last_verified).days,
                "link": settings.SITE_URL
                + reverse("admin:schemes_scheme_change", args=[scheme.pk]),
            }
            for scheme in stale
        ],
        "days": days,
    }
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(render_to_string("mail/stale_schemes.txt", context).strip())
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("mail/stale_schemes_subject.txt", context)
    return outbox.queue("stale_schemes", to, subject, "\n\n――――――――――\n\n".join(parts) + "\n")
