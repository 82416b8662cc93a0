from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from readiness.security.ratelimit import parse_rate

RATE_SETTINGS = ("RATE_LIMIT_ASSESSMENT_STARTS", "RATE_LIMIT_PDF")


@register(Tags.security)
def rates_are_valid(app_configs, **kwargs):
    errors = []
    for name in RATE_SETTINGS:
        try:
            parse_rate(getattr(settings, name))
        except ImproperlyConfigured as error:
            errors.append(Error(f"{name}: {error}", id="readiness.security.E001"))
    return errors
