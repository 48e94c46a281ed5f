"""Official documents as files: PDF from an HTML template (WeasyPrint, tagged PDF/UA) and
DOCX built with python-docx. Fonts are the system's: nothing is fetched at run time."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_bytes(template, context, *, request=None, base_url="/") -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")


# A file the site sends (uploaded, or made from what people wrote) is never a page of the
# site: opened in a browser it runs no script, loads nothing and cannot be sniffed as HTML,
# whatever its bytes. Set on the response itself, so django-csp leaves it as it is.
FILE_POLICY = "sandbox; default-src 'none'"


def as_file(response):
    """``response``, which sends a file, with the headers that keep it a file."""
    response["Content-Security-Policy"] = FILE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return as_file(response)


def new_docx(title: str, lines: list[str], *, language: str = "en"):
    """A DOCX with sober styles, a title and a few lines under it (member, period...)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    for section in document.sections:
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Liberation Sans")
    # The document's language, for spelling and screen readers.
    lang = normal.element.rPr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        normal.element.rPr.append(lang)
    lang.set(qn("w:val"), language)
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 12.5),
                       ("Heading 3", 11)):
        style = document.styles[name]
        style.font.name = "Liberation Sans"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x3A, 0x66)
    document.core_properties.title = title
    document.core_properties.language = language
    document.add_heading(title, level=0)
    for line in lines:
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return document


def _shade(cell, fill: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def add_text(document, text: str):
    """Paragraphs of a multi-line text (empty lines separate paragraphs)."""
    for block in (text or "—").split("\n\n"):
        document.add_paragraph(block.strip())


def add_field_table(document, rows: list[tuple[str, str]]):
    """A two-column table of labels and values, as in OGP's templates."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value or "—"
        _shade(cells[0], "E8EEF5")
        for run in cells[0].paragraphs[0].runs:
            run.bold = True
    _widths(table, (5.5, 11.5))
    document.add_paragraph()
    return table


def add_table(document, header: list[str], rows: list[list[str]], widths=None):
    """A table with a repeated, shaded header row."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        _shade(cell, "E8EEF5")
        for run in cell.paragraphs[0].runs:
            run.bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value) if value not in (None, "") else "—"
    if widths:
        _widths(table, widths)
    document.add_paragraph()
    return table


def _widths(table, widths_cm):
    from docx.shared import Cm

    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
