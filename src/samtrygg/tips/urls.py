from django.urls import path

from .views import moderation

app_name = "tips"
urlpatterns = [
    path("", moderation.queue, name="queue"),
    path("<int:pk>/", moderation.tip_detail, name="detail"),
    path("<int:pk>/foto/", moderation.tip_photo, name="photo"),
    path("sida/<int:pk>/", moderation.channel_settings, name="settings"),
]
