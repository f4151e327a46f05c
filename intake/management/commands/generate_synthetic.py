"""``manage.py generate_synthetic --reactions 1000000 --seed 42``: made-up data for scale tests."""

import time

from django.core.management.base import BaseCommand, CommandError

from intake import synthetic


class Command(BaseCommand):
    help = ("Insert deterministic synthetic data (slugs prefixed 'syn-'): about 250 states and "
            "organizations, events, statements, sources and citations around N reactions. Uses COPY on "
            "PostgreSQL. Real data is never touched.")

    def add_arguments(self, parser):
        parser.add_argument("--reactions", type=int, required=True, help="Number of reactions to create.")
        parser.add_argument("--seed", type=int, default=42, help="Random seed; same seed, same data.")
        parser.add_argument("--replace", action="store_true",
                            help="Delete earlier synthetic data first (otherwise existing data is an error, "
                                 "unless it is already exactly this size and seed).")

    def handle(self, *args, reactions, seed, replace, **options):
        if reactions < 1:
            raise CommandError("--reactions must be at least 1.")
        log = self.stdout.write if options["verbosity"] else (lambda *_a: None)
        if synthetic.present(reactions, seed):
            log(f"Synthetic data with {reactions} reactions and seed {seed} is already present; "
                "nothing to do.")
            return
        existing = synthetic.existing_count()
        if existing or synthetic.Actor.objects.filter(slug__startswith=synthetic.PREFIX).exists():
            if not replace:
                raise CommandError(f"Other synthetic data is present ({existing} reactions); "
                                   "run again with --replace to delete it first.")
            synthetic.delete_existing(log=log)
        started = time.perf_counter()
        log(f"Generating {reactions} synthetic reactions (seed {seed})...")
        result = synthetic.generate(reactions, seed, log=log)
        total = sum(result["counts"].values())
        log(self.style.SUCCESS(f"Done: {total} rows in {time.perf_counter() - started:.1f}s "
                               f"({total / max(result['timings']['total'], 1e-9):,.0f} rows/s)."))
