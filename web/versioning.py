"""Page edits that never silently overwrite someone else's (the pages' side of `If-Match`).

An edit form carries the version of the row it was opened on (a hidden `version` field). On
submit, `edit_if_current` locks the row, compares versions and either calls the service or
leaves the form with "someone else changed this" and both versions side by side; the page then
answers 409 and shows `web/includes/edit_conflict.html`.

In a page view::

    class SourceForm(VersionedForm): ...

    form = SourceForm(request.POST, initial=...)
    if form.is_valid():
        saved = edit_if_current(
            form=form, instance=source, fields=["title", "text"],
            save=lambda current: source_update(source=current, actor=request.user, **changes),
        )
        if saved is not None:
            return redirect(...)
    status = 409 if getattr(form, "conflict", None) else 400
    return render(request, "...", {"form": form}, status=status)

and in the template, inside the form: `{% include "web/includes/edit_conflict.html" %}`.
For a GET, `VersionedForm.for_instance(instance, initial=...)` fills in the version.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from common.versioning import row_lock, row_version
from web.forms import PageForm, form_show_refusal

__all__ = ["ConflictingValue", "VersionedForm", "edit_if_current"]

CHANGED_MESSAGE = _(
    "Someone else changed this since you opened it. Their version and yours are shown below: "
    "check theirs, apply your change again and save."
)


@dataclass(frozen=True)
class ConflictingValue:
    """One field that differs: what the user sent and what is stored now."""

    field: str
    label: str
    yours: Any
    theirs: Any


class VersionedForm(PageForm):
    """A page form that remembers which version of the row it edits."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_instance(cls, instance: Model, **kwargs: Any) -> "VersionedForm":
        initial = {**kwargs.pop("initial", {}), "version": row_version(instance)}
        return cls(initial=initial, **kwargs)


def edit_if_current[SavedModel: Model](
    *,
    form: VersionedForm,
    instance: SavedModel,
    fields: Sequence[str],
    save: Callable[[SavedModel], SavedModel],
) -> SavedModel | None:
    """Save through `save` (which calls the service) if the row is still the version the form
    was opened on; otherwise attach the conflict to the form (`form.conflict`) and return None.
    A service's refusal is shown on the form too (`form_show_refusal`), also returning None."""
    with transaction.atomic():
        current = cast(SavedModel, row_lock(instance))
        sent = form.cleaned_data.get("version") or ""
        if sent != row_version(current):
            form.conflict = [  # type: ignore[attr-defined]
                ConflictingValue(
                    field=name,
                    label=str(form.fields[name].label or name.replace("_", " ").capitalize())
                    if name in form.fields
                    else name,
                    yours=form.cleaned_data.get(name),
                    theirs=_stored(current, name),
                )
                for name in fields
            ]
            form.add_error(None, CHANGED_MESSAGE)
            # The next submit is judged against what the user has now seen.
            data = form.data.copy()  # type: ignore[attr-defined]
            data["version"] = row_version(current)
            form.data = data
            return None
        try:
            return save(current)
        except DomainError as error:
            form_show_refusal(form, error)
            transaction.set_rollback(True)
            return None


def _stored(instance: Model, name: str) -> Any:
    value: Any = getattr(instance, name, None)
    if value is not None and hasattr(value, "all"):  # a many-to-many manager
        return ", ".join(str(item) for item in value.all())
    return value
