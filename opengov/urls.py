from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "OpenGov Platform"
admin.site.site_title = "OpenGov Platform"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("opengov.compliance.urls")),
    path("", include("opengov.cocreation.urls")),
    path("", include("opengov.web.urls")),
    prefix_default_language=True,
)
