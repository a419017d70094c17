"""Regenerate publishing/holiday_data/{year}.json (2007–2026) from the chinese-calendar package.

Schema follows NateScarlet/holiday-cn: {"year", "papers", "days": [{"name", "date", "isOffDay"}]}; only
deviations from Monday–Friday are listed (isOffDay=false marks a 调休 make-up working day).
Run: .venv/bin/python scripts/build_holiday_data.py
"""
import json
from pathlib import Path

from chinese_calendar import constants

OUT = Path(__file__).resolve().parent.parent / "publishing" / "holiday_data"
NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def name_of(value):
    text = getattr(value, "value", value)
    if isinstance(text, tuple):
        text = text[0]
    return NAMES.get(str(text), str(text))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for year in range(2007, 2027):
        days = [
            {"name": name_of(n), "date": d.isoformat(), "isOffDay": True}
            for d, n in constants.holidays.items() if d.year == year
        ] + [
            {"name": name_of(n), "date": d.isoformat(), "isOffDay": False}
            for d, n in constants.workdays.items() if d.year == year
        ]
        days.sort(key=lambda x: x["date"])
        (OUT / f"{year}.json").write_text(
            json.dumps({"year": year, "papers": [], "days": days}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
