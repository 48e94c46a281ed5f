from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("updates/<int:pk>/", views.update_detail, name="update_detail"),
]
