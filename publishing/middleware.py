"""A refusal of the publication gate that reaches a view (a workflow approval, a bulk action) becomes a message
and a way back, never a server error. The refused action changed nothing public."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from publishing.gate import PublishRefused


class GateRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        messages.error(request, "未公开：" + "；".join(exception.reasons))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "/admin/"
        return redirect(back)
