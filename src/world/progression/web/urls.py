from django.urls import path

from . import views

urlpatterns = [path("", views.progression_page, name="progression-page")]
