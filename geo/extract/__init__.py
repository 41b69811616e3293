"""From an article's text to incidents: sentences, dates, actors, claims, trigger words, place mentions, merging."""
