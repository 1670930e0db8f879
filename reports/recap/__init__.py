"""The recap: every figure of the dashboard, ``manage.py recap`` and the recap workbook.

``figures.Recap`` computes each figure once, from the register's own queryset methods
(status, partner group) and the monitoring of reports (dormant, overdue, compliance);
the dashboard, the JSON and the workbook only lay out what it computed, so they can
never disagree. See the README, section "Dashboard and recap".
"""
