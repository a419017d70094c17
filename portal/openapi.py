"""The OpenAPI 3.1 description of the read-only open-data API (portal/api.py)."""

STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
NINT = {"type": ["integer", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
DATETIME = {"type": ["string", "null"], "format": "date-time"}
LINK = {"type": "object", "required": ["title", "url"], "additionalProperties": False,
        "properties": {"title": STR, "url": {"type": "string", "format": "uri"}}}


def _obj(properties, required=None):
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": list(properties) if required is None else required}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _page_of(name):
    return _obj({"count": {"type": "integer", "minimum": 0}, "page": {"type": "integer", "minimum": 1},
                 "size": {"type": "integer", "minimum": 1, "maximum": 100}, "results": {"type": "array", "items": _ref(name)}})


POLICY = {
    "id": {"type": "integer"}, "title": STR, "url": {"type": "string", "format": "uri"},
    "index_number": STR, "doc_number": STR, "issuers": {"type": "array", "items": STR}, "doc_type": STR,
    "topic": NSTR, "formed_on": DATE, "published_at": DATETIME, "validity": {"enum": ["有效", "失效", "废止"]},
    "interpretations": {"type": "array", "items": LINK},
}
GUIDE = {
    "id": {"type": "integer"}, "code": STR, "title": STR, "url": {"type": "string", "format": "uri"}, "department": STR,
    "item_type": STR, "legal_limit_days": NINT, "promised_limit_days": NINT, "visits": NINT,
}
BUNDLE = {
    "id": {"type": "integer"}, "code": STR, "title": STR, "url": {"type": "string", "format": "uri"},
    "lead_department": STR, "life_event": STR, "promised_limit_days": NINT, "visits": NINT,
    "guides": {"type": "array", "items": _obj({"id": {"type": "integer"}, "title": STR, "url": {"type": "string", "format": "uri"}})},
}
ENTRY = {
    "id": {"type": "integer"}, "title": STR, "url": {"type": "string", "format": "uri"}, "column": STR, "domain": STR,
    "item": STR, "unit": STR, "formed_on": DATE, "published_at": DATETIME,
}

SCHEMAS = {
    "Error": _obj({"error": STR}),
    "Link": LINK,
    "PolicySummary": _obj(POLICY),
    "Policy": _obj({**POLICY, "keywords": STR, "validity_changed_on": DATE,
                    "replaced_by": {"oneOf": [{"type": "null"}, LINK]}, "body_html": STR}),
    "PolicyPage": _page_of("PolicySummary"),
    "GuideSummary": _obj(GUIDE),
    "Guide": _obj({**GUIDE, "basis": STR, "conditions": STR, "steps": {"type": "array", "items": STR}, "fee": STR,
                   "location": STR, "hours": STR, "phone": STR, "complaint_phone": STR,
                   "online_url": {"type": ["string", "null"], "format": "uri"},
                   "materials": {"type": "array", "items": _obj({"name": STR, "form": STR, "copies": NINT, "source": STR,
                                                                 "deferrable": {"type": "boolean"}})},
                   "bundles": {"type": "array", "items": LINK}}),
    "GuidePage": _page_of("GuideSummary"),
    "Bundle": _obj(BUNDLE),
    "BundlePage": _page_of("Bundle"),
    "EntrySummary": _obj(ENTRY),
    "Entry": _obj({**ENTRY, "body": STR}),
    "EntryPage": _page_of("EntrySummary"),
}

PAGE_PARAMS = [
    {"name": "page", "in": "query", "description": "页码，从 1 开始", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "size", "in": "query", "description": "每页条数（最多 100）", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]
ID_PARAM = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]


def _json_response(schema_name, description):
    return {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}


def _op(op_id, summary, schema_name, params, not_found=False):
    responses = {"200": _json_response(schema_name, "成功"), "400": _json_response("Error", "参数错误")}
    if not_found:
        responses["404"] = _json_response("Error", "不存在")
    return {"get": {"operationId": op_id, "summary": summary, "parameters": params, "responses": responses}}


PATHS = {
    "/api/v1/policies": _op("listPolicies", "政策文件列表（最新在前）", "PolicyPage", PAGE_PARAMS + [
        {"name": "year", "in": "query", "description": "成文年份", "schema": {"type": "integer"}},
        {"name": "validity", "in": "query", "schema": {"enum": ["有效", "失效", "废止"]}},
    ]),
    "/api/v1/policies/{id}": _op("getPolicy", "政策文件（含正文）", "Policy", ID_PARAM, not_found=True),
    "/api/v1/guides": _op("listGuides", "办事指南列表", "GuidePage", PAGE_PARAMS + [
        {"name": "department", "in": "query", "description": "实施主体", "schema": STR},
    ]),
    "/api/v1/guides/{id}": _op("getGuide", "办事指南（完整要素）", "Guide", ID_PARAM, not_found=True),
    "/api/v1/bundles": _op("listBundles", "一件事列表", "BundlePage", PAGE_PARAMS),
    "/api/v1/bundles/{id}": _op("getBundle", "一件事", "Bundle", ID_PARAM, not_found=True),
    "/api/v1/catalogue/entries": _op("listCatalogueEntries", "基层政务公开目录下的公开信息（最新在前）", "EntryPage", PAGE_PARAMS + [
        {"name": "column", "in": "query", "description": "栏目，例如 芙蓉区", "schema": STR},
        {"name": "domain", "in": "query", "description": "领域，例如 重大建设项目", "schema": STR},
    ]),
    "/api/v1/catalogue/entries/{id}": _op("getCatalogueEntry", "公开信息", "Entry", ID_PARAM, not_found=True),
}


def document(server_url="/"):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开开放数据接口",
            "version": "1.0.0",
            "description": "只读接口：政策文件、办事指南、一件事和基层政务公开目录信息。JSON，UTF-8，无需认证。",
        },
        "servers": [{"url": server_url or "/"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
