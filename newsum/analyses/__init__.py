"""The analyses of one article, each one module with one entry point: the
summary (`summary`, with the `news` summariser), keyphrases, quotes and actors."""
