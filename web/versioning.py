"""Page edits that never silently overwrite someone else's (the pages' side of `If-Match`).

An edit form carries the version of the object it was opened on (a hidden `version` field):
the same value the API sends as the object's `ETag` (`common.versioning.representation_version`,
the hash of the API representation), so an edit made through the API makes an open page stale
and a page's save makes a client's `ETag` stale.

On submit, `edit_if_current` locks the row, compares the versions and either calls the service
or leaves the form with "someone else changed this": what is saved now (and who saved it, when,
from the audit trail) beside what the user sent, their input kept in the form. The page then
answers `edit_status(form)`:

- 409 Conflict when the version is stale. Not 412: 412 answers a precondition *header*
  (`If-Match`), which a browser form does not send; 409 is HTTP's "conflicts with the current
  state of the resource" (RFC 9110 §15.5.10 names exactly this, an edit made from an older
  version). The API keeps its 412/428.
- 400 when the form came without a version (a form opened before versions existed, or a
  script): refused, fail closed, with the same side-by-side view.

Either way nothing is written, and the form now carries the current version: the next save,
made after the user has seen what is stored, goes through.

In a page view::

    form = SourceEditForm.for_instance(source, initial=...)        # GET
    form = SourceEditForm(request.POST)                            # POST
    if form.is_valid():
        saved = edit_if_current(
            form=form, instance=source, stored=initial_of,
            save=lambda current: source_update(source=current, actor=user, **changes),
        )
        if saved is not None:
            return redirect(...)
    return render(request, "...", {"form": form}, status=edit_status(form))

and in the template, inside the form: `{% include "web/includes/edit_conflict.html" %}` (which
also renders the hidden version field).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.serializers import BaseSerializer

from common.api_history import history_of
from common.errors import DomainError
from common.versioning import representation_version, row_lock
from web.forms import PageForm, form_show_refusal

__all__ = [
    "ConflictingValue",
    "EditConflict",
    "VersionedForm",
    "edit_if_current",
    "edit_status",
    "page_version",
]

CHANGED_MESSAGE = _(
    "Someone else changed this since you opened it. Nothing was saved. What is saved now and "
    "what you sent are shown side by side: check theirs, apply your change again and save."
)
MISSING_MESSAGE = _(
    "This form was sent without the version you opened, so it could not be checked against "
    "changes made since. Nothing was saved. What is saved now and what you sent are shown side "
    "by side: check them and save again."
)


@dataclass(frozen=True)
class ConflictingValue:
    """One field that differs: what the user sent and what is stored now, as words."""

    field: str
    label: str
    yours: str
    theirs: str


@dataclass
class EditConflict:
    """Why a save was refused and what the user needs to redo it."""

    missing_version: bool
    values: list[ConflictingValue] = field(default_factory=list)
    changed_by: str = ""
    changed_at: datetime.datetime | None = None


class VersionedForm(PageForm):
    """A page form that remembers which version of the object it edits."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_instance(cls, instance: Model, **kwargs: Any) -> Any:
        initial = {**kwargs.pop("initial", {}), "version": page_version(instance)}
        return cls(initial=initial, **kwargs)


def _serializer_for(instance: Model) -> BaseSerializer:
    # The API's own serializers: the version is the hash of what the API answers with. Imported
    # here, not at the top, so loading the pages does not load every API module first.
    from campaigns.api.campaigns import CampaignSerializer
    from campaigns.api.messages import MessageSerializer
    from campaigns.models import Campaign, Message
    from evidence.api.serializers.actors import ActorSerializer
    from evidence.api.serializers.sources import SourceSerializer
    from evidence.models import Actor, Source

    serializers: dict[type[Model], type[BaseSerializer]] = {
        Actor: ActorSerializer,
        Campaign: CampaignSerializer,
        Message: MessageSerializer,
        Source: SourceSerializer,
    }
    return serializers[type(instance)](instance)


def page_version(instance: Model) -> str:
    """The version of `instance` as its edit page carries it: the API's `ETag` of it."""
    return representation_version(_serializer_for(instance))


def edit_status(form: forms.Form, *, refused: int | None = None) -> int:
    """The status of an edit page shown again after a refused save (see the module's text):
    for a service's refusal, `refused` if the page has its own, else the refusal's."""
    conflict = getattr(form, "conflict", None)
    if conflict is not None:
        return 400 if conflict.missing_version else 409
    return refused if refused is not None else int(getattr(form, "refused_status", 400))


def edit_if_current[SavedModel: Model](
    *,
    form: VersionedForm,
    instance: SavedModel,
    stored: Callable[[SavedModel], dict[str, Any]],
    save: Callable[[SavedModel], SavedModel],
    sent: dict[str, Any] | None = None,
) -> SavedModel | None:
    """Save through `save` (which calls the service with the locked, current row) if the row
    is still the version the form was opened on; otherwise attach an `EditConflict` to the
    form (`form.conflict`) and return None. `stored(row)` gives the row's values as the form
    shows them (its `initial`); `sent` the user's values where they are not the form's own
    `cleaned_data` (the campaign planner's indicator rows). A service's refusal is shown on
    the form too (`form_show_refusal`), also returning None, with nothing written."""
    with transaction.atomic():
        # Lock first, then read: two saves from one version cannot both see it as current
        # (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise).
        current = cast(SavedModel, row_lock(instance))
        version = page_version(current)
        sent_version = (form.cleaned_data.get("version") or "").strip()
        if sent_version != version:
            _refuse(form, current, stored(current), sent or {}, version, not sent_version)
            return None
        try:
            return save(current)
        except DomainError as error:
            form_show_refusal(form, error)
            form.refused_status = error.status_code  # type: ignore[attr-defined]
            transaction.set_rollback(True)
            return None


def _refuse(
    form: VersionedForm,
    current: Model,
    stored: dict[str, Any],
    sent: dict[str, Any],
    version: str,
    missing: bool,
) -> None:
    yours = {**form.cleaned_data, **sent}
    values = []
    for name, theirs in stored.items():
        form_field = form.fields.get(name)
        theirs_shown = _shown(form_field, theirs)
        yours_shown = _shown(form_field, yours.get(name))
        if theirs_shown != yours_shown:
            label = form_field.label if form_field is not None and form_field.label else name
            values.append(ConflictingValue(name, str(label), yours_shown, theirs_shown))
    latest = history_of(current).first()
    form.conflict = EditConflict(  # type: ignore[attr-defined]
        missing_version=missing,
        values=values,
        changed_by=(latest.actor.get_username() if latest and latest.actor else ""),
        changed_at=latest.created_at if latest else None,
    )
    form.add_error(None, MISSING_MESSAGE if missing else CHANGED_MESSAGE)
    # The user's input stays in the form; the next save is judged against what they have now
    # been shown.
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = version
    form.data = data


def _shown(form_field: forms.Field | None, value: Any) -> str:
    """A value as words: a choice's label, not its code; one item of a list per line."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, Model):
        value = value.pk
    if isinstance(value, dict):
        return ": ".join(str(part) for part in value.values())
    if not isinstance(value, str) and isinstance(value, Iterable):
        items = [_shown(form_field, item) for item in value]
        if isinstance(form_field, forms.MultipleChoiceField):
            items.sort()
        return "\n".join(items)
    choices = getattr(form_field, "choices", None)
    if choices is not None:
        labels = {str(key): label for key, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n")
