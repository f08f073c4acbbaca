from django.conf import settings
from django.db import models


class Notification(models.Model):
    """A message sent to a person, under a key that says what it was about (e.g. "task:12:2026-12-08"), so the
    same reminder is never sent twice."""

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key
