"""The self-inspection reads links the way a visitor follows them (inspection.indicators, plain Python): a Wagtail
page or document link by id, a path, an absolute URL on the site's own host as internal; mail, phone, script and
in-page anchors are not links to check; another host is external."""
from inspection.indicators import Link, links_in, without_exceptions

HOSTS = {"www.example.gov.cn"}


def test_links_are_sorted_into_pages_documents_internal_paths_and_external_urls():
    html = ('<p><a linktype="page" id="12">页面</a><a linktype="document" id="3">附件</a>'
            '<a href="/zfxxgk/zcwjk/?page=2#top">文件库</a><a href="https://www.example.gov.cn/bsfw/">办事</a>'
            '<a href="https://www.gov.cn/zhengce/">中国政府网</a><a href="mailto:a@example.gov.cn">信箱</a>'
            '<a href="tel:12345">热线</a><a href="javascript:void(0)">脚本</a><a href="#top">顶部</a>'
            '<a href="/zfxxgk/zcwjk/?page=2">重复</a></p>')
    assert links_in(html, HOSTS) == [
        Link("page", "12"), Link("document", "3"), Link("internal", "/zfxxgk/zcwjk/?page=2"), Link("internal", "/bsfw/"),
        Link("external", "https://www.gov.cn/zhengce/"),
    ]
    assert links_in("没有链接的正文", HOSTS) == []


def test_an_allowed_phrase_hides_the_word_but_keeps_numbers_intact():
    assert "秘密" not in without_exceptions("依据保守国家秘密法第二十二条", ["保守国家秘密法"])
    assert "13812345678" in without_exceptions("保守国家秘密法 13812345678", ["保守国家秘密法"])
