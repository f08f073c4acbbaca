"""Which stored text falls under which rule — every CharField, TextField and JSONField (the strings in it) of every
model is in exactly one class (tests/test_privacy_paths.py enumerates them and fails on a field that is in none):

- FREE_TEXT: what people write (descriptions, titles, notes, names of places): the owning organisation's policy
  applies (refuse, mask or warn per kind). The path leads from the row to the organisation whose policy applies;
  None: text no organisation owns (the police's public feed, a personal API token's name) follows the default.
- Every other CharField, TextField and JSONField of samtrygg's and Django's models: identifiers, codes and the names
  of staff (user names, signatures, "decided by"), where a name is expected and an identity number never is: a
  valid personnummer or samordningsnummer is refused, whatever the policy.
- LOGS: records of what happened that must be written whatever came in (the audit log, django-axes' records of
  login attempts), and COPIES of text that passed the guard before: identity numbers are masked, never refused.
- EXEMPT: values no person writes as text: secrets and digests, generated keys, serialized sessions, geometry.
"""

FREE_TEXT: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "incidents.Incident": ("owner", ("description",)),
    "incidents.StatusChange": ("incident.owner", ("note",)),
    "incidents.Batch": ("owner", ("note",)),
    "incidents.Contribution": ("organisation", ("description",)),  # screened as its reporter's report was
    "incidents.Category": ("owner", ("name",)),
    "incidents.PoliceEvent": (None, ("name", "summary")),
    "areas.Area": ("owner", ("name",)),
    "sharing.Grant": ("grantor", ("note",)),
    "indicators.IndicatorSeries": ("owner", ("name", "unit", "description")),
    "lagesbild.Lagesbild": ("owner", ("title", "summary", "conclusions")),
    "lagesbild.Problem": ("lagesbild.owner", ("title", "description")),
    "lagesbild.Observation": ("organisation", ("text",)),
    "lagesbild.Deepening": ("lagesbild.owner", ("title",)),
    "plans.Agreement": ("owner", ("title", "description", "focus_areas")),
    "plans.Commitment": ("agreement.owner", ("focus_area", "text")),
    "plans.MethodEntry": ("owner", ("name", "description", "evidence_note")),
    "plans.ActionPlan": ("owner", ("title", "summary")),
    "plans.Problem": ("plan.owner", (
        "title", "description", "place", "offender", "target", "place_managers", "guardians", "handlers",
        "risk_factors", "protective_factors", "evidence",
    )),
    "plans.Goal": ("plan.owner", ("title", "indicator", "unit")),
    "plans.Measure": ("plan.owner", ("title", "description", "owner_function")),
    "plans.FollowUp": ("measure.plan.owner", ("production", "process", "effect")),
    "plans.GoalConflict": ("plan.owner", ("title", "description", "escalated_to", "resolution")),
    "plans.CitizenPromise": ("owner", ("title", "description")),
    "plans.PromiseActivity": ("promise.owner", ("description",)),
    "meetings.Group": ("owner", ("name", "description")),
    "meetings.Function": ("group.owner", ("title",)),
    "meetings.MeetingSeries": ("group.owner", ("location",)),
    "meetings.Meeting": ("group.owner", ("title", "location")),
    "meetings.AgendaItem": ("meeting.group.owner", ("title", "summary", "proposal", "basis", "notes", "decision")),
    "meetings.Attachment": ("item.meeting.group.owner", ("name",)),
    "meetings.Task": ("group.owner", ("title", "place", "outcome")),
    "rhythm.Duty": ("owner", ("title", "owner_title", "note")),
    "accounts.ApiToken": (None, ("name",)),
    "county.CountyPicture": ("owner", ("title", "summary", "conclusions")),
    "surveys.Survey": ("region.organisation", ("title", "introduction")),
    "surveys.Question": ("survey.region.organisation", ("section", "text", "choices")),
    "surveys.Answer": ("response.municipality", ("text",)),  # choice: a code or an option screened already
    "tips.Channel": ("municipality", ("introduction",)),
    "tips.Tip": ("channel.municipality", ("place", "description")),  # a resident's: the municipality's policy
    "walks.Walk": ("owner", ("title", "meeting_place", "summary")),
    "walks.Participant": ("walk.owner", ("function",)),
    "walks.Observation": ("walk.owner", ("description", "suggested_measure", "responsible_function")),
}

# Structured values of samtrygg's own that are not free text, so not under the policy (identity numbers refused).
STRUCTURED: dict[str, str] = {
    "accounts.Organisation.privacy_policy": "kinds and actions",
    "plans.MethodEntry.sources": "citations of research, whose authors are named by design",
}

LOGS: frozenset[str] = frozenset({"audit.AuditEntry", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog",
                                  "django_tasks_database.DBTaskResult"})  # the task queue: ids, tracebacks

# Copies of text that passed the guard when it was written (an adopted document frozen as JSON, the feedback sent
# to a reporter): like the logs, identity numbers are masked — a text stored before the guard knew a format must
# not stop a decision from being adopted.
COPIES: frozenset[str] = frozenset({
    "lagesbild.Lagesbild.document", "plans.ActionPlan.document", "county.CountyPicture.document",
    "meetings.Meeting.document",
    "meetings.Feedback.summary",
    "background.Job.params",  # the list's filters as the export's audit entry records them
})

EXEMPT: dict[str, str] = {
    "accounts.User.password": "a password hash",
    "accounts.ApiToken.prefix": "generated from the random token",
    "accounts.ApiToken.digest": "a SHA-256 digest",
    "meetings.CalendarFeed.digest": "a SHA-256 digest",
    "tips.Quota.digest": "an HMAC-SHA-256 digest",
    "tips.Tip.reference": "random hexadecimal, generated",
    "tips.Outcome.reference": "random hexadecimal, generated (the tip's)",
    "otp_totp.TOTPDevice.key": "a generated secret",
    "sessions.Session.session_key": "a generated key",
    "sessions.Session.session_data": "signed, serialized session data",
    "areas.Area.geometry": "GeoJSON coordinates, whose long runs of digits are not text",
    "walks.Walk.route": "a GeoJSON LineString drawn on the map, whose long runs of digits are not text",
    "contenttypes.ContentType.app_label": "defined by the code",
    "contenttypes.ContentType.model": "defined by the code",
    "auth.Permission.codename": "defined by the code",
    "auth.Permission.name": "defined by the code",
    "django_tasks_database.DBTaskResult.status": "the task queue's status code, set by its code",
}
