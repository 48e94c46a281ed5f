from django.urls import path

from . import views
from .models import Subscription

app_name = "follow"
Scope = Subscription.Scope
urlpatterns = [
    path("follow/", views.follow, {"scope": Scope.SITE}, name="site"),
    path("follow/meetings/", views.follow, {"scope": Scope.MEETINGS}, name="meetings"),
    path("follow/plans/<slug:key>/", views.follow, {"scope": Scope.PLAN}, name="plan"),
    path("follow/plans/<slug:plan_slug>/commitments/<slug:key>/", views.follow,
         {"scope": Scope.COMMITMENT}, name="commitment"),
    path("follow/consultations/<int:key>/", views.follow, {"scope": Scope.PROCESS},
         name="process"),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/stop/<str:token>/", views.stop, name="stop"),
]
