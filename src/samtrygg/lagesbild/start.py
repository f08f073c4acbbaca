"""The start page's items about lägesbilder: those in review that the user may take further."""

from django.urls import reverse
from django.utils.translation import gettext as _

from samtrygg.access import Access, Action
from samtrygg.decisions.models import Status
from samtrygg.ui.attention import Item

from . import selectors


def personal_items(access: Access) -> list[Item]:
    return [Item(_("Situation picture in review: %(title)s") % {"title": lagesbild},
                 reverse("lagesbild:detail", args=[lagesbild.pk]))
            for lagesbild in selectors.lagesbilder(access, Action.CHANGE).filter(status=Status.REVIEW)[:5]]
