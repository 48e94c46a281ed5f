from django.contrib.auth import views as auth_views
from django.urls import path

from . import plan_views, views

app_name = "workspace"
urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(template_name="workspace/login.html",
                                                  redirect_authenticated_user=True),
         name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("workspace/", views.home, name="home"),
    path("workspace/commitments/<int:pk>/", views.commitment, name="commitment"),
    path("workspace/commitments/<int:pk>/implementation-plan/", views.implementation_plan,
         name="implementation_plan"),
    path("workspace/updates/<int:pk>/publish/", views.publish_update, name="publish_update"),
    path("workspace/comments/<int:pk>/answer/", views.answer, name="answer"),
    path("workspace/documents/<int:pk>/new-version/", views.new_version, name="new_version"),
    path("workspace/import-ogp/", views.ogp_import, name="ogp_import"),
    path("workspace/self-assessment/", views.self_assessment_draft, name="self_assessment"),
    path("workspace/plans/", plan_views.plans, name="plans"),
    path("workspace/plans/<int:pk>/", plan_views.plan, name="plan"),
    path("workspace/plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("workspace/plans/<int:pk>/readiness/", plan_views.readiness, name="readiness"),
    path("workspace/plans/<int:plan_pk>/commitments/new/", plan_views.commitment_edit,
         name="commitment_new"),
    path("workspace/commitments/<int:pk>/edit/", plan_views.commitment_edit,
         name="commitment_edit"),
    path("workspace/plans/<int:pk>/submit/", plan_views.plan_submit, name="plan_submit"),
    path("workspace/plans/<int:pk>/amend/", plan_views.plan_amend, name="plan_amend"),
    path("workspace/plans/<int:pk>/draft-<str:lang>.<str:fmt>", plan_views.draft_file,
         name="draft_file"),
]
