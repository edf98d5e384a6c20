"""Words in slide text: counting them, and matching them loosely across word forms."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]+")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)

STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be been before both but by can could did do
    does each for from had has have here how if in into is it its just many more most much no
    not of off on only or other our out over same so still than that the their them then there
    these they this those to under up us very vs was we were what when where which while who
    why will with would yes you your
    """.split()  # noqa: SIM905
)
"""Words too common to say what a sentence is about."""


def plain(text: str) -> str:
    """``text`` with each ``{{ ... }}`` number template replaced by ``0`` and tags removed.

    Spec text may quote computed numbers (see :mod:`slidekit.plan.text`); for
    counting words and spotting jargon, a number is a number.
    """
    if "{" not in text:
        return text
    return _TEMPLATE.sub(lambda m: "0" if m.group(0).startswith("{{") else "", text)


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated, with a letter or digit."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning, case-folded (split at ``_``, ``-``, ``/``)."""
    return {t for t in (m.casefold() for m in _TOKEN.findall(text)) if t not in STOPWORDS}


def same_word(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` (case-folded) forms of one word? Loose on purpose.

    Equal; or one is a prefix of the other of at least 3 characters (cue/cues,
    val/validation); or they share their first 5 characters
    (articulate/articulated, calibrated/calibration).
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    return len(short) >= 5 and a[:5] == b[:5]
