"""Reads from a PostgreSQL hot standby (streaming replication); writes, and the reads that must see them, on the
primary. Installed by settings.py only when DATABASE_REPLICA_URL is set (the alias "replica", `ReplicaRouter` in
DATABASE_ROUTERS, `ReplicaMiddleware` in MIDDLEWARE); without it there is one database and none of this runs.

What reads where:

- Nothing reads the replica unless `ReplicaMiddleware` allowed it for the request being answered, so management
  commands, migrations, `run-jobs`, the background worker (`db_worker`), the shell and the tests use the primary
  alone, as without a replica.
- A request may read the replica when it is a GET, HEAD or OPTIONS, its browser wrote nothing within the last
  SAMTRYGG_DB_REPLICA_PIN_SECONDS (the signed cookie PIN_COOKIE), its view is not marked `@reads_primary`, and
  the replica answers. A replica that does not answer is left alone by this process for RETRY_SECONDS.
- In such a request, once anything is written (the router is asked where to write: a save, an update, a delete,
  `select_for_update`, `get_or_create` — an export's audit entry, a token's use; not the "documents" cache's
  entries, which are read by key and hold nothing a reader must see at once) and while a transaction is open on
  the primary (`atomic`), every read goes to the primary: a request sees its own writes.
- Sessions and the login lockout's records are always read on the primary: the session written at login is read
  by the very next request, whatever the replica's lag.
- Every write goes to the primary, and migrations run only there.
- A response to a request that wrote, and to every POST, PUT, PATCH or DELETE, sets PIN_COOKIE: that browser's
  requests read the primary for the next SAMTRYGG_DB_REPLICA_PIN_SECONDS, so whoever reports an incident sees it on
  the page the report redirects to. Choose it a few seconds longer than the replica lag you tolerate.

A streamed response's body (an export) is read after the middleware has returned, so on the primary. Raw SQL through
`django.db.connection` always runs on the primary."""

import contextvars
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
PIN_COOKIE = "samtrygg_primary"
PIN_SALT = "samtrygg.replicas.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes"})
CACHE_APP = "django_cache"  # the "documents" cache's table (settings.CACHES): filling it is not the user's write
RETRY_SECONDS = 30

log = logging.getLogger(__name__)


@dataclass
class _Request:
    replica: bool  # this request may read the replica
    wrote: bool = False


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("samtrygg_replicas", default=None)
_replica_down_until = [0.0]  # time.monotonic() before which this process does not try the replica again


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        request = _current.get()
        if (request is None or not request.replica or request.wrote or model._meta.app_label in PRIMARY_ONLY_APPS
                or connections[DEFAULT_DB_ALIAS].in_atomic_block):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        request = _current.get()
        if request is not None and model._meta.app_label != CACHE_APP:
            request.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # a row read from the replica is the primary's row

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def reads_primary(view: Callable) -> Callable:
    """Marks a view that decides what to write from what it reads on a GET (the single sign-on callback): all its
    reads go to the primary."""
    view.reads_primary = True
    return view


def replica_answers() -> bool:
    """The replica's connection is open and usable (opened now if need be); False, for RETRY_SECONDS, if not."""
    if time.monotonic() < _replica_down_until[0]:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        _replica_down_until[0] = time.monotonic() + RETRY_SECONDS
        log.warning("The read replica does not answer (%s); reading the primary for %d s", error, RETRY_SECONDS)
        return False
    return True


class ReplicaMiddleware:
    """Sets, for the request it answers, whether reads may go to the replica; pins the browser to the primary
    after a write. Placed before SessionMiddleware, so that it sees the session's own write."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.pin_seconds = settings.SAMTRYGG_DB_REPLICA_PIN_SECONDS

    def __call__(self, request):
        may = request.method in SAFE_METHODS and not self.pinned(request)
        state = _Request(replica=may and replica_answers())
        token = _current.set(state)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if state.wrote or request.method not in SAFE_METHODS:
            response.set_signed_cookie(PIN_COOKIE, "1", salt=PIN_SALT, max_age=self.pin_seconds, httponly=True,
                                       secure=settings.SESSION_COOKIE_SECURE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "reads_primary", False) and (state := _current.get()) is not None:
            state.replica = False

    def pinned(self, request) -> bool:
        return request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=self.pin_seconds) is not None
