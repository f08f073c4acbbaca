"""(being written: placeholders so the URLconf imports)"""

from django.http import Http404


def invitation(request, *args, **kwargs):
    raise Http404


def feed_page(request, *args, **kwargs):
    raise Http404


def feed(request, *args, **kwargs):
    raise Http404
