"""The operator's own facts that firms are promised on the Privacy and Accessibility pages."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def data_protection_contact_is_set(app_configs, **kwargs):
    """The collection statement tells firms where to write to see, correct or delete their
    details: in production that address must be the operator's, never left blank."""
    if settings.DEBUG or settings.DATA_PROTECTION_CONTACT.strip():
        return []
    return [
        Warning(
            "DATA_PROTECTION_CONTACT is empty: the Privacy page and the collection statement "
            "tell firms that no contact has been set.",
            hint="Set it to the data-protection officer's postal or e-mail address, shown "
            "verbatim to firms (docs/deploy.md).",
            id="readiness.firms.W001",
        )
    ]
