"""Form fields the incident pages share with their filters and with other apps' forms: several categories,
grouped by main category."""

from django import forms
from django.utils.translation import gettext

from samtrygg.ui.forms import CHIPS, ModelChoices

from .taxonomy import category_label, category_name


class CategoryGroups(forms.models.ModelChoiceIterator):
    """Categories grouped under their main category: the main category itself first ("Skadegörelse, all"), then
    its subcategories by their own name. A subcategory whose main category is not among the choices stands alone."""

    def __iter__(self):
        rows = list(self.queryset.select_related("parent"))
        mains = {row.pk for row in rows if row.parent_id is None}
        subs: dict[int, list] = {}
        for row in rows:
            if row.parent_id in mains:
                subs.setdefault(row.parent_id, []).append(row)
        for row in rows:
            if row.parent_id is None:
                name = category_name(row)
                yield name, [(self.choice(row)[0], gettext("%(name)s, all") % {"name": name}),
                             *((self.choice(sub)[0], category_name(sub)) for sub in subs.get(row.pk, ()))]
            elif row.parent_id not in mains:
                yield self.choice(row)


class CategoriesField(ModelChoices):
    """Several categories to filter by, as chips grouped by main category (the list, the map, the analysis)."""

    iterator = CategoryGroups

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CHIPS)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return category_label(obj)
