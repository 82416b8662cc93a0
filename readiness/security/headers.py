"""Response headers for pages whose address is a secret (a result link)."""

from functools import wraps

from django.utils.cache import add_never_cache_headers


def secret_address(response):
    """Nothing may keep the response (browsers, proxies), and nothing the page loads or links to
    may learn its address from the Referer header (load balancers log every request's): only the
    site's origin is sent, never the path. "no-referrer" would do as much, but browsers then send
    `Origin: null` with the page's own forms (the language button, the delete confirmation),
    which the CSRF protection rightly refuses."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "strict-origin"
    return response


def secret_address_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return secret_address(view(request, *args, **kwargs))

    return wrapped
