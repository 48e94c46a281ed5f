"""The bulk open data files. Building them reads every public record, so they are made by a
task and served from storage (``opengov.core.generated``), made again only after content
has changed."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opengov.core import content, generated

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wanted(name, maker, content_type, label):
    return generated.Wanted(subject=f"open-data:{name}", maker=maker, filename=name,
                            content_type=content_type, label=label,
                            fingerprint=str(content.current().number))


@require_safe
def open_data_zip(request):
    return generated.serve(request, _wanted("opengov-open-data.zip", "open_data_zip",
                                            "application/zip", _("Open data package (ZIP)")))


@require_safe
def open_data_xlsx(request):
    return generated.serve(request, _wanted("commitments.xlsx", "open_data_xlsx", XLSX,
                                            _("Commitments (XLSX)")))
