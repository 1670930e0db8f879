"""Small factory helpers: real rows in the real database, with sensible defaults."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from agreements.choices import AgreementKind, PartnerCategory, Scheme, Stage
from agreements.models import Agreement, Partner, Unit, UnitMembership
from reports.choices import ReportStatus
from reports.models import Report

_seq = itertools.count(1)


def make_unit(code=None, name=None, **fields):
    n = next(_seq)
    code = code or f"OPD{n}"
    return Unit.objects.create(code=code, name=name or f"Dinas Uji {code}", **fields)


def make_partner(name=None, category=PartnerCategory.UNIVERSITY, **fields):
    return Partner.objects.create(
        name=name or f"Universitas Uji {next(_seq)}", category=category, **fields
    )


# A valid, signed PKS in force from 29 October 2019 to 28 October 2024.
AGREEMENT_FIELDS = {
    "title": "Kerja sama pengembangan sumber daya manusia",
    "kind": AgreementKind.PKS,
    "scheme": Scheme.KSDPK,
    "stage": Stage.SIGNED,
    "signed_on": date(2019, 10, 29),
    "start_date": date(2019, 10, 29),
    "end_date": date(2024, 10, 28),
}


def make_agreement(partners=None, units=None, **fields):
    """A signed, in-force PKS by default. ``units``: the first one listed leads."""
    defaults = {**AGREEMENT_FIELDS, "title": f"Kerja sama uji {next(_seq)}", **fields}
    agreement = Agreement.objects.create(**defaults)
    agreement.partners.set(partners if partners is not None else [make_partner()])
    if units:
        agreement.set_units(units)
    return agreement


def make_report(agreement, unit, year=2020, semester=1, **fields):
    defaults = {"activities": "Rapat koordinasi dan pelatihan", "status": ReportStatus.SUBMITTED}
    defaults.update(fields)
    return Report.objects.create(
        agreement=agreement, unit=unit, year=year, semester=semester, **defaults
    )


def make_user(username=None, role=None, unit=None, superuser=False, password="rahasia-123"):
    """A staff user in the given role group (``roles.PENGELOLA`` …), optionally in a unit."""
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.org", password)
    else:
        user = User.objects.create_user(
            username, f"{username}@example.org", password, is_staff=True
        )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if unit:
        UnitMembership.objects.create(user=user, unit=unit)
    return user


# --- Documents, visits and evaluations (admin and download tests) --------------------

# A whole one-page PDF (written by pypdf), as the upload check wants it to its end.
PDF_BYTES = (
    b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n2 0 obj\n<<\n"
    b"/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n3 0 obj\n<<\n/Type /Catalog\n"
    b"/Pages 2 0 R\n>>\nendobj\n4 0 obj\n<<\n/Type /Page\n/Resources <<\n>>\n"
    b"/MediaBox [ 0.0 0.0 595 842 ]\n/Parent 2 0 R\n>>\nendobj\nxref\n0 5\n"
    b"0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n0000000113 00000 n \n"
    b"0000000162 00000 n \ntrailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n256\n"
    b"%%EOF\n"
)


def _image_bytes(kind):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, kind)
    return buffer.getvalue()


# Whole 2×2 images.
PNG_BYTES = _image_bytes("PNG")
JPEG_BYTES = _image_bytes("JPEG")


def make_document(agreement, content=PDF_BYTES, name="scan.pdf", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agreements.models import AgreementDocument

    return AgreementDocument.objects.create(
        agreement=agreement, file=SimpleUploadedFile(name, content), **fields
    )


def make_visit(**fields):
    from agreements.models import ForeignVisit

    defaults = {
        "purpose": f"Studi banding uji {next(_seq)}",
        "country": "Jepang",
        "city": "Osaka",
        "departure": date(2019, 9, 2),
        "return_date": date(2019, 9, 8),
    }
    defaults.update(fields)
    return ForeignVisit.objects.create(**defaults)


def make_evaluation(agreement, year=2020, **fields):
    from reports.choices import Recommendation
    from reports.models import RATING_FIELDS, Evaluation

    defaults = dict.fromkeys(RATING_FIELDS, 4)
    defaults.update(recommendation=Recommendation.CONTINUE, evaluator="Tim Monev Bappeda")
    defaults.update(fields)
    return Evaluation.objects.create(agreement=agreement, year=year, **defaults)
