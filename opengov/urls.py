from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from opengov.api import views as open_data
from opengov.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("open-data/opengov-open-data.zip", open_data.open_data_zip, name="open_data_zip"),
    path("open-data/commitments.xlsx", open_data.open_data_xlsx, name="open_data_xlsx"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("opengov.compliance.urls")),
    path("", include("opengov.cocreation.urls")),
    path("", include("opengov.follow.urls")),
    path("", include("opengov.search.urls")),
    path("", include("opengov.repository.urls")),
    path("", include("opengov.tracking.urls")),
    path("", include("opengov.reports.urls")),
    path("", include("opengov.plans.urls")),
    path("", include("opengov.workspace.urls")),
    path("", include("opengov.web.urls")),
    prefix_default_language=True,
)
