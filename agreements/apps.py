from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Cooperation register")

    def ready(self):
        from agreements.partner_groups import GROUPS
        from agreements.roles import INTERNAL_MODELS, ROLE_PERMISSIONS
        from agreements.search_index import AGREEMENT_TEXT
        from core import roles

        roles.declare(self.label, ROLE_PERMISSIONS, internal_models=INTERNAL_MODELS)
        # The triggers that keep each agreement's partner group (agreements/partner_groups.py).
        GROUPS.connect(self)
        # The search index of the agreements' own text (agreements/search_index.py).
        AGREEMENT_TEXT.connect(self)
