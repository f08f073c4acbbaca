from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samtrygg.access import for_request
from samtrygg.web.start import start_page


@login_required
def start(request):
    page = start_page(for_request(request))
    return render(request, "web/start.html", {"page": page, "panels": page.panels})
