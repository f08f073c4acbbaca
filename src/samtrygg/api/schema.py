"""The OpenAPI document (drf-spectacular) says what the API really answers, so a client — or the fuzzing stage in
CI (.ci/fuzz, schemathesis) — can rely on it:

- every operation lists its error answers with their bodies: 401 (no, or an unknown, revoked or expired token),
  429 (too many requests), 400 where it takes query parameters or a body, 403 for writes (read-only token, or
  visible but not changeable), 404 where the path names an object, 415 where it takes a body, 422 where free text
  is checked for identity numbers (views name those actions in `personal_data_actions`);
- a read-only field that falls back to null (`default=None`, e.g. `source="parent.code"`) is nullable."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "description": "What went wrong, in the user's language.",
}
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {},
    "description": "Errors by field name (non_field_errors for the whole request): a list of messages, or for a "
                   "list or mapping field, the errors of its items.",
}
PERSONAL_DATA_ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string", "enum": ["personal_data"]},
        "kinds": {"type": "array", "items": {"type": "string"}},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail", "code", "kinds", "errors"],
    "description": "Free text holding a personnummer or samordningsnummer: the fields and kinds, never the number.",
}


class ApiAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        parameters = operation.get("parameters", [])
        writes = self.method not in permissions.SAFE_METHODS
        queries = [p for p in parameters if p["in"] == "query"]
        errors = {
            "401": ("Error", ERROR, "No token, or an unknown, revoked or expired one; or a deactivated account."),
            "429": ("Error", ERROR, "Too many requests (SAMTRYGG_API_RATE); see Retry-After."),
        }
        if writes or queries:
            errors["400"] = ("FieldErrors", FIELD_ERRORS, "Invalid input, by field.")
        if writes:
            errors["403"] = ("Error", ERROR, "A read-only token, or you may see this but not change it.")
        if any(p["in"] == "path" for p in parameters):
            errors["404"] = ("Error", ERROR, "No such object among those you can see.")
        if "requestBody" in operation:
            errors["415"] = ("Error", ERROR, "The body is not JSON (Content-Type: application/json).")
        if writes and self._refuses_personal_data():
            errors["422"] = ("PersonalDataError", PERSONAL_DATA_ERROR,
                             "The text holds a personnummer or samordningsnummer (never echoed).")
        for code, (name, schema, description) in errors.items():
            component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
            self.registry.register_on_missing(component)
            answer = responses.setdefault(code, {"description": description})
            answer.setdefault("content", {"application/json": {"schema": component.ref}})
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _refuses_personal_data(self) -> bool:
        action = getattr(self.view, "action", None) or self.method.lower()
        return action in getattr(self.view, "personal_data_actions", ())

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if field.read_only and field.default is None:
            meta["nullable"] = True  # source through a relation that may be missing: null then
        return meta
