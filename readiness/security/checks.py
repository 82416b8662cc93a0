import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from readiness.security.ratelimit import parse_rates

RATE_SETTINGS = ("RATE_LIMIT_ASSESSMENT_STARTS", "RATE_LIMIT_PDF")
# Caches that live in one process: each gunicorn worker would count on its own.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


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
def rates_have_a_shared_store(app_configs, **kwargs):
    """In production the counts must live where every worker and server sees them."""
    if settings.DEBUG or settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    limited = [name for name in RATE_SETTINGS if _limits(getattr(settings, name))]
    if not limited:
        return []
    return [
        Warning(
            f"{', '.join(limited)}: the default cache is per process, so each worker counts on "
            "its own and the limits allow several times their rate.",
            hint="Use the database cache (the default) or set REDIS_URL.",
            id="readiness.security.W001",
        )
    ]


def _limits(text: str) -> bool:
    try:
        return bool(parse_rates(text))
    except ImproperlyConfigured:
        return False  # rates_are_valid reports it


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
