"""Inputs: files, standard input and http(s) URLs read into checked, decoded
text (`read`, `decode`, `fetch`), the address policy for what may be fetched
(`addresses`), feeds (`feeds`), and size bounds for pages (`slim`)."""
