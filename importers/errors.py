"""Errors raised by the document importers.

Every problem with an input file surfaces as :class:`ImportFailed`, which
carries a stable machine code and a clear Chinese message meant for editors.
"""

from __future__ import annotations

# Codes used by importers.readers (stable; the Django layer may map them).
EMPTY = "empty"
NOT_FOUND = "not_found"
TOO_LARGE = "too_large"
UNSUPPORTED_TYPE = "unsupported_type"
TYPE_MISMATCH = "type_mismatch"
CORRUPT_DOCX = "corrupt_docx"
CORRUPT_PDF = "corrupt_pdf"
ENCRYPTED_PDF = "encrypted_pdf"
ENCRYPTED_DOCX = "encrypted_docx"
SCANNED_PDF = "scanned_pdf"
ZIP_BOMB = "zip_bomb"
MACRO = "macro"
UNKNOWN_ENCODING = "unknown_encoding"
NO_TEXT = "no_text"


class ImportFailed(Exception):
    """A file could not be imported. ``message`` is Chinese, ``code`` is stable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:  # the Chinese message is what users see
        return self.message

    def __repr__(self) -> str:
        return f"ImportFailed({self.code!r}, {self.message!r})"
