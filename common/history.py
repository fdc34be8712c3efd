"""The audit trail's values: every save, delete and many-to-many change of the tracked models,
with the values before and after, whoever made it.

Why signals on our own `AuditEntry` rather than django-simple-history: the services already
write one `AuditEntry` per act (with its action name, actor and reason, see `common.audit`);
adding the before/after values to that same entry keeps one trail (not a trail plus eleven
shadow tables in three apps other people own), and works on SQLite and PostgreSQL alike.
simple-history would not see `QuerySet.update`/`bulk_update` either; those bulk writes go
through `history_update` and `history_bulk_update` below.

How one act becomes one entry: `post_save` writes the entry with the field changes and notes
its id on the instance; a many-to-many change on the same instance right after adds to it, and
the service's own `audit_record(target=instance, ...)` names it (`campaign.approve`, with the
comment). The actor is the service's, else the user of the current request (the middleware).
"""

import contextvars
import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse

from common.models import AuditEntry

__all__ = [
    "TRACKED_MODELS",
    "HistoryMiddleware",
    "history_bulk_update",
    "history_compact",
    "history_connect",
    "history_current_actor",
    "history_entry_for",
    "history_read_before",
    "history_update",
    "history_value",
]

# app_label.model → fields never recorded (noise, or secrets recorded only as "changed").
TRACKED_MODELS: dict[str, tuple[str, ...]] = {
    "evidence.source": (),
    "evidence.excerpt": (),
    "evidence.fact": (),
    "evidence.actor": (),
    "campaigns.theme": (),
    "campaigns.campaign": (),
    "campaigns.message": (),
    "campaigns.evidencelink": (),
    # Progress, stage and when the task was handed to the broker are bookkeeping, not acts.
    "reports.report": ("progress", "stage", "sent_at"),
    "auth.user": ("last_login",),
    "auth.group": (),
}
SECRET_FIELDS = {"password"}

# app_label.model → {field: how a change of it is recorded}, for a value too large to record
# whole twice on every save (a fact's conflicts list every report, a thousand and more): the
# function gets the values before and after and returns the [before, after] pair to record,
# still what a person reads as what changed. Registered by the app that knows the value.
_COMPACT: dict[str, dict[str, Callable[[Any, Any], list[Any]]]] = {}


def history_compact(label: str, field: str, change: Callable[[Any, Any], list[Any]]) -> None:
    """Record changes of `field` of the model `label` as `change(before, after)` returns."""
    _COMPACT.setdefault(label, {})[field] = change


HIDDEN = "(hidden)"

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "history_request", default=None
)


class HistoryMiddleware:
    """Remembers the current request so a save made by a view records who made it (the DRF
    user too: DRF sets it on the Django request once it has authenticated)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def history_current_actor() -> Any:
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def _scalar(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return HIDDEN
    return value


def _json_default(value: Any) -> Any:
    converted = _scalar(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} is not JSON")
    return converted


def _walked(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_walked(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _walked(v) for k, v in value.items()}
    return _scalar(value)


def history_value(value: Any) -> Any:
    """A field's value as JSON can hold it (dates as ISO text, decimals as text, tuples as
    lists, keys as text)."""
    if isinstance(value, list | tuple | dict):
        # A JSON field's value is copied by the C encoder, not walked in Python: a fact's
        # conflicts name every report, a thousand and more.
        try:
            return json.loads(json.dumps(value, default=_json_default))
        except (TypeError, ValueError):
            return _walked(value)
    return _scalar(value)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    """The fields worth recording: not the primary key (the entry names the object), not the
    `auto_now` stamps (the entry has its own time), not the model's noise fields."""
    skip = TRACKED_MODELS.get(_label(model), ())
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in skip and not f.primary_key and not getattr(f, "auto_now", False)
    ]


