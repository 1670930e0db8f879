"""Checks that ``manage.py check --deploy`` adds to Django's own."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from kerjasama import secret_key


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """Django's own check accepts our (long, varied, public) development key."""
    problem = settings.SECRET_KEY_PROBLEM or secret_key.weakness(settings.SECRET_KEY)
    if problem is None:
        return []
    return [Error(problem, hint=secret_key.HOW_TO_FIX, id="kerjasama.E001")]
