"""Public routes of the 基层政务公开地图 (the demo SectionPage /zfxxgk/jczwgk/ links here)."""
from django.urls import path

from openness_catalog import views

app_name = "catalogue"

urlpatterns = [
    path("jczwgk/", views.matrix_page, name="matrix"),
    path("jczwgk/column/<int:pk>/", views.column_page, name="column"),
    path("jczwgk/domain/<int:pk>/", views.domain_page, name="domain"),
    path("jczwgk/column/<int:column_pk>/domain/<int:domain_pk>/", views.cell_page, name="cell"),
    path("jczwgk/item/<int:pk>/", views.item_page, name="item"),
    path("jczwgk/entry/<int:pk>/", views.entry_page, name="entry"),
    path("api/catalogue/matrix", views.matrix_api, name="matrix_api"),
]
