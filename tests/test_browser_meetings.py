"""Issue 13's Must show, in Chromium: an EST group of three organisations meets; the generated agenda lists exactly
the incidents since the previous meeting that the group may see; a decision hands a task to a function; the
protocol is justerat by two members and exported as PDF (read back); the reporters' feedback e-mail holds no data
its recipient may not read; axe on every meetings page; the start page and the meeting page at 390 px."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from browsing import assert_accessible
from pdf_pixels import pages
from personas import make_area
from reporting import GRANNSTAD, NORR, TORGET, category, report
from samtrygg.areas.models import AreaKind
from samtrygg.decisions.models import Status
from samtrygg.meetings import services
from samtrygg.meetings.models import Meeting, Task
from samtrygg.sharing import services as sharing
from samtrygg.sharing.models import Access as GrantAccess
from samtrygg.sharing.models import DataKind
from test_meetings import EstWorld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SEEN = ["Klotter på busskurens glas", "Krossad ruta i gångtunneln", "Brand i papperskorg vid lekplatsen"]
HIDDEN = ["Grannstads skadade parkbänk", "Gammalt klotter från förra månaden", "Klotter i Norr",
          "Bovärdens osynliga anmälan"]


@pytest.fixture
def meeting_world(db, mailoutbox):
    est = EstWorld()
    for user, email in ((est.bob, "bob@exempelstad.se"), (est.bovard, "bovard@exempelbostader.se")):
        user.email = email
        user.save()
    # The housing company shares its estate with the kommun and the police: its reports are the group's too.
    for grantee in (est.kommun_a, est.police):
        sharing.grant_create(actor=None, grantor=est.housing, grantee=grantee, kind=DataKind.INCIDENTS,
                             access=GrantAccess.READ, areas=[est.estate])
    now = timezone.now()
    services.meeting_create(actor=est.alice, group=est.group, title="EST Centrum", starts_at=now - timedelta(days=7),
                            ends_at=now - timedelta(days=7) + timedelta(hours=1))
    est.meeting = services.meeting_create(actor=est.alice, group=est.group, title="EST Centrum",
                                          starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(minutes=30))
    report(est, TORGET, hours_ago=5, description=SEEN[0])
    report(est, TORGET, hours_ago=60, description=SEEN[1], category=category("skadegorelse.glaskross"))
    report(est, TORGET, hours_ago=30, actor=est.bovard, owner=est.housing, description=SEEN[2],
           category=category("brand.avfall"))
    report(est, GRANNSTAD, hours_ago=4, actor=est.carol, owner=est.kommun_b, description=HIDDEN[0])
    report(est, TORGET, hours_ago=24 * 9, description=HIDDEN[1])
    report(est, NORR, hours_ago=3, description=HIDDEN[2])
    # A report in an area of the company's that it did not share: the group's other organisations may not read it.
    unshared = make_area(est.housing, "Förråden", (17.6201, 59.1901, 17.6209, 59.1909), kind=AreaKind.PLATS)
    report(est, (59.1905, 17.6205), hours_ago=6, actor=est.bovard, owner=est.housing, description=HIDDEN[3],
           area=unshared)
    return est


def test_an_est_group_meets_decides_justerar_and_tells_the_reporters(meeting_world, page_for, live_server,
                                                                     mailoutbox):
    est = meeting_world
    url = f"{live_server.url}/meetings/{est.meeting.pk}/"
    alice = page_for("alice")
    alice.goto(url)
    # The generated agenda: exactly the incidents since the previous meeting that every organisation may read.
    listed = alice.locator(".generated table").filter(has_text="Beskrivning").first
    text = listed.inner_text()
    assert all(s in text for s in SEEN), text
    assert not any(h in text for h in HIDDEN), text
    assert listed.locator("tbody tr").count() == len(SEEN)
    assert_accessible(alice, "meeting-agenda")
    # A matter is added, and its decision hands a task to the housing company's bovärd.
    alice.get_by_role("link", name="Lägg till ett ärende").click()
    alice.get_by_label("Rubrik").fill("Klotter och glaskross vid torget")
    alice.get_by_label(re.compile(r"^Beslut:?$")).fill("Bovärden sanerar; kommunen ser över belysningen.")
    assert_accessible(alice, "meeting-item-form")
    alice.get_by_role("button", name="Spara").click()
    alice.get_by_role("link", name="Nytt uppdrag § 7").click()
    alice.get_by_label("Funktion").select_option(label="Bovärd (Exempelbostäder AB)")
    alice.get_by_label("Uppdrag").fill("Sanera klottret på busskuren")
    alice.get_by_label("Plats").fill("Busskuren vid torget")
    alice.get_by_label("Område").select_option(label="Torget")
    alice.get_by_label("Sista dag").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    assert_accessible(alice, "meeting-task-form")
    alice.get_by_role("button", name="Spara").click()
    task = Task.objects.get(title="Sanera klottret på busskuren")
    assert task.function == est.f_bovard and task.meeting == est.meeting
    expect(alice.get_by_text("Sanera klottret på busskuren").first).to_be_visible()
    # Val av justerare, and out for justering.
    alice.get_by_role("link", name="Välj justerare").click()
    alice.get_by_label("Polis").check()
    alice.get_by_label("Bovard").check()
    alice.get_by_role("button", name="Spara").click()
    alice.get_by_role("button", name="Skicka protokollet för justering").click()
    alice.get_by_text("Protokollet skickades till justerarna.").wait_for()
    # Each adjuster signs with their own login.
    for username in ("polis", "bovard"):
        adjuster = page_for(username)
        adjuster.goto(url)
        adjuster.get_by_role("button", name="Justera protokollet").click()
        adjuster.get_by_text("Du har justerat protokollet.").wait_for()
        assert_accessible(adjuster, f"meeting-signed-{username}")
    meeting = Meeting.objects.get(pk=est.meeting.pk)
    assert meeting.status == Status.ADOPTED and meeting.document is not None
    # The protocol as PDF, read back: the decision, the task, the incidents, the justering; nothing hidden.
    alice.goto(url)
    with alice.expect_download() as download:
        alice.get_by_role("link", name="Protokoll som PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(page["text"] for page in pages(pdf)).split())
    for expected in ["Protokoll", "EST Centrum", "Sanera klottret på busskuren", "Bovärden sanerar",
                     "Justerat av polis och bovard", *SEEN]:
        assert expected in text, expected
    assert not any(h in text for h in HIDDEN)
    # The reporters hear back: each only about their own reports.
    mailoutbox.clear()
    alice.get_by_role("button", name="Återkoppla till rapportörerna").click()
    alice.get_by_text("Rapportörerna har fått återkoppling.").wait_for()
    mails = {m.to[0]: m.body for m in mailoutbox}
    assert set(mails) == {"bob@exempelstad.se", "bovard@exempelbostader.se"}
    assert "Klotter" in mails["bob@exempelstad.se"] and "Krossat glas" in mails["bob@exempelstad.se"]
    assert "Brand i papperskorg" not in mails["bob@exempelstad.se"]
    assert "Brand i papperskorg" in mails["bovard@exempelbostader.se"]
    assert "Klotter\n" not in mails["bovard@exempelbostader.se"].split("Beslutat")[0]
    assert "Sanera klottret på busskuren" in mails["bovard@exempelbostader.se"]
    for body in mails.values():
        assert not any(s in body for s in SEEN + HIDDEN), body  # no incident text at all, only category and place


def test_the_start_page_and_the_meeting_pages_work_on_a_phone(meeting_world, page_for, live_server):
    est = meeting_world
    services.task_create(actor=est.alice, item=est.meeting.items.get(number=5), function=est.f_bovard,
                         title="Sanera klottret", due=timezone.localdate())
    phone = page_for("bovard", viewport=PHONE)
    expect(phone.get_by_role("link", name="Rapportera").first).to_be_visible()
    expect(phone.get_by_text("Uppdrag: Sanera klottret")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone, "start-phone")
    for path in (f"/meetings/{est.meeting.pk}/", "/meetings/", f"/meetings/groups/{est.group.pk}/",
                 "/meetings/tasks/", "/meetings/calendar/"):
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(phone, "phone" + path.replace("/", "-"))
    alice = page_for("alice")
    for path in ("/meetings/groups/new/", f"/meetings/groups/{est.group.pk}/functions/new/",
                 f"/meetings/groups/{est.group.pk}/meetings/new/", f"/meetings/groups/{est.group.pk}/series/new/",
                 f"/meetings/{est.meeting.pk}/adjusters/", f"/meetings/{est.meeting.pk}/edit/",
                 f"/meetings/items/{est.meeting.items.get(number=5).pk}/"):
        alice.goto(live_server.url + path)
        assert_accessible(alice, "form" + path.replace("/", "-"))
