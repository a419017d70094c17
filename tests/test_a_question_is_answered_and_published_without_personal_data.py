"""咨询留言: a citizen asks a department and gets a 查询码; unanswered after 5 working days the message shows as overdue
on the office's list and home; once answered, a message whose author agreed appears in the public Q&A list (found by
its words) without name, phone or the numbers in its text; one without consent stays private; a 信访/投诉/举报 text is
pointed to its own channel and not saved."""
import re
from datetime import date

import pytest
from django.core.cache import cache

from cms.site import roles
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def ask(client, **extra):
    data = {"subject": "新生儿落户需要哪些材料", "body": "孩子刚出生，想问落户需要带什么材料，我的电话13812345678。", "name": "孙七",
            "phone": "13812345678", "email": "", "publish_ok": "on", "website": "", **extra}
    return client.post("/hdjl/zxly/", data)


def test_a_question_is_answered_and_appears_in_the_public_list(client):
    from timeliness.models import ConsultMessage

    cache.clear()
    assert client.get("/hdjl/zxly/").status_code == 200
    response = ask(client)
    code = re.search(r'id="query-code">([A-Z0-9]+)<', response.content.decode()).group(1)
    message = ConsultMessage.objects.get(query_code=code)
    ConsultMessage.objects.filter(pk=message.pk).update(received_on=date(2025, 6, 9), due_on=date(2025, 6, 16))
    private = ask(client, subject="另一问题不公开", publish_ok="")
    assert 'id="query-code"' in private.content.decode()

    make_user("ban", roles.OFFICER)
    client.login(username="ban", password=PASSWORD)
    listing = client.get("/admin/messages/").content.decode()
    assert re.search(r'id="messages-overdue">1<', listing) and "已超期" in listing and "孙*" in listing and "孙七" not in listing
    home = client.get("/admin/").content.decode()
    assert "咨询留言超期未答复" in home
    client.post(f"/admin/messages/{message.pk}/", {"answer": "请携带出生医学证明、父母户口簿和身份证件到派出所办理。"})
    for other in ConsultMessage.objects.exclude(pk=message.pk):
        client.post(f"/admin/messages/{other.pk}/", {"answer": "已电话答复。"})
    client.logout()

    public = client.get("/hdjl/zxly/wd/?q=落户").content.decode()
    assert "新生儿落户需要哪些材料" in public and "出生医学证明" in public
    assert "孙七" not in public and "13812345678" not in public
    assert "另一问题不公开" not in client.get("/hdjl/zxly/wd/").content.decode()
    assert "出生医学证明" in client.get(f"/hdjl/zxly/cx/?code={code}").content.decode()


def test_a_complaint_is_redirected_and_not_saved(client):
    from timeliness.models import ConsultMessage

    cache.clear()
    response = ask(client, subject="举报某单位违规收费")
    assert 'id="petition-notice"' in response.content.decode() and "第三十九条" in response.content.decode()
    assert ConsultMessage.objects.count() == 0


def test_bad_messages_get_chinese_field_errors(client):
    cache.clear()
    response = ask(client, phone="123", body="短")
    html = response.content.decode()
    assert response.status_code == 200 and "联系电话格式不正确" in html and "留言内容过短" in html
