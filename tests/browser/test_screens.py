"""The demo register as each role sees it, on a laptop and on a phone: nothing scrolls
sideways, and the README's screenshots are taken here (scripts/screenshots.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agreements.models import Agreement
from reports.models import Report
from tests.browser.pages import (
    DESKTOP,
    LAPTOP,
    PASSWORD,
    PHONE,
    horizontal_overflow,
    save_screenshot,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo():
    call_command("load_demo", "--with-superuser", stdout=None)
    User = get_user_model()
    for user in User.objects.filter(username__in=["admin", "operator", "pimpinan"]):
        user.set_password(PASSWORD)
        user.save()
    return {user.username: user for user in User.objects.all()}


def test_the_register_fits_a_laptop_and_a_phone_for_every_role(open_page, demo):
    for username in ("admin", "operator", "pimpinan"):
        user = demo[username]
        agreement = Agreement.objects.visible_to(user).order_by("code").first()
        report = Report.objects.visible_to(user).order_by("pk").first()
        for viewport in (LAPTOP, PHONE):
            page = open_page(user, viewport)
            for path in (
                "/admin/",
                "/admin/agreements/agreement/",
                f"/admin/agreements/agreement/{agreement.pk}/change/",
                f"/admin/agreements/agreement/{agreement.pk}/history/",
                "/admin/reports/report/",
                f"/admin/reports/report/{report.pk}/change/",
            ):
                response = page.goto(path)
                assert response.ok, (username, path, response.status)
                assert horizontal_overflow(page) <= 0, (username, viewport, path)
            page.context.close()


def test_readme_screenshots(open_page, demo):
    """Taken with the demo register; written to docs/ when UPDATE_SCREENSHOTS=1."""
    framework = Agreement.objects.filter(children__isnull=False).order_by("code").first()
    framework.value = (framework.value or 0) + 5_000_000
    framework._history_user = demo["admin"]
    framework.save()
    page = open_page(demo["admin"], DESKTOP)
    page.goto("/admin/agreements/agreement/")
    assert horizontal_overflow(page) <= 0
    save_screenshot(page, "admin-agreements.png")
    page.goto(f"/admin/agreements/agreement/{framework.pk}/change/")
    save_screenshot(page, "admin-agreement-form.png", full_page=True)
    page.goto(f"/admin/agreements/agreement/{framework.pk}/history/")
    save_screenshot(page, "admin-agreement-history.png")

    phone = open_page(demo["operator"], PHONE)
    phone.goto("/admin/reports/report/")
    assert horizontal_overflow(phone) <= 0
    save_screenshot(phone, "phone-reports.png")
