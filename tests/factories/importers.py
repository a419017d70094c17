from pathlib import Path

from importers.services import import_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gongwen"


def fixture(name):
    return FIXTURES / name


def import_fixture(name, **kwargs):
    """Import a committed GB/T 9704 fixture through the real pipeline; returns the ImportedDocument."""
    kwargs.setdefault("source", "upload")
    return import_file(fixture(name), **kwargs).document
