"""The only way WeasyPrint may load anything: the project's own static files, from disk (and,
for the @font-face rules of the report's cut of the CJK font, a fetcher of its own that may read
REPORT_FONTS_DIR and nothing else; see rendering.report_fonts).

No HTTP (slow, and a single worker fetching its own site deadlocks), no other file:// path and
never a URL a user typed (server-side request forgery)."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """The report asked for something outside the project's static directories."""


def static_roots() -> tuple[Path, ...]:
    return tuple(Path(root).resolve() for root in settings.STATICFILES_DIRS)


def base_url() -> str:
    """Relative URLs in the report template resolve against the first static directory."""
    return static_roots()[0].as_uri() + "/"


class StaticFilesFetcher(URLFetcher):
    def __init__(self, roots: tuple[Path, ...] | None = None):
        super().__init__(allowed_protocols=("file",))
        self.roots = tuple(Path(root).resolve() for root in roots) if roots else static_roots()

    def path_for(self, url: str) -> Path:
        """The file a URL names, if it is a static file of the project; else RefusedURL."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"the PDF report may not fetch {url[:200]!r}")
        # resolve() follows symlinks and "..", so a path can only pass if it really lies inside.
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise RefusedURL(f"the PDF report may not fetch {url[:200]!r}")
        return path

    def fetch(self, url, headers=None):
        path = self.path_for(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )
