"""Django's `makemessages`, collecting the services' sentences too: `Words("…")` marks a
msgid as `gettext("…")` does, `Words.in_context("…", "…")` as `pgettext` does
(common/words.py)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=Words",
        "--keyword=in_context:1c,2",
    ]
