"""The built-in dashboard at ``/``: a static page whose script reads only the public API."""

from django.views.generic import TemplateView

from events.choices import ReactionKind, Stance


class DashboardView(TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Fixed vocabularies for the filter form; every figure on the page comes from the API.
        context["stances"] = Stance.choices
        context["kinds"] = ReactionKind.choices
        return context
