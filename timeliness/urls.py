from django.urls import path

from timeliness.api import timeliness_api
from timeliness.messages import message_form, message_status, qa_list
from timeliness.public import transparency_page
from timeliness.request_views import apply, status_api, status_page

urlpatterns = [
    path("api/timeliness", timeliness_api, name="timeliness_api"),
    path("zfxxgk/shixiao/", transparency_page, name="timeliness_public"),
    # 依申请公开 (design §2.12): these take the place of the 依申请公开 column page that init_site creates
    path("zfxxgk/ysqgk/", apply, name="request_apply"),
    path("zfxxgk/ysqgk/cx/", status_page, name="request_status"),
    path("api/requests/<str:code>", status_api, name="request_status_api"),
    # 咨询留言 (互动交流)
    path("hdjl/zxly/", message_form, name="message_form"),
    path("hdjl/zxly/cx/", message_status, name="message_status"),
    path("hdjl/zxly/wd/", qa_list, name="message_list"),
]
