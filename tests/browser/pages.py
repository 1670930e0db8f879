"""What the browser tests do on the admin's pages: sizes, autocompletes, screenshots."""

import os
from pathlib import Path

DESKTOP = {"width": 1400, "height": 900}
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# tests.factories.make_user's default password.
PASSWORD = "rahasia-123"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def pick(page, select_id, text):
    """Choose ``text`` in the admin's autocomplete (select2) of ``<select id=select_id>``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def horizontal_overflow(page):
    """How many pixels the page is wider than the window (0 when nothing scrolls)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def save_screenshot(page, name, full_page=False):
    """Writes docs/<name> when UPDATE_SCREENSHOTS=1 (scripts/screenshots.py sets it)."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        page.screenshot(path=DOCS / name, full_page=full_page)
