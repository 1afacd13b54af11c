"""Language tools every analysis shares: sentences, tokens, stems and stop
words (`text`), part-of-speech tags (`pos`), named entities (`ner`), and word
lists (`lexicon`)."""
