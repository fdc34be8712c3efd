"""`manage.py seed_demo`: load the demo corpus, the theme catalogue and the demo accounts.

Idempotent: running it again changes nothing that is already there.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from common.demo import DEMO_ACCOUNTS, demo_accounts_ensure
from common.errors import DomainError


class Command(BaseCommand):
    help = "Load the demo corpus and theme catalogue and create the demo accounts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        created, generated = demo_accounts_ensure(password=settings.DEMO_PASSWORD)
        for loader in _loaders():
            # Demo data in any state must not stop the app from starting (`make run` seeds on
            # every start): a loader refused by a service says why and the next one runs.
            try:
                summary = loader()
            except DomainError as error:
                summary = f"Demo data not (fully) loaded: {error.message}"
                self.stderr.write(self.style.WARNING(summary))
                continue
            if summary:
                self.stdout.write(summary)
        self.stdout.write("Demo accounts:")
        for username, _, description in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {description}")
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Password for the new demo accounts ({', '.join(created)}): {generated}\n"
                    "It is shown only this once. Set DEMO_PASSWORD and run seed_demo again "
                    "to choose another."
                )
            )
        elif settings.DEMO_PASSWORD:
            self.stdout.write("Password: the value of DEMO_PASSWORD.")
        else:
            self.stdout.write("Password: as printed when the accounts were first created.")


def _loaders() -> list[Any]:
    """The demo data loaders, evidence first because campaigns rest on it."""
    from campaigns.demo import demo_campaign_load
    from evidence.demo import demo_corpus_load

    return [demo_corpus_load, demo_campaign_load]
