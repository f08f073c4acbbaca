"""The service's own OpenAPI 3.0 definition (the landing page's `service-desc`), built from the collections list
and the parameters' limits, so it cannot drift from what the views do."""

from .collections import COLLECTIONS
from .params import CRS84, DEFAULT_LIMIT, DEFAULT_RESOLUTION, MAX_LIMIT

GEOJSON = "application/geo+json"
JSON = "application/json"


def _parameter(name: str, description: str, schema: dict, where: str = "query", **more) -> dict:
    return {"name": name, "in": where, "description": description, "schema": schema, "required": where == "path",
            **more}


PARAMETERS = {
    "collectionId": _parameter("collectionId", "The collection.",
                               {"type": "string", "enum": [c.id for c in COLLECTIONS]}, "path"),
    "featureId": _parameter("featureId", "The feature's id (an area's or a promise's number, an H3 cell, or "
                            "lagesbild-figure-cell for a hot spot).", {"type": "string"}, "path"),
    "limit": _parameter("limit", f"Features per page (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}; more is "
                        "taken as the maximum).", {"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT},
                        style="form", explode=False),
    "offset": _parameter("offset", "Features to skip (follow the `next` link instead).",
                         {"type": "integer", "minimum": 0, "default": 0}),
    "bbox": _parameter("bbox", "min longitude, min latitude, max longitude, max latitude (WGS 84, CRS84).",
                       {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
                       style="form", explode=False),
    "bbox-crs": _parameter("bbox-crs", "Only CRS84.", {"type": "string", "enum": [CRS84]}),
    "datetime": _parameter("datetime", "An instant or an interval (RFC 3339 date-times or dates; `a/b`, `../b`, "
                           "`a/..`). A date is the whole day in Swedish time; interval ends are inclusive.",
                           {"type": "string"}, style="form", explode=False),
    "resolution": _parameter("resolution", "H3 resolution of the hexagons (incidents-by-hexagon only).",
                             {"type": "integer", "minimum": 0, "maximum": 10, "default": DEFAULT_RESOLUTION}),
    "kommunkod": _parameter("kommunkod", "One municipality's promises (medborgarloften only).",
                            {"type": "string", "pattern": "^[0-9]{4}$"}),
    "f": _parameter("f", "Output format: json (GeoJSON for features).",
                    {"type": "string", "enum": ["json", "geojson"]}),
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _answer(description: str, media_type: str, schema: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


ERRORS = {
    "400": _answer("A query parameter that cannot be used (named in the description).", JSON, "exception"),
    "401": _answer("The collection needs a valid API token (Authorization: Bearer …).", JSON, "exception"),
    "404": _answer("No such collection or feature, or not one you can see.", JSON, "exception"),
    "429": _answer("Too many requests: wait as Retry-After says.", JSON, "exception"),
}

LINK = {"type": "object", "required": ["href", "rel"],
        "properties": {"href": {"type": "string"}, "rel": {"type": "string"}, "type": {"type": "string"},
                       "title": {"type": "string"}}}
LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/link"}}

SCHEMAS = {
    "link": LINK,
    "exception": {"type": "object", "required": ["code"],
                  "properties": {"code": {"type": "string"}, "description": {"type": "string"}}},
    "landingPage": {"type": "object", "required": ["links"],
                    "properties": {"title": {"type": "string"}, "description": {"type": "string"}, "links": LINKS}},
    "confClasses": {"type": "object", "required": ["conformsTo"],
                    "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}}},
    "collection": {"type": "object", "required": ["id", "links"],
                   "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                  "description": {"type": "string"}, "links": LINKS, "extent": {"type": "object"},
                                  "itemType": {"type": "string"}, "crs": {"type": "array",
                                                                          "items": {"type": "string"}}}},
    "collections": {"type": "object", "required": ["links", "collections"],
                    "properties": {"links": LINKS, "collections": {
                        "type": "array", "items": {"$ref": "#/components/schemas/collection"}}}},
    "featureGeoJSON": {"type": "object", "required": ["type", "geometry", "properties"],
                       "properties": {"type": {"type": "string", "enum": ["Feature"]},
                                      "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                                      "geometry": {"type": "object", "nullable": True},
                                      "properties": {"type": "object", "nullable": True}, "links": LINKS}},
    "featureCollectionGeoJSON": {
        "type": "object", "required": ["type", "features"],
        "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                       "features": {"type": "array", "items": {"$ref": "#/components/schemas/featureGeoJSON"}},
                       "links": LINKS, "timeStamp": {"type": "string", "format": "date-time"},
                       "numberMatched": {"type": "integer", "minimum": 0},
                       "numberReturned": {"type": "integer", "minimum": 0}}},
}


def _get(summary: str, operation: str, parameters: list, answer: dict, secured: bool = False) -> dict:
    found = {"get": {"summary": summary, "operationId": operation, "parameters": [_ref("f"), *parameters],
                     "responses": {"200": answer, **{k: v for k, v in ERRORS.items() if secured or k != "401"}}}}
    if secured:
        found["get"]["security"] = [{}, {"bearerAuth": []}]  # public collections need no token
    return found


def document(base_url: str) -> dict:
    collection_params = [_ref("collectionId")]
    items_params = [*collection_params, _ref("limit"), _ref("offset"), _ref("bbox"), _ref("bbox-crs"),
                    _ref("datetime"), _ref("resolution"), _ref("kommunkod")]
    item_params = [*collection_params, _ref("featureId"), _ref("datetime")]
    return {
        "openapi": "3.0.3",
        "info": {"title": "samtrygg – OGC API – Features", "version": "1.0",
                 "description": "Read-only. Public collections: " + ", ".join(c.id for c in COLLECTIONS if c.public)
                 + ". The others need `Authorization: Bearer <token>` (see docs/gis.md)."},
        "servers": [{"url": base_url}],
        "paths": {
            "/": _get("Landing page", "getLandingPage", [], _answer("Links", JSON, "landingPage")),
            "/conformance": _get("Conformance classes", "getConformanceDeclaration", [],
                                 _answer("Conformance classes", JSON, "confClasses")),
            "/api": _get("This definition", "getApi", [], {"description": "OpenAPI 3.0"}),
            "/collections": _get("Collections (without a token: the public ones)", "getCollections", [],
                                 _answer("Collections", JSON, "collections"), secured=True),
            "/collections/{collectionId}": _get("One collection", "describeCollection", collection_params,
                                                _answer("The collection", JSON, "collection"), secured=True),
            "/collections/{collectionId}/items": _get(
                "Features of a collection", "getFeatures", items_params,
                _answer("A page of features", GEOJSON, "featureCollectionGeoJSON"), secured=True),
            "/collections/{collectionId}/items/{featureId}": _get(
                "One feature", "getFeature", item_params, _answer("The feature", GEOJSON, "featureGeoJSON"),
                secured=True),
        },
        "components": {
            "parameters": PARAMETERS,
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "A personal API token (samtrygg_…)."}},
        },
    }
