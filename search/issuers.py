"""The lead issuer (牵头机关) of a joint document (plain Python, no Django).

A joint 公文 names its issuers lead first, in its title (GB/T 9704: 发文机关 + 关于 + 事由 + 文种) and by the lead's
机关代字 in its 发文字号 (长卫联〔2024〕2号 is the health commission's). Stored issuer lists carry no order
(they come back sorted by name), so the department shown in search is worked out from those two.
"""
import re

_CODE = re.compile(r"^[^〔\[［(（【\d]+")


def _code_of(doc_number):
    m = _CODE.match((doc_number or "").strip())
    return m.group(0) if m else ""


def lead_issuer(issuers, title="", doc_number=""):
    """``issuers``: [(name, short_name)] in any order → the lead's name ("" when there are none)."""
    issuers = [(n or "", s or "") for n, s in issuers if n]
    if len(issuers) <= 1:
        return issuers[0][0] if issuers else ""
    title = title or ""
    named = [(title.find(n), n) for n, _ in issuers if title.find(n) >= 0]
    if named:
        return min(named)[1]
    code = _code_of(doc_number)
    if code:
        by_short = [n for n, s in issuers if s and code.startswith(s)]
        if by_short:
            return max(by_short, key=lambda n: len(dict(issuers)[n]))
        # 机关代字 abbreviate the name: most shared characters, ignoring those every issuer shares (the city's 长)
        common = set.intersection(*(set(n) for n, _ in issuers))
        overlap = [(len((set(code) & set(n)) - common), -i, n) for i, (n, _) in enumerate(issuers)]
        best = max(overlap)
        if best[0] > 0:
            return best[2]
    return issuers[0][0]
