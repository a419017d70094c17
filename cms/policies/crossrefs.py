"""Cross-references: a 发文字号 mentioned in a body links to that policy's page when Gongkai has it (plain Python)."""
import re

# 机关代字 + 〔year〕 + number + 号, e.g. 国办发〔2019〕54号; 令 numbers keep 第 (国令第672号).
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}(?:〔(?:19|20)\d{2}〕[1-9]\d{0,4}号|令第[1-9]\d{0,4}号)")


def cited_numbers(text: str, own: str = "") -> list[str]:
    seen = []
    for match in DOC_NUMBER.finditer(text or ""):
        number = match.group(0)
        if number != own and number not in seen:
            seen.append(number)
    return seen


def link_numbers(html: str, urls: dict[str, str]) -> str:
    """Wrap each known 发文字号 in the HTML text with a link to its page (text nodes only)."""
    if not urls:
        return html
    pattern = re.compile("|".join(re.escape(n) for n in sorted(urls, key=len, reverse=True)))
    parts = re.split(r"(<[^>]+>)", html)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            tag = part[1:3].lower()
            inside_link = True if tag.startswith("a ") or part.lower() == "<a>" else (False if part.lower().startswith("</a") else inside_link)
            continue
        if not inside_link:
            parts[i] = pattern.sub(lambda m: f'<a href="{urls[m.group(0)]}">{m.group(0)}</a>', part)
    return "".join(parts)
