"""The intake endpoint's request and answer (POST /api/intake/articles/)."""

from rest_framework import serializers

from intake.choices import ProposalKind, ProposalStatus


class ArticleIntakeSerializer(serializers.Serializer):
    """An article pushed by a pipeline: its text or a URL to fetch, what is known about it, its event."""

    text = serializers.CharField(required=False, trim_whitespace=False,
                                 help_text="The article's plain text (UTF-8). Give this or url.")
    url = serializers.URLField(required=False, max_length=500,
                               help_text="A page to fetch and extract the article from (only where the "
                                         "deployment allows fetching: INTAKE_FETCH_ENABLED). Give this or "
                                         "text.")
    article_url = serializers.URLField(required=False, max_length=500,
                                       help_text="Where the pasted text was published, if known; stored, "
                                                 "never fetched.")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                      help_text="Who published it. Required with text; a fetched page "
                                                "defaults to its host name.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=400,
                                  help_text="The headline. Required with text; a fetched page defaults to "
                                            "its own title.")
    published = serializers.DateField(required=False, allow_null=True,
                                      help_text="Publication date (YYYY-MM-DD). Weekdays in the text resolve "
                                                "against it; without it they give no date.")
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, default="en", max_length=8,
                                     help_text="BCP 47 code of the text, e.g. en.")
    event = serializers.SlugField(required=False, max_length=200,
                                  help_text="Slug of the event the article is about. Give this or new_event.")
    new_event = serializers.CharField(required=False, max_length=300,
                                      help_text="Title of a new draft event for the article. Give this or "
                                                "event.")

    def validate(self, attrs):
        errors = {}
        if ("text" in attrs) == ("url" in attrs):
            errors["text"] = ["Give the article's text or a url to fetch, exactly one of them."]
        if ("event" in attrs) == bool(attrs.get("new_event", "").strip()):
            errors["event"] = ["Give the slug of an existing event or a new_event title, exactly one of "
                               "them."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ProposalSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The proposal's id (the review page lists it).")
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    summary = serializers.CharField(help_text="One line: who, what, stance or quote.")
    record = serializers.CharField(allow_null=True,
                                   help_text="Slug of the draft record (or of the existing record an extra "
                                             "citation was added to).")
    start = serializers.IntegerField(allow_null=True, help_text="Offset of its passage in the archived text.")
    end = serializers.IntegerField(allow_null=True, help_text="Offset just past the passage.")
    rule = serializers.CharField(help_text="Which rule of the intake proposed it.")


class ImportAnswerSerializer(serializers.Serializer):
    created = serializers.BooleanField(help_text="False when the same text (same SHA-256) was already there: "
                                                 "nothing new was created.")
    message = serializers.CharField()
    import_id = serializers.IntegerField(allow_null=True,
                                         help_text="The import to review; null when the text was already "
                                                   "archived for a source that no import made (a seed).")
    source = serializers.CharField(allow_null=True, help_text="Slug of the source holding the text.")
    event = serializers.CharField(allow_null=True, help_text="Slug of the event the proposals attach to.")
    counts = serializers.DictField(child=serializers.IntegerField(),
                                   help_text="Proposals stored, by kind (reaction, statement, actor, "
                                             "citation).")
    proposals = ProposalSummarySerializer(many=True)
