"""The analysis entry point both engines call. It uses the shared Analyzer (search.analysis) when present
and falls back to plain jieba segmentation with OpenCC normalisation."""
from functools import lru_cache


@lru_cache(maxsize=1)
def default_analyzer():
    try:
        from search.analysis import get_analyzer

        return get_analyzer()
    except ImportError:
        return _JiebaAnalyzer()


class _JiebaAnalyzer:
    def __init__(self):
        import jieba
        from opencc import OpenCC

        self._t2s = OpenCC("t2s")
        self._tok = jieba.Tokenizer()
        self._tok.setLogLevel(60) if hasattr(self._tok, "setLogLevel") else None

    def _norm(self, text):
        return self._t2s.convert(text or "").lower()

    def index_tokens(self, text):
        return [t for t in self._tok.cut_for_search(self._norm(text)) if t.strip() and (len(t) > 1 or t.isalnum())]

    def segment_for_index(self, text):
        return " ".join(self.index_tokens(text))

    def query_tokens(self, text):
        return [[(t,)] for t in self._tok.cut(self._norm(text)) if t.strip() and len(t) > 1]
