from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from samtrygg.access import for_request
from samtrygg.web.start import start_panels


@login_required
def start(request):
    return render(request, "web/start.html", {"panels": start_panels(for_request(request))})
