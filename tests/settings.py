"""The project's settings, for the test suite and ``make check``.

Production settings refuse to start without a strong SECRET_KEY unless DEBUG is on, and
the tests run with DEBUG off (as production does): each run gets a random key of its own.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from kerjasama.settings import *  # noqa: E402, F403
