"""What the operator sets and many pages quote: the retention period, the follow-up promise, the
data-protection contact."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Shown until the operator sets the contact: never an address we made up. In production a
# system check warns while DATA_PROTECTION_CONTACT is empty.
NOT_SET = _("[contact not set by the operator yet]")


def operator(request):
    return {
        "retention_months": settings.CONTACT_RETENTION_MONTHS,
        "follow_up_days": settings.FOLLOW_UP_TARGET_DAYS,
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 60 * 60),
        "data_protection_contact": settings.DATA_PROTECTION_CONTACT or NOT_SET,
        "accessibility_contact": settings.ACCESSIBILITY_CONTACT
        or settings.DATA_PROTECTION_CONTACT
        or NOT_SET,
    }
