"""A crawler of the admin that reads every page as a clerk would, and lists what a
person should never read there: ``None``, enum codes, ISO timestamps, Python reprs,
English left untranslated (ours or the libraries'), server errors.

Used by tests/test_crawler.py; kept apart so that the detectors can be tested alone.
"""

import contextlib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

# English of ours and of the libraries we ship (Django admin, django-import-export,
# django-simple-history) that must be translated on an Indonesian page. Matched as
# whole words, case-sensitive.
ENGLISH = [
    "Add",
    "Change",
    "Change history",
    "View history",
    "Changed by",
    "Date/time",
    "Comment",
    "Object",
    "entries",
    "entry",
    "Deleted",
    "Historical",
    "historical",
    "Can add",
    "Can change",
    "Can view",
    "Can delete",
    "lead",
    "Forbidden",
    "Not Found",
    "Server Error",
    "Select",
    "to change",
    "to view",
    "Save",
    "Delete",
    "Search",
    "Show counts",
    "Hide counts",
    "Import",
    "Export",
    "Resource",
    "Submit",
    "Confirm import",
    "File to import",
    "Currently",
    "Clear",
    "Unknown",
    "Yes",
    "True",
    "False",
    "Signed On",
    "Is Public",
    "Partner Number",
    "Contact Person",
    "Follow Up",
    "Code (Kode)",
    "Remove",
    "Today",
    "Now",
    "Choose",
    "View site",
    "Log out",
    "Welcome",
    "Home",
    "unit",
    "agreement",
    "report",
    "partner",
]
NONE = re.compile(r"\bNone\b")
ISO_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?")
PYTHON_REPR = re.compile(r"object at 0x|<\w+(?:\.\w+)+ object|\b\w+ object \(\d+\)|pk=None")
# Every stored choice code that differs from its label (SUBMITTED, REGIONAL_GOV …); short
# ones (PKS, KB) also appear inside document numbers, so only codes of 5+ letters.
MIN_CODE_LENGTH = 5


def choice_codes():
    codes = set()
    labels = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                labels.add(str(label))
                if isinstance(value, str) and value != str(label):
                    codes.add(value)
    return {
        code
        for code in codes
        if len(code) >= MIN_CODE_LENGTH and re.fullmatch(r"[A-Z_]+", code) and code not in labels
    }


class PageText(HTMLParser):
    """The text a person reads on a page: text nodes outside scripts and styles, the
    values of text boxes and the labels of buttons; and the page's links."""

    SKIPPED = {"script", "style", "template", "textarea"}

    def __init__(self):
        super().__init__()
        self.parts = []
        self.links = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIPPED:
            self._skipping += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("type", "text") in {"text", "number", "submit", "button"}:
            if attrs.get("value"):
                self.parts.append(attrs["value"])
            if attrs.get("placeholder"):
                self.parts.append(attrs["placeholder"])
        if attrs.get("title"):
            self.parts.append(attrs["title"])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data.strip())


def read_page(html):
    parser = PageText()
    parser.feed(html)
    return parser


def raw_values(text, codes):
    """What a person should not read in ``text`` (a list of short descriptions)."""
    found = []
    for pattern, what in (
        (NONE, "None"),
        (ISO_TIMESTAMP, "ISO date"),
        (PYTHON_REPR, "Python repr"),
    ):
        found += [f"{what}: {match.group(0)!r}" for match in pattern.finditer(text)]
    for code in codes:
        if re.search(rf"(?<![\w/]){re.escape(code)}(?![\w/])", text):
            found.append(f"enum code: {code!r}")
    for phrase in ENGLISH:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            found.append(f"English: {phrase!r}")
    return found


def admin_urls(model_admin):
    """The pages of one registered admin that do not depend on a row."""
    info = (model_admin.opts.app_label, model_admin.opts.model_name)
    urls = []
    for name in ("changelist", "add", "import", "export"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse("admin:{}_{}_{}".format(*info, name)))
    return urls


def row_urls(model_admin, pk):
    info = (model_admin.opts.app_label, model_admin.opts.model_name)
    urls = []
    for name in ("change", "history", "delete"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse("admin:{}_{}_{}".format(*info, name), args=[pk]))
    return urls


class Crawl:
    """Visits the admin as one user and collects what it finds, page by page."""

    # Filter and sort links multiply quickly: enough of each list to meet every choice.
    MAX_LIST_VARIANTS = 80

    def __init__(self, user):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.user = user
        self.codes = choice_codes()
        self.visited = {}
        self.problems = []

    def get(self, url):
        if url in self.visited:
            return None
        response = self.client.get(url)
        self.visited[url] = response.status_code
        if response.status_code >= 500:
            self.problems.append(f"{url}: HTTP {response.status_code}")
            return None
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return None
        page = read_page(response.content.decode())
        for problem in raw_values("\n".join(page.parts), self.codes):
            self.problems.append(f"{url}: {problem}")
        return page

    def crawl(self, only=None):
        self.get(reverse("admin:index"))
        for model, model_admin in admin.site._registry.items():
            if only and model not in only:
                continue
            self.crawl_admin(model_admin)
        return self

    def crawl_admin(self, model_admin):
        urls = admin_urls(model_admin)
        changelist = urls[0]
        page = self.get(changelist)
        for url in urls[1:]:
            self.get(url)
        if page is None:
            return
        # Each filter choice, date drill-down and the first change page of the list.
        variants = [
            urljoin(changelist, link)
            for link in page.links
            if link.startswith("?") and "o=" not in link
        ]
        for url in list(dict.fromkeys(variants))[: self.MAX_LIST_VARIANTS]:
            self.get(url)
        prefix = changelist.rstrip("/") + "/"
        rows = [
            link
            for link in page.links
            if link.startswith(prefix) and link.rstrip("/").endswith("/change")
        ]
        if rows:
            pk = urlsplit(rows[0]).path[len(prefix) :].split("/")[0]
            for url in row_urls(model_admin, pk):
                history = self.get(url)
                if history is not None and url.endswith("/history/"):
                    # One past version, as the history list links it.
                    versions = [link for link in history.links if link.startswith(url)]
                    if versions:
                        self.get(versions[0])
