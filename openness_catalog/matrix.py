"""Counts for the matrix page, the matrix API (design §2.10) and the editors' coverage panel.

A fixed number of queries whatever the size: columns, domains, the items (one small row each) and one
GROUP BY item_id over published entries (the entry table alone, no join: about 2.5× faster than grouping a
three-table join by cell). Rows are rolled up to cells in Python; township sub-columns roll up into their
district's cell.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max
from django.utils import timezone

from openness_catalog.models import CatalogueItem, Column, Domain, Entry


@dataclass
class Cell:
    column_id: int
    domain_id: int
    column: str
    domain: str
    items: int = 0
    entries: int = 0
    last_published: date | None = None
    stale: int = 0

    @property
    def empty(self):
        return self.items == 0 or self.entries == 0

    def as_api(self):
        return {"column": self.column, "domain": self.domain, "items": self.items, "entries": self.entries,
                "last_published": self.last_published.isoformat() if self.last_published else None, "stale": self.stale}


@dataclass
class Matrix:
    columns: list
    domains: list
    cells: dict = field(default_factory=dict)  # (column_id, domain_id) -> Cell

    def cell(self, column_id, domain_id):
        return self.cells[(column_id, domain_id)]

    def rows_by_domain(self):
        return [(d, [self.cells[(c["id"], d["id"])] for c in self.columns]) for d in self.domains]

    def rows_by_column(self):
        return [(c, [self.cells[(c["id"], d["id"])] for d in self.domains]) for c in self.columns]

    def as_api(self):
        return {
            "columns": [c["name"] for c in self.columns],
            "domains": [d["name"] for d in self.domains],
            "cells": [cell.as_api() for _column, cells in self.rows_by_column() for cell in cells],
        }

    def coverage(self):
        """Per column: covered domains (≥1 item and ≥1 entry), their share, empty and stale cells."""
        out = []
        total = len(self.domains)
        for column, cells in self.rows_by_column():
            covered = sum(1 for c in cells if not c.empty)
            out.append({
                "column": column, "domains": total, "covered": covered,
                "share": round(covered / total, 3) if total else 0.0,
                "empty_cells": [c for c in cells if c.empty], "stale_cells": [c for c in cells if c.stale],
                "items": sum(c.items for c in cells), "entries": sum(c.entries for c in cells),
                "stale_items": sum(c.stale for c in cells),
            })
        return out


def build(today=None, columns=None):
    """The matrix over top-level columns (optionally only `columns`, a list of ids) × active domains."""
    today = today or timezone.localdate()
    column_qs = Column.objects.filter(parent__isnull=True)
    if columns is not None:
        column_qs = column_qs.filter(pk__in=columns)
    cols = list(column_qs.order_by("sort_order", "id").values("id", "name"))
    doms = list(Domain.active.order_by("sort_order", "id").values("id", "name"))
    matrix = Matrix(cols, doms)
    for c in cols:
        for d in doms:
            matrix.cells[(c["id"], d["id"])] = Cell(c["id"], d["id"], c["name"], d["name"])

    # Items: one row each (small), rolled up to cells in Python; township items count in their district.
    top_of, domain_of = {}, {}
    for pk, column_id, parent_id, domain_id, due in CatalogueItem.objects.values_list(
        "id", "column_id", "column__parent_id", "domain_id", "update_due_on"
    ).order_by():
        cell = matrix.cells.get((parent_id or column_id, domain_id))
        if cell is None:
            continue
        top_of[pk] = cell
        cell.items += 1
        if due is not None and due < today:
            cell.stale += 1

    # Published entries: one GROUP BY item_id over the entry table alone (no join), then the same roll-up.
    last = {}
    for item_id, n, newest in (
        Entry.objects.filter(status=Entry.PUBLISHED).values("item_id").annotate(n=Count("id"), last=Max("published_at"))
        .order_by().values_list("item_id", "n", "last")
    ):
        cell = top_of.get(item_id)
        if cell is None:
            continue
        cell.entries += n
        key = (cell.column_id, cell.domain_id)
        if newest is not None and (key not in last or newest > last[key]):
            last[key] = newest
    for key, newest in last.items():
        matrix.cells[key].last_published = timezone.localdate(newest)
    return matrix
