from pathlib import Path

from importers.services import import_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gongwen"


def fixture(name):
    return FIXTURES / name


def import_fixture(name, **kwargs):
    """Import a committed GB/T 9704 fixture through the real pipeline; returns the ImportedDocument."""
    kwargs.setdefault("source", "upload")
    return import_file(fixture(name), **kwargs).document


def publish_document(doc, by=None, mode="one_click"):
    """一键公开 of an imported document, as the officer's inbox does it; returns the live policy page."""
    from cms.policies.services import publish_submission
    from publishing.gate import PublishRefused

    if doc.submission_id is None:
        raise PublishRefused([f"文件导入失败，无法公开：{doc.error}"])
    return publish_submission(doc.submission, by=by, mode=mode)
