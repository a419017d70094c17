"""Public pages of the 基层政务公开地图 and GET /api/catalogue/matrix (design §2.10)."""
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from openness_catalog import matrix as matrix_module
from openness_catalog.models import CatalogueItem, Column, Domain, Entry

PAGE_SIZE = 20


def _published():
    return Entry.objects.filter(status=Entry.PUBLISHED)


def _items_with_counts(qs):
    return qs.select_related("column", "domain").annotate(
        entry_count=Count("entries", filter=Q(entries__status=Entry.PUBLISHED)),
        last_entry=Max("entries__published_at", filter=Q(entries__status=Entry.PUBLISHED)),
    )


def _cell_link(cell, url):
    """One matrix cell as HTML, built in Python: 330 cells rendered twice (table and phone list) in a few ms."""
    if not cell.items:
        return f'<span class="cell-none" aria-label="{escape(cell.column)}·{escape(cell.domain)}：暂无目录事项">—</span>'
    label = f"{cell.column}·{cell.domain}：{cell.entries}条信息"
    date_html = stale_html = ""
    if cell.last_published:
        day = cell.last_published
        label += f"，最近更新{day.year}年{day.month}月{day.day}日"
        date_html = f'<span class="cell-date">{day.isoformat()}</span>'
    if cell.stale:
        label += f"，{cell.stale}项待更新"
        stale_html = f'<span class="badge badge-due_soon">待更新{cell.stale}</span>'
    return f'<a href="{url}" aria-label="{escape(label)}"><span class="cell-count">{cell.entries}条</span>{date_html}{stale_html}</a>'


def matrix_rows(matrix):
    """(domain rows for the table, column sections for the phone list), each row's cells joined in Python."""
    pattern = reverse("catalogue:cell", args=[1, 2]).replace("/1/", "/{c}/").replace("/2/", "/{d}/")
    links = {key: _cell_link(cell, pattern.format(c=cell.column_id, d=cell.domain_id)) for key, cell in matrix.cells.items()}
    table = []
    for domain, cells in matrix.rows_by_domain():
        tds = "".join(
            f'<td class="{"cell-empty" if c.empty else ""}{" cell-stale" if c.stale else ""}">{links[(c.column_id, c.domain_id)]}</td>'
            for c in cells)
        table.append((domain, mark_safe(tds)))  # noqa: S308 — every interpolated name is escaped above
    lists = []
    for column, cells in matrix.rows_by_column():
        lis = "".join(
            f'<li class="{"cell-stale" if c.stale else ""}"><span>{escape(c.domain)}</span>{links[(c.column_id, c.domain_id)]}</li>'
            for c in cells if c.items)
        lists.append((column, mark_safe(lis or "<li>暂无</li>")))  # noqa: S308
    return table, lists


@require_GET
def matrix_page(request):
    matrix = matrix_module.build()
    table, lists = matrix_rows(matrix)
    return render(request, "openness_catalog/matrix.html", {"matrix": matrix, "rows_by_domain": table, "rows_by_column": lists})


@require_GET
def matrix_api(request):
    response = JsonResponse(matrix_module.build().as_api(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def column_page(request, pk):
    column = get_object_or_404(Column.objects.select_related("parent"), pk=pk)
    top = column.top
    matrix = matrix_module.build(columns=[top.pk])
    if column.parent_id:
        # a township: its own items only, grouped by domain
        items = _items_with_counts(CatalogueItem.objects.filter(column=column))
        by_domain = {}
        for item in items:
            by_domain.setdefault(item.domain, []).append(item)
        return render(request, "openness_catalog/township.html", {"column": column, "by_domain": by_domain})
    cells = matrix.rows_by_column()[0][1] if matrix.columns else []
    return render(request, "openness_catalog/column.html", {
        "column": column, "cells": cells, "coverage": matrix.coverage()[0] if matrix.columns else None,
        "townships": column.children.all(),
    })


@require_GET
def domain_page(request, pk):
    domain = get_object_or_404(Domain, pk=pk)
    if domain.merged_into_id:
        return redirect(domain.merged_into.get_absolute_url(), permanent=True)
    matrix = matrix_module.build()
    cells = [matrix.cells[(c["id"], domain.pk)] for c in matrix.columns]
    return render(request, "openness_catalog/domain.html", {
        "domain": domain, "cells": cells, "history": domain.changes.all()[:20],
        "merged_from": domain.merged_from.all(),
    })


@require_GET
def cell_page(request, column_pk, domain_pk):
    column = get_object_or_404(Column, pk=column_pk, parent__isnull=True)
    domain = get_object_or_404(Domain, pk=domain_pk)
    if domain.merged_into_id:
        return redirect("catalogue:cell", column_pk=column.pk, domain_pk=domain.merged_into_id, permanent=True)
    recent = Prefetch("entries", queryset=_published().order_by("-published_at", "-id"), to_attr="published_entries")
    items = _items_with_counts(
        CatalogueItem.objects.filter(Q(column=column) | Q(column__parent=column), domain=domain)
    ).prefetch_related(recent).order_by("column__sort_order", "column_id", "serial", "id")
    return render(request, "openness_catalog/cell.html", {"column": column, "domain": domain, "items": items})


@require_GET
def item_page(request, pk):
    item = get_object_or_404(CatalogueItem.objects.select_related("column", "column__parent", "domain"), pk=pk)
    entries = Paginator(_published().filter(item=item).order_by("-published_at", "-id"), PAGE_SIZE)
    page = entries.get_page(request.GET.get("page"))
    return render(request, "openness_catalog/item.html", {"item": item, "entries": page, "top": item.column.top})


@require_GET
def entry_page(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("item__column__parent", "item__domain", "record"), pk=pk)
    if entry.status == Entry.WITHDRAWN:
        return render(request, "openness_catalog/entry_withdrawn.html", {"entry": entry, "item": entry.item}, status=410)
    if entry.status != Entry.PUBLISHED:
        raise Http404("该信息未发布")
    return render(request, "openness_catalog/entry.html", {"entry": entry, "item": entry.item, "top": entry.item.column.top})
