import os

# Numpy's BLAS must not start a thread per core: its only work here is one matrix-vector product per search
# (search.semantic), and idle BLAS threads spin on the cores the query embedding and the search engine need (p95
# measured in docs/benchmarks.md). Set before anything imports numpy; an operator's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from .celery import app as celery_app

__all__ = ["celery_app"]
