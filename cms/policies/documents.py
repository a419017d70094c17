"""Policies and 解读 in the search index (search.registry)."""
from cms.policies.models import InterpretationPage, PolicyDocumentPage
from search import registry
from search.documents import day_of, join, page_skeleton, plain_text
from search.issuers import lead_issuer
from search.snippets import METADATA_MARK


def _lead(page, organs):
    return lead_issuer([(o.name, o.short_name) for o in organs], page.title, page.doc_number)


def policy_document(page):
    organs = list(page.issuers.all())
    issuers = [o.name for o in organs]
    doc = page_skeleton(
        page, "policy", doc_number=page.doc_number, department=_lead(page, organs), validity=page.validity,
        keywords=page.keywords, year=page.formed_on.year if page.formed_on else None,
    )
    if page.topic_id:
        topic = page.topic
        doc["domain"] = topic.name
        doc["column"] = topic.parent.name if topic.parent_id else topic.name
    doc["updated"] = day_of(page.published_at) or page.formed_on or doc["updated"]
    # what follows the mark helps matching (发文字号, 发文机关) but is not shown as a snippet
    doc["body"] = join(plain_text(page.body), METADATA_MARK, page.keywords, "、".join(issuers), page.doc_number, page.doc_type, "政策文件")
    return doc


def interpretation_document(page):
    doc = page_skeleton(page, "interpretation")
    policy = page.policy
    parts = [plain_text(page.body), METADATA_MARK, "政策解读"]
    if policy is not None:
        doc["department"] = _lead(policy, list(policy.issuers.all()))
        parts.append(policy.title)
    day = day_of(page.published_at) or doc["updated"]
    doc["year"] = day.year if day else None
    doc["body"] = join(*parts)
    return doc


def live_policies():
    return PolicyDocumentPage.objects.live().public().select_related("topic", "topic__parent").prefetch_related("issuers")


def live_interpretations():
    return InterpretationPage.objects.live().public().select_related("policy")


def policy_neighbours(page):
    """A policy's 解读 name it in their text."""
    return [f"page-{pk}" for pk in InterpretationPage.objects.filter(policy=page).values_list("pk", flat=True)]


registry.register(registry.IndexedType("policy", PolicyDocumentPage, policy_document, live_policies, neighbours=policy_neighbours))
registry.register(registry.IndexedType("interpretation", InterpretationPage, interpretation_document, live_interpretations))
registry.register_texts(lambda: (list(PolicyDocumentPage.objects.live().values_list("title", flat=True)), []))
