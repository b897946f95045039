"""Titles and excerpts with the query's words marked, keeping the original diacritics."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from benluc.text import FOLD_TABLE, WORD_PATTERN, fold

SNIPPET_LENGTH = 240  # characters of sapo or body text shown under each title


@lru_cache(maxsize=4096)
def _fold_char(ch):
    return fold(ch)


def _folded_with_map(text):
    """(folded text, owner) where owner[i] is the index in `text` of folded char i (None: identity)."""
    quick = text.translate(FOLD_TABLE)
    if quick.isascii():
        return quick.lower(), None  # one folded character per original one
    # Typographic quotes, dashes, other scripts: still one for one if each such
    # character folds to its own lower case (checked once per distinct character).
    if all(_fold_char(ch) == ch.lower() and len(ch.lower()) == 1 for ch in set(quick) if not ch.isascii()):
        return quick.lower(), None
    chars, owner = [], []
    for index, ch in enumerate(text):
        for folded in _fold_char(ch):
            chars.append(folded)
            owner.append(index)
    return "".join(chars), owner


_WORD_CHAR = r"[^\W_]"
assert WORD_PATTERN.pattern == _WORD_CHAR + "+"


@lru_cache(maxsize=256)
def _words_pattern(wanted):
    """A pattern for the whole words in `wanted` (a frozenset), as WORD_PATTERN splits words."""
    alternatives = "|".join(re.escape(word) for word in sorted(wanted, key=len, reverse=True))
    # Not touching another word character: a whole word, as WORD_PATTERN splits them.
    return re.compile(f"(?<!{_WORD_CHAR})(?:{alternatives})(?!{_WORD_CHAR})")


def hits(text, wanted):
    """[(start, end, word)] spans of `text` whose folded word is in `wanted`, in original offsets."""
    if not wanted:
        return []
    folded, owner = _folded_with_map(text)
    spans = []
    # Only the wanted words, found by the regex engine (a long text has
    # hundreds of words and few hits).
    for match in _words_pattern(frozenset(wanted)).finditer(folded):
        word = match.group()
        start, end = match.start(), match.end()
        if owner is not None:
            start, end = owner[start], owner[end - 1] + 1
        # Keep the word's trailing combining marks (decomposed text) inside the highlight.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end, word))
    return spans


def _marked(text, spans):
    """`text` escaped, with each span wrapped in <mark>."""
    out, position = [], 0
    for start, end, _word in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text, query_words):
    """The whole of `text`, escaped, with the query's words marked (original diacritics kept)."""
    return mark_safe(_marked(text, hits(text, set(query_words))))


def _best_window(text, spans, length):
    """(start, end, spans inside) of the window of about `length` chars with most distinct words."""
    best = None
    for i, (start, _end, _word) in enumerate(spans):
        inside = [s for s in spans[i:] if s[1] <= start + length]
        score = (len({s[2] for s in inside}), len(inside))
        if best is None or score > best[0]:
            best = (score, i, inside)
    _score, i, inside = best
    first = spans[i][0]
    # Start a little before the first word, at a word boundary.
    start = max(0, first - length // 5)
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= first - length // 3 else first
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", inside[-1][1], end)
        end = space if space > inside[-1][1] else max(end, inside[-1][1])
    return start, end, [s for s in spans if s[0] >= start and s[1] <= end]


def snippet(sources, query_words, length=SNIPPET_LENGTH):
    """A short excerpt of the first source texts that best shows the query's words, marked.

    `sources` are plain texts in order of preference (sapo, then body text),
    or an iterator of them: a later text is not asked for once an earlier one
    shows every word (a later one only wins with more of them).
    """
    wanted = set(query_words)
    best = None
    seen = []
    for text in sources:
        if best is not None and best[0] == len(wanted):
            break
        seen.append(text)
        if not text:
            continue
        spans = hits(text, wanted)
        if not spans:
            continue
        start, end, inside = _best_window(text, spans, length)
        score = len({s[2] for s in inside})
        if best is None or score > best[0]:
            best = (score, text, start, end, inside)
    if best is None:
        # The words are only in the byline or the event: show the sapo's start.
        text = next((t for t in seen if t), "")
        start, end, inside = 0, min(len(text), length), []
        if end < len(text):
            end = max(text.rfind(" ", 0, end), length // 2)
        best = (0, text, start, end, inside)
    _score, text, start, end, inside = best
    shifted = [(s - start, e - start, w) for s, e, w in inside]
    body = _marked(text[start:end], shifted)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")
