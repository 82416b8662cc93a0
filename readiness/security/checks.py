import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from readiness.security.ratelimit import parse_rates

RATE_SETTINGS = ("RATE_LIMIT_ASSESSMENT_STARTS", "RATE_LIMIT_PDF")


@register(Tags.security)
def rates_are_valid(app_configs, **kwargs):
    errors = []
    for name in RATE_SETTINGS:
        try:
            parse_rates(getattr(settings, name))
        except ImproperlyConfigured as error:
            errors.append(Error(f"{name}: {error}", id="readiness.security.E001"))
    return errors


@register(Tags.security)
def proxy_addresses_are_valid(app_configs, **kwargs):
    errors = []
    for address in settings.TRUSTED_PROXY_ADDRESSES:
        try:
            ipaddress.ip_network(address, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXY_ADDRESSES: {address!r} is not an address or a network",
                    hint='Write addresses or networks separated by commas: "10.0.0.0/8,::1".',
                    id="readiness.security.E002",
                )
            )
    return errors
