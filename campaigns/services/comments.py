"""The one rule for a reviewer's comment on a decision that needs a reason (rejecting a link or
a message, asking for changes): the API and the pages both reach it through the services, so
they refuse an empty comment in the same words, naming the field."""

from common.errors import InvalidInput
from common.words import Words

__all__ = ["required_comment"]


def required_comment(comment: str | None, doing: str) -> str:
    """The comment without its surrounding spaces; one of spaces only is no comment."""
    if not comment or not comment.strip():
        raise InvalidInput(
            Words("A comment is required to %(doing)s.", doing=doing), field="comment"
        )
    return comment.strip()
