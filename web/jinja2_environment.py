"""The Jinja2 environment of the templates under `web/jinja2/`: the few fragments rendered
many times per page (a review card, 20 to a page), where Django's template language spent
more time looking values up than the rest of the page took.

Those templates read plain dictionaries built by the views, words already translated, so the
environment needs no request, no context processors and no i18n extension. Jinja2 looks
`card.name` up as an attribute first and a key only after the attribute fails; for the
dictionaries these templates read, the failure is the common case and costs an exception per
lookup, so keys come first here. Attributes still work (Jinja2's own lookup is the fallback).
"""

from typing import Any

from jinja2 import Environment

__all__ = ["KeysFirstEnvironment", "environment"]


class KeysFirstEnvironment(Environment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(**options: Any) -> Environment:
    # Django's template language keeps a template's trailing newline; so does this one, so a
    # card comes out the same as when it was a Django template.
    return KeysFirstEnvironment(keep_trailing_newline=True, **options)
