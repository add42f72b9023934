"""Load the demo company: `manage.py seed_demo --size small|large [--seed N]`. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo.company import SIZES
from accounts.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Create or update a demo company: departments, a skill taxonomy, people with skills and "
        "interests, and the demo logins employee, manager, moderator and admin (password collab-demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small", help="small: 200 people, large: 5,000")
        parser.add_argument("--seed", type=int, default=42, help="the same seed always gives the same company")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="seed even with COLLAB_ENV=production (it creates an admin with a published password)",
        )

    def handle(self, *args, size: str, seed: int, allow_production: bool, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "Refusing to seed demo accounts with a published password in production; "
                "pass --allow-production if this really is a demo site."
            )
        counts = seed_demo(size=size, seed=seed)
        self.stdout.write(
            f"Demo company ({size}, seed {seed}): {counts['departments']} departments, {counts['skills']} skills, "
            f"{counts['people']} people, {counts['skills_held']} skills held, {counts['interests']} interests."
        )
        if options["verbosity"] > 1:
            self.stdout.write(
                f"{counts['people_created']} people created, {counts['people_updated']} updated; "
                f"{counts['rows_written']} rows written in all."
            )
