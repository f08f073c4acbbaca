"""Numbers as a Swedish reader expects them (issue 20, point 4): thousands grouped with a no-break space, money by
one rule ("250 000 kr", pages and documents alike), and what a machine reads (ids in attributes and links, years,
coordinates) never grouped. Forms start at the likeliest choice instead of an empty one."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import override_settings
from django.urls import reverse

from reporting import report
from samtrygg.accounts import services as accounts
from samtrygg.accounts.models import Role
from samtrygg.plans import services as plans
from samtrygg.plans.document import compose_plan
from samtrygg.publishing.document import Table
from samtrygg.publishing.formatting import format_kronor

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"  # what Django's Swedish format (THOUSAND_SEPARATOR) and publishing.formatting both group with
FIRST_ID = 12345


def page(client, url: str, language: str = "sv") -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def ids_from(first: int) -> None:
    """Every table's next id is `first` (or more), so ids have thousands a page could group."""
    with connection.cursor() as cursor:
        for model in apps.get_models():
            pk = model._meta.pk
            if not isinstance(pk, models.AutoField) or model._meta.proxy:
                continue
            table = model._meta.db_table
            if connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, first - 1])
            else:
                # never below the rows there already (the world's, made before): a lowered sequence would collide
                column = connection.ops.quote_name(pk.column)
                cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST(%s, "  # noqa: S608 - quoted names
                               f"(SELECT COALESCE(MAX({column}), 0) FROM {connection.ops.quote_name(table)})))",
                               [table, pk.column, first - 1])


@pytest.fixture
def plan(world):
    plan = plans.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Trygg i centrum",
                             period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    plans.measure_save(actor=world.alice, plan=plan, title="Belysning i gångtunneln", kind="situationell",
                       owner=world.kommun_a, owner_function="Trygghetssamordnare", start=date(2026, 1, 1),
                       budget=250000, status="gul")
    return plan


# --- money ------------------------------------------------------------------------------------------------------

def test_an_amount_is_grouped_with_a_no_break_space_and_kr():
    assert format_kronor(250000) == f"250{NBSP}000{NBSP}kr"
    assert format_kronor(1234567.4, "en") == f"1,234,567{NBSP}SEK"
    assert format_kronor(None) == "–"


def test_a_measures_budget_is_shown_in_kronor(world, login, plan):
    client = login(world.alice)
    url = reverse("plans:measure_detail", args=[plan.measures.get().pk])
    assert f"250{NBSP}000{NBSP}kr" in page(client, url)
    assert f"250,000{NBSP}SEK" in page(client, url, "en")


def test_the_cost_of_damage_is_shown_in_kronor(world, login):
    incident = report(world, damage_cost_sek=12500)
    assert f"12{NBSP}500{NBSP}kr" in page(login(world.alice), reverse("incidents:detail", args=[incident.pk]))


def test_the_plan_as_a_document_shows_budgets_by_the_same_rule(plan):
    measures = next(block for section in compose_plan(plan).sections if section.key == "atgarder"
                    for block in section.blocks if isinstance(block, Table))
    assert measures.rows[0][4] == f"250{NBSP}000{NBSP}kr"


# --- numbers a reader reads, numbers a machine reads -------------------------------------------------------------

def test_a_number_in_the_text_is_grouped_in_the_readers_style(world, login, plan):
    problem = plans.problem_save(actor=world.alice, plan=plan, title="Klotter vid torget")
    client = login(world.alice)
    url = reverse("plans:problem_incidents", args=[problem.pk])
    assert f"1{NBSP}000" in page(client, url)  # "högst 1 000 åt gången"
    assert "1,000" in page(client, url, "en")


