"""Channel length limits and language rules for messages.

Limits are the platforms' own where a platform sets one; for broadcast and print, where the
limit is airtime or column space, they are the longest script a writer should hand in.
"""

import re
import unicodedata

__all__ = [
    "CHANNEL_LIMITS",
    "RTL_LANGUAGES",
    "RTL_SCRIPTS",
    "language_direction",
    "language_normalize",
    "text_length",
]

CHANNEL_LIMITS: dict[str, int] = {
    "x": 280,
    "instagram": 2_200,  # caption
    "facebook": 63_206,  # post
    "whatsapp": 65_536,  # message
    "telegram": 4_096,  # message (captions are shorter, but we plan text posts)
    "youtube": 5_000,  # video description
    # A 60-second radio spot is about 150 spoken words, roughly 900 characters of script in
    # English or Urdu; 1,000 leaves room for stage directions.
    "radio": 1_000,
    # A 60-second TV spot carries the same spoken words plus a few on-screen captions.
    "tv": 1_000,
    # A newspaper opinion piece or advertorial runs to about 800 words.
    "print": 5_000,
    # A web article of up to about 1,500 words; longer pieces belong in a report.
    "web": 10_000,
}

# Scripts written right to left (ISO 15924), and languages written in one by default.
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})
RTL_LANGUAGES = frozenset(
    {
        "ar",  # Arabic
        "ur",  # Urdu
        "ps",  # Pashto
        "sd",  # Sindhi (Perso-Arabic script in Pakistan)
        "bal",  # Balochi
        "fa",  # Persian
        "prs",  # Dari
        "skr",  # Saraiki
        "brh",  # Brahui
        "ks",  # Kashmiri
        "ckb",  # Central Kurdish
        "ug",  # Uyghur
        "dv",  # Dhivehi
        "he",  # Hebrew
        "yi",  # Yiddish
    }
)

# BCP 47 "language[-script][-region][-variant]*", the subset people type for message
# languages (private-use and extension subtags are not needed here).
_BCP47 = re.compile(
    r"^(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?P<variants>(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*)$",
    re.IGNORECASE,
)

# X counts most Latin, Arabic-script and punctuation characters once and everything else
# (CJK, emoji …) twice, and every link as 23 (twitter-text v3 configuration).
_X_SINGLE_WEIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_X_URL_LENGTH = 23


def language_normalize(code: str) -> str | None:
    """`code` in canonical case ("ur", "ur-Latn", "pa-Arab-PK"), or None if it is not a
    BCP 47 tag of the form language[-script][-region]."""
    match = _BCP47.match(code.strip())
    if not match:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    if match["variants"]:
        parts.extend(v.lower() for v in match["variants"].split("-") if v)
    return "-".join(parts)


def language_direction(code: str) -> str:
    """ "rtl" or "ltr" for a normalised language tag: the script subtag decides when present
    (Roman Urdu, "ur-Latn", is left to right), otherwise the language's usual script."""
    match = _BCP47.match(code)
    if not match:
        return "ltr"
    if match["script"]:
        return "rtl" if match["script"].lower() in RTL_SCRIPTS else "ltr"
    return "rtl" if match["language"].lower() in RTL_LANGUAGES else "ltr"


def _x_weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _X_SINGLE_WEIGHT) else 2


def text_length(*, channel: str, text: str) -> int:
    """The length of `text` as `channel` counts it: X weighs characters and links its own way,
    the other channels count characters (after Unicode NFC, as platforms store text)."""
    text = unicodedata.normalize("NFC", text)
    if channel != "x":
        return len(text)
    urls = _URL.findall(text)
    rest = _URL.sub("", text)
    return len(urls) * _X_URL_LENGTH + sum(_x_weight(c) for c in rest)
