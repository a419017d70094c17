from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search", views.search_api, name="search_api"),
    path("api/search/suggest", views.suggest_api, name="search_suggest"),
    path("search/click", views.click_beacon, name="search_click"),
]
