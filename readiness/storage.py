"""Static files in production: WhiteNoise's hashed, pre-compressed files, with each file's URL
worked out once per process. The manifest does not change while the process runs, and every
page asks for four URLs (a fifth of the site frame's rendering time)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        # Names come from templates, never from a request, so the dict stays small.
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
