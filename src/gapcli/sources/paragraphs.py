"""A source text: what a paragraph is (defined here once), and finding words in it.

**The paragraph rule.** A source text is UTF-8. It is cut into lines at ``\\n``, ``\\r\\n``
or ``\\r`` (what editors and ``grep -n`` count as lines); a leading byte-order mark is
dropped. Every line with at least one visible character is one paragraph, numbered from 1
in order; lines that are empty, white space or invisible characters only are not
paragraphs and take no number. So a title line is paragraph 1, blank lines between
paragraphs change nothing, and other separators (U+2028, U+2029, form feed, NEL) are white
space inside a paragraph, not breaks. ``gapcli source show`` prints the numbers.

**Matching.** A quote stands in a paragraph when it does after ``normalise`` (curly quotes
as straight ones, runs of white space as one space). ``find`` is more tolerant (dashes as
hyphens, and optionally case) and maps what it finds back to the source's exact characters.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from gapcli.domain.values import INVISIBLE

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_VISIBLE = re.compile(f"[^\\s{INVISIBLE}]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")

_QUOTES = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark, apostrophe
    "\u201a": "'",  # single low-9
    "\u201b": "'",  # single high-reversed-9
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9
    "\u201f": '"',  # double high-reversed-9
}
_TYPOGRAPHIC = str.maketrans(_QUOTES)
# Hyphens and dashes that ``find`` and ``validate --fix`` take for one another.
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
_LOOSE = {**_QUOTES, **_DASHES}


def normalise(text: str) -> str:
    """Straight quotes and single spaces, so typography and wrapping do not count."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a source text, as written (paragraph N is item N-1)."""
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    return [line for line in lines if _VISIBLE.search(line)]


def _folded(text: str, fold_case: bool) -> tuple[str, list[int]]:
    """``text`` with quotes straight, dashes as hyphens, white space as single spaces (and
    lower case with ``fold_case``), and for each character kept, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, char in enumerate(text):
        if char.isspace():
            if out and not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        char = _LOOSE.get(char, char)
        if fold_case:
            lower = char.lower()
            char = lower if len(lower) == 1 else char
        out.append(char)
        where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def spans(paragraph: str, words: str, fold_case: bool = False) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``paragraph``, tolerantly (quotes, dashes, white space and,
    with ``fold_case``, case), as ``(start, end)`` of the paragraph's own characters."""
    wanted, _ = _folded(words, fold_case)
    if not wanted:
        return []
    text, where = _folded(paragraph, fold_case)
    found: list[tuple[int, int]] = []
    start = text.find(wanted)
    while start != -1:
        found.append((where[start], where[start + len(wanted) - 1] + 1))
        start = text.find(wanted, start + len(wanted))
    return found


@dataclass(frozen=True)
class Passage:
    """Words of a source: the paragraph's number and the source's exact characters."""

    para: int
    text: str


_TRAILING = ".,;:!?\"'\u201d\u2019)"  # cut from the end of a nearest passage
NEAREST_RATIO = 0.5  # below this a passage is too far from the quote to be worth naming
# Past these sizes (characters of the folded quote, of a paragraph) difflib's alignment would
# grow with their product, so ``nearest`` anchors on words instead (``_nearest_anchored``).
SMALL_QUOTE = 1_000
SMALL_PARA = 20_000
ANCHORS = 4  # places in the quote one word of the text votes for, at most
WINDOWS = 8  # candidate starts compared with the quote, at most


