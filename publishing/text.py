"""Text as a reader sees it (plain Python): HTML bodies become lines, so checks look at what is shown."""
import html
import re

_BLOCK = re.compile(r"<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote|pre)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_DOCUMENT_LINK = re.compile(r"""<a\b[^>]*\blinktype=["']document["'][^>]*>""", re.I)
_ID = re.compile(r"""\bid=["'](\d+)["']""")


def html_lines(value) -> list[str]:
    """The non-empty lines of an HTML (or plain) text: block elements break lines, tags go, entities decode."""
    text = _BLOCK.sub("\n", str(value or ""))
    text = html.unescape(_TAG.sub("", text))
    return [line for line in (_SPACES.sub(" ", raw).strip() for raw in text.split("\n")) if line]


def plain(value) -> str:
    return "\n".join(html_lines(value))


def linked_document_ids(value) -> list[int]:
    """Ids of the documents a Wagtail rich text links to (<a linktype="document" id="3">)."""
    ids = []
    for tag in _DOCUMENT_LINK.findall(str(value or "")):
        found = _ID.search(tag)
        if found and int(found.group(1)) not in ids:
            ids.append(int(found.group(1)))
    return ids
