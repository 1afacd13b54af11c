"""A run's entries merged into stories (`newsum.roundup.stories` decides which
belong together), and the day's overview: the actors and keyphrases shared by
the most stories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from newsum.model import Actor, ActorCount, Digest, PhraseCount, Quote, Story
from newsum.roundup.followups import link
from newsum.roundup.items import Entry
from newsum.roundup.reading import mention_of
from newsum.roundup.state import RememberedStory, StoryRecord
from newsum.roundup.stories import fingerprint, group

TOP_ACTORS = 8
TOP_KEYPHRASES = 10
STORY_ACTORS = 5
"""Actors a story lists by default (``newsum digest --actors``)."""


# --- stories and overview -------------------------------------------------------------


def merge(
    entries: list[Entry],
    remembered: Sequence[RememberedStory] = (),
    sentences: int = 3,
    algorithm: str = "news",
    actors: int | None = STORY_ACTORS,
) -> tuple[list[Story], list[StoryRecord]]:
    """The run's stories, most told first, each linked to the story it follows
    among ``remembered`` (`newsum.roundup.followups.link`), and what the state
    records of them."""
    prints = [fingerprint(_entry_text(e), _language(e)) for e in entries]
    links = [e.candidate.item.link for e in entries]
    leads = [_lead([entries[i] for i in members]) for members in group(links, prints)]
    told = [(_story(lead, members, actors), lead.digest, _language(lead)) for lead, members in leads]
    # Stories told by more sources first, then the newest.
    told.sort(key=lambda t: (len({m.source_url for m in t[0].mentions}), t[0].published or ""), reverse=True)
    records = link(told, remembered, sentences, algorithm)
    return [story for story, _, _ in told], records


def _lead(group_entries: list[Entry]) -> tuple[Entry, list[Entry]]:
    """The entry whose digest tells the story (the fullest), with the group."""
    lead = max(group_entries, key=lambda e: (e.digest is not None, len(e.digest.summary) if e.digest else 0))
    return lead, group_entries


def _entry_text(entry: Entry) -> str:
    title = _title(entry)
    if entry.digest is None:
        return title
    return " ".join([title, *(s.text for s in entry.digest.summary)])


def _language(entry: Entry) -> str:
    if entry.digest is not None and entry.digest.article is not None:
        return entry.digest.article.meta.language
    return "english"


def _title(entry: Entry) -> str:
    item = entry.candidate.item
    meta = entry.digest.article.meta if entry.digest and entry.digest.article else None
    return item.title or (meta.title if meta else None) or item.link or entry.candidate.source


def _story(lead: Entry, group_entries: list[Entry], actors: int | None = STORY_ACTORS) -> Story:
    """One story from its entries: the text of the lead (fullest) digest, every source."""
    meta = lead.digest.article.meta if lead.digest and lead.digest.article else None
    mentions = []
    for entry in [lead] + [e for e in group_entries if e is not lead]:
        mention = mention_of(entry.candidate)
        mention.title = mention.title or _title(entry)
        mention.link = mention.link or (
            entry.digest.article.meta.url if entry.digest and entry.digest.article else None
        )
        mentions.append(mention)
    digests = [e.digest for e in group_entries if e.digest is not None]
    summary = [s.text for s in lead.digest.summary] if lead.digest else []
    notes = [n for e in group_entries for n in e.notes] if not digests else list(lead.notes)
    return Story(
        title=_title(lead),
        link=lead.candidate.item.link or (meta.url if meta else None),
        published=lead.candidate.item.published or (meta.published if meta else None),
        mentions=mentions,
        summary=summary,
        actors=_merged_actors(digests)[:actors],
        quote=_best_quote(digests, summary),
        keyphrases=lead.digest.keyphrases[:5] if lead.digest else [],
        notes=notes,
    )


def _merged_actors(digests: Iterable[Digest]) -> list[Actor]:
    merged: dict[tuple[str, str], Actor] = {}
    for digest in digests:
        for actor in digest.actors:
            key = (actor.name, actor.type)
            if key in merged:
                merged[key].mentions += actor.mentions
                merged[key].role = merged[key].role or actor.role
            else:
                merged[key] = Actor(actor.name, actor.type, actor.mentions, actor.role)
    return sorted(merged.values(), key=lambda a: -a.mentions)


def _best_quote(digests: list[Digest], summary: list[str]) -> Quote | None:
    """The best quote the summary does not already show: a speaker's own words
    (direct and attributed) before a partial or unattributed one."""
    shown = " ".join(summary)
    quotes = [q for d in digests for q in d.quotes if q.text not in shown]
    preferred = [q for q in quotes if q.speaker and q.kind == "direct"] or [q for q in quotes if q.speaker] or quotes
    return max(preferred, key=lambda q: q.score, default=None)


def overview(stories: list[Story]) -> tuple[list[ActorCount], list[PhraseCount]]:
    """The actors named in the most stories (then by mentions), and the
    keyphrases shared by the most stories (then by their summed scores)."""
    actor_stories: Counter[tuple[str, str]] = Counter()
    actor_mentions: Counter[tuple[str, str]] = Counter()
    phrase_stories: Counter[str] = Counter()
    phrase_score: dict[str, float] = {}
    shown: dict[str, str] = {}
    for story in stories:
        for actor in story.actors:
            actor_stories[(actor.name, actor.type)] += 1
            actor_mentions[(actor.name, actor.type)] += actor.mentions
        for phrase in story.keyphrases:
            key = phrase.phrase.lower()
            shown.setdefault(key, phrase.phrase)
            phrase_stories[key] += 1
            phrase_score[key] = phrase_score.get(key, 0.0) + phrase.score
    actors = sorted(actor_stories, key=lambda k: (-actor_stories[k], -actor_mentions[k], k))[:TOP_ACTORS]
    phrases = sorted(phrase_stories, key=lambda k: (-phrase_stories[k], -phrase_score[k], k))[:TOP_KEYPHRASES]
    return (
        [ActorCount(name, kind, actor_stories[(name, kind)], actor_mentions[(name, kind)]) for name, kind in actors],
        [PhraseCount(shown[k], phrase_stories[k]) for k in phrases],
    )
