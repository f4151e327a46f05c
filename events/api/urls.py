from rest_framework.routers import SimpleRouter

from events.api.views import EventViewSet, ReactionViewSet, StatementViewSet

router = SimpleRouter()
router.register("reactions", ReactionViewSet, basename="reaction")
router.register("statements", StatementViewSet, basename="statement")
router.register("events", EventViewSet, basename="event")

urlpatterns = router.urls
