"""Result snippets: HTML-safe text with the query's words in <em> (plain Python, no Django).

Every character of the source is escaped; the only markup produced is ``<em>``/``</em>`` around matched text,
so the template may mark the result safe.

An index document's ``body`` may end with metadata that helps matching but is no content (发文字号, 发文机关,
“政策文件”); content apps put :data:`METADATA_MARK` before it, and snippets never show what follows it.
"""
import html

METADATA_MARK = "\u2029"  # paragraph separator: whitespace to the analysis, a boundary to snippets
SCAN = 6000  # characters of a long body searched for the first match


def content_of(body) -> str:
    return (body or "").split(METADATA_MARK, 1)[0].strip()


def _terms(terms):
    return sorted({t for t in terms if t}, key=len, reverse=True)


def _normalised(text, normalize):
    """Positions are found in the normalised text and cut from the original (when the length is kept)."""
    norm = normalize(text)
    return norm if len(norm) == len(text) else text.lower()


def _marked(text, norm, terms, start, end):
    out, cur, pos = [], start, start
    while pos < end:
        match = next((t for t in terms if norm.startswith(t, pos)), None)
        if match:
            stop = min(end, pos + len(match))
            out.append(html.escape(text[cur:pos]))
            out.append("<em>" + html.escape(text[pos:stop]) + "</em>")
            cur = pos = stop
        else:
            pos += 1
    out.append(html.escape(text[cur:end]))
    return "".join(out)


def snippet(body, terms, normalize, length=120) -> str:
    """A window of the content that starts with the first matched word; the content's beginning when no
    word matches; "" when there is no content (a document of metadata only)."""
    text = content_of(body)[:SCAN]
    if not text:
        return ""
    norm = _normalised(text, normalize)
    terms = _terms(terms)
    found = [t for t in terms if t in norm]
    # a sub-word (生活 of 最低生活保障) does not choose the window when the whole word is there too
    whole = [t for t in found if not any(t != o and t in o for o in found)]
    start = min((norm.find(t) for t in whole), default=0)
    end = min(len(text), start + length)
    return ("…" if start > 0 else "") + _marked(text, norm, terms, start, end) + ("…" if end < len(text) else "")


def highlight(text, terms, normalize, length=120) -> str:
    """``text`` (a title) cut to ``length``, matched words in <em>."""
    text = text or ""
    if not text:
        return ""
    end = min(len(text), length)
    return _marked(text, _normalised(text, normalize), _terms(terms), 0, end) + ("…" if end < len(text) else "")
