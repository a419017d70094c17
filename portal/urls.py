from django.urls import path

from portal import api, feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.site_sitemap, name="sitemap"),
    path("sitemap-jczwgk.xml", views.catalogue_sitemap_index, name="sitemap_catalogue"),
    path("sitemap-jczwgk-<section>.xml", views.catalogue_sitemap, name="sitemap_catalogue_section"),
    path("feeds/", views.feed_index, name="feeds"),
    path("feeds/policies.atom", feeds.PolicyFeed(), name="feed_policies_atom"),
    path("feeds/policies.rss", feeds.PolicyRssFeed(), name="feed_policies_rss"),
    path("feeds/columns/<int:column_id>.atom", feeds.ColumnEntriesFeed(), name="feed_column_atom"),
    path("feeds/columns/<int:column_id>.rss", feeds.ColumnEntriesRssFeed(), name="feed_column_rss"),
    path("feeds/search.atom", feeds.SearchFeed(), name="feed_search_atom"),
    path("feeds/search.rss", feeds.SearchRssFeed(), name="feed_search_rss"),
    path("api/", views.api_index, name="api_index"),
    path("api/openapi.json", api.openapi_document, name="openapi"),
    path("api/sites", api.site_list, name="api_sites"),
    path("api/v1/policies", api.policy_list, name="api_policies"),
    path("api/v1/policies/<int:pk>", api.policy_item, name="api_policy"),
    path("api/v1/guides", api.guide_list, name="api_guides"),
    path("api/v1/guides/<int:pk>", api.guide_item, name="api_guide"),
    path("api/v1/bundles", api.bundle_list, name="api_bundles"),
    path("api/v1/bundles/<int:pk>", api.bundle_item, name="api_bundle"),
    path("api/v1/catalogue/entries", api.entry_list, name="api_entries"),
    path("api/v1/catalogue/entries/<int:pk>", api.entry_item, name="api_entry"),
]
