"""Cursor pagination: stable under inserts, constant cost per page at any depth (no OFFSET). A cursor that was not
made by the API, or whose position is not a value of the ordering field, is a 400 naming `cursor`."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class IncidentCursorPagination(CursorPagination):
    ordering = ("-occurred_from", "-id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    invalid_cursor_message = _("Invalid cursor: use the next and previous links as they are.")

    def paginate_queryset(self, queryset, request, view=None):
        self._position_field = queryset.model._meta.get_field(self.ordering[0].lstrip("-"))
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        if cursor is not None and cursor.position is not None:
            try:
                self._position_field.to_python(cursor.position)
            except (DjangoValidationError, ValueError, OverflowError):
                raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None
        return cursor


class PoliceEventCursorPagination(IncidentCursorPagination):
    ordering = ("-occurred_at", "-event_id")


class MeetingCursorPagination(IncidentCursorPagination):
    ordering = ("-starts_at", "-id")


class TaskCursorPagination(IncidentCursorPagination):
    ordering = ("due", "id")
