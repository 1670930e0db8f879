"""Choices by their label (in any language of the site) or their code."""

import re

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

from core.naming import normalize_name

from .cells import cell_text, closest, is_blank, strip_formula_guard


class ChoiceWidget(widgets.Widget):
    """A choice by its label (in any language of the site) or its code, in any case and
    spacing. A label "Long name (SHORT)" is also found by "Long name" and by "SHORT".

    Renders the label in the active language, or the code with ``render_code``.
    """

    def __init__(self, choices, render_code=False, **kwargs):
        self.choices = choices
        self.render_code = render_code
        self._lookup = None
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        # Resources deep-copy their fields; the choices class must stay the same object.
        return type(self)(self.choices, render_code=self.render_code)

    @staticmethod
    def key(text):
        """Letters and digits only: "Kerjasama", "kerja  sama" and "Kerja-Sama" are one."""
        return re.sub(r"[\W_]+", "", normalize_name(text))

    def lookup(self):
        if self._lookup is None:
            names, ambiguous = {}, set()

            def add(name, code):
                key = self.key(name)
                if not key:
                    return
                if names.get(key, code) != code:
                    ambiguous.add(key)
                names[key] = code

            for code, label in self.choices.choices:
                add(code, code)
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        text = str(label)
                    add(text, code)
                    outer = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
                    if outer:
                        add(outer[1], code)
                        add(outer[2], code)
            self._lookup = {key: code for key, code in names.items() if key not in ambiguous}
        return self._lookup

    @property
    def empty_value(self):
        # A blank text choice is "" (the model decides whether blank is allowed).
        return None if issubclass(self.choices, models.IntegerChoices) else ""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return self.empty_value
        text = strip_formula_guard(cell_text(value))
        code = self.lookup().get(self.key(text))
        if code is None:
            labels = [str(label) for label in self.choices.labels]
            suggestion = closest(text, labels)
            if suggestion:
                raise ValueError(
                    _("“%(value)s” is not one of: %(choices)s. Did you mean “%(suggestion)s”?")
                    % {"value": text, "choices": ", ".join(labels), "suggestion": suggestion}
                )
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(labels)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        if value is None or value == "":
            return None if kwargs.get("force_native_type") else ""
        if self.render_code:
            return value if kwargs.get("force_native_type") else str(value)
        try:
            return str(self.choices(value).label)
        except ValueError:
            return str(value)

    def native_renderer(self):
        """``render(value, force_native_type=True)`` as one dictionary look-up, the
        labels translated once into the active language: an export renders the same
        few labels hundreds of thousands of times."""
        if self.render_code:
            return lambda value: None if value is None or value == "" else value
        labels = {code: str(label) for code, label in self.choices.choices}
        return lambda value: None if value is None or value == "" else labels.get(value, str(value))
