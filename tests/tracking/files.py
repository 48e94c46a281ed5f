"""Real files for upload tests: a PDF, a DOCX and an ODT with a known sentence inside."""

import io
from functools import cache


@cache
def pdf_with(sentence: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html lang='fr'><body><h1>Rapport</h1><p>{sentence}</p></body>"
                       "</html>").write_pdf()


def docx_with(sentence: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(sentence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_with(sentence: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=sentence))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
