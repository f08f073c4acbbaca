from django.urls import path

from .views import calendar, groups, meetings

app_name = "meetings"

urlpatterns: list = [
    path("", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/functions/new/", groups.function_create, name="function_create"),
    path("functions/<int:pk>/", groups.function_edit, name="function_edit"),
    path("groups/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("groups/<int:pk>/series/new/", meetings.series_create, name="series_create"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/items/new/", meetings.item_create, name="item_create"),
    path("items/<int:pk>/", meetings.item_edit, name="item_edit"),
    path("items/<int:pk>/tasks/new/", meetings.task_create, name="task_create"),
    path("items/<int:pk>/measure/", meetings.measure_create, name="measure_create"),
    path("items/<int:pk>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", meetings.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", meetings.attachment_delete, name="attachment_delete"),
    path("tasks/", meetings.task_list, name="task_list"),
    path("tasks/<int:pk>/", meetings.task_edit, name="task_edit"),
    path("<int:pk>/adjusters/", meetings.adjusters, name="adjusters"),
    path("<int:pk>/step/<slug:step>/", meetings.protocol_step, name="protocol_step"),
    path("<int:pk>/protocol.<str:fmt>", meetings.protocol_document, name="protocol_document"),
    # The calendar (calendar.py): a meeting's invitation, the user's feed page and the feed itself.
    path("<int:pk>/invitation.ics", calendar.invitation, name="invitation"),
    path("calendar/", calendar.feed_page, name="feed_page"),
    path("calendar/<str:secret>.ics", calendar.feed, name="feed"),
]
