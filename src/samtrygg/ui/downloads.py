"""A document (publishing.Document: a lägesbild, a plan, a report, a protocol) as a PDF or DOCX download: one
place for the renderers, the content types and the file name."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.text import slugify

from samtrygg.publishing.document import Document
from samtrygg.publishing.docx import render_docx
from samtrygg.publishing.pdf import render_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RENDERERS = {"pdf": (render_pdf, "application/pdf"), "docx": (render_docx, DOCX)}


def document_download(document: Document, name: str, fmt: str, *, fallback: str = "dokument") -> HttpResponse:
    """The document rendered as `fmt` ("pdf" or "docx"; anything else is 404), named `name` (slugified)."""
    if fmt not in RENDERERS:
        raise Http404
    render, content_type = RENDERERS[fmt]
    response = HttpResponse(render(document), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or fallback}.{fmt}"'
    return response


def photo_response(photo, *, cache: str = "private, max-age=3600") -> FileResponse:
    """A stored photo (a JPEG cleaned by lib.photos) for a reader the caller has checked; 404 without one."""
    if not photo:
        raise Http404
    try:
        handle = photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = cache
    return response
