"""WSGI entry point (gunicorn kerjasama.wsgi; runserver loads it too)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.settings")

application = get_wsgi_application()

# After setup, so the refusal names SECRET_KEY rather than an import error.
from kerjasama.secret_key import require_strong_key  # noqa: E402

require_strong_key()
