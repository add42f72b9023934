from django.urls import path

from . import feed_views, views

urlpatterns = [
    path("spaces/", views.space_list, name="space_list"),
    path("spaces/new/", views.space_create, name="space_create"),
    path("spaces/<slug:slug>/", views.space_detail, name="space_detail"),
    path("spaces/<slug:slug>/feed/", feed_views.space_feed, name="space_feed"),
    path("spaces/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("threads/<int:thread_id>/", views.thread_detail, name="thread_detail"),
    path("threads/<int:thread_id>/feed/", feed_views.thread_feed, name="thread_feed"),
    path("threads/<int:thread_id>/reply/", views.reply_create, name="reply_create"),
    path("threads/<int:thread_id>/watch/", views.thread_watch, name="thread_watch"),
    path("threads/<int:thread_id>/pin/", views.thread_moderate, {"action": "pin"}, name="thread_pin"),
    path("threads/<int:thread_id>/lock/", views.thread_moderate, {"action": "lock"}, name="thread_lock"),
    path("threads/<int:thread_id>/accept/", views.thread_moderate, {"action": "accept"}, name="thread_accept"),
    path("threads/<int:thread_id>/posts/<int:post_id>/", views.post_permalink, name="post_permalink"),
    path("posts/<int:post_id>/fragment/", views.post_fragment, name="post_fragment"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/restore/", views.post_restore, name="post_restore"),
    path("posts/<int:post_id>/history/", views.post_history, name="post_history"),
    path("posts/<int:post_id>/react/", views.post_react, name="post_react"),
    path("markdown/preview/", views.markdown_preview, name="markdown_preview"),
    path("search/", views.search_page, name="search"),
    path("profile/feeds/", feed_views.feed_settings, name="feed_settings"),
]
