"""Refuse control characters in the address and the submitted values before any cache, database or view sees them.

PostgreSQL text cannot hold NUL, XML feeds cannot carry C0 controls, and no citizen types them: such a request is
hostile or broken, so it gets a Chinese 400 (JSON under /api/) instead of a 500. Django logs the 400 as a warning.
"""
import re

from cms import views

# C0 controls except tab, line feed and carriage return (the characters XML 1.0 refuses as well)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
IN_ADDRESS = "网址中含有不允许的控制字符（如 %00），请检查网址后重试"
IN_VALUES = "提交的内容中含有不允许的控制字符（如 %00），请删除后重试"


def _carries_control_characters(query_dict):
    return any(CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
               for key, values in query_dict.lists())


def _form_values(request):
    if request.method != "POST":
        return None
    try:
        return request.POST  # form bodies only; JSON and other bodies parse to an empty QueryDict
    except OSError:  # the client went away mid-upload: the view will meet the same and answer for it
        return None


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path):
            return views.refuse(request, IN_ADDRESS)
        form = _form_values(request)
        if _carries_control_characters(request.GET) or (form is not None and _carries_control_characters(form)):
            return views.refuse(request, IN_VALUES)
        return self.get_response(request)
