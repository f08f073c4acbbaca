"""(being written: placeholders so the URLconf imports)"""

from django.http import Http404


def meeting_create(request, *args, **kwargs):
    raise Http404


def series_create(request, *args, **kwargs):
    raise Http404


def meeting_detail(request, *args, **kwargs):
    raise Http404


def meeting_edit(request, *args, **kwargs):
    raise Http404


def item_create(request, *args, **kwargs):
    raise Http404


def item_edit(request, *args, **kwargs):
    raise Http404


def task_create(request, *args, **kwargs):
    raise Http404


def task_list(request, *args, **kwargs):
    raise Http404


def task_edit(request, *args, **kwargs):
    raise Http404


def adjusters(request, *args, **kwargs):
    raise Http404


def protocol_step(request, *args, **kwargs):
    raise Http404


def protocol_document(request, *args, **kwargs):
    raise Http404
