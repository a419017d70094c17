"""The standard catalogue vocabulary (domain.md §4). Plain Python, no Django."""
import re

#: 公开渠道和载体 — the standard checklist (■/□) seen across county and township catalogues.
CHANNELS = [
    "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
    "政务服务中心", "便民服务站", "入户/现场", "社区/村公示栏(电子屏)", "精准推送", "其他",
]
AUDIENCES = ["全社会", "特定群体"]
MODES = ["主动", "依申请"]
LEVELS = ["市级", "县级", "乡级", "村级"]

#: The standard catalogue table, one row per item; 栏目 and 领域 lead so one sheet holds any catalogue.
EXCEL_HEADERS = [
    "栏目", "领域", "序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限",
    "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级",
]

_SPLIT = re.compile(r"[、，,；;／\n]+|\s{2,}")
_CHANNEL_ALIASES = {
    "网站": "政府网站", "门户网站": "政府网站", "政府门户网站": "政府网站", "公报": "政府公报",
    "微博": "两微一端", "微信": "两微一端", "政务微博": "两微一端", "政务微信": "两微一端", "客户端": "两微一端",
    "发布会": "发布会/听证会", "听证会": "发布会/听证会", "广播": "广播电视", "电视": "广播电视",
    "报刊": "纸质媒体", "报纸": "纸质媒体", "查阅点": "公开查阅点", "政务公开专区": "公开查阅点",
    "服务中心": "政务服务中心", "便民服务中心": "便民服务站", "入户": "入户/现场", "现场": "入户/现场",
    "公示栏": "社区/村公示栏(电子屏)", "公开栏": "社区/村公示栏(电子屏)", "电子屏": "社区/村公示栏(电子屏)",
    "社区/村公示栏（电子屏）": "社区/村公示栏(电子屏)", "村务公开栏": "社区/村公示栏(电子屏)",
}


def parse_channels(text):
    """A 公开渠道和载体 cell → (channels, unknown words).

    Accepts a list joined with 、，; or a ■/□ checklist ("■政府网站 □政府公报": only ■ counts).
    """
    text = (text or "").strip()
    if not text:
        return [], []
    if "■" in text or "□" in text or "☑" in text:
        parts = re.findall(r"[■☑]\s*([^■□☑]+)", text)
    else:
        parts = _SPLIT.split(text)
    found, unknown = [], []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        name = part if part in CHANNELS else _CHANNEL_ALIASES.get(part)
        if name is None:
            unknown.append(part)
        elif name not in found:
            found.append(name)
    return sorted(found, key=CHANNELS.index), unknown


def format_channels(channels):
    return "、".join(channels)


def parse_levels(text):
    parts = [p.strip() for p in _SPLIT.split((text or "").strip()) if p.strip()]
    aliases = {"乡镇级": "乡级", "镇级": "乡级", "镇(街)级": "乡级", "镇（街）级": "乡级", "街道级": "乡级", "区级": "县级", "县(市、区)级": "县级"}
    found, unknown = [], []
    for part in parts:
        name = part if part in LEVELS else aliases.get(part)
        if name is None:
            unknown.append(part)
        elif name not in found:
            found.append(name)
    return sorted(found, key=LEVELS.index), unknown
