"""Load the demo company, its discussions and its idea boards:
`manage.py seed_demo --size small|large [--seed N]`. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo.company import SIZES
from accounts.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Create or update a demo company: departments, a skill taxonomy, people with skills and "
        "interests, the demo logins employee, manager, moderator and admin (password collab-demo), a "
        "discussion history in public, department and private spaces, idea boards with votes, "
        "customers' voice and an external guest (login guest), and projects with roles, volunteers and teams."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="small",
            help=(
                "small: 200 people, 60 threads and 85 ideas; large: 5,000 people, 1,500 threads, 1,450 ideas "
                "and about 60,000 votes"
            ),
        )
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
        # Discussions belong to `threads` and idea boards to `ideas`, which depend on `accounts`:
        # imported here, where the demo is put together, so that `accounts` itself never imports them.
        from ideas.demo.seed import ideas_seed
        from teams.demo.seed import teams_seed
        from threads.demo.seed import discussions_seed

        with transaction.atomic():
            counts = seed_demo(size=size, seed=seed)
            talk = discussions_seed(size=size, seed=seed)
            boards = ideas_seed(size=size, seed=seed)
            teams = teams_seed(size=size, seed=seed)
        self.stdout.write(
            f"Demo company ({size}, seed {seed}): {counts['departments']} departments, {counts['skills']} skills, "
            f"{counts['people']} people, {counts['skills_held']} skills held, {counts['interests']} interests; "
            f"{talk['spaces']} spaces, {talk['threads']} threads, {talk['posts']} posts."
        )
        self.stdout.write(
            f"Idea boards: {boards['boards']} boards ({boards['campaigns']} campaigns), {boards['ideas']} ideas "
            f"({boards['merged']} merged), {boards['votes']} votes, {boards['customer_votes']} customer votes from "
            f"{boards['customers']} customers, {boards['guests']} guest."
        )
        self.stdout.write(
            f"Projects: {teams['projects']} ({teams['open']} open, {teams['draft']} draft, {teams['closed']} closed), "
            f"{teams['roles']} roles, {teams['volunteers']} volunteers, {teams['teams']} with a confirmed team "
            f"({teams['members']} members, {teams['invited']} invited), {teams['past_members']} people in past teams."
        )
        if options["verbosity"] > 1:
            self.stdout.write(
                f"{counts['people_created']} people created, {counts['people_updated']} updated; "
                f"{talk['threads_created']} threads and {talk['posts_created']} posts created; "
                f"{boards['ideas_created']} ideas and {boards['votes_created']} votes created; "
                f"{teams['projects_created']} projects, {teams['volunteers_created']} volunteers and "
                f"{teams['seats_created']} seats created; "
                f"{counts['rows_written'] + talk['rows_written'] + boards['rows_written']} rows written in all."
            )
