"""The demo shows every part of the product: each demo role starts on a page with something to do or see (never
"0 areas" or an empty panel), the housing company's reports lie in its estates and are shared with the
municipality, whose lägesbild counts them and names the company, and a new version of the adopted lägesbild
carries the partners' observations (samtrygg.demo.builder)."""

import pytest
from django.urls import reverse

from samtrygg.access import Access
from samtrygg.accounts.models import User
from samtrygg.demo.builder import DEMO_ADOPTED_OBSERVATIONS, DEMO_USERS, build_demo
from samtrygg.incidents import selectors as incident_selectors
from samtrygg.lagesbild import selectors as lagesbild_selectors
from samtrygg.lagesbild import services as lagesbild_services
from samtrygg.lagesbild.gather import Scope, incidents_for
from samtrygg.lagesbild.models import Lagesbild
from samtrygg.publishing.document import Document, KeyFigures, Paragraph
from samtrygg.publishing.formatting import format_number


@pytest.mark.django_db
def test_every_demo_role_starts_on_something_meaningful_and_the_lagesbild_counts_the_housing_company(client, settings):
    settings.DEMO_MODE = True  # demo accounts sign in only on a demo installation
    orgs = build_demo(seed=7, incidents=600)
    kommun, housing = orgs["Exempelby kommun"], orgs["Exempelbostäder AB"]

    # Each demo user's start page: every panel has items, none asks to import areas, no "You can see 0 areas".
    for demo_user in DEMO_USERS:
        user = User.objects.get(username=demo_user.username)
        client.force_login(user, backend="samtrygg.accounts.backends.PasswordBackend")
        response = client.get("/")
        assert response.status_code == 200, (demo_user.username, response.status_code, response.get("Location"))
        page = response.context["page"]
        items = [item for panel in page.panels for item in panel.items]
        assert page.panels and all(panel.items for panel in page.panels), demo_user.username
        assert reverse("areas:import") not in {item.url for item in items}, demo_user.username
        if reverse("areas:list") in {item.url for item in items}:
            assert Access(user).areas().exists(), demo_user.username
    bovard = Access(User.objects.get(username="bovard"))
    client.force_login(bovard.user, backend="samtrygg.accounts.backends.PasswordBackend")
    page = client.get("/").context["page"]
    assert reverse("areas:list") in {item.url for item in page.panels[0].items}
    # the bovärd sees the company's estates and the municipality's districts (shared with the lägesbild)
    assert bovard.areas().filter(owner=housing).count() == 3 and bovard.areas().filter(owner=kommun).count() > 8
    lan = User.objects.get(username="lan")
    client.force_login(lan, backend="samtrygg.accounts.backends.PasswordBackend")
    region = orgs["Exempelläns kommunalförbund"].region
    assert reverse("county:dashboard", args=[region.pk]) in {
        item.url for panel in client.get("/").context["page"].panels for item in panel.items}

    # The housing company's reports lie in its estates and are shared with the municipality ...
    theirs = incident_selectors.incidents(Access(User.objects.get(username="samordnare"))).filter(owner=housing)
    assert theirs.count() == 108 and not theirs.filter(area__isnull=True).exists()
    assert not incident_selectors.incidents(Access(User.objects.get(username="polis"))).filter(owner=housing).exists()
    # ... so the adopted lägesbild counts them and says whose reports it counted.
    adopted = Lagesbild.objects.get(owner=kommun, status="faststalld")
    scope = Scope.of(adopted)
    counted = incidents_for(scope, scope.period)
    own, shared = counted.filter(owner=kommun).count(), counted.filter(owner=housing).count()
    assert shared > 0 and own + shared == counted.count()
    section = next(s for s in Document.from_dict(adopted.document).sections if s.key == "handelser")
    assert next(b for b in section.blocks if isinstance(b, KeyFigures)).items[0].value == own + shared
    sources = next(b.text for b in section.blocks if isinstance(b, Paragraph) and "Exempelbostäder AB" in b.text)
    assert f"Exempelby kommun ({format_number(own, 0, 'sv')})" in sources
    assert f"Exempelbostäder AB ({format_number(shared, 0, 'sv')})" in sources

    # The bovärd reads the lägesbilder the municipality shares (with his own observation in the draft).
    assert set(lagesbild_selectors.lagesbilder(bovard)) == set(Lagesbild.objects.filter(owner=kommun))
    # A new version of the adopted one starts with the partners' observations, carried over.
    version = lagesbild_services.lagesbild_new_version(actor=User.objects.get(username="samordnare"),
                                                       lagesbild=adopted)
    carried = list(version.observations.order_by("pk"))
    assert [o.text for o in carried] == [text for _org, _user, text in DEMO_ADOPTED_OBSERVATIONS]
    assert all(o.carried_from.lagesbild == adopted for o in carried)