@dataclass
class SourceText:
    """A source's paragraphs as written, and an index of their words (built when needed)."""

    paras: list[str]
    _normal: list[str] | None = field(default=None, repr=False)
    _index: Index | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str) -> SourceText:
        """A text cut into paragraphs by the rule above."""
        return cls(split_paragraphs(text))

    @property
    def normal(self) -> list[str]:
        """Each paragraph normalised (for the verbatim check)."""
        if self._normal is None:
            self._normal = [normalise(p) for p in self.paras]
        return self._normal

    @property
    def index(self) -> Index:
        """Where each word stands (for finding a misplaced quote)."""
        if self._index is None:
            self._index = Index(self.normal)
        return self._index

    def verbatim(self, quote: str, para: int) -> bool:
        """Whether ``quote`` stands in paragraph ``para`` (after ``normalise``)."""
        return 1 <= para <= len(self.paras) and normalise(quote) in self.normal[para - 1]

    def exact(self, quote: str, para: int) -> Passage | None:
        """The source's own characters for ``quote`` in ``para`` when they differ only in
        quotes, dashes or white space (the first such passage), else None."""
        if not 1 <= para <= len(self.paras):
            return None
        found = spans(self.paras[para - 1], quote)
        if not found:
            return None
        start, end = found[0]
        return Passage(para, self.paras[para - 1][start:end])

    def find(self, words: str, fold_case: bool = True, limit: int = 20) -> list[Passage]:
        """Every passage matching ``words`` tolerantly, in order (at most ``limit``)."""
        out: list[Passage] = []
        for number, para in enumerate(self.paras, 1):
            for start, end in spans(para, words, fold_case):
                out.append(Passage(number, para[start:end]))
                if len(out) == limit:
                    return out
        return out

    def relocated(self, quote: str, cited: int) -> Passage | None:
        """Another paragraph holding ``quote`` (tolerantly), found among a few candidates."""
        for number in self.index.candidates(normalise(quote), cited):
            if number != cited:
                passage = self.exact(quote, number)
                if passage is not None:
                    return passage
        return None

    def nearest(self, quote: str, cited: int = 1, everywhere: bool = False) -> Passage | None:
        """The passage most like ``quote`` (difflib), if one is close enough: in the cited
        paragraph, its neighbours and those sharing its rarest word (or ``everywhere``)."""
        whole = _folded(quote, True)[0]
        wanted = whole.split()
        if not wanted:
            return None
        best: tuple[float, Passage] | None = None
        numbers = range(1, len(self.paras) + 1) if everywhere else None
        chosen = list(numbers or self.index.candidates(normalise(quote), cited))
        if len(whole) > SMALL_QUOTE or max(len(self.paras[n - 1]) for n in chosen) > SMALL_PARA:
            return self._nearest_anchored(chosen, wanted)
        for number in chosen:
            para = self.paras[number - 1]
            tokens = [(m.start(), m.end()) for m in _WORD.finditer(para)]
            words = [_folded(para[s:e], True)[0] for s, e in tokens]
            matcher = difflib.SequenceMatcher(None, words, wanted, autojunk=False)
            # Try the windows that align a run of matching words with the quote.
            starts = {max(0, a - b) for a, b, size in matcher.get_matching_blocks() if size}
            for start in sorted(starts):
                for size in (len(wanted) - 1, len(wanted), len(wanted) + 1):
                    end = min(len(words), start + max(size, 1))
                    window = " ".join(words[start:end])  # scored by character: "two-years"
                    ratio = difflib.SequenceMatcher(None, window, whole, autojunk=False).ratio()
                    if ratio >= NEAREST_RATIO and (best is None or ratio > best[0]):
                        text = para[tokens[start][0] : tokens[end - 1][1]].rstrip(_TRAILING)
                        best = (ratio, Passage(number, text))
        return best[1] if best else None

    def _nearest_anchored(self, numbers: list[int], wanted: list[str]) -> Passage | None:
        """``nearest`` for a long quote or paragraph, in work linear in the text plus the
        quote: each word of the text votes for where the quote would start (through at most
        ``ANCHORS`` places of that word in the quote), the ``WINDOWS`` starts with the most
        votes are tried, and a window is scored by the words it shares with the quote."""
        places: dict[str, list[int]] = {}
        for j, word in enumerate(wanted):
            places.setdefault(word, []).append(j)
        votes: Counter[tuple[int, int]] = Counter()
        tokens: dict[int, list[tuple[int, int]]] = {}
        folded: dict[int, list[str]] = {}
        for number in numbers:
            para = self.paras[number - 1]
            tokens[number] = [(m.start(), m.end()) for m in _WORD.finditer(para)]
            folded[number] = words = [_folded(para[s:e], True)[0] for s, e in tokens[number]]
            for i, word in enumerate(words):
                for j in places.get(word, ())[:ANCHORS]:
                    votes[number, max(0, i - j)] += 1
        want = Counter(wanted)
        best: tuple[float, Passage] | None = None
        for (number, start), _ in votes.most_common(WINDOWS):
            words = folded[number]
            for size in (len(wanted) - 1, len(wanted), len(wanted) + 1):
                end = min(len(words), start + max(size, 1))
                shared = sum((Counter(words[start:end]) & want).values())
                ratio = 2 * shared / (end - start + len(wanted))
                if ratio >= NEAREST_RATIO and (best is None or ratio > best[0]):
                    para, spots = self.paras[number - 1], tokens[number]
                    text = para[spots[start][0] : spots[end - 1][1]].rstrip(_TRAILING)
                    best = (ratio, Passage(number, text))
        return best[1] if best else None


class Index:
    """Where each word of a source text stands, to find a misplaced quote without scanning
    the whole text for each one (which would be quadratic in the dataset)."""

    CANDIDATES = 8  # paragraphs tried for one quote, at most

    def __init__(self, paras: list[str]) -> None:
        self.paras = paras
        self.words: dict[str, list[int]] = {}
        for number, para in enumerate(paras, 1):
            for word in dict.fromkeys(para.split()):
                self.words.setdefault(word, []).append(number)

    def candidates(self, quote: str, cited: int) -> list[int]:
        """Paragraphs worth trying for ``quote`` (normalised): those holding its rarest whole
        word (the first and last may be cut mid-word), and the cited one and its neighbours."""
        words = quote.split()
        inner = words[1:-1] or words
        known = [self.words[w] for w in inner if w in self.words]
        near = [n for n in range(cited - 1, cited + 2) if 1 <= n <= len(self.paras)]
        rare = min(known, key=len)[: self.CANDIDATES] if known else []
        return list(dict.fromkeys([*near, *rare]))

    def paragraph_of(self, quote: str, cited: int) -> int | None:
        """A paragraph holding ``quote`` (normalised), if one is found among a few candidates:
        those holding its rarest whole word (the first and last may be cut mid-word), else the
        cited paragraph's neighbours."""
        words = quote.split()
        inner = words[1:-1] or words
        known = [self.words[w] for w in inner if w in self.words]
        if known:
            candidates = min(known, key=len)[: self.CANDIDATES]
        else:
            candidates = [n for n in range(cited - 2, cited + 3) if 1 <= n <= len(self.paras)]
        return next((n for n in candidates if quote in self.paras[n - 1]), None)
