"""咨询留言: the public form, the tracking page and the public Q&A list (/hdjl/zxly/…), and the office's answer
pages in the admin. The answer is due MESSAGE_REPLY_WORKING_DAYS (default 5) working days after receipt; a message
that reads as 信访/投诉/举报 is not taken as a question but pointed to the proper channel (条例 Art. 39)."""
from django import forms
from django.conf import settings
from django.contrib import messages as flash
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.auth import permission_required

from publishing.models import Organ
from timeliness import request_rules as rules
from timeliness import request_workflow as workflow
from timeliness import throttle
from timeliness.models import ConsultMessage as M
from timeliness.request_forms import LANDLINE, MOBILE

PERMISSION = "timeliness.handle_disclosurerequest"


def reply_days():
    return int(getattr(settings, "MESSAGE_REPLY_WORKING_DAYS", 5))


class MessageForm(forms.Form):
    organ = forms.ModelChoiceField(label="留言对象（部门）", queryset=Organ.objects.order_by("name"), required=False,
                                   empty_label="不确定（由办公室转办）")
    subject = forms.CharField(label="标题", max_length=100, error_messages={"required": "请填写标题"})
    body = forms.CharField(label="留言内容", widget=forms.Textarea(attrs={"rows": 6}), min_length=10, max_length=2000,
                           error_messages={"required": "请填写留言内容", "min_length": "留言内容过短，请把问题写清楚"})
    name = forms.CharField(label="姓名", max_length=60, error_messages={"required": "请填写姓名"})
    phone = forms.CharField(label="联系电话", max_length=20, error_messages={"required": "请填写联系电话"})
    email = forms.EmailField(label="电子邮箱（选填）", required=False, error_messages={"invalid": "电子邮箱格式不正确"})
    publish_ok = forms.BooleanField(label="同意在网站公开我的留言和答复（不公开姓名和联系方式）", required=False)
    website = forms.CharField(label="请勿填写此项", required=False)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].replace(" ", "")
        if not (MOBILE.match(phone) or LANDLINE.match(phone)):
            raise forms.ValidationError("联系电话格式不正确：请填写11位手机号码或带区号的固定电话")
        return phone


def open_messages():
    return M.objects.filter(answered_on__isnull=True)


def overdue(today=None):
    return open_messages().filter(due_on__lt=today or timezone.localdate())


@never_cache
@require_http_methods(["GET", "POST"])
def message_form(request):
    form = MessageForm(request.POST or None)
    if request.method == "GET":
        return render(request, "timeliness/messages/form.html", {"form": form, "days": reply_days()})
    if request.POST.get("website"):
        return render(request, "timeliness/messages/form.html", {"form": MessageForm(), "refused": "提交未通过校验，请刷新页面后重新填写"}, status=400)
    if not throttle.allow(request, "request_form"):
        return render(request, "timeliness/messages/form.html", {"form": form, "refused": "提交过于频繁，请稍后再试"}, status=429)
    if not form.is_valid():
        return render(request, "timeliness/messages/form.html", {"form": form, "days": reply_days()})
    data = form.cleaned_data
    if rules.is_petition(data["subject"], data["body"]):
        return render(request, "timeliness/messages/petition.html", {})
    received_on = workflow.online_received_on(timezone.now())
    message = M.objects.create(
        organ=data["organ"], query_code=workflow.new_query_code(), subject=data["subject"], body=data["body"], name=data["name"],
        phone=data["phone"], email=data["email"], publish_ok=data["publish_ok"], received_on=received_on,
        due_on=workflow.add_working_days(received_on, reply_days()),
    )
    return render(request, "timeliness/messages/submitted.html", {"message": message})


@never_cache
@require_GET
def message_status(request):
    code = rules.normalise_code(request.GET.get("code", ""))
    message = M.objects.filter(query_code=code).first() if code else None
    status = 404 if code and message is None else 200
    return render(request, "timeliness/messages/status.html", {"code": code, "message": message, "not_found": status == 404},
                  status=status)


@require_GET
def qa_list(request):
    q = request.GET.get("q", "").strip()[:50]
    qs = M.objects.filter(publish_ok=True, answered_on__isnull=False).select_related("organ").order_by("-answered_on", "-id")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(body__icontains=q) | Q(answer__icontains=q))
    items = [{"subject": m.subject, "body": rules.hide_numbers(m.body), "answer": m.answer, "organ": m.organ,
              "received_on": m.received_on, "answered_on": m.answered_on} for m in qs[:50]]
    return render(request, "timeliness/messages/list.html", {"items": items, "q": q})


# --- admin ------------------------------------------------------------------------------------------------------------

class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), min_length=5,
                             error_messages={"required": "请填写答复内容", "min_length": "答复内容过短"})


@permission_required(PERMISSION)
def admin_list(request):
    today = timezone.localdate()
    items = list(M.objects.select_related("organ")[:200])
    for m in items:
        m.masked = rules.mask_name(m.name)
        m.late = m.answered_on is None and m.due_on < today
    return render(request, "timeliness/admin/messages_list.html", {"title": "咨询留言办理", "items": items,
                                                                   "overdue_count": overdue(today).count()})


@permission_required(PERMISSION)
def admin_answer(request, pk):
    message = get_object_or_404(M, pk=pk)
    form = AnswerForm(request.POST or None, initial={"answer": message.answer})
    if request.method == "POST":
        if message.answered_on:
            raise Http404("该留言已经答复")
        if form.is_valid():
            message.answer, message.answered_on, message.answered_by = form.cleaned_data["answer"], timezone.localdate(), request.user
            message.save()
            flash.success(request, "已答复" + ("，已在网站公开" if message.publish_ok else ""))
            return redirect("messages_admin_list")
    return render(request, "timeliness/admin/messages_answer.html", {"title": f"答复留言：{message.subject}", "message": message,
                                                                     "form": form}, status=400 if request.method == "POST" else 200)
