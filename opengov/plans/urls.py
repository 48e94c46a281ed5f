from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("plans/<slug:slug>/versions/compare/", views.version_compare, name="compare"),
    path("plans/<slug:slug>/versions/<int:number>/", views.version, name="version"),
    path("plans/<slug:slug>/versions/<int:number>/plan-<str:lang>.<str:fmt>",
         views.version_file, name="version_file"),
    path("plans/<slug:plan_slug>/commitments/<slug:slug>/commitment-<str:lang>.<str:fmt>",
         views.commitment_file, name="commitment_file"),
]
