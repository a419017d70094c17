"""What a query asks for, from general Chinese question patterns (plain Python, no Django).

* ``howto``: the citizen wants to get something done (怎么办 / 如何 / 去哪办 / 要什么材料 / 补办 / 丢了…):
  guides and 一件事 should come before 公示 lists and policies.
* ``document``: the query names a policy — its 发文字号 or its title — or reads like a 公文 title
  (关于…的通知, 《…》, ends with 办法/意见/…): policies come first.
* :func:`asks_for_everything`: the query asks what all a life event needs (生孩子要办什么, 开公司要办哪些手续): a 一件事
  bundle that has its words answers it.

The patterns are about how questions and 公文 titles are formed in general, never about particular queries.
Whether a query names a document number is decided against the candidates' own 发文字号 (see
:func:`named_documents`), so no second 文号 grammar is kept here.
"""
import re

HOWTO = "howto"
DOCUMENT = "document"

_QUESTION = (
    r"怎么|怎样|怎麼|如何|咋|啥|什么|哪里|哪儿|哪个|在哪|去哪|到哪|哪些|多久|多长时间|几天|多少钱|收费吗|"
    r"能不能|能否|可不可以|可以.{0,8}吗|需要.{0,8}吗|要.{0,6}吗|吗$|呢$|？|\?"
)
# procedural verbs and objects: doing, applying, replacing what was lost, what to bring
_PROCEDURE = (
    r"办理|(?:要|能|可以|网上|掌上|异地|就近|现场|一次)办|办(?:什么|啥|证|卡|手续)|手续|流程|步骤|材料|条件|"
    r"申请|申领|申报|领取|补办|补领|补换|换领|换证|挂失|注销|变更|续期|预约|报销|丢了|丢失|遗失|弄丢|坏了|过期"
)
_HOWTO = re.compile(f"(?:{_QUESTION}|{_PROCEDURE})")
# how 公文 titles are formed (GB/T 9704: 发文机关 + 关于 + 事由 + 文种), or a quoted title
_DOC_KINDS = r"通知|意见|办法|规定|决定|方案|细则|条例|批复|公告|通告|通报|规划|纲要|政策|文件"
_TITLE = re.compile(rf"《[^》]{{2,}}》|^.{{2,}}关于.{{2,}}的(?:{_DOC_KINDS})$")
# ends with a 文种 (…补贴政策, …管理办法), but not “有什么办法”, which asks what to do
_KIND_LAST = re.compile(rf"(?<!什么)(?<!啥)(?:{_DOC_KINDS})$")
_KEEP = re.compile(r"[\u3400-\u9fff0-9a-z]+")


def compact(text) -> str:
    """Only Han characters, digits and latin letters: 长政发〔2024〕3号, 长政发[2024]3号 and 长政发 2024 3号 agree."""
    return "".join(_KEEP.findall((text or "").lower()))


def named_documents(query, hits) -> set:
    """Keys of the candidate policies the query names, by 发文字号 or by (most of) the title."""
    q = compact(query)
    if len(q) < 4:
        return set()
    out = set()
    for h in hits:
        if h.get("type") != "policy":
            continue
        number, title = compact(h.get("doc_number")), compact(h.get("title"))
        if (len(number) >= 4 and number in q) or (len(q) >= 8 and (q in title or (len(title) >= 8 and title in q))):
            out.add(h.get("key"))
    return out


def classify(query, hits=()) -> tuple:
    """(intent, named policy keys). ``intent`` is HOWTO, DOCUMENT or "" (no preference)."""
    named = named_documents(query, hits)
    if named:
        return DOCUMENT, named
    text = (query or "").strip().lower()
    if _TITLE.search(text) or _KIND_LAST.search(text):
        return DOCUMENT, set()
    if _HOWTO.search(text):
        return HOWTO, set()
    return "", set()


# "what all has to be done": a life event, which a 一件事 bundle answers (生孩子要办什么, 开公司要办哪些手续)
_EVERYTHING = re.compile(r"办(?:什么|哪些|啥)(?:手续|事)?[吗呢？?]?$|哪些手续[吗呢？?]?$")


def asks_for_everything(query) -> bool:
    return bool(_EVERYTHING.search((query or "").strip().lower()))
