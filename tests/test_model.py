import json

from newsum.model import SCHEMA_VERSION, Digest, DigestError


def test_digest_json_shape(sample_digest):
    data = json.loads(json.dumps(sample_digest.to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["ok"] is True
    assert set(data) == {
        "schema_version",
        "source",
        "ok",
        "article",
        "summary",
        "keyphrases",
        "quotes",
        "actors",
        "errors",
        "settings",
    }
    article = data["article"]
    assert {"title", "authors", "byline", "published", "source", "language", "text"} <= set(article)
    assert article["text"].startswith("Russia on Friday")
    assert {"text", "position", "score", "start", "end"} == set(data["summary"][0])
    assert {"phrase", "score"} == set(data["keyphrases"][0])
    assert {"text", "speaker", "speaker_role", "start", "end", "score", "kind"} == set(data["quotes"][0])
    assert {"name", "type", "role", "mentions", "aliases", "first_offset", "salience"} == set(data["actors"][0])
    first = data["actors"][0]
    assert article["text"][first["first_offset"] :].startswith(
        first["aliases"][0] if first["aliases"] else first["name"]
    )
    for quote in data["quotes"]:
        assert article["text"][quote["start"] : quote["end"]].startswith(quote["text"][:10])
    assert data["settings"] == {
        "algorithm": "news",
        "sentences": 3,
        "order": "position",
        "language": "english",
        "language_how": "detected",
        "actors": "crf",
    }


def test_failed_digest_is_a_record_too():
    digest = Digest(source="x.txt", errors=[DigestError("not_found", "no such file")])
    data = digest.to_dict()
    assert data["ok"] is False and data["article"] is None
    assert data["errors"] == [{"code": "not_found", "message": "no such file", "stage": "input"}]
