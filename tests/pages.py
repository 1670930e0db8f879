"""Admin pages as the tests open them: addresses, and the import upload and confirmation."""

from django.urls import reverse


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def admin_upload(client, data, filename, model="agreements/agreement", format_index=0):
    from io import BytesIO

    upload = BytesIO(data)
    upload.name = filename
    return client.post(
        f"/admin/{model}/import/",
        {"resource": "0", "format": str(format_index), "import_file": upload},
    )


def admin_confirm(client, preview, model="agreements/agreement"):
    form = preview.context["confirm_form"]
    return client.post(
        f"/admin/{model}/process_import/",
        {name: form.initial[name] for name in form.fields},
    )
