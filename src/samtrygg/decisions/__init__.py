"""Decided documents: what a political body or a group decides in versions (a lägesbild, an action plan, a
meeting's protocol). One status, one decision record, one frozen document and one workflow for all of them:
`models.Adoptable` holds the fields, `workflow` the steps utkast → granskning → fastställd, `forms.AdoptForm`
the decision's form. The apps that own decided documents import from here; this package imports no app."""