def _snapshot(instance: models.Model, names: Iterable[str] | None = None) -> dict[str, Any]:
    wanted = set(names) if names is not None else None
    return {
        f.name: history_value(getattr(instance, f.attname))
        for f in _fields(type(instance))
        if (wanted is None or f.name in wanted or f.attname in wanted)
        and f.attname in instance.__dict__  # never load a deferred field
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            if name in SECRET_FIELDS:
                changes[name] = [HIDDEN if old else None, HIDDEN]
            else:
                changes[name] = [old, new]
    return changes


def _write(instance: models.Model, action: str, changes: dict[str, list[Any]]) -> AuditEntry:
    # A service that named the act before saving (`audit_record` then `delete()`) gets its
    # values added to that entry rather than a second entry.
    # The entries are kept on the instance as objects, not ids: reading one back would cost a
    # query per audited save.
    named = instance.__dict__.pop("_history_named_entry", None)
    if named is not None and not named.changes:
        named.changes = changes
        named.save(update_fields=["changes"])
        return named
    entry = AuditEntry.objects.create(
        actor=history_current_actor(),
        action=action,
        target_type=_label(type(instance)),
        target_id=str(instance.pk),
        target_repr=str(instance)[:300],
        changes=changes,
    )
    instance._history_entry = entry  # type: ignore[attr-defined]
    return entry


def history_entry_for(target: models.Model) -> AuditEntry | None:
    """The entry the last save of this very instance wrote and no service has named yet."""
    entry: AuditEntry | None = target.__dict__.pop("_history_entry", None)
    return entry


def history_read_before(instance: models.Model, stored: models.Model) -> None:
    """`stored` is the row of `instance` as the database holds it now, read in this
    transaction under a row lock (`select_for_update`): the next save of `instance` records
    its values before from it instead of reading the row again."""
    instance._history_stored = {  # type: ignore[attr-defined]
        f.name: getattr(stored, f.attname)
        for f in _fields(type(stored))
        if f.attname in stored.__dict__
    }


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    stored = instance.__dict__.pop("_history_stored", None)
    if kwargs.get("raw") or instance._state.adding or instance.pk is None:
        instance._history_before = None  # type: ignore[attr-defined]
        return
    names = [f.name for f in _fields(sender)]
    update_fields = kwargs.get("update_fields")
    if update_fields:
        names = [n for n in names if n in update_fields or f"{n}_id" in update_fields]
    row: dict[str, Any] | None
    if stored is not None and all(n in stored for n in names):
        row = {n: stored[n] for n in names}
    else:
        row = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    # A JSON field's value was just decoded from the database: it is JSON already, no copy.
    decoded = {f.name for f in _fields(sender) if isinstance(f, models.JSONField)}
    instance._history_before = (  # type: ignore[attr-defined]
        {k: v if k in decoded else history_value(v) for k, v in row.items()}
        if row is not None
        else None
    )


def _after_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    label = _label(sender).split(".")[1]
    update_fields = kwargs.get("update_fields")
    after = _snapshot(instance, update_fields)
    if kwargs.get("created"):
        changes = {k: v for k, v in _diff({}, after).items() if v[1] not in (None, "", [], {})}
        _write(instance, f"{label}.create", changes)
        return
    before = instance.__dict__.pop("_history_before", None) or {}
    changes = _diff(before, after)
    for name, change in _COMPACT.get(_label(sender), {}).items():
        if name in changes:
            changes[name] = change(*changes[name])
    if changes:
        _write(instance, f"{label}.update", changes)


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    label = _label(sender).split(".")[1]
    before = _snapshot(instance)
    _write(instance, f"{label}.delete", {k: [v, None] for k, v in before.items()})


def _m2m_changed(
    sender: Any, instance: models.Model, action: str, reverse: bool, **kwargs: Any
) -> None:
    if reverse or _label(type(instance)) not in TRACKED_MODELS:
        return
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    current = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    store = instance.__dict__.setdefault("_history_m2m_before", {})
    if action.startswith("pre_"):
        store.setdefault(field.name, current)
        return
    before = store.pop(field.name, current)
    if before == current:
        return
    entry = instance.__dict__.get("_history_entry")
    if entry is None:
        label = _label(type(instance)).split(".")[1]
        entry = _write(instance, f"{label}.update", {})
    if field.name in entry.changes:  # a `set()` is a remove then an add: keep the first before
        before = entry.changes[field.name][0]
    entry.changes[field.name] = [before, current]
    entry.save(update_fields=["changes"])


def history_bulk_update(
    *,
    model: type[models.Model],
    objs: list[models.Model],
    fields: list[str],
    actor: Any = None,
    comment: str = "",
) -> None:
    """`bulk_update` that writes one audit entry per changed row (signals do not see it)."""
    if not objs:
        return
    label = _label(model)
    if label not in TRACKED_MODELS:
        model._base_manager.bulk_update(objs, fields)
        return
    rows = {
        row["pk"]: row
        for row in model._base_manager.filter(pk__in=[o.pk for o in objs]).values("pk", *fields)
    }
    model._base_manager.bulk_update(objs, fields)
    actor = actor if actor is not None else history_current_actor()
    entries = []
    for obj in objs:
        before = {k: history_value(v) for k, v in rows.get(obj.pk, {}).items() if k != "pk"}
        changes = _diff(before, _snapshot(obj, fields))
        if changes:
            entries.append(
                AuditEntry(
                    actor=actor,
                    action=f"{label.split('.')[1]}.update",
                    target_type=label,
                    target_id=str(obj.pk),
                    target_repr=str(obj)[:300],
                    comment=comment,
                    changes=changes,
                )
            )
    AuditEntry.objects.bulk_create(entries)


def history_update(
    queryset: "models.QuerySet[Any]",
    values: dict[str, Any],
    *,
    actor: Any = None,
    action: str = "",
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> int:
    """`queryset.update(**values)` that writes one audit entry per changed row, with the values
    before and after (signals do not see an update), named `action` (a transition such as
    `report.succeeded`; by default `<model>.update`). Returns the number of rows updated, as
    `update` does, so a conditional update (`filter(status=QUEUED).update(...)`) still claims."""
    model = queryset.model
    label = _label(model)
    names = [f.name for f in _fields(model) if f.name in values or f.attname in values]
    if label not in TRACKED_MODELS or not names:
        return queryset.update(**values)
    with transaction.atomic():
        # Locked, so the values read before are the ones the update replaces (PostgreSQL).
        before = {row.pop("pk"): row for row in queryset.select_for_update().values("pk", *names)}
        if not before:
            return 0
        # The queryset's own conditions still apply: a row changed meanwhile is not updated.
        count = queryset.filter(pk__in=before).update(**values)
        after = model._base_manager.in_bulk(list(before))
        actor = actor if actor is not None else history_current_actor()
        action = action or f"{label.split('.')[1]}.update"
        entries = []
        for pk, old in before.items():
            obj = after.get(pk)
            if obj is None:
                continue
            changes = _diff({k: history_value(v) for k, v in old.items()}, _snapshot(obj, names))
            if changes:
                entries.append(
                    AuditEntry(
                        actor=actor,
                        action=action,
                        target_type=label,
                        target_id=str(pk),
                        target_repr=str(obj)[:300],
                        comment=comment,
                        data=data or {},
                        changes=changes,
                    )
                )
        AuditEntry.objects.bulk_create(entries)
    return count


def history_connect() -> None:
    """Called once from CommonConfig.ready()."""
    from django.apps import apps

    for label in TRACKED_MODELS:
        model = apps.get_model(label)
        uid = f"history-{label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
