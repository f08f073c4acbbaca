"""The retention job for `samtrygg run-jobs`: every organisation's rule applied once (see services)."""

from . import services


def run(now) -> dict[str, int]:
    """{"retention_descriptions": n, "retention_photos": m}: what this run removed (0 and 0 the second time)."""
    runs = services.retention_apply(now=now)
    return {"retention_descriptions": sum(r.descriptions for r in runs),
            "retention_photos": sum(r.photos for r in runs)}
