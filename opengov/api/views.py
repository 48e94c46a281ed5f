from django.http import HttpResponse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from .opendata import build_zip, commitments_xlsx


@require_safe
@cache_page(300)
def open_data_zip(request):
    response = HttpResponse(build_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="opengov-open-data.zip"'
    return response


@require_safe
@cache_page(300)
def open_data_xlsx(request):
    response = HttpResponse(
        commitments_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="commitments.xlsx"'
    return response
