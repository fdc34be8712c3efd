from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Themes, campaigns, messages and the evidence links reviewers approve."""

    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # campaigns listens to evidence, never the other way round (STYLE.md rule 10).
        from django.db.models.signals import m2m_changed, post_save

        from campaigns import receivers
        from evidence.models import Fact, Source
        from evidence.signals import evidence_changed

        evidence_changed.connect(receivers.on_evidence_changed, dispatch_uid="campaigns.rereview")
        post_save.connect(receivers.on_fact_saved, sender=Fact, dispatch_uid="campaigns.fact_saved")
        post_save.connect(
            receivers.on_source_saved, sender=Source, dispatch_uid="campaigns.source_saved"
        )
        for field in (Fact.claimed_by, Fact.attributed_to):
            m2m_changed.connect(
                receivers.on_fact_actors_changed,
                sender=field.through,
                dispatch_uid=f"campaigns.fact_actors.{field.field.name}",
            )
