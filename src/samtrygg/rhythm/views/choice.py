"""Which municipality a page shows: `?kommun=<id>` among those the user may view (another one is 404), else the
user's own."""

from django.http import Http404

from samtrygg.access import Access

from .. import selectors
from ..forms import MunicipalityForm


def chosen_municipality(request, access: Access):
    """(the municipality, or None when the user belongs to none; the choice form)."""
    choices = selectors.municipalities(access)
    if "kommun" in request.GET:
        form = MunicipalityForm(request.GET, municipalities=choices)
        if not form.is_valid():
            raise Http404
        municipality = form.cleaned_data["kommun"]
    else:
        municipality = selectors.own_municipality(access)
        if municipality is not None and not choices.filter(pk=municipality.pk).exists():
            municipality = choices.first()
    form = MunicipalityForm(initial={"kommun": getattr(municipality, "pk", None)}, municipalities=choices)
    return municipality, form
