"""OGC API – Features, Part 1 (Core, GeoJSON, OpenAPI 3.0), read-only, under /ogc/.

Authentication is the REST API's: `Authorization: Bearer <token>` only (never a token in the address), the token's
user read through the same scoped selectors as in the UI, and the API's rate limit per user (per address without a
token). Public collections answer without a token; the others answer 401 without one. Errors are JSON in the
standard's exception shape: {"code": …, "description": …}."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from samtrygg.access import Access, for_request
from samtrygg.api.authentication import BearerTokenAuthentication
from samtrygg.api.errors import api_exception_handler
from samtrygg.api.throttling import ApiUserRateThrottle

from . import openapi, params
from .collections import BY_ID, COLLECTIONS, Collection

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
CODES = {400: "InvalidParameterValue", 401: "NotAuthenticated", 403: "Forbidden", 404: "NotFound",
         405: "MethodNotAllowed", 429: "TooManyRequests"}


def ogc_exception_handler(exc, context):
    """The API's handler (errors always JSON), in the OGC exception shape."""
    response = api_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, params.ParameterError):
        description = f"{exc.parameter}: {exc.reason}"
    elif response.status_code == 404:
        description = _("There is no such collection or feature.")
    else:
        data = response.data
        description = data.get("detail", data) if isinstance(data, dict) else data
    response.data = {"code": CODES.get(response.status_code, "Error"), "description": str(description)}
    return response


class OgcView(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]  # each collection decides: public, or a token's user
    throttle_classes = [ApiUserRateThrottle]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]
    schema = None  # not part of /api/v1/openapi.json; the service describes itself at /ogc/api

    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSON  # the answer's own type is set per resource; ?f= is checked in params

    def get_exception_handler(self):
        return ogc_exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params.check_common(request.query_params)

    def link(self, name: str, rel: str, media_type: str, title: str = "", query: str = "", **kwargs) -> dict:
        href = self.request.build_absolute_uri(reverse(f"ogc:{name}", kwargs=kwargs)) + query
        found = {"href": href, "rel": rel, "type": media_type}
        return {**found, "title": title} if title else found

    def signed_in(self) -> bool:
        return self.request.auth is not None and self.request.user.is_authenticated

    def access(self, collection: Collection) -> Access:
        """The caller's Access for a collection: a token's user, or nobody for a public collection; 401 else."""
        if self.signed_in():
            return for_request(self.request)
        if not collection.public:
            raise NotAuthenticated(_("This collection needs an API token: send Authorization: Bearer <token>."))
        return Access(None)

    def collection(self, collection_id: str) -> Collection:
        collection = BY_ID.get(collection_id)
        if collection is None:
            raise NotFound
        return collection


class LandingView(OgcView):
    def get(self, request):
        return Response({
            "title": "samtrygg",
            "description": _("Areas, incidents counted per area and per hexagon, hot spots of adopted situation "
                             "pictures and the public citizen promises, as OGC API – Features."),
            "links": [
                self.link("landing", "self", JSON, _("This document")),
                self.link("openapi", "service-desc", OPENAPI, _("The API definition (OpenAPI 3.0)")),
                self.link("conformance", "conformance", JSON, _("Conformance classes")),
                self.link("collections", "data", JSON, _("Collections")),
            ],
        })


class ConformanceView(OgcView):
    def get(self, request):
        return Response({"conformsTo": CONFORMANCE})


class OpenApiView(OgcView):
    def get(self, request):
        base = request.build_absolute_uri(reverse("ogc:landing")).rstrip("/")
        return Response(openapi.document(base), content_type=OPENAPI)


class CollectionsMixin:
    def describe(self, collection: Collection, access: Access) -> dict:
        found = {
            "id": collection.id, "title": str(collection.title), "description": str(collection.description),
            "itemType": "feature", "crs": [params.CRS84], "storageCrs": params.CRS84,
            "links": [
                self.link("collection", "self", JSON, str(collection.title), collection_id=collection.id),
                self.link("items", "items", GEOJSON, str(collection.title), collection_id=collection.id),
            ],
        }
        extent = {}
        if collection.extent:
            extent["spatial"] = {"bbox": [collection.extent(access)], "crs": params.CRS84}
        if collection.temporal:
            extent["temporal"] = {"interval": [collection.temporal(access)], "trs": TRS}
        if extent:
            found["extent"] = extent
        return found


class CollectionsView(CollectionsMixin, OgcView):
    """Every collection for a token's user; without a token, the public ones."""

    def get(self, request):
        shown = [c for c in COLLECTIONS if c.public or self.signed_in()]
        return Response({
            "links": [self.link("collections", "self", JSON, _("Collections"))],
            "collections": [self.describe(c, self.access(c)) for c in shown],
        })


class CollectionView(CollectionsMixin, OgcView):
    def get(self, request, collection_id):
        collection = self.collection(collection_id)
        return Response(self.describe(collection, self.access(collection)))


class ItemsMixin:
    def with_links(self, collection: Collection, found: dict) -> dict:
        return {**found, "links": [
            self.link("item", "self", GEOJSON, collection_id=collection.id, feature_id=found["id"]),
            self.link("collection", "collection", JSON, collection_id=collection.id),
        ]}


class ItemsView(ItemsMixin, OgcView):
    def get(self, request, collection_id):
        collection = self.collection(collection_id)
        access = self.access(collection)
        query = params.parse(request.query_params)
        page = collection.features(access, query)
        returned = len(page.features)
        links = [self.page_link("self", query.offset, query),
                 self.link("collection", "collection", JSON, collection_id=collection.id)]
        if query.offset + returned < page.matched:
            links.append(self.page_link("next", query.offset + returned, query))
        if query.offset > 0:
            links.append(self.page_link("prev", max(query.offset - query.limit, 0), query))
        return Response({
            "type": "FeatureCollection",
            "timeStamp": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "numberMatched": page.matched, "numberReturned": returned,
            "features": [self.with_links(collection, f) for f in page.features],
            "links": links,
        }, content_type=GEOJSON)

    def page_link(self, rel: str, offset: int, query: params.Query) -> dict:
        values = self.request.query_params.copy()
        values["offset"] = str(offset)
        values["limit"] = str(query.limit)
        return self.link("items", rel, GEOJSON, query="?" + values.urlencode(),
                         collection_id=self.kwargs["collection_id"])


class ItemView(ItemsMixin, OgcView):
    def get(self, request, collection_id, feature_id):
        collection = self.collection(collection_id)
        access = self.access(collection)
        query = params.parse(request.query_params)
        if collection.numeric_ids:
            if not feature_id.isdigit() or len(feature_id) > 18:
                raise NotFound
            feature_id = int(feature_id)
        return Response(self.with_links(collection, collection.item(access, feature_id, query)),
                        content_type=GEOJSON)


class NotFoundView(OgcView):
    """Any other address under /ogc/: the standard's 404, in JSON."""

    authentication_classes: list = []
    throttle_classes: list = []

    def initial(self, request, *args, **kwargs):
        raise NotFound

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound
