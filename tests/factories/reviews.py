"""Officer-workflow helpers: a 保密审查 reviewer, and 脱敏 copies of the committed 公文 fixtures."""
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.site import roles
from tests.factories.accounts import make_user
from tests.factories.importers import fixture


def make_reviewer(username="secrecy-reviewer"):
    """A document officer who also holds 保密审查 (publishing.review_secrecy)."""
    user = make_user(username, roles.OFFICER)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="publishing", codename="review_secrecy"))
    return type(user).objects.get(pk=user.pk)  # a fresh object: permissions are cached per instance


def desensitised(name, drop=(), replace=(), filename=None):
    """The .txt variant of fixture `name` with lines dropped and text replaced, as an upload (a 脱敏 version)."""
    text = fixture(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() not in drop]
    text = "\n".join(lines) + "\n"
    for old, new in replace:
        text = text.replace(old, new)
    return SimpleUploadedFile(filename or name.rsplit(".", 1)[0] + "（脱敏）.txt", text.encode("utf-8"), content_type="text/plain")
