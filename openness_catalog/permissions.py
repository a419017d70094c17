"""Who edits which column.

A 目录编辑 edits the columns they are listed on (Column.editors) and those columns' township sub-columns;
the city editor is listed on the city column and so edits the city column only. Superusers and holders of
``openness_catalog.edit_all_columns`` (站点管理员) edit every column. Each check here is used by the admin
list, edit, delete, publish, import and export views alike.
"""
from django.db.models import Q

from openness_catalog.models import Column

EDIT_ALL = "openness_catalog.edit_all_columns"


def edits_all(user):
    return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(EDIT_ALL)))


def editable_columns(user):
    """Queryset of columns this user may edit."""
    if edits_all(user):
        return Column.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Column.objects.none()
    return Column.objects.filter(Q(editors=user) | Q(parent__editors=user)).distinct()


def can_edit_column(user, column):
    if column is None:
        return False
    if edits_all(user):
        return True
    return editable_columns(user).filter(pk=column.pk).exists()


def column_filter(user, prefix=""):
    """A Q object limiting items (prefix="") or entries (prefix="item__") to the user's columns."""
    if edits_all(user):
        return Q()
    ids = list(editable_columns(user).values_list("pk", flat=True))
    return Q(**{f"{prefix}column_id__in": ids})


def refusal(user, column):
    """A Chinese reason why `user` may not edit `column`, or None."""
    if can_edit_column(user, column):
        return None
    return f"您不是“{column}”栏目的目录编辑，不能修改该栏目的事项和信息"
