"""manage.py ingest_article PATH_OR_URL [...]: import an article (or a folder of them) for review."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.models import Event
from intake.errors import IntakeError
from intake.extract import HTML_SUFFIXES, TEXT_SUFFIXES
from intake.services import import_file, import_url

TITLE_LINE = 300  # a first line longer than this is a paragraph, not a headline


class Command(BaseCommand):
    help = ("Import an article for review: a .txt or .html file, a URL (when INTAKE_FETCH_ENABLED), or a "
            "folder of .txt/.html files (a progress bar, then a summary; one failure does not stop the "
            "batch, and the command exits non-zero if any failed). Its proposals become drafts attached to "
            "the event given; the same text imported twice creates nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path_or_url", help="A .txt or .html file, a folder of them, or an http(s) URL.")
        parser.add_argument("--publisher", default="",
                            help="Who published the article (required, except for a URL: its host name).")
        parser.add_argument("--title", default="",
                            help="The headline. Default: the page's title for HTML, the first line of a "
                                 ".txt file. Not allowed with a folder.")
        parser.add_argument("--published", default="", help="Publication date, YYYY-MM-DD (weekdays in the "
                                                            "text resolve against it; none if left out).")
        parser.add_argument("--language", default="en", help="BCP 47 code of the text (default en).")
        event = parser.add_mutually_exclusive_group(required=True)
        event.add_argument("--event", default="", help="Slug of the event the article is about.")
        event.add_argument("--new-event", default="", dest="new_event",
                           help="Title of a new draft event for the article (one for the whole folder).")

    def handle(self, *args, path_or_url, publisher, title, published, language, event, new_event, verbosity,
               **options):
        metadata = {"publisher": publisher, "language": language, "published": self._date(published),
                    "event": self._event(event) if event else None, "new_event_title": new_event}
        target = path_or_url.strip()
        if target.lower().startswith(("http://", "https://")):
            result = self._one(lambda: import_url(url=target, title=title, **metadata))
            return self._report(result)
        path = Path(target)
        if path.is_dir():
            if title:
                raise CommandError("--title is for one article; a folder's files take their own titles.")
            return self._batch(path, metadata, verbosity)
        if not path.is_file():
            raise CommandError(f"{path} is not a file, a folder or an http(s) URL.")
        return self._report(self._one(lambda: self._file(path, title, metadata)))

    @staticmethod
    def _date(value):
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(f"--published {value!r} is not a date: write YYYY-MM-DD.") from exc

    @staticmethod
    def _event(slug):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"--event {slug!r}: no event has this slug (or use --new-event TITLE).")
        return event

    @staticmethod
    def _one(run):
        try:
            return run()
        except IntakeError as exc:
            raise CommandError(f"Not imported (nothing was saved): {exc.text}") from exc

    @staticmethod
    def _file(path: Path, title: str, metadata: dict):
        data = path.read_bytes()
        if not title and path.suffix.lower() in TEXT_SUFFIXES:
            lines = data.decode("utf-8", "replace").splitlines()
            first = next((line.strip() for line in lines if line.strip()), "")
            title = first if len(first) <= TITLE_LINE else ""
        return import_file(name=path.name, data=data, title=title, **metadata)

    def _report(self, result):
        if result.created:
            self.stdout.write(self.style.SUCCESS(result.message)
                              + f" Review it: import {result.article_import.pk}.")
        else:
            self.stdout.write(self.style.WARNING(result.message))

    def _batch(self, folder: Path, metadata: dict, verbosity: int):
        files = sorted(p for p in folder.iterdir()
                       if p.is_file() and p.suffix.lower() in (TEXT_SUFFIXES | HTML_SUFFIXES) - {""})
        if not files:
            raise CommandError(f"{folder} holds no .txt or .html file.")
        created, duplicates, failed = [], [], []
        progress = tqdm(files, desc="Importing", unit="article", disable=verbosity == 0,
                        file=self.stderr._out)
        for path in progress:
            try:
                result = self._file(path, "", metadata)
            except IntakeError as exc:
                failed.append((path.name, exc.text))
                continue
            except OSError as exc:
                failed.append((path.name, f"could not be read: {exc.strerror or exc}"))
                continue
            (created if result.created else duplicates).append((path.name, result.message))
            if result.created and metadata["new_event_title"]:
                # The whole folder is about one event: the one the first import created.
                metadata = {**metadata, "event": result.article_import.event, "new_event_title": ""}
        self.stdout.write(f"{len(files)} file(s): {len(created)} created, {len(duplicates)} duplicate(s), "
                          f"{len(failed)} failed.")
        for name, message in duplicates:
            self.stdout.write(f"  duplicate {name}: {message}")
        for name, reason in failed:
            self.stdout.write(f"  failed {name}: {reason}")
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} file(s) were not imported (listed above); the "
                               "others were.")
