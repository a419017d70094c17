from django.urls import path

from timeliness.api import timeliness_api
from timeliness.public import transparency_page

urlpatterns = [
    path("api/timeliness", timeliness_api, name="timeliness_api"),
    path("zfxxgk/shixiao/", transparency_page, name="timeliness_public"),
]
