"""One download view for every uploaded document, only for users allowed to see it.

Uploads are never served from a public media URL; each app routes its documents here
(its own ``urls.py``), naming the permission and the object whose ``visible_to(user)``
decides, the same rule as the admin lists.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View


class DocumentDownloadView(LoginRequiredMixin, View):
    #: A ``core.documents.Document`` model.
    model = None
    #: The permission a user needs ("app_label.codename").
    permission = None
    #: The foreign key to the object whose ``visible_to(user)`` limits the documents;
    #: None when the permission alone decides.
    owner = None

    def get(self, request, pk):
        if not request.user.has_perm(self.permission):
            raise Http404
        documents = self.model._default_manager.all()
        if self.owner is not None:
            owners = self.model._meta.get_field(self.owner).related_model._default_manager
            documents = documents.filter(**{f"{self.owner}__in": owners.visible_to(request.user)})
        document = get_object_or_404(documents, pk=pk)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.download_name()
        )
