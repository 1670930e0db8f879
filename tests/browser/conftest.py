"""Browser tests: Playwright for Python driving Debian's Chromium against the live server.

They run with the rest of the suite (`make test`). Without /usr/bin/chromium they are
skipped with a visible reason, unless REQUIRE_BROWSER=1 (CI sets it), which turns the
missing browser into a failure. No browser is ever downloaded at run time.
"""

import os
from pathlib import Path

import pytest

from tests.browser.pages import DESKTOP, PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Marked ``browser`` and run after every other test (after pytest-django's own
    ordering): once Playwright runs, the session needs DJANGO_ALLOW_ASYNC_UNSAFE."""
    here = Path(__file__).parent
    in_browser = [item for item in items if here in Path(item.fspath).parents]
    for item in in_browser:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in in_browser] + in_browser


@pytest.fixture(scope="session")
def allow_async_unsafe():
    """Playwright's sync API drives its event loop from the tests' thread, where the
    tests' own ORM calls are still synchronous and safe. Set once the browser starts;
    the browser tests run last (above), so no other test, nor the subprocesses they
    start, inherits it."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(allow_async_unsafe):
    if not CHROMIUM.exists():
        reason = (
            f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM} "
            "(apt-get install chromium; REQUIRE_BROWSER=1 makes this an error)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason.replace("SKIPPED", "REQUIRED"), pytrace=False)
        pytest.skip(reason)
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture(autouse=True)
def role_groups(transactional_db):
    """The role groups, whatever an earlier transactional test flushed."""
    from django.apps import apps

    from core.roles import sync_roles

    sync_roles(apps)


@pytest.fixture
def open_page(browser, live_server, settings, media_root):
    """``open_page(user, viewport)``: a logged-in page of a fresh browser context."""
    settings.DEBUG = False
    contexts = []

    def open_as(user, viewport=DESKTOP):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, accept_downloads=True
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()
