"""The query language reference, shown verbatim in the README and the app's Help menu.

Kept apart from the parser so the help text can be read and edited on its own; a test parses
every example in it.
"""

from __future__ import annotations

__all__ = ["QUERY_HELP"]

QUERY_HELP = """\
Search syntax

  camp taji              articles with all the words, in the headline, text, byline,
                         outlet or dateline (headline matches rank first)
  "camp taji"            the exact phrase; also “curly”, „German“ and «French» quotes
  "esper iraq"~3         the words with up to 3 other words between them
  iran OR iraq           either word
  taji -rocket           leave out articles with "rocket"; also -"a phrase", -outlet:reuters
  taji NOT rocket        the same as taji -rocket
  esper AND taji         the same as esper taji (+taji is the same as taji)
  (iran OR iraq) strike  parentheses group; they may be nested
  milit*                 words starting with milit: military, militia, militant...
  sol?imani              ? stands for any one letter inside a word
  soleimany~             words within 2 letters of it, e.g. soleimani (soleimany~1: within 1)

Fields (no space after the colon):
  headline:taji   byline:"jane arraf"   outlet:"stars and stripes"   outlet:reuters
  place:baghdad   tag:airstrike   entity:"kataib hezbollah"   lang:ar
  credit:reuters   credit:"associated press"   (the agency that wrote a story an outlet carries)
  quote:"not tolerate"   speaker:esper   (words inside direct quotations; who said them)
  related:12   (stories linked to story 12)   thread:"camp taji attack"   (an event thread)
  headline:(taji OR balad)   -outlet:newsweek
  Other names: title: (headline), body: or text:, author: or by: (byline),
  source: (outlet), dateline: (place), language: (lang), id: (an article number)

Dates:
  date:2020-03-13            that day
  date:2020-03               that month          date:2020   that year
  date:2020-03-01..2020-03-31   from .. to; leave out either end: date:2020-03-01..
  date:>2020-01-01   date:>=2020-01   date:<2021   date:<=2020-06-30
  An article counts only if its whole date is inside: one dated just "2020" is not
  found by date:2020-03, and articles without a date are never found by date:.

Order: sort:newest, sort:oldest, sort:relevance, sort:headline or sort:outlet
  (the same as the Sort menu; clicking a column title sorts by it too).

Good to know:
  AND, OR and NOT work only in CAPITALS; and, or, not are ordinary words.
  OR binds tighter than AND: iran OR iraq strike means (iran OR iraq) AND strike.
  Capitals, accents and apostrophes do not matter: kataib finds Kata'ib and Kata’ib.
  Hyphens separate words: al-Nasr finds "al Nasr". No word is too common to search.
  Word endings do not matter in headlines and text: soldier finds soldiers.
  Wildcards need 2 letters before them; a ? at the end of a word is a question mark.
  An empty search shows every article. If part of a search cannot be used, a note
  under the search box says what was searched instead.
"""
