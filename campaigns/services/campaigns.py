"""Creating and editing campaign plans (GAMMMA+). Workflow steps are in `campaign_workflow`."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from campaigns.channels import CHANNEL_LIMITS
from campaigns.models import Campaign, Theme
from campaigns.services.access import campaign_require_member
from campaigns.services.claim_checks import claim_checks_for_messages
from common.audit import audit_record
from common.errors import InvalidInput, NotAllowed, TransitionNotAllowed
from common.roles import COMMUNICATIONS, has_role
from common.words import Words

__all__ = ["campaign_create", "campaign_update"]

_PLAN_FIELDS = (
    "name",
    "goal",
    "audiences",
    "messengers",
    "channels",
    "call_to_action",
    "indicators",
    "starts_on",
    "ends_on",
    "follows_main_idea",
    "minimum_reliability",
)
_LIST_MAX_ITEMS = 50
_ITEM_MAX_CHARS = 300


def _string_list(value: Any, *, field: str) -> list[str]:
    if not isinstance(value, list | tuple):
        raise InvalidInput(Words("Give a list of texts."), field=field)
    if len(value) > _LIST_MAX_ITEMS:
        raise InvalidInput(Words("At most %(count)s items.", count=_LIST_MAX_ITEMS), field=field)
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise InvalidInput(Words("Every item must be a non-empty text."), field=field)
        if len(item) > _ITEM_MAX_CHARS:
            raise InvalidInput(
                Words("Each item is at most %(count)s characters.", count=_ITEM_MAX_CHARS),
                field=field,
            )
        if item.strip() not in items:
            items.append(item.strip())
    return items


def _channels(value: Any) -> list[str]:
    channels = _string_list(value, field="channels")
    unknown = [c for c in channels if c not in CHANNEL_LIMITS]
    if unknown:
        raise InvalidInput(
            f"Unknown channels: {', '.join(unknown)}. Choose from {', '.join(CHANNEL_LIMITS)}.",
            field="channels",
        )
    return channels


def _indicators(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple) or len(value) > _LIST_MAX_ITEMS:
        raise InvalidInput(
            f'Give a list of at most {_LIST_MAX_ITEMS} {{"name", "target"}} objects.',
            field="indicators",
        )
    indicators = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"name", "target"}:
            raise InvalidInput('Each indicator is {"name", "target"}.', field="indicators")
        name, target = item.get("name"), item.get("target")
        if not isinstance(name, str) or not name.strip() or len(name) > _ITEM_MAX_CHARS:
            raise InvalidInput(Words("Each indicator needs a name."), field="indicators")
        if isinstance(target, bool) or not isinstance(target, str | int | float):
            raise InvalidInput(
                Words("Indicator “%(name)s” needs a target (a number or a text).", name=name),
                field="indicators",
            )
        if isinstance(target, str) and (not target.strip() or len(target) > _ITEM_MAX_CHARS):
            raise InvalidInput(
                Words("Indicator “%(name)s” needs a target.", name=name), field="indicators"
            )
        indicators.append({"name": name.strip(), "target": target})
    return indicators


def _team(team: Iterable[User], *, owner: User) -> list[Any]:
    members = [user for user in team if user.pk != owner.pk]
    invalid = [
        str(user.pk) for user in members if not user.is_active or not has_role(user, COMMUNICATIONS)
    ]
    if invalid:
        raise InvalidInput(
            Words(
                "Team members must be active Communications staff (not: %(names)s).",
                names=", ".join(invalid),
            ),
            field="team",
        )
    return members


def _apply_plan(campaign: Campaign, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name in ("audiences", "messengers"):
            value = _string_list(value, field=name)
        elif name == "channels":
            value = _channels(value)
        elif name == "indicators":
            value = _indicators(value)
        setattr(campaign, name, value)
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise InvalidInput(
            Words("The campaign must end on or after the day it starts."), field="ends_on"
        )
    campaign.full_clean(exclude=["owner"] if campaign.owner_id is None else None)


@transaction.atomic
def campaign_create(
    *,
    owner: User,
    name: str,
    goal: str = "",
    audiences: Sequence[str] = (),
    messengers: Sequence[str] = (),
    channels: Sequence[str] = (),
    call_to_action: str = "",
    indicators: Sequence[dict[str, Any]] = (),
    starts_on: date | None = None,
    ends_on: date | None = None,
    themes: Iterable[Theme] = (),
    team: Iterable[User] = (),
    follows_main_idea: bool = True,
    minimum_reliability: str = "C",
) -> Campaign:
    """A new draft campaign owned by `owner` (Communications staff)."""
    if not has_role(owner, COMMUNICATIONS):
        raise NotAllowed(Words("Only Communications staff may plan campaigns."))
    campaign = Campaign(owner=owner)  # type: ignore[misc]
    _apply_plan(
        campaign,
        {
            "name": name,
            "goal": goal,
            "audiences": list(audiences),
            "messengers": list(messengers),
            "channels": list(channels),
            "call_to_action": call_to_action,
            "indicators": list(indicators),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "follows_main_idea": follows_main_idea,
            "minimum_reliability": minimum_reliability,
        },
    )
    members = _team(team, owner=owner)
    campaign.save()
    campaign.themes.set(list(themes))
    campaign.team.set(members)
    audit_record(actor=owner, action="campaign.create", target=campaign)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: User,
    themes: Iterable[Theme] | None = None,
    team: Iterable[User] | None = None,
    **fields: Any,
) -> Campaign:
    """Change the plan of a draft campaign (owner and team only)."""
    unknown = set(fields) - set(_PLAN_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown campaign fields: {', '.join(sorted(unknown))}.")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    campaign_require_member(user=actor, campaign=campaign, doing=Words("edit the campaign"))
    if campaign.status != Campaign.Status.DRAFT:
        raise TransitionNotAllowed(
            Words("Only a draft campaign can be edited; re-open it to draft first."),
            problems=[
                {
                    "code": "campaign_not_editable",
                    "message": Words("Campaign status is %(status)s.", status=campaign.status),
                    "status": campaign.status,
                }
            ],
        )
    previous_minimum = campaign.minimum_reliability
    _apply_plan(campaign, fields)
    members = _team(team, owner=campaign.owner) if team is not None else None
    campaign.save()
    if campaign.minimum_reliability != previous_minimum:
        # The grade check of every claim depends on the campaign's minimum.
        claim_checks_for_messages(message_ids=campaign.messages.values_list("pk", flat=True))
    if themes is not None:
        campaign.themes.set(list(themes))
    if members is not None:
        campaign.team.set(members)
    changed = sorted([*fields, *(["themes"] if themes is not None else [])])
    if team is not None:
        changed.append("team")
    audit_record(actor=actor, action="campaign.update", target=campaign, data={"fields": changed})
    return campaign
