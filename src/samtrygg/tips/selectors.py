"""Reads of the tips, scoped. The public sees a municipality's tip page only while it is open; a tip, its photo and
its contact are seen by those who may change in the municipality (its samordnare and admins: the moderators), who
also set up the page."""

from django.db.models import QuerySet
from django.http import Http404

from samtrygg.access import Access, Action
from samtrygg.accounts.models import Organisation, OrgType
from samtrygg.decisions.models import Status
from samtrygg.incidents.models import Category
from samtrygg.lagesbild.models import Lagesbild

from .models import Channel, Tip


def open_channel(kommunkod: str) -> Channel:
    """The municipality's tip page, if it is open; else 404 (a closed page and an unknown code look the same)."""
    channel = Channel.objects.filter(municipality__kommunkod=kommunkod, municipality__type=OrgType.KOMMUN,
                                     open=True).select_related("municipality").first()
    if channel is None:
        raise Http404
    return channel


def channel_by_code(kommunkod: str) -> Channel | None:
    """The municipality's tip page, open or not (Open311 posts with a key; the page's own state is for the web)."""
    return (Channel.objects.filter(municipality__kommunkod=kommunkod, municipality__type=OrgType.KOMMUN)
            .select_related("municipality").first())


def requests(channel: Channel, *, references: list[str], codes: list[str], between) -> tuple[list, list]:
    """The tips waiting and the outcomes of decided ones (Open311's open and closed requests), by reference, or by
    service code and received time in `between` (start, end)."""
    pending = channel.tips.select_related("category")
    decided = channel.outcomes.select_related("category")
    if references:
        pending, decided = pending.filter(reference__in=references), decided.filter(reference__in=references)
    if codes:
        pending, decided = pending.filter(category__code__in=codes), decided.filter(category__code__in=codes)
    if between:
        pending = pending.filter(received_at__range=between)
        decided = decided.filter(received_at__range=between)
    return list(pending[:1000]), list(decided.order_by("-received_at")[:1000])


def public_categories(channel: Channel) -> QuerySet[Category]:
    return channel.categories.filter(active=True).order_by("sort", "name")


def moderated(access: Access) -> QuerySet[Organisation]:
    """The municipalities whose tips the user moderates."""
    return Organisation.objects.filter(pk__in=access.orgs_for(Action.CHANGE), type=OrgType.KOMMUN).order_by("name")


def categories_for(municipality) -> QuerySet[Category]:
    """The categories a moderator may choose for the municipality's tips: the national ones and its own."""
    return (Category.objects.filter(active=True, owner__isnull=True)
            | Category.objects.filter(active=True, owner=municipality)).order_by("sort", "name")


def channels(municipalities) -> dict[int, Channel]:
    return {c.municipality_id: c for c in Channel.objects.filter(municipality__in=municipalities)}


def channel_of(access: Access, municipality_id: int) -> Channel | None:
    """The tip page of a municipality the user moderates (None if it has none yet); 404 for any other."""
    municipality = moderated(access).filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return Channel.objects.filter(municipality=municipality).first()


def tips(access: Access) -> QuerySet[Tip]:
    return (Tip.objects.filter(channel__municipality__in=moderated(access))
            .select_related("channel__municipality", "category", "category__parent", "contact"))


def tip_get(access: Access, pk: int) -> Tip:
    tip = tips(access).filter(pk=pk).first()
    if tip is None:
        raise Http404
    return tip


def draft_lagesbilder(tip: Tip) -> QuerySet[Lagesbild]:
    """The municipality's lägesbilder still being drafted, which a tip can join as an observation."""
    return Lagesbild.objects.filter(owner=tip.channel.municipality_id, status=Status.DRAFT).order_by("-period_end")
