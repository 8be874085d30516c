"""newsreader: read the news in a terminal, cleaned and summarised, offline."""

__version__ = "0.1.0"
