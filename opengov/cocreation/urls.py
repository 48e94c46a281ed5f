from django.urls import path

from . import views

app_name = "cocreation"
urlpatterns = [
    path("plans/<slug:slug>/co-creation/contribute/", views.contribute, name="contribute"),
    path("plans/<slug:slug>/co-creation/similar/", views.similar_ideas, name="similar_ideas"),
    path("plans/<slug:slug>/co-creation/feedback/", views.feedback, name="feedback"),
    path("plans/<slug:slug>/co-creation/draft/<int:pk>/", views.draft, name="draft"),
    path("plans/<slug:slug>/co-creation/draft/<int:pk>/comment/", views.draft_part,
         name="draft_part"),
    path("plans/<slug:slug>/co-creation/prioritisation/<int:pk>/", views.prioritisation_result,
         name="prioritisation"),
    path("plans/<slug:slug>/co-creation/feedback.csv", views.feedback_csv, name="feedback_csv"),
    path("plans/<slug:slug>/co-creation/feedback.pdf", views.feedback_pdf, name="feedback_pdf"),
    path("contributions/<str:reference>/", views.receipt, name="receipt"),
    path("report/contribution/<str:reference>/", views.report_contribution,
         name="report_contribution"),
    path("report/comment/<int:pk>/", views.report_comment, name="report_comment"),
    path("moderation/", views.moderation_statistics, name="moderation_statistics"),
]
