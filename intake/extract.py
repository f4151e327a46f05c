"""An article's plain text from an uploaded file or a fetched page.

A .txt file is taken as it is (UTF-8; ``sources.verification.clean_text`` refuses binary, empty and
over-size text when it is archived). An HTML page or .html file goes through trafilatura, a maintained
extractor, which keeps the article's paragraphs and drops navigation, adverts, comments and footers;
each paragraph becomes a block separated by a blank line, as the engine reads paragraphs. A page with no
article text, a binary file or another kind of file is refused with a clear IntakeError.
"""

from pathlib import PurePath

import trafilatura
from django.conf import settings

from intake.errors import IntakeError

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _binary(data: bytes) -> bool:
    return b"\x00" in data[:8192] or data.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff",
                                                      b"GIF8", b"\xd0\xcf\x11\xe0"))


def text_from_file(*, name: str, data: bytes) -> str | bytes:
    """The article text of an uploaded file: .txt as it is, .html without its boilerplate."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix in HTML_SUFFIXES:
        return text_from_html(data, what=f"the file {name}")
    if suffix not in TEXT_SUFFIXES:
        raise IntakeError(f"{name}: only .txt (UTF-8 plain text) and .html files are imported.", field="file",
                          code="file_type")
    if _binary(data):
        raise IntakeError(f"{name} is a binary file, not plain text: save the article as a UTF-8 .txt file.",
                          field="file", code="binary")
    return data


def text_from_page(body: bytes, *, content_type: str = "", url: str = "") -> str | bytes:
    """The article text of a fetched page: HTML without its boilerplate, plain text as it is."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "text/plain":
        if _binary(body):
            raise IntakeError(f"{url} sent binary data, not text.", field="url", code="binary")
        return body
    if kind and kind not in HTML_TYPES:
        raise IntakeError(f"{url} is {kind}, not an HTML page or plain text: no article to import.",
                          field="url", code="file_type")
    return text_from_html(body, what=url or "the page", field="url")


def text_from_html(data: bytes | str, *, what: str, field: str = "file") -> str:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    limit = settings.INTAKE_HTML_MAX_BYTES
    if size > limit:
        raise IntakeError(f"{what} is {size:,} bytes; the limit for an HTML page is {limit:,} bytes "
                          "(setting INTAKE_HTML_MAX_BYTES).", field=field, code="too_large")
    if isinstance(data, bytes) and _binary(data):
        raise IntakeError(f"{what} is binary data, not an HTML page.", field=field, code="binary")
    if not (data.strip() if isinstance(data, str) else data.strip()):
        raise IntakeError(f"{what} is empty.", field=field, code="empty")
    extracted = trafilatura.extract(data, output_format="txt", include_comments=False, include_tables=False,
                                    include_images=False, include_links=False, favor_precision=True,
                                    # No deduplicate: its cache spans documents, and would drop a
                                    # paragraph of this article that an earlier page also had.
                                    # No fallback extractors: on a page without an article they return
                                    # its menus and footer as if they were one.
                                    fast=True)
    paragraphs = [line.strip() for line in (extracted or "").splitlines() if line.strip()]
    if not paragraphs:
        raise IntakeError(f"No article text found in {what}: it has no paragraphs of an article (only "
                          "menus, links or scripts?). Paste the article's text instead.", field=field,
                          code="no_article")
    return "\n\n".join(paragraphs) + "\n"


def page_title(data: bytes | str) -> str:
    """The page's own title (for a URL imported without one), or ""."""
    try:
        metadata = trafilatura.extract_metadata(data)
    except Exception:  # noqa: BLE001 - metadata is a convenience; the curator can type the title
        return ""
    return (metadata.title or "").strip() if metadata is not None else ""
