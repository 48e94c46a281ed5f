from django.urls import path

from opengov.forum import views as forum_views

from . import feeds, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:slug>/co-creation/", views.cocreation, name="cocreation"),
    path("plans/<slug:plan_slug>/commitments/<slug:slug>/", views.commitment_detail,
         name="commitment_detail"),
    path("forum/", views.forum, name="forum"),
    path("agencies/", views.agencies, name="agencies"),
    path("take-part/", views.take_part, name="take_part"),
    path("glossary/", views.glossary, name="glossary"),
    path("implementation/", views.implementation, name="implementation"),
    path("documents/", views.document_list, name="document_list"),
    path("open-data/", views.open_data, name="open_data"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("forum/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("forum/meetings/<int:pk>/register/", forum_views.meeting_register,
         name="meeting_register"),
    path("forum/meetings/<int:pk>/calendar.ics", forum_views.meeting_ics, name="meeting_ics"),
    path("forum/registrations/<str:token>/confirm/", forum_views.registration_confirm,
         name="registration_confirm"),
    path("forum/registrations/<str:token>/cancel/", forum_views.registration_cancel,
         name="registration_cancel"),
    path("forum/groups/<int:pk>/", forum_views.working_group, name="working_group"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("feeds/updates/", feeds.UpdatesFeed(), name="feed_updates"),
    path("feeds/documents/", feeds.DocumentsFeed(), name="feed_documents"),
    path("feeds/meetings/", feeds.MeetingsFeed(), name="feed_meetings"),
    path("feeds/opportunities/", feeds.OpportunitiesFeed(), name="feed_opportunities"),
    path("plans/<slug:slug>/feeds/updates/", feeds.UpdatesFeed(), name="feed_plan_updates"),
    path("plans/<slug:slug>/commitments/<slug:commitment>/feeds/updates/", feeds.UpdatesFeed(),
         name="feed_commitment_updates"),
    path("documents/<int:pk>/v<int:number>/download/", views.document_download,
         name="document_download"),
]
