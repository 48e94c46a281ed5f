"""Reading the words inside an uploaded file, for the search (R2), without trusting the file.

A file can be built to make its reader work for minutes or fill the memory: a PDF with one
stream that inflates to gigabytes, a ZIP-based office file that inflates to a terabyte. So
the text is read in a child process (``python -m opengov.repository.extract MIME``, the file
on its standard input, the text on its output) that the operating system holds to limits:

- time: ``TIME_LIMIT`` seconds of CPU and of wall-clock time;
- memory: ``MEMORY_LIMIT`` bytes of address space (RLIMIT_AS);
- output: at most ``TEXT_LIMIT`` characters of text are kept;
- ZIP-based formats (DOCX, ODT): refused before reading when their parts would inflate
  past ``INFLATED_LIMIT`` bytes.

A file over a limit is still stored and listed; its text is only "not indexed", with the
reason (``Outcome.reason``, one of ``REASONS``). This module imports no Django, so the child
starts quickly.
"""

import io
import resource
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass

TIME_LIMIT = 20  # seconds
MEMORY_LIMIT = 768 * 1024 * 1024  # bytes of address space of the reader
TEXT_LIMIT = 5 * 1024 * 1024  # characters of text kept
INFLATED_LIMIT = 200 * 1024 * 1024  # bytes a ZIP-based file may inflate to

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = {"text/plain", "text/csv", "text/markdown"}
READABLE = {PDF, DOCX, ODT, *TEXT}

# Why a file's text is not in the search (codes stored on the version; labels in models).
TOO_SLOW, TOO_BIG, TOO_MUCH_TEXT, UNREADABLE, INFLATES = (
    "too_slow", "too_big_to_read", "too_much_text", "unreadable", "inflates")
REASONS = (TOO_SLOW, TOO_BIG, TOO_MUCH_TEXT, UNREADABLE, INFLATES)
EXIT_INFLATES = 3


@dataclass
class Outcome:
    text: str = ""
    reason: str = ""  # "" when the text was read whole (or the kind has none)


def read_text(data: bytes, mime: str, inflated_limit=INFLATED_LIMIT) -> str:
    """The text of a PDF, DOCX, ODT or text file, read in this process (the child's work)."""
    if mime == PDF:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if mime in (DOCX, ODT):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > inflated_limit:
                raise SystemExit(EXIT_INFLATES)
    if mime == DOCX:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows
                  for cell in row.cells]
        return "\n".join(parts)
    if mime == ODT:
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        document = load(io.BytesIO(data))
        return "\n".join(teletype.extractText(element)
                         for tag in (H, P) for element in document.getElementsByType(tag))
    if mime in TEXT:
        return data.decode("utf-8", "replace")
    return ""


def _limit_child():
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def extract(data: bytes, mime: str) -> Outcome:
    """Read ``data``'s text in a child process held to the limits above."""
    if mime not in READABLE:
        return Outcome()
    if mime in TEXT:  # nothing to parse: no need for a child
        text = data.decode("utf-8", "replace").replace("\x00", "")
        return Outcome(text[:TEXT_LIMIT], TOO_MUCH_TEXT if len(text) > TEXT_LIMIT else "")
    try:
        child = subprocess.run(  # noqa: S603 - our own module, arguments from our own table
            [sys.executable, "-m", "opengov.repository.extract", mime, str(INFLATED_LIMIT),
             str(TEXT_LIMIT)], input=data,
            capture_output=True, timeout=TIME_LIMIT + 5, preexec_fn=_limit_child, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(reason=TOO_SLOW)
    if child.returncode == EXIT_INFLATES:
        return Outcome(reason=INFLATES)
    if child.returncode < 0:  # killed by the system: out of CPU time (SIGXCPU), or memory
        return Outcome(reason=TOO_SLOW if -child.returncode == signal.SIGXCPU else TOO_BIG)
    if child.returncode != 0:
        return Outcome(reason=TOO_BIG if b"MemoryError" in child.stderr else UNREADABLE)
    text = child.stdout.decode("utf-8", "replace").replace("\x00", "")
    if len(text) > TEXT_LIMIT:
        return Outcome(text[:TEXT_LIMIT], TOO_MUCH_TEXT)
    return Outcome(text)


def main():
    mime, inflated_limit, text_limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    text = read_text(sys.stdin.buffer.read(), mime, inflated_limit)
    sys.stdout.buffer.write(text[:text_limit + 1].encode("utf-8", "replace"))


if __name__ == "__main__":
    main()
