from django.template.response import TemplateResponse

from cms.policies.models import PolicyDocumentPage


class WithdrawnNoticeMiddleware:
    """A withdrawn (撤回) policy keeps a notice at its URL instead of a bare 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method != "GET":
            return response
        path = request.path if request.path.endswith("/") else request.path + "/"
        page = PolicyDocumentPage.objects.filter(withdrawn_at__isnull=False, live=False, url_path__endswith=path).first()
        if page is None:
            return response
        notice = TemplateResponse(request, "policies/withdrawn_notice.html", {"withdrawn": page}, status=410)
        return notice.render()
