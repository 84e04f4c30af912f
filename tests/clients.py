from urllib.parse import urlencode

from django.test import Client

URLENCODED = "application/x-www-form-urlencoded"


class BrowserClient(Client):
    """Posts forms as a browser does with no file fields: urlencoded, never multipart."""

    def post(self, path, data=None, content_type=URLENCODED, **extra):
        if content_type == URLENCODED and isinstance(data, dict):
            data = urlencode(data, doseq=True)
        return super().post(path, data, content_type, **extra)
