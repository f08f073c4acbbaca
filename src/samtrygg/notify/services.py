"""Sending a message once: record it under its key in the caller's transaction, e-mail it after commit."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification


@transaction.atomic
def send_once(*, key: str, user, subject: str, body: str) -> bool:
    """E-mail `user` unless a message under `key` was sent already (or they have no e-mail address); True when
    this call sent it. Concurrent runs race on the unique key: one records it, the other sends nothing."""
    if not user.email or not user.is_active:
        return False
    try:
        with transaction.atomic():
            Notification.objects.create(key=key[:200], user=user, subject=subject[:200])
    except IntegrityError:
        return False
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email], fail_silently=False))
    return True
