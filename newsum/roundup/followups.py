"""Stories across runs: is a new story a development of one the reader has
already seen, and which of its sentences are new to them?

Within one run, two entries merge only when they say nearly the same thing
(`newsum.roundup.stories.MERGE_THRESHOLD`, raw word counts): a false merge
hides a story. Across runs a developing story keeps the words that name its
event (the place, the quake, the ferry, the plant) while the rest moves on
("the death toll rose to 40", "an inquiry opened"). So a follow-up is judged
on the words that are rare among the stories the reader has been shown: the
same content-word stems as the merge, weighted by sublinear TF-IDF, with the
document frequencies taken over the remembered stories and this run's ones
(`Idf`), and compared by cosine (`follow_score`).

Measured on the follow-up cases of ``python -m benchmarks.stories`` (written
for the benchmark; 25 developments, 25 different events, 20 of them with
the same people, places or topic): at `FOLLOW_THRESHOLD` 0.3, precision 0.94
and recall 0.60; the one different story above it is the same team's next
match. The merge's raw cosine keeps every different story out only at 0.5,
where it finds 3 developments in 25. Shared actors were tried as a booster
and made it worse: different events of the same council, court or team share
more actors than real developments, which bring in new ones (the inquiry,
the regulator). Actors are still remembered with each story.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsum.model import Digest, FollowUp, Story
from newsum.roundup.state import RememberedStory, StoryRecord
from newsum.roundup.stories import fingerprint, similarity

FOLLOW_THRESHOLD = 0.3
"""A later story with a `follow_score` at or above this follows the earlier one."""
MIN_POOL = 50
"""The smallest pool the document frequencies are taken over (see `Idf`)."""
SHOWN_SIMILARITY = 0.5
"""A sentence at least this similar to one already shown is not news to the reader."""


@dataclass(frozen=True)
class StoryPrint:
    """What a story is compared by: its text fingerprint (title and summary,
    as the merge uses) and the names of its actors."""

    signature: Counter[str]
    actors: frozenset[str]


def actor_names(names: Iterable[str]) -> frozenset[str]:
    """Names compared case-blind, each also by its last word ("Joe Biden" and
    "Biden" meet), so one person named two ways still counts once."""
    out: set[str] = set()
    for name in names:
        words = name.lower().split()
        if words:
            out.add(" ".join(words))
            out.add(words[-1])
    return frozenset(out)


class Idf:
    """Inverse document frequencies over a pool of story signatures: a word
    most stories use ("said", "police", "percent") weighs little, a word that
    names one event weighs much. A word outside the pool weighs as a word
    seen once."""

    def __init__(self, signatures: Iterable[Counter[str]]) -> None:
        pool = list(signatures)
        # A state's first runs remember few stories, and over three stories
        # every shared word looks common; a pool is taken as at least
        # `MIN_POOL` stories, the others sharing none of these words.
        self.size = max(len(pool), MIN_POOL)
        self.frequency = Counter(word for signature in pool for word in signature)

    def __call__(self, word: str) -> float:
        return math.log((self.size + 1) / (self.frequency.get(word, 1) + 0.5))

    def weigh(self, signature: Counter[str]) -> dict[str, float]:
        return {word: (1 + math.log(count)) * self(word) for word, count in signature.items() if count > 0}


def follow_score(earlier: StoryPrint, later: StoryPrint, idf: Idf) -> float:
    """In [0, 1]: the cosine of the two stories' TF-IDF weighted signatures."""
    a, b = idf.weigh(earlier.signature), idf.weigh(later.signature)
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b[word] for word, weight in a.items() if word in b)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def best_match(
    story: StoryPrint, remembered: Sequence[tuple[str, StoryPrint]], idf: Idf, threshold: float = FOLLOW_THRESHOLD
) -> str | None:
    """The id of the remembered story ``story`` follows (the closest one at or
    above ``threshold``), or None."""
    best, best_score = None, threshold
    for story_id, earlier in remembered:
        score = follow_score(earlier, story, idf)
        if score >= best_score:
            best, best_score = story_id, score
    return best


