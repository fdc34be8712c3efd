"""Helpers every page view shares: who is signed in, and turning a service's refusal into a
message on the next page (never a 500)."""

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from common.errors import DomainError, InvalidInput, TransitionNotAllowed
from common.words import in_reader_language, problem_words

__all__ = ["COMMENT_MAX_CHARS", "REFUSALS", "posted_text", "refusal_show", "signed_in_user"]

COMMENT_MAX_CHARS = 2000

# What a service raises when it says no: our domain errors, and Django's own validation
# (full_clean) for anything a form sends that a model refuses.
REFUSALS: tuple[type[Exception], ...] = (DomainError, ValidationError)


def refusal_show(request: HttpRequest, error: Exception) -> None:
    """Show the refusal and, for a workflow step, every problem it lists."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            parts = [
                " ".join(texts) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(texts)}"
                for field, texts in error.message_dict.items()
            ]
        else:
            parts = list(error.messages)
        messages.error(request, "; ".join(parts))
        return
    messages.error(request, in_reader_language(getattr(error, "message", str(error))))
    if isinstance(error, TransitionNotAllowed):
        for problem in error.problems:
            # Each problem is a reason for the refusal: shown as an error, not a caution.
            messages.error(request, problem_words(problem))


def signed_in_user(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in user of a `login_required` view (typed so services accept it)."""
    user = request.user
    if isinstance(user, AnonymousUser):  # login_required sends visitors away first
        raise PermissionDenied(_("Sign in first."))
    return user


def posted_text(request: HttpRequest, name: str, *, max_chars: int = COMMENT_MAX_CHARS) -> str:
    """A text field of a POSTed form, refused (as a message naming the field) when it is too
    long or holds a NUL character, which PostgreSQL cannot store."""
    text = request.POST.get(name, "")
    if "\x00" in text:
        raise InvalidInput(_("The text contains a NUL character."), field=name)
    if len(text) > max_chars:
        raise InvalidInput(_("At most %(count)s characters.") % {"count": max_chars}, field=name)
    return text
