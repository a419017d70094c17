"""The embedded engine (make run's default). Until the search issue lands it delegates to Wagtail's
database backend; the interface is the one the OpenSearch engine offers."""


class DatabaseEngine:
    name = "database"

    def health(self):
        return "ok"

    def search(self, query, size=10):
        from wagtail.models import Page

        results = Page.objects.live().specific().search(query)[:size]
        return [{"key": f"page-{p.pk}", "title": p.title, "url": p.url} for p in results]
