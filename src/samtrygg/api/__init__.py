"""The REST API under /api/v1/ (Django REST framework): bearer tokens, incidents with the UI's filters and
authorization, aggregates, reference lists, the police's public events and an OpenAPI schema. See docs/api.md."""
