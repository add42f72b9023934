from django.urls import path

from . import views

urlpatterns = [
    path("flag/post/<int:target_id>/", views.flag_post, name="flag_post"),
    path("flag/idea/<int:target_id>/", views.flag_idea, name="flag_idea"),
    path("flag/person/<int:target_id>/", views.flag_person, name="flag_person"),
]
