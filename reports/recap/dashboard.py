"""The admin index as the dashboard: what each user sees of the recap.

The office and the leaders see the whole register; an Operator OPD sees the part
their unit is responsible for (``Agreement.objects.visible_to``), so every number
still matches the admin list it links to. Anybody else sees the plain index.
"""

from agreements.visibility import unit_scope

from .charts import RatioChart, StackedYearChart
from .figures import Recap


class Dashboard:
    def __init__(self, request):
        self.user = request.user
        self.recap = Recap(user=self.user)
        self.scope = unit_scope(self.user)

    @property
    def is_unit_view(self):
        """An operator's dashboard: only their unit's agreements are counted."""
        return self.scope is not None and not isinstance(self.scope, str)

    @property
    def headline(self):
        recap = self.recap
        return [recap.in_force, recap.expiring, recap.exploration, recap.dormant, recap.overdue]

    @property
    def year_chart(self):
        return StackedYearChart(self.recap)

    @property
    def compliance_chart(self):
        return RatioChart(
            (row.unit.name, row.rate, f"{row.percent}%", row.reports)
            for row in self.recap.compliance
        )

    @property
    def download_years(self):
        return self.recap.years


def dashboard_context(request):
    """Extra context for the admin index: ``dashboard`` when the user sees any part."""
    if unit_scope(request.user) is None:
        return {}
    return {"dashboard": Dashboard(request)}
