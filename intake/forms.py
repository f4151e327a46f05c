"""The admin's "Import an article" form: the article (pasted, a file or a URL), the event it is about and
what the source is. The form checks what it can see (one input, one event, dates); the intake services
check the article itself and refuse with a message naming the field (``IntakeError``)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import ValidationError

from events.models import Event
from intake.models import ArticleImport

INPUTS = ("text", "file", "url")  # the ways an article comes in, as form fields
UPLOAD_SUFFIXES = (".txt", ".html", ".htm")
WIDE = {"style": "width: 40em"}  # titles are long; the admin's default text box is 20em


def fetching_allowed() -> bool:
    """Whether this deployment lets the server fetch a URL a curator gives (INTAKE_FETCH_ENABLED)."""
    return settings.INTAKE_FETCH_ENABLED


class ImportForm(forms.Form):
    text = forms.CharField(
        required=False, strip=False, label="Paste the article",
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="The article as plain text: headline, paragraphs separated by blank lines.")
    file = forms.FileField(
        required=False, label="Or upload a file",
        help_text="A UTF-8 .txt file, or a saved .html page (the article is taken out of the page).")
    url = forms.URLField(
        required=False, max_length=500, assume_scheme="https", label="Or give its address",
        help_text="The server fetches the page (http or https only) and takes the article out of it.")
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(), required=False, label="Event",
        help_text="The event the article is about; its proposals attach to it.")
    new_event_title = forms.CharField(
        required=False, max_length=300, label="Or a new event", widget=forms.TextInput(attrs=WIDE),
        help_text="A title for a new draft event, when the article is about one not in the database yet.")
    publisher = forms.CharField(max_length=200)
    title = forms.CharField(max_length=400, help_text="The article's headline.",
                            widget=forms.TextInput(attrs=WIDE))
    author = forms.CharField(max_length=200, required=False)
    published = forms.DateField(
        required=False, label="Published on", widget=AdminDateWidget(),
        help_text="When known. Weekdays in the article (\"on Tuesday\") are dated from it; without it they "
                  "stay undated.")
    language = forms.CharField(max_length=8, initial="en", help_text="BCP 47 code, e.g. en or es.")

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's autocomplete for events (searches EventAdmin's search fields), like the record forms.
        event = self.fields["event"]
        event.widget = AutocompleteSelect(ArticleImport._meta.get_field("event"), admin_site or admin.site,
                                          attrs=WIDE)
        event.queryset = event.queryset  # binds the new widget's choices to the field (its setter does)
        if not fetching_allowed():
            del self.fields["url"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        name = upload.name.lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise ValidationError(f"“{upload.name}” is neither a .txt nor an .html file.", code="file_type")
        # Checked before the file is read into memory; the services check the text itself again.
        html = not name.endswith(".txt")
        limit = settings.INTAKE_HTML_MAX_BYTES if html else settings.SOURCE_TEXT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes (setting "
                f"{'INTAKE_HTML_MAX_BYTES' if html else 'SOURCE_TEXT_MAX_BYTES'}).", code="too_large")
        return upload

    def clean(self):
        data = super().clean()
        given = [name for name in INPUTS if name in self.fields and self._given(name, data)]
        if not given and not self.errors.keys() & set(INPUTS):
            where = ("paste it, upload a file or give its address" if "url" in self.fields
                     else "paste it or upload a file")
            self.add_error("text", f"No article was given: {where}.")
        elif len(given) > 1:
            for name in given[1:]:
                self.add_error(name, f"Give the article one way only: {' and '.join(given)} were both given.")
        event, title = data.get("event"), (data.get("new_event_title") or "").strip()
        if event is None and not title and "event" not in self.errors:
            self.add_error("event", "Pick the event the article is about, or give a title for a new one.")
        elif event is not None and title:
            self.add_error("new_event_title", "Pick an event or give a new one's title, not both.")
        data["new_event_title"] = title
        return data

    @staticmethod
    def _given(name, data) -> bool:
        value = data.get(name)
        return bool(value.strip()) if name == "text" and value else bool(value)

    @property
    def article_input(self) -> str:
        """Which of ``INPUTS`` the curator used (after validation)."""
        return next(name for name in INPUTS if name in self.fields and self._given(name, self.cleaned_data))
