"""How the API answers what went wrong: DRF's own errors as JSON, and rules of its own.

- A Django ValidationError that reaches the API from a save (the guards' calendar rule, where no service named
  it first) is a 400 by field, as a service's own errors are.
- A database IntegrityError that reaches the API (a rule the serializers and services did not check first) is a
  400 naming the field the constraint is about (by the constraint's name, or the column PostgreSQL or SQLite
  names), never a 500. The serializers check the known rules first, so this is the fallback.
- An API path that matches no route answers a JSON 404 (`not_found`), like every other API error, instead of
  the HTML page."""

import re

from django.apps import apps
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import status as http
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler, set_rollback

from samtrygg.guards import PersonalDataRefused

NON_FIELD = "non_field_errors"
SQLITE_COLUMNS = re.compile(r"(UNIQUE|NOT NULL) constraint failed: (.+)$")
SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
POSTGRES_KEY = re.compile(r"Key \(([^)]+)\)")


def api_exception_handler(exc, context):
    """DRF's handler, plus IntegrityError → 400 {field: [message]}. Errors are always JSON, also when the request
    asked for GeoJSON (an error is no FeatureCollection)."""
    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(integrity_errors(exc), status=http.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PersonalDataRefused):  # the privacy guard, wherever a write met it: 422 as for payloads
        set_rollback()
        return Response({
            "detail": _("The request holds personal data that may not be stored here."), "code": "personal_data",
            "errors": exc.message_dict,
        }, status=http.HTTP_422_UNPROCESSABLE_ENTITY)
    if isinstance(exc, DjangoValidationError):  # a rule met on save (guards: the calendar), not in a service
        set_rollback()
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return Response(errors, status=http.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)


def integrity_errors(exc: IntegrityError) -> dict[str, list[str]]:
    """The broken rule as {field: [message]}; never the values themselves."""
    kind, constraint, table, columns = _describe(exc)
    if kind == "check" and (found := _check_constraint(constraint)):
        model, check = found
        field = _fields_of(check.condition, model)[:1] or [NON_FIELD]
        message = check.violation_error_message if _customised(check) else _(
            "This value is not allowed here (rule %(rule)s).") % {"rule": check.name}
        return {field[0]: [str(message)]}
    fields = _field_names(table, columns) if table else []
    if kind == "unique":
        return {(fields[-1] if fields else NON_FIELD): [_("Another record already has this value.")]}
    if kind == "not_null":
        return {(fields[0] if fields else NON_FIELD): [_("This field is required.")]}
    if kind == "foreign_key":
        return {(fields[0] if fields else NON_FIELD): [_("This refers to something that does not exist (any more).")]}
    return {NON_FIELD: [_("The change breaks a rule of the database and was not saved.")]}


def _describe(exc: IntegrityError) -> tuple[str, str, str, list[str]]:
    """(kind, constraint name, table, columns) from psycopg's diagnostics or SQLite's message."""
    cause = exc.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # PostgreSQL
        kinds = {"23505": "unique", "23502": "not_null", "23503": "foreign_key", "23514": "check"}
        kind = kinds.get(getattr(cause, "sqlstate", "") or "", "other")
        columns = [diag.column_name] if diag.column_name else []
        if not columns and (key := POSTGRES_KEY.search(diag.message_detail or "")):
            columns = [c.strip() for c in key.group(1).split(",")]
        return kind, diag.constraint_name or "", diag.table_name or "", columns
    text = str(exc)
    if match := SQLITE_CHECK.search(text):
        return "check", match.group(1), "", []
    if match := SQLITE_COLUMNS.search(text):
        qualified = [c.strip() for c in match.group(2).split(",")]
        table = qualified[0].rsplit(".", 1)[0]
        columns = [c.rsplit(".", 1)[-1] for c in qualified]
        return ("unique" if match.group(1) == "UNIQUE" else "not_null"), "", table, columns
    if "FOREIGN KEY" in text:
        return "foreign_key", "", "", []
    return "other", "", "", []


def _check_constraint(name: str):
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name and isinstance(constraint, models.CheckConstraint):
                return model, constraint
    return None


def _customised(constraint) -> bool:
    return constraint.violation_error_message != constraint.default_violation_error_message


def _fields_of(condition, model) -> list[str]:
    """The model fields a Q condition names, in order (`end__gte=F("start")` → end, start)."""
    names: list[str] = []

    def walk(node):
        for child in node.children:
            if isinstance(child, Q):
                walk(child)
                continue
            lookup, value = child
            names.append(lookup.split("__")[0])
            if isinstance(value, models.F):
                names.append(value.name.split("__")[0])

    walk(condition)
    known = {f.name for f in model._meta.get_fields()}
    return list(dict.fromkeys(n for n in names if n in known))


def _field_names(table: str, columns: list[str]) -> list[str]:
    for model in apps.get_models():
        if model._meta.db_table == table:
            by_column = {f.column: f.name for f in model._meta.concrete_fields}
            return [by_column[c] for c in columns if c in by_column]
    return []


class NotFoundView(APIView):
    """Any method on an API path that matches no route: JSON 404. No authentication, so it says nothing about
    what exists."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    schema = None  # not an operation of the API

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound(_("There is no such address in the API."))

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound(_("There is no such address in the API."))
