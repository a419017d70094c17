"""Small, clean GB/T 9704-style text documents dated as the test needs (for flows where age matters)."""
from datetime import date


def clean_notice(tmp_path, *, formed_on: date, number: int = 1, organ="长沙市人民政府办公厅", code="长政办发", body_extra=""):
    text = (
        f"{organ}文件\n{code}〔{formed_on.year}〕{number}号\n"
        f"{organ}关于做好第{number}批政务服务事项公开工作的通知\n"
        "各区县（市）人民政府，市直机关各单位：\n"
        "　　为进一步做好政务服务事项公开工作，现将有关事项通知如下。\n"
        "　　一、及时公开办事指南。\n"
        f"　　二、加强统筹协调。{body_extra}\n"
        f"{organ}\n{formed_on.year}年{formed_on.month}月{formed_on.day}日\n（此件公开发布）\n"
    )
    path = tmp_path / f"notice-{number}.txt"
    path.write_text(text, encoding="utf-8")
    return path
