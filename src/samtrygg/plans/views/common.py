"""What the plan and agreement pages share: one generic form page and the save-or-show-errors step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from samtrygg.ui.render import add_service_errors


def save_form(request, form, save, done: str, redirect_to):
    """Run `save(cleaned data)` for a valid posted form; success: message and redirect; service errors: onto
    the form. None means render the form (again)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(redirect_to(saved))
    return None


def form_page(request, form, *, title: str, intro: str = "", cancel: str):
    return render(request, "plans/form.html", {"form": form, "title": title, "intro": intro, "cancel": cancel})
