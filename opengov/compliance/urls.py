from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("compliance/", views.dashboard, name="dashboard"),
    path("compliance/<slug:slug>/", views.dashboard, name="dashboard_plan"),
    path("plans/<slug:slug>/standards/", views.standards, name="standards"),
    path("calendar/", views.deadline_calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
]
