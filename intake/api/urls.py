from django.urls import path

from intake.api.views import ArticleIntakeView

urlpatterns = [
    path("intake/articles/", ArticleIntakeView.as_view(), name="intake-articles"),
]
