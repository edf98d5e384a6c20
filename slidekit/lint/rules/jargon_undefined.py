"""jargon-undefined: a term that looks like jargon and is not defined in ``recap.jargon``.

Tip 1: mentors run many projects at once; define the jargon you will use.
Looks through what the audience reads: the deck's title and takeaways, the
recap bullets (last week's point at ``recap.from``), and every slide's
headline, takeaway, callout text and bullets. Prompts and notes are not read.

A term is jargon when it is

- an acronym: a word with at least two capitals and no more small letters than
  capitals (ITC, CoT, OOCR, LoRA, MMLU; plurals such as LLMs count as LLM), or
- listed by the user in ``lint: {jargon: [...]}`` (matched as a whole word or
  phrase, ignoring case, plural -s/-es allowed),

and is not in the allowlist below. It is defined when it is a key of
``recap.jargon``, or an acronym inside one (a key ``"Chain of thought (CoT)"``
defines CoT), ignoring case.

Not jargon (the allowlist, chosen to keep false positives rare): words that
start with a digit (8B, 70B, 100GB, 3x, 4o); Roman numerals (II, IV); single
capitals (n, A/B, R1); words in capitals that are plain English (NOT, ALL,
NEXT) and whole texts in capitals; and the acronyms in :data:`COMMON`:
everyday ones (OK, US, UK, EU, ID, FAQ, TODO, PhD), units (GB, GHz, FLOPs),
file and computing terms (API, GPU, CSV, JSON, URL), the statistics every
result slide uses (CI, SE, SD, AUC, MSE, KL), the ML terms any mentor in the
field knows (AI, ML, NLP, LLM, LM, RL, RLHF, SFT) and the names of
well-known models, labs and venues (GPT, BERT, LLaMA, OpenAI, NeurIPS, ICML).
Project terms (ITC, CoT, OOCR, DPO, ECE, benchmark names) are jargon.

Each undefined term is reported once, at its first use (with how often it is
used), pointing at the key of the text that uses it.
"""

from __future__ import annotations

import re

from slidekit.lint.finding import Problem
from slidekit.lint.words import STOPWORDS

ID = "jargon-undefined"
SEVERITY = "warning"

COMMON = frozenset(
    term.casefold()
    for term in """
    OK US USA UK EU UN TV ID FAQ FYI TBD TODO WIP ASAP ETA NB PS AM PM UTC CEO PI PhD MSc BSc
    TL DR QA
    GB MB KB TB PB GHz MHz KHz FLOP FLOPs FLOPS TFLOPs TFLOPS PFLOPs USD EUR
    API SDK CLI GUI UI UX URL HTTP HTTPS PDF CSV TSV JSON JSONL YAML HTML XML SQL OS IO RAM
    CPU GPU TPU CUDA iOS LaTeX
    CI SE SD SEM IQR AUC ROC MSE RMSE MAE KL CDF
    AI ML NLP LLM LM RL RLHF SFT AGI
    GPT ChatGPT BERT RoBERTa PaLM LLaMA OLMo QwQ CLIP ViT DALL OpenAI xAI JAX
    NeurIPS ICML ICLR ACL EMNLP NAACL AAAI CVPR
    """.split()  # noqa: SIM905 - grouped by kind, one group a line
)
"""Acronyms that are never jargon (compared ignoring case)."""

ENGLISH = STOPWORDS | frozenset(
    """
    also always big done false good new next never none note null only must true warning
    bad best key main more most open plan results steps update week
    """.split()  # noqa: SIM905
)
"""Words sometimes written in capitals for emphasis; not acronyms."""

_WORD = re.compile(r"[A-Za-z0-9]+")
_ROMAN = re.compile(r"[IVX]+")

TIP = "mentors run many projects at once: define the jargon you use"


def is_acronym(word: str) -> bool:
    """Does ``word`` look like an acronym (ITC, CoT, LoRA), as opposed to a word or a name?"""
    if not word or word[0].isdigit() or _ROMAN.fullmatch(word):
        return False
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    return upper >= 2 and upper >= lower


def acronyms(text: str, common: bool = False) -> list[str]:
    """The acronyms in ``text``, plurals made singular, in order (without :data:`COMMON` ones)."""
    words = _WORD.findall(text)
    alphabetic = [w for w in words if w.isalpha()]
    shouting = sum(w.isupper() for w in alphabetic)
    if len(alphabetic) >= 3 and shouting > 0.6 * len(alphabetic):
        return []  # A text in capitals is emphasis, not a string of acronyms.
    found = []
    for word in words:
        if word.endswith("s") and is_acronym(word[:-1]):
            word = word[:-1]
        if not is_acronym(word) or (word.isupper() and word.casefold() in ENGLISH):
            continue
        if common or word.casefold() not in COMMON:
            found.append(word)
    return found


def _term_pattern(term: str) -> re.Pattern:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![A-Za-z0-9]){words}(?:e?s)?(?![A-Za-z0-9])", re.IGNORECASE)


def defined_terms(jargon: dict[str, str]) -> set[str]:
    """What ``recap.jargon`` defines: each key, and each acronym within a key (case-folded)."""
    defined = set()
    for key in jargon:
        defined.add(" ".join(key.split()).casefold())
        defined.update(a.casefold() for a in acronyms(key, common=True))
    return defined


def check(context):
    jargon = context.spec.recap.jargon if context.spec.recap is not None else {}
    defined = defined_terms(jargon)
    keys = [" ".join(k.split()) for k in jargon]
    user_terms = [
        (term, _term_pattern(term))
        for term in context.settings.jargon
        if not any(_term_pattern(term).search(key) for key in keys)
    ]
    uses: dict[str, list] = {}
    for text in context.texts:
        path = text.path
        if path[0] == "slides" and context.ignores(ID, path[1]):
            continue
        found = [a for a in acronyms(text.text) if a.casefold() not in defined]
        found += [m.group(0) for _, pattern in user_terms for m in pattern.finditer(text.text)]
        here = {}
        for term in found:
            here.setdefault(_canonical(term, user_terms), term)
        for key, term in here.items():
            uses.setdefault(key, []).append((term, text))
    for occurrences in uses.values():
        term, text = occurrences[0]
        places = f" (in {len(occurrences)} places)" if len(occurrences) > 1 else ""
        yield Problem(
            text.path,
            f"{term!r} in the {text.what} is not defined{places}: add it to recap.jargon "
            f"with a one-line definition ({TIP})",
        )


def _canonical(found: str, user_terms) -> str:
    """One key per term: a user term by its listed form, an acronym by itself (case-folded)."""
    for term, pattern in user_terms:
        if pattern.fullmatch(found):
            return term.casefold()
    return found.casefold()
