from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(template_name="workspace/login.html",
                                                  redirect_authenticated_user=True),
         name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("workspace/", views.home, name="home"),
    path("workspace/commitments/<int:pk>/", views.commitment, name="commitment"),
    path("workspace/updates/<int:pk>/publish/", views.publish_update, name="publish_update"),
    path("workspace/comments/<int:pk>/answer/", views.answer, name="answer"),
    path("workspace/documents/<int:pk>/new-version/", views.new_version, name="new_version"),
    path("workspace/import-ogp/", views.ogp_import, name="ogp_import"),
    path("workspace/self-assessment/", views.self_assessment_draft, name="self_assessment"),
]
