"""Whether organisations' incidents changed since something was built from them: the triggers of migration 0014
note every write to the incident table in models.Change, whoever writes; `version` reads the latest note."""

from django.db.models import Max, Subquery

from .models import Change


def version(owner_ids) -> int:
    """A number that grows whenever an incident of one of `owner_ids` is written, moved to another organisation or
    deleted (0 before the first). Cheap: the index (owner_id, id) answers each organisation's latest note."""
    return Change.objects.filter(owner_id__in=set(owner_ids)).aggregate(latest=Max("id"))["latest"] or 0


def prune() -> int:
    """Remove every note but each organisation's latest (PostgreSQL's triggers only append); returns how many."""
    latest = Change.objects.values("owner_id").annotate(latest=Max("id")).values("latest")
    deleted, _ = Change.objects.exclude(id__in=Subquery(latest)).delete()
    return deleted
