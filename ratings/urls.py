from django.urls import path

from ratings import api, public

urlpatterns = [
    path("api/ratings", api.ratings_api, name="ratings_api"),  # design §2.14, no trailing slash
    path("api/ratings/departments", api.departments_api, name="ratings_departments_api"),
    path("hcp/", public.index, name="ratings_index"),
    path("hcp/pj/", public.rate, name="ratings_rate"),
    path("hcp/xiexie/", public.thanks, name="ratings_thanks"),
    path("hcp/sx/<path:code>/", public.target, name="ratings_target"),
    path("hcp/<path:department>/", public.department, name="ratings_department"),
]
