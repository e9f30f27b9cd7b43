"""Spanish-aware BM25 sparse vectors for Qdrant (term weights here, IDF applied by Qdrant).

Pure and deterministic: no I/O, no model; the same text always gives the same vector.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Part of every collection's name: change it when tokenizing or weighting changes.
ENCODER_VERSION = 1
# Average chunk length in stems, measured on the LFT chunks; only document weights use it, so a
# constant keeps every collection's vectors comparable without storing corpus statistics.
DEFAULT_AVG_LEN = 60.0
K1 = 1.2
B = 0.75

_TOKEN = re.compile(r"\w+", re.UNICODE)

# The Snowball Spanish stop-word list, accents folded (tokens are folded before lookup).
_STOP_WORDS_TEXT = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
ella ellas ellos en entre era erais eramos eran eras eres es esa esas ese eso esos esta estaba
estabais estabamos estaban estabas estad estada estadas estado estados estais estamos estan estar
estara estaran estaras estare estareis estaremos estaria estariais estariamos estarian estarias
estas este esteis estemos esten estes esto estos estoy estuve estuviera estuvierais estuvieramos
estuvieran estuvieras estuvieron estuviese estuvieseis estuviesemos estuviesen estuvieses estuvimos
estuviste estuvisteis estuvo fue fuera fuerais fueramos fueran fueras fueron fuese fueseis
fuesemos fuesen fueses fui fuimos fuiste fuisteis ha habeis habia habiais habiamos habian habias
habida habidas habido habidos habiendo habra habran habras habre habreis habremos habria habriais
habriamos habrian habrias han has hasta hay haya hayais hayamos hayan hayas he hemos hube hubiera
hubierais hubieramos hubieran hubieras hubieron hubiese hubieseis hubiesemos hubiesen hubieses
hubimos hubiste hubisteis hubo la las le les lo los me mi mia mias mio mios mis mucho muchos muy
mas nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro otros
para pero poco por porque que quien quienes se sea seais seamos sean seas sera seran seras sere
sereis seremos seria seriais seriamos serian serias si sido siendo sin sobre sois somos son soy su
sus suya suyas suyo suyos tambien tanto te tendra tendran tendras tendre tendreis tendremos
tendria tendriais tendriamos tendrian tendrias tened teneis tenemos tenga tengais tengamos tengan
tengas tengo tenia teniais teniamos tenian tenias tenida tenidas tenido tenidos teniendo ti tiene
tienen tienes todo todos tu tus tuve tuviera tuvierais tuvieramos tuvieran tuvieras tuvieron
tuviese tuvieseis tuviesemos tuviesen tuvieses tuvimos tuviste tuvisteis tuvo tuya tuyas tuyo
tuyos un una uno unos vosotras vosotros vuestra vuestras vuestro vuestros y ya yo
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())

SparseVector = tuple[list[int], list[float]]


_FOLD = str.maketrans("áéíóúüàèìòùäëïöâêîôû", "aeiouuaeiouaeioaeiou")
_COMBINING = re.compile("[\u0300-\u036f]")


def fold_accents(text: str) -> str:
    """Lowercase and drop acute accents and diaeresis, keeping ``ñ`` (año is not ano).

    Deliberately not ``calc.text.fold``: the built index's term ids come from this exact form
    ("1º" stays "1º" here, NFKD would make it "1o"), so changing it needs a re-ingest.
    """
    folded = unicodedata.normalize("NFC", text.lower()).translate(_FOLD)
    # Marks NFC could not compose onto a letter (rare): drop them too.
    return _COMBINING.sub("", folded)


def term_id(stem: str) -> int:
    """A stable 31-bit id for a stem (Qdrant sparse indices are unsigned 32-bit)."""
    return zlib.crc32(stem.encode("utf-8")) & 0x7FFFFFFF


class SpanishBM25:
    """Turns text into BM25-style sparse vectors: Snowball stems, stop words and folded accents.

    Document weights are BM25's saturated term frequency (k1, b, a fixed average length); query
    weights are 1.0 per unique term. The collection's ``Modifier.IDF`` supplies the IDF factor.
    """

    def __init__(self, *, k1: float = K1, b: float = B, avg_len: float = DEFAULT_AVG_LEN) -> None:
        import Stemmer  # PyStemmer; imported here so importing rag stays cheap

        self.k1 = k1
        self.b = b
        self.avg_len = avg_len
        stemmer = Stemmer.Stemmer("spanish")
        # The law repeats a small vocabulary; caching stems makes encoding ~10x faster.
        self._stem = lru_cache(maxsize=65536)(stemmer.stemWord)

    @property
    def signature(self) -> str:
        """Identifies the encoding, so vectors made differently never share a collection."""
        return f"bm25-es-v{ENCODER_VERSION}-k1={self.k1}-b={self.b}-avg={self.avg_len}"

    def stems(self, text: str) -> list[str]:
        """The text's terms in order: folded, stop words out, stemmed, plural ``s`` trimmed."""
        out = []
        for token in _TOKEN.findall(fold_accents(text)):
            if token in STOP_WORDS or (len(token) < 2 and not token.isdigit()):
                continue
            stem = self._stem(token)
            # Snowball leaves some plurals alone ("años", "extras", "dias"): make them meet.
            if len(stem) >= 4 and stem.endswith("s") and not stem.isdigit():
                stem = stem[:-1]
            out.append(stem)
        return out

    def encode_document(self, text: str) -> SparseVector:
        stems = self.stems(text)
        counts = _count_ids(stems)
        norm = self.k1 * (1.0 - self.b + self.b * len(stems) / self.avg_len)
        indices = sorted(counts)
        values = [counts[i] * (self.k1 + 1.0) / (counts[i] + norm) for i in indices]
        return indices, values

    def encode_query(self, text: str) -> SparseVector:
        indices = sorted(_count_ids(self.stems(text)))
        return indices, [1.0] * len(indices)


def _count_ids(stems: Iterable[str]) -> Counter[int]:
    # Counting by id, not by stem, merges the (rare) hash collisions into one valid index.
    return Counter(term_id(stem) for stem in stems)
