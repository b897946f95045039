"""Static files' addresses, worked out once per process.

`{% static %}` asks the manifest storage for the hashed name of each file on every page
(base.html has eight): a lookup, a path split and a URL join each time. The manifest does not
change while a process runs (collectstatic, then a restart), so each address is kept.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)  # a missing file raises: nothing kept
            return url
