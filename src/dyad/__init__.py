"""dyad: who did what to whom, when and where, from news articles, with the evidence."""

__version__ = "0.1.0"
