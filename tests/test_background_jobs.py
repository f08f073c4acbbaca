"""Background jobs (samtrygg.background): an export larger than settings.EXPORT_IN_BACKGROUND rows is audited when
it is asked for and written by the worker, with its progress, into the same file the direct download would have
streamed; only the user who started it sees the job and its file; a failing job says so; old jobs are cleared
away; and the real worker (`samtrygg db_worker`, django-tasks-db) runs what the page queued."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reporting import GRANNSTAD, NORR, category, report
from samtrygg.audit.models import AuditEntry
from samtrygg.background import runners
from samtrygg.background import services as background
from samtrygg.background.models import Job
from samtrygg.incidents import exporting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def incidents(world):
    return [
        report(world, description="Klotter på väggen"),
        report(world, where=NORR, category=category("brand.anlagd")),
        report(world, description="Sten genom rutan"),
        report(world, where=GRANNSTAD, owner=world.kommun_b, actor=world.carol, description="Grannstads händelse"),
    ]


def direct(client, params) -> bytes:
    response = client.get(reverse("incidents:export"), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_large_export_becomes_a_job_that_writes_what_the_direct_download_would(
        world, incidents, login, settings, django_capture_on_commit_callbacks):
    client = login(world.alice)
    params = {"format": "csv", "coordinates": "sweref", "category": category("skadegorelse").pk}
    settings.EXPORT_IN_BACKGROUND = 100
    expected = direct(client, params)  # under the limit: streamed as before
    settings.EXPORT_IN_BACKGROUND = 1
    entries = AuditEntry.objects.filter(action="export").count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("incidents:export"), params)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("background:job", args=[job.pk])
    # on record when asked for, as a direct download is, with its filters and count
    entry = AuditEntry.objects.filter(action="export").latest("pk")
    assert AuditEntry.objects.filter(action="export").count() == entries + 1
    assert entry.actor == world.alice and entry.changes["count"][1] == 2
    assert entry.changes["filters"][1]["category"] == [str(params["category"])]
    assert job.status == Job.Status.QUEUED and job.total == 2 and job.user == world.alice
    assert job.title == "Export av 2 händelser (CSV)"
    page = client.get(response["Location"])
    assert b'<progress id="job-progress" max="2" value="0"' in page.content
    assert b'hx-trigger="every 1s"' in page.content

    background.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == 2 and job.finished_at
    page = client.get(reverse("background:job", args=[job.pk]))
    assert "Filen är klar." in page.content.decode() and b"hx-trigger" not in page.content
    start = client.get("/").content.decode()  # found again from the start page
    assert "Export av 2 händelser (CSV): filen är klar att ladda ner." in start
    assert reverse("background:job", args=[job.pk]) in start
    download = client.get(reverse("background:file", args=[job.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="handelser-')
    assert b"".join(download.streaming_content) == expected
    assert AuditEntry.objects.filter(action="export").count() == entries + 1  # the download is the same export


def test_the_job_reports_its_progress_as_it_goes(world, incidents, login, settings, monkeypatch):
    settings.EXPORT_IN_BACKGROUND = 0
    monkeypatch.setattr(exporting, "CHUNK", 1)
    monkeypatch.setattr(background, "PROGRESS_EVERY", 0)
    client = login(world.alice)
    client.get(reverse("incidents:export"), {"format": "xlsx"})
    job = Job.objects.get()
    with CaptureQueriesContext(connection) as queries:
        background.job_run(str(job.pk))
    table = Job._meta.db_table
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert sum('"done" = 1' in sql for sql in updates) and sum('"done" = 2' in sql for sql in updates)
    assert '"status"' in updates[0] and "'running'" in updates[0]  # running first, then the rows, then done
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == 3 and job.file_name.endswith(".xlsx")


def test_only_the_user_who_started_it_sees_the_job_and_its_file(world, incidents, login, settings):
    settings.EXPORT_IN_BACKGROUND = 0
    login(world.alice).get(reverse("incidents:export"), {"format": "geojson"})
    job = Job.objects.get()
    background.job_run(str(job.pk))
    for user in (world.carol, world.bob):  # another municipality's admin; a colleague in the same one
        client = login(user)
        assert client.get(reverse("background:job", args=[job.pk])).status_code == 404
        assert client.get(reverse("background:file", args=[job.pk])).status_code == 404
    assert login(world.alice).get(reverse("background:file", args=[job.pk])).status_code == 200


def test_the_worker_reads_with_the_users_access_when_it_runs(world, incidents, login, settings):
    """A grant withdrawn (here: a membership) between the request and the run narrows the file, never widens it."""
    settings.EXPORT_IN_BACKGROUND = 0
    login(world.alice).get(reverse("incidents:export"), {"format": "csv"})
    job = Job.objects.get()
    world.alice.memberships.all().delete()
    background.job_run(str(job.pk))
    assert job.path.read_bytes().count(b"\r\n") == 1  # the header only


def test_a_failing_job_says_so_and_leaves_no_file(world, login, caplog):
    def broken(job, out, progress):
        out.write(b"half")
        raise RuntimeError("disk full")

    runners.register("test.broken", broken)
    job = background.job_start(user=world.alice, kind="test.broken", title="Prov", total=10, params={})
    background.job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.path.exists()
    assert "disk full" in caplog.text  # in the server's log, not on the page
    page = login(world.alice).get(reverse("background:job", args=[job.pk])).content.decode()
    assert "Arbetet misslyckades" in page and "disk full" not in page
    assert login(world.alice).get(reverse("background:file", args=[job.pk])).status_code == 404


def test_a_job_nobody_picks_up_says_a_worker_is_missing(world, login):
    runners.register("test.noop", lambda job, out, progress: runners.Outcome())
    job = background.job_start(user=world.alice, kind="test.noop", title="Prov", total=1, params={})
    client = login(world.alice)
    assert "db_worker" not in client.get(reverse("background:job", args=[job.pk])).content.decode()
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert "samtrygg db_worker" in client.get(reverse("background:job", args=[job.pk])).content.decode()


def test_old_jobs_and_their_files_are_cleared_away(world):
    runners.register("test.text", lambda job, out, progress: (
        out.write(b"abc"), runners.Outcome(file_name="x.txt", content_type="text/plain"))[1])
    old = background.job_start(user=world.alice, kind="test.text", title="Gammal", total=1, params={})
    new = background.job_start(user=world.alice, kind="test.text", title="Ny", total=1, params={})
    for job in (old, new):
        background.job_run(str(job.pk))
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert background.jobs_clear() == 1
    assert not old.path.exists() and new.path.read_bytes() == b"abc"
    assert list(Job.objects.all()) == [new]


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_runs_what_the_page_queued(world, incidents, login, settings):
    settings.EXPORT_IN_BACKGROUND = 0
    response = login(world.alice).get(reverse("incidents:export"), {"format": "csv"})
    job = Job.objects.get()
    assert response["Location"] == reverse("background:job", args=[job.pk])
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.path.read_bytes().count(b"\r\n") == 4  # the header and three rows
