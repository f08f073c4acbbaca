"""What every app's views share: full page or htmx partial, service errors onto the form, and the generic form page
with its save-or-show-errors step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def render_page(request, template: str, context: dict, *, partial: str | None = None, status: int = 200):
    """Render `partial` for htmx requests that target it, the full `template` otherwise."""
    if partial and getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, partial, context, status=status)
    return render(request, template, context, status=status)


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form, field by field where it names fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def save_form(request, form, save, done: str, redirect_to):
    """Run `save(form)` for a valid posted form; success: message and redirect; service errors: onto the form.
    None means render the form (again)."""
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
    """The one generic form page: heading, introduction, the form, Save and Cancel."""
    return render(request, "ui/form_page.html", {"form": form, "title": title, "intro": intro, "cancel": cancel})
