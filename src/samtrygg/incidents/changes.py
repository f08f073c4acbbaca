"""Whether organisations' incidents changed since something was built from them: the triggers of migration 0014
note every write to the incident table in models.Change, whoever writes; `version` reads the latest note. And
whether the names the incident pages show changed (`names_version`: categories, areas, organisations)."""

from uuid import uuid4

from django.core.cache import caches
from django.db.models import Max, Subquery
from django.db.models.signals import post_delete, post_save

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Area

from .models import Category, Change

NAMES = "incident-names-version"  # its key in the "documents" cache


def version(owner_ids) -> int:
    """A number that grows whenever an incident of one of `owner_ids` is written, moved to another organisation or
    deleted (0 before the first). Cheap: the index (owner_id, id) answers each organisation's latest note."""
    return Change.objects.filter(owner_id__in=set(owner_ids)).aggregate(latest=Max("id"))["latest"] or 0


def prune() -> int:
    """Remove every note but each organisation's latest (PostgreSQL's triggers only append); returns how many."""
    latest = Change.objects.values("owner_id").annotate(latest=Max("id")).values("latest")
    deleted, _ = Change.objects.exclude(id__in=Subquery(latest)).delete()
    return deleted


def names_version() -> str:
    """A value that changes whenever a category, area or organisation is saved or deleted (their names, parents and
    whether they are in use show on the incident pages). Kept in the "documents" cache, which is a table of the
    same database: the new value is written in the transaction that changes the row, so no process sees one
    without the other. A lost value (the cache culls) reads as a new one, which only means building pages again."""
    cache = caches["documents"]
    found = cache.get(NAMES)
    if found is None:
        cache.add(NAMES, uuid4().hex, None)
        found = cache.get(NAMES)
    return found


def _names_changed(**_kwargs) -> None:
    caches["documents"].set(NAMES, uuid4().hex, None)


for _model in (Category, Area, Organisation):
    post_save.connect(_names_changed, sender=_model, dispatch_uid=f"incident-names-{_model.__name__}")
    post_delete.connect(_names_changed, sender=_model, dispatch_uid=f"incident-names-delete-{_model.__name__}")
