"""Hostile uploads built in memory: a .docx that inflates far beyond its size and a PDF with
more pages than anyone reads (for tests/evidence/test_uploads.py and bench/bench_uploads.py)."""

import io
import zipfile

__all__ = ["docx_bomb", "many_page_pdf"]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(expanded_bytes: int = 200 * 1024 * 1024) -> bytes:
    """A Word document whose body is `expanded_bytes` of one repeated paragraph: a few hundred
    KB on the wire."""
    paragraph = f"<w:p><w:r><w:t>{'A' * 1000}</w:t></w:r></w:p>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            chunk = paragraph * 1024
            for _ in range(expanded_bytes // len(chunk)):
                body.write(chunk)
            body.write(b"</w:body></w:document>")
    return out.getvalue()


def many_page_pdf(pages: int = 10_000, text: str = "Page") -> bytes:
    """A valid PDF of `pages` pages sharing one content stream (about 90 bytes a page)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    font_id = pages + 4
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + n} 0 R".encode() for n in range(pages))
        + f"] /Count {pages} >>".encode(),
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    page = (
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"
    ).encode()
    objects.extend(page for _ in range(pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
