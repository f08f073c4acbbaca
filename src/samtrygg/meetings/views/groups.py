"""(being written: placeholders so the URLconf imports)"""

from django.http import Http404


def group_list(request, *args, **kwargs):
    raise Http404


def group_create(request, *args, **kwargs):
    raise Http404


def group_detail(request, *args, **kwargs):
    raise Http404


def group_edit(request, *args, **kwargs):
    raise Http404


def function_create(request, *args, **kwargs):
    raise Http404


def function_edit(request, *args, **kwargs):
    raise Http404
