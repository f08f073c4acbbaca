"""The audit guard: every row a service writes must be on record in the audit log.

While a test runs (its setup and its body), every save and delete of a samtrygg model, and every change of a
many-to-many relation, made while a service function is on the call stack is noted with the outermost such call.
When the test has passed, each noted write must have an audit entry with the same object type and id written
during the same service call, unless its model is in `samtrygg.audit.services.NOT_AUDITED_INDIVIDUALLY` (one
list, with the reasons). Writes that are rolled back (a service that refused, a test's savepoint) do not count:
each write and each entry is noted through `transaction.on_commit`, which Django forgets on a rollback, so what
counts is what is committed or still pending in the test's transaction.

Writes that send no signals (bulk_create, queryset.update, COPY) are not seen; the importers that use them
record one summary entry instead. Connecting receivers for every model makes Django delete row by row (it
skips the fast delete when someone listens) and read the existing links before adding many-to-many ones, so
tests that pin query counts should not pin deletions or new links."""

import re
import sys
from dataclasses import dataclass, field
from types import FrameType

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from samtrygg.audit.models import AuditEntry
from samtrygg.audit.services import NOT_AUDITED_INDIVIDUALLY

# A service: a function of an app's services module (or package), the decided documents' workflow, the
# two-factor enrolment and the meetings' feedback (both write domain data and audit it).
SERVICE_MODULE = re.compile(
    r"^samtrygg\.\w+\.services(\.\w+)?$|^samtrygg\.(decisions\.workflow|accounts\.two_factor|meetings\.feedback)$"
)
ENTRY = AuditEntry._meta.label_lower


def outermost_service(frame: FrameType | None) -> FrameType | None:
    """The frame of the outermost service call on the stack, None when no service is running."""
    found = None
    while frame is not None:
        if SERVICE_MODULE.match(frame.f_globals.get("__name__", "")):
            found = frame
        frame = frame.f_back
    return found


@dataclass(frozen=True, eq=False)
class Noted:
    """A write (or an audit entry, `entry=True`) of one object within one service call; called on commit."""

    guard: "AuditGuard"
    call: FrameType
    label: str
    pk: str
    entry: bool

    def __call__(self) -> None:
        self.guard.committed.append(self)


@dataclass
class AuditGuard:
    """Notes the writes and entries of service calls between start() and stop(); unaudited() lists the gaps."""

    committed: list[Noted] = field(default_factory=list)  # list.append is atomic: live-server threads add too

    # --- watching -------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.committed.clear()
        post_save.connect(self._saved, weak=False, dispatch_uid="audit-guard-save")
        post_delete.connect(self._deleted, weak=False, dispatch_uid="audit-guard-delete")
        m2m_changed.connect(self._m2m, weak=False, dispatch_uid="audit-guard-m2m")

    def stop(self) -> None:
        post_save.disconnect(dispatch_uid="audit-guard-save")
        post_delete.disconnect(dispatch_uid="audit-guard-delete")
        m2m_changed.disconnect(dispatch_uid="audit-guard-m2m")
        self.committed.clear()

    def _saved(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            self._note(instance)

    def _deleted(self, sender, instance, **kwargs) -> None:
        self._note(instance)

    def _m2m(self, sender, instance, action, **kwargs) -> None:
        if action in {"post_add", "post_remove", "post_clear"}:
            self._note(instance)

    def _note(self, instance) -> None:
        meta = instance._meta
        if meta.auto_created or not type(instance).__module__.startswith("samtrygg.") or instance.pk is None:
            return
        label = meta.label_lower
        if label == ENTRY:
            label, pk, entry = instance.object_type, instance.object_id, True
        else:
            pk, entry = str(instance.pk), False
        call = outermost_service(sys._getframe(1))
        if call is not None:
            transaction.on_commit(Noted(self, call, label, pk, entry))

    # --- checking -------------------------------------------------------------------------------------------
    def noted(self) -> list[Noted]:
        """What is committed, and what is pending in the open transaction (not rolled back)."""
        pending = [func for _sids, func, _robust in connection.run_on_commit if isinstance(func, Noted)]
        return [n for n in [*self.committed, *pending] if n.guard is self]

    def unaudited(self) -> list[str]:
        """Each write without an entry of its own in the same service call: "label #pk in module.function"."""
        noted = self.noted()
        entries = {(n.call, n.label, n.pk) for n in noted if n.entry}
        missing = {
            f"{n.label} #{n.pk} in {n.call.f_globals['__name__']}.{n.call.f_code.co_name}"
            for n in noted
            if not n.entry and n.label not in NOT_AUDITED_INDIVIDUALLY and (n.call, n.label, n.pk) not in entries
        }
        return sorted(missing)


def failure(missing: list[str]) -> str:
    return ("A service wrote without an audit entry of the object (add one through samtrygg.audit.services, or "
            "list the model in NOT_AUDITED_INDIVIDUALLY with the reason):\n  " + "\n  ".join(missing))
