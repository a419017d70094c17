"""Bad applications at /zfxxgk/ysqgk/ are re-shown with a Chinese message on the field at fault (ID check digit,
phone, 统一社会信用代码, missing contact for the chosen delivery…), never a 500 and never a saved request; robots
filling the honeypot and clients posting too often are turned away."""
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.requests import VALID_ID, natural_post, organisation_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def count():
    from timeliness.models import DisclosureRequest

    return DisclosureRequest.objects.count()


@pytest.mark.parametrize("data, field, message", [
    (natural_post(id_number=VALID_ID[:-1] + "5"), "id_number", "校验码"),
    (natural_post(id_number="12345"), "id_number", "身份证号码不正确"),
    (natural_post(phone="1381234"), "phone", "联系电话格式不正确"),
    (natural_post(phone=""), "phone", "请填写联系电话"),
    (organisation_post(org_code="91350100M000100Y44"), "org_code", "校验码错误"),
    (organisation_post(org_code=""), "org_code", "请填写统一社会信用代码"),
    (natural_post(delivery="电子邮件", email=""), "email", "请填写电子邮箱"),
    (natural_post(delivery="邮寄", address=""), "address", "请填写通信地址"),
    (natural_post(email="not-an-address"), "email", "电子邮箱格式不正确"),
    (natural_post(description="文件"), "description", "描述过短"),
    (natural_post(applicant_type="外星人"), "applicant_type", "申请人类型只能是"),
    (natural_post(form_wanted="口头"), "form_wanted", "获取方式只能是"),
    (natural_post(id_number="\u0000\u0001" * 3), None, None),
    ({}, "applicant_type", "请选择申请人类型"),
])
def test_invalid_submission_gets_a_chinese_field_error(client, data, field, message):
    response = client.post("/zfxxgk/ysqgk/", data)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    if message:
        assert message in html
        assert f'id="id_{field}_error"' in html  # the message sits on the field (aria-describedby)
    assert 'id="query-code"' not in html
    assert count() == 0


def test_wrong_kind_of_proof_is_refused(client):
    proof = SimpleUploadedFile("id.exe", b"MZ....", content_type="application/octet-stream")
    response = client.post("/zfxxgk/ysqgk/", {**natural_post(), "proof": proof})
    assert "只接受 JPG、PNG 或 PDF" in response.content.decode() and count() == 0


def test_proof_is_stored_privately_not_under_media(client, settings):
    from timeliness.models import DisclosureRequest

    proof = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post("/zfxxgk/ysqgk/", {**natural_post(), "proof": proof})
    assert 'id="query-code"' in response.content.decode()
    stored = DisclosureRequest.objects.get().applicant.proof
    assert str(settings.PRIVATE_MEDIA_ROOT) in stored.path and str(settings.MEDIA_ROOT) not in stored.path
    with pytest.raises(ValueError):
        stored.url  # noqa: B018 — private storage has no URL
    stored.delete(save=False)


def test_a_filled_honeypot_saves_nothing(client):
    response = client.post("/zfxxgk/ysqgk/", natural_post(website="http://spam.example"))
    assert response.status_code == 400 and "请刷新页面" in response.content.decode() and count() == 0


def test_too_many_submissions_from_one_client_are_refused(client, settings):
    settings.REQUEST_FORM_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert 'id="query-code"' in client.post("/zfxxgk/ysqgk/", natural_post()).content.decode()
    response = client.post("/zfxxgk/ysqgk/", natural_post())
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert count() == 2