def test_ids_in_attributes_and_links_are_never_grouped(world, login):
    ids_from(FIRST_ID)
    incident = report(world, actor=world.alice)
    membership = accounts.user_create(actor=None, username="frida", password="correct horse battery",
                                      organisation=world.kommun_a, role=Role.RAPPORTOR).memberships.get()
    plan = plans.plan_create(actor=world.alice, owner=world.kommun_a, area=world.area_a, title="Plan",
                             period_start=date(2026, 1, 1), period_end=date(2027, 12, 31))
    problem = plans.problem_save(actor=world.alice, plan=plan, title="Klotter")
    assert min(incident.pk, membership.pk, problem.pk, plan.pk) >= FIRST_ID
    client = login(world.alice)
    for language in ("sv", "en"):
        listing = page(client, reverse("incidents:list"), language)
        assert f'value="{incident.pk}" id="pick-{incident.pk}"' in listing
        organisation = page(client, reverse("accounts:organisation", args=[world.kommun_a.pk]), language)
        assert f'<tr id="member-{membership.pk}">' in organisation and f'id="role-{membership.pk}"' in organisation
        detail = page(client, reverse("plans:plan_detail", args=[plan.pk]), language)
        assert f"?problem={problem.pk}" in detail and f"?parent={plan.pk}" in detail


def test_no_tag_on_any_page_holds_a_grouped_number(world, client):
    """Every page of the isolation walk's two municipalities, with every id above 12 345: no attribute (id, link,
    value, data-*, SVG coordinate) holds a number grouped as "12 345", and no year reads "2 025"."""
    from test_isolation_walk import ISSUER, ROUTES, Worlds, routes

    ids_from(FIRST_ID)
    with override_settings(SAMTRYGG_OIDC_ISSUERS=[ISSUER]):
        worlds = Worlds(world)
    client.force_login(world.alice, backend="samtrygg.accounts.backends.PasswordBackend")
    grouped = re.compile(r"\d\u00a0\d{3}")
    found, pages = [], 0
    for route in routes():
        if route.name.startswith(("api:", "ogc:")) or (route.parameters and route.name not in ROUTES):
            continue
        kwargs = {name: kind[1:] if kind.startswith("=") else worlds.mine.ids[kind]
                  for name, kind in ROUTES.get(route.name, {}).items()}
        response = client.get(reverse(route.name, kwargs=kwargs))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
            tag = re.sub(r'\sdata-user="[^"]*"', "", tag)  # see the test below
            if grouped.search(tag):
                found.append(f"{route.name}: {tag[:160]}")
        text = re.sub(r"<[^>]*>", " ", html)
        found += [f"{route.name}: year {m}" for m in re.findall(r"\b20\u00a0[0-4]\d\b", text)]
    assert pages > 100
    assert not found, "\n".join(found)


def test_the_outbox_knows_its_user_by_an_ungrouped_id(world, login):
    ids_from(FIRST_ID)
    user = accounts.user_create(actor=None, username="frida", password="correct horse battery",
                                organisation=world.kommun_a, role=Role.RAPPORTOR)
    assert f'data-user="{user.pk}"' in page(login(user), reverse("incidents:report"))


# --- sensible defaults ------------------------------------------------------------------------------------------

def options(html: str, name: str) -> list[tuple[str, bool]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [(value, bool(selected)) for value, selected in
            re.findall(r'<option value="([^"]*)"( selected)?', select)]


def test_a_follow_up_starts_at_the_measures_current_status(world, login, plan):
    measure = plan.measures.get()
    client = login(world.alice)
    status = options(page(client, reverse("plans:follow_up_add", args=[measure.pk])), "status")
    assert ("", False) not in status  # no empty "---------" to start from
    assert [value for value, selected in status if selected] == ["gul"]
    plans.measure_save(actor=world.alice, plan=plan, measure=measure, status="rod")
    status = options(page(client, reverse("plans:follow_up_add", args=[measure.pk])), "status")
    assert [value for value, selected in status if selected] == ["rod"]


def test_a_new_method_starts_as_not_yet_evaluated(world, login):
    evidence = options(page(login(world.alice), reverse("plans:method_create")), "evidence")
    assert [value for value, selected in evidence if selected] == ["saknas"]
