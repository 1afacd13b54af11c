"""newsum: a command-line news digester that works offline.

Library use::

    from newsum.digest import digest_text, Options
    digest = digest_text(open("article.txt").read())
    print(digest.to_dict()["summary"])

Importing ``newsum`` is cheap: the analysis stages load their dependencies
(nltk, sumy, numpy) only when called.
"""

__version__ = "0.1.0"
