"""Hot answers: a finished search kept in the cache, keyed by the request, the index generation, the engine that
answers and the vocabulary the query was analysed with.

Citizens ask the same few questions again and again; answering a repeat costs one primary-key read (the generation)
and one cache get instead of analysis, two engine queries, re-ranking and snippets. Anything that changes an answer
(an index write, a synonym or best-bet edit) bumps the generation, so no process serves an old answer after it.
``SEARCH_CACHE_SECONDS`` (0 turns it off) only bounds how long an unused answer occupies memory.
Index writes wait for OpenSearch's refresh (search.indexing), so a bumped generation never meets an engine that does
not show the change yet. The generation counts writes to whichever engines are configured, so it cannot tell two
engines (or two OpenSearch indexes) apart: the key names the engine itself, or switching engines would serve the other
engine's answers. In a site group (站群) the request itself names the scope (``site`` is one of its filters), the
visitor's host (a result on another site gets an absolute URL) and a stamp of the group's sites (search.sites), so a
district's answer is never served on the city's host, nor an answer from before a site was added or renamed.
"""
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F

from search import vocabulary
from search.models import IndexGeneration

_ROW = 1


def generation():
    """The current generation (None when it cannot be read: then nothing is cached)."""
    try:
        return IndexGeneration.objects.filter(pk=_ROW).values_list("value", flat=True).first() or 0
    except DatabaseError:
        return None


def bump(**kwargs):
    if not IndexGeneration.objects.filter(pk=_ROW).update(value=F("value") + 1):
        IndexGeneration.objects.get_or_create(pk=_ROW, defaults={"value": 1})


def _seconds():
    return getattr(settings, "SEARCH_CACHE_SECONDS", 0)


def engine_identity():
    """Which index answers: the embedded engine, or OpenSearch at this URL under this index prefix."""
    if not settings.OPENSEARCH_URL:
        return ["database"]
    return ["opensearch", settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX]


def _vocabulary():
    """The analysis version (synonyms, guide and bundle names): a cache counter, bumped even by edits whose database
    transaction rolls back — which the generation row would forget."""
    try:
        return cache.get(vocabulary.VERSION_KEY, 0)
    except Exception:  # noqa: BLE001 — cache down: then nothing is stored either
        return None


def _key(request, generation):
    text = json.dumps([request, generation, engine_identity(), _vocabulary()], ensure_ascii=False, sort_keys=True,
                      default=str)
    return "gongkai:search:answer:" + hashlib.sha1(text.encode()).hexdigest()


def get(request):
    """(answer or None, key to store under); key is None when caching is off or the generation is unknown."""
    if _seconds() <= 0:
        return None, None
    current = generation()
    if current is None:
        return None, None
    key = _key(request, current)
    return cache.get(key), key


def put(key, answer):
    if key is not None:
        cache.set(key, answer, _seconds())
