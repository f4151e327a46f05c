from django.urls import path

from core.api.sync import DeletionFeedView

urlpatterns = [
    path("deletions/", DeletionFeedView.as_view(), name="deletion-list"),
]
