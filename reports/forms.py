"""The report's admin form: the workflow (reports.workflow) checked on every save, and
no save over changes made since the form was opened (core.locking)."""

from django import forms

from core.locking import VersionedModelForm
from reports import workflow
from reports.models import Report


class ReportForm(VersionedModelForm):
    #: The user saving; set by the admin on the class it builds for each request.
    user = None

    class Meta:
        model = Report
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The status as stored when the form was built (the instance is updated later).
        self.stored_status = None if self.instance.pk is None else self.instance.status
        status = self.fields.get("status")
        if status is not None and self.user is not None:
            allowed = workflow.allowed_statuses(self.user, self.stored_status)
            status.choices = [(value, label) for value, label in status.choices if value in allowed]

    def clean(self):
        cleaned = super().clean()
        if self.user is not None and "status" in cleaned:
            try:
                workflow.check_transition(self.user, self.stored_status, cleaned["status"])
            except forms.ValidationError as error:
                self.add_error("status", error.message_dict["status"])
        return cleaned
