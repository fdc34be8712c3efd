"""manage.py rebuild_search_index: re-index every source, excerpt and fact (after bulk loads)."""

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from evidence.models import Excerpt, Fact, Source
from evidence.search.documents import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index of sources, excerpts and facts."

    def handle(self, *args: Any, **options: Any) -> None:
        expected = Source.objects.count() + Excerpt.objects.count() + Fact.objects.count()
        with tqdm(total=expected, unit="doc", disable=options["verbosity"] < 1) as bar:
            total = search_index_rebuild(progress=bar.update)
        self.stdout.write(f"Indexed {total} documents.")
