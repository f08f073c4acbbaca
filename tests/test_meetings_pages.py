"""The meetings pages as a coordinator and a member use them: every page renders for those who may see it and
answers 404 to others; the invitation is e-mailed from the meeting's page and recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samtrygg.audit.models import AuditEntry
from samtrygg.meetings import services
from test_meetings import EstWorld


@pytest.fixture
def est(db):
    est = EstWorld()
    for user in (est.polis, est.bovard):
        user.email = f"{user.username}@example.se"
        user.save()
    now = timezone.now()
    est.meeting = services.meeting_create(actor=est.alice, group=est.group, title="EST Centrum",
                                          starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=1))
    return est


def test_the_pages_render_for_members_and_answer_404_to_others(est, login, client):
    pages = ["/meetings/", f"/meetings/groups/{est.group.pk}/", f"/meetings/{est.meeting.pk}/", "/meetings/tasks/",
             f"/meetings/{est.meeting.pk}/protocol.pdf", f"/meetings/{est.meeting.pk}/invitation.ics"]
    login(est.bovard)
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert client.get(f"/meetings/{est.meeting.pk}/edit/").status_code == 404  # sees, may not change
    item = services.item_save(actor=est.alice, meeting=est.meeting, title="Belysning")
    assert client.get(f"/meetings/items/{item.pk}/measure/").status_code == 404
    login(est.alice)
    assert client.get(f"/meetings/items/{item.pk}/measure/").status_code == 200
    login(est.bovard)
    login(est.carol)
    for page in pages[1:3] + pages[4:]:
        assert client.get(page).status_code == 404, page


def test_the_invitation_is_emailed_to_the_members_and_recorded(est, login, client, mailoutbox):
    login(est.alice)
    response = client.post(f"/meetings/{est.meeting.pk}/step/invite/", follow=True)
    assert response.status_code == 200
    assert sorted(m.to[0] for m in mailoutbox) == ["bovard@example.se", "polis@example.se"]
    assert AuditEntry.objects.filter(object_type="meetings.meeting", object_id=str(est.meeting.pk),
                                     changes__invitations_sent=[None, 2]).exists()
    login(est.polis)
    assert client.post(f"/meetings/{est.meeting.pk}/step/invite/").status_code == 404


def test_documents_are_attached_to_an_item_and_served_only_to_those_who_see_the_meeting(est, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = services.item_save(actor=est.alice, meeting=est.meeting, title="Belysning")
    login(est.alice)
    upload = SimpleUploadedFile("Tjänsteskrivelse belysning.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(f"/meetings/items/{item.pk}/attachments/", {"file": upload})
    attachment = item.attachments.get()
    assert attachment.name == "Tjänsteskrivelse belysning.pdf" and "belysning" not in attachment.file.name
    refused = SimpleUploadedFile("program.exe", b"MZ", content_type="application/octet-stream")
    client.post(f"/meetings/items/{item.pk}/attachments/", {"file": refused})
    assert item.attachments.count() == 1
    assert "Tjänsteskrivelse belysning.pdf" in client.get(f"/meetings/{est.meeting.pk}/").content.decode()
    login(est.bovard)
    response = client.get(f"/meetings/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client.post(f"/meetings/attachments/{attachment.pk}/delete/").status_code == 404
    login(est.carol)
    assert client.get(f"/meetings/attachments/{attachment.pk}/").status_code == 404
    login(est.alice)
    client.post(f"/meetings/attachments/{attachment.pk}/delete/")
    assert not item.attachments.exists()
    assert AuditEntry.objects.filter(object_type="meetings.attachment").count() == 2


def test_document_downloads_are_recorded_in_the_owners_log(est, login, client):
    from samtrygg.lagesbild import services as lagesbild_services
    from samtrygg.plans import services as plans

    login(est.bovard)
    client.get(f"/meetings/{est.meeting.pk}/protocol.pdf")
    login(est.alice)
    lagesbild = lagesbild_services.lagesbild_create(
        actor=est.alice, owner=est.kommun_a, area=est.area_a, title="Lägesbild", period_start=timezone.localdate()
        - timedelta(days=30), period_end=timezone.localdate())
    plan = plans.plan_create(actor=est.alice, owner=est.kommun_a, area=est.area_a, title="Plan",
                             period_start=timezone.localdate(), period_end=timezone.localdate() + timedelta(days=700))
    assert client.get(f"/lagesbild/{lagesbild.pk}/docx/").status_code == 200
    assert client.get(f"/plans/{plan.pk}/plan.pdf").status_code == 200
    exports = AuditEntry.objects.filter(action="export", organisation=est.kommun_a)
    assert {(e.object_type, e.changes["format"][1], e.actor_name) for e in exports} == {
        ("meetings.meeting", "pdf", "bovard"), ("lagesbild.lagesbild", "docx", "alice"),
        ("plans.actionplan", "pdf", "alice")}
