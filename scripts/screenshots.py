"""Retake the README's screenshots of the admin with the demo register.

    .venv/bin/python scripts/screenshots.py      # needs Debian's chromium

A throwaway SQLite database gets the migrations and the demo data; the project's WSGI
app is served on a free loopback port with the demo superuser's session injected into
every request (headless Chromium cannot log in by itself), and Chromium saves one PNG
per page under docs/.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "admin-agreements.png": "/admin/agreements/agreement/",
    "admin-agreement-form.png": "/admin/agreements/agreement/{agreement}/change/",
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1800,1000",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("chromium is not installed (apt-get install chromium)")
    workdir = Path(tempfile.mkdtemp(prefix="kerjasama-shots-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    from agreements.models import Agreement

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--with-superuser", verbosity=0)
    user = get_user_model().objects.get(username="admin")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    app = get_wsgi_application()

    def logged_in(environ, start_response):
        environ["HTTP_COOKIE"] = f"sessionid={session.session_key}"
        return app(environ, start_response)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    port = free_port()
    server = make_server("127.0.0.1", port, logged_in, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    framework = Agreement.objects.filter(children__isnull=False).order_by("code").first()
    try:
        for name, path in PAGES.items():
            url = f"http://127.0.0.1:{port}{path.format(agreement=framework.pk)}"
            target = ROOT / "docs" / name
            subprocess.run(
                [
                    chromium,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={workdir / 'profile'}",
                    f"--screenshot={target}",
                    url,
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            print(f"{target.relative_to(ROOT)} ← {path}")
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