def is_news(sentence: Counter[str], shown: Sequence[Counter[str]], limit: float = SHOWN_SIMILARITY) -> bool:
    """Whether a sentence (as a fingerprint) says something the reader was not
    already shown: no shown sentence is ``limit`` similar to it."""
    return all(similarity(sentence, earlier) < limit for earlier in shown)


# --- linking a run's stories to the remembered ones ------------------------------------


def story_print(story: Story, language: str) -> StoryPrint:
    """A story's print as the state stores it: its title and summary (the text
    the merge compares) and its actors' names."""
    text = " ".join([story.title, *story.summary])
    return StoryPrint(fingerprint(text, language), actor_names(a.name for a in story.actors))


def link(
    stories: Sequence[tuple[Story, Digest | None, str]],
    remembered: Sequence[RememberedStory],
    sentences: int,
    algorithm: str,
) -> list[StoryRecord]:
    """Give each story of a run its id and, when the reader was shown an
    earlier report of it (`best_match` against ``remembered``), ``follows``
    and a summary of what is new; returns what the state records.

    ``stories``: each story with its lead digest and language. A remembered
    story is developed by at most one new story (the closest); another close
    one still says whom it follows but gets an id of its own.
    """
    prints = [(r.id, StoryPrint(Counter(r.signature), actor_names(r.actors))) for r in remembered]
    new = [story_print(story, language) for story, _, language in stories]
    idf = Idf([p.signature for _, p in prints] + [p.signature for p in new])
    by_id = {r.id: r for r in remembered}
    claimed: set[str] = set()
    records = []
    for (story, lead, language), current in zip(stories, new, strict=True):
        earlier_id = best_match(current, prints, idf)
        if earlier_id is not None:
            earlier = by_id[earlier_id]
            story.follows = FollowUp(earlier.id, earlier.title, earlier.first_seen, earlier.runs)
            if lead is not None:
                _prefer_news(story, lead, earlier, sentences, algorithm, language)
        if earlier_id is not None and earlier_id not in claimed:
            story.id = earlier_id
            claimed.add(earlier_id)
        else:
            story.id = new_story_id(story)
        signature = story_print(story, language).signature
        records.append(
            StoryRecord(
                id=story.id,
                title=story.title,
                link=story.link,
                signature=dict(signature),
                actors=[a.name for a in story.actors],
                keyphrases=[k.phrase for k in story.keyphrases],
                shown=list(story.summary),
                items=[(m.source, m.title, m.link, m.published) for m in story.mentions],
            )
        )
    return records


def new_story_id(story: Story) -> str:
    """A new story's id: from its lead item's link (or title) and source, so
    the same item always gets the same id."""
    lead = story.mentions[0] if story.mentions else None
    key = "\n".join([lead.source_url if lead else "", story.link or "", story.title])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _prefer_news(
    story: Story, lead: Digest, earlier: RememberedStory, sentences: int, algorithm: str, language: str
) -> None:
    """The follow-up's summary: its best sentences the reader was not shown
    (judged against every sentence shown of the story so far), in article
    order; the story's own summary when nothing in it is new."""
    from newsum.analyses.summary import Length, summarize
    from newsum.nlp.text import split_sentences

    if lead.article is None:
        return
    shown = [fingerprint(s, language) for s in earlier.shown]
    article = split_sentences(lead.article.text)
    ranked = summarize(
        article,
        algorithm,
        Length(sentences=min(len(article), 3 * sentences + 10)),
        "score",
        lead.article.meta.title,
        language,
    )
    fresh = [s for s in ranked if is_news(fingerprint(s.text, language), shown)][:sentences]
    if not fresh:
        story.notes.append("follow-up: no sentence in it is new against what was shown before")
        return
    story.summary = [s.text for s in sorted(fresh, key=lambda s: s.position)]
    story.notes.append(f"follow-up: the summary shows what is new since {earlier.last_seen[:10]}")
