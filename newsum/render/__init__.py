"""Renderers over the output model: `digest` for single digests (rich, text,
markdown, json, jsonl), `roundup` for `newsum digest` runs, `common` for what
they share."""
