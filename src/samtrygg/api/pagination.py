"""Cursor pagination: stable under inserts, constant cost per page at any depth (no OFFSET)."""

from rest_framework.pagination import CursorPagination


class IncidentCursorPagination(CursorPagination):
    ordering = ("-occurred_from", "-id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class PoliceEventCursorPagination(IncidentCursorPagination):
    ordering = ("-occurred_at", "-event_id")


class MeetingCursorPagination(IncidentCursorPagination):
    ordering = ("-starts_at", "-id")


class TaskCursorPagination(IncidentCursorPagination):
    ordering = ("due", "id")
