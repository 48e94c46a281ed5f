from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("plans/<slug:slug>/self-assessment/<int:pk>/", views.self_assessment,
         name="self_assessment"),
    path("plans/<slug:slug>/self-assessment/<int:pk>/report.<str:fmt>",
         views.self_assessment_file, name="self_assessment_file"),
]
