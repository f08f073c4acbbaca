"""Incidents for tests, reported through the services (so area, cell and audit are as in production), in the
world of tests/personas.py."""

from datetime import timedelta

from django.utils import timezone

from samtrygg.incidents import services
from samtrygg.incidents.models import Category

TORGET = (59.195, 17.625)  # Exempelstad: in Torget, inside Centrum (kommun A)
NORR = (59.23, 17.65)  # Exempelstad: Norr
GRANNSTAD = (59.20, 17.85)  # Grannstad C (kommun B)


def category(code: str) -> Category:
    return Category.objects.get(owner__isnull=True, code=code)


def report(world, where=TORGET, actor=None, owner=None, hours_ago=2, **fields):
    """A klotter report by Bob for kommun A two hours ago, unless told otherwise."""
    fields.setdefault("category", category("skadegorelse.klotter"))
    fields.setdefault("occurred_from", timezone.now() - timedelta(hours=hours_ago))
    return services.incident_create(actor=actor or world.bob, owner=owner or world.kommun_a,
                                    lat=where[0], lon=where[1], **fields)
