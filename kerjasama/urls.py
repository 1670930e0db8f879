from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("agreements.urls")),
    path("", include("reports.urls")),
    path("katalog/", include("agreements.catalogue.urls")),
    path("admin/", admin.site.urls),
]

# Indonesian error pages in the admin's look (kerjasama/error_pages.py).
handler400 = "kerjasama.error_pages.bad_request"
handler403 = "kerjasama.error_pages.permission_denied"
handler404 = "kerjasama.error_pages.page_not_found"
handler500 = "kerjasama.error_pages.server_error"
