from django.urls import path

from . import views

app_name = "repository"
urlpatterns = [
    path("repository/", views.repository, name="repository"),
    path("repository/<slug:slug>/", views.repository, name="plan_repository"),
    path("repository/<slug:slug>/tracking-sheet.<str:fmt>", views.sheet, name="sheet"),
    path("repository/<slug:slug>/<slug:key>/", views.folder, name="folder"),
]
