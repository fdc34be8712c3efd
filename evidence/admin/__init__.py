"""The evidence admin for Source admins: every save goes through the evidence services.

Forms check input with the services' non-writing checks (`source_text_check`,
`excerpt_anchor`, `actor_names_check`, `fact_check`) so a problem shows on the form; the save
itself calls the service, so the admin obeys the same rules as the API.
"""

from evidence.admin.actors import ActorAdmin
from evidence.admin.facts import ExcerptAdmin, FactAdmin
from evidence.admin.sources import SourceAdmin

__all__ = ["ActorAdmin", "ExcerptAdmin", "FactAdmin", "SourceAdmin"]
