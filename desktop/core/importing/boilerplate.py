"""Recognising the lines of a scraped page that are the site talking, not the article.

Copy-pasted and scraped news keeps the page's furniture: "Sign up for Daily Headlines",
"4 min read", "Follow us on Facebook", donation banners, "author picture" and the bio after it,
photo credits, keyword lists. They pollute the body, search results and Word exports, and they
are evidence of which site the text came from (see :mod:`.outlets`), so each dropped line is
labelled with a *kind*.

Rules work on whole lines and stay conservative: a line is dropped only when it is short and
reads like page furniture from its first words; a real sentence that merely mentions a donation
stays. Lines that start in lower case are continuations of hard-wrapped prose and are never
judged by their first words. Every pattern is anchored and bounded, so a 5 MB line costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "BIO",
    "COPYRIGHT",
    "CREDIT",
    "NAV",
    "PROMO",
    "RELATED",
    "TAGS",
    "classify_line",
    "mark_boilerplate",
]

#: Self-promotion: sign up, subscribe, donate, follow us, mailing lists. Names the site itself.
PROMO = "promo"
#: "© 2020 ...", "All rights reserved".
COPYRIGHT = "copyright"
#: Page furniture: "4 min read", "Share", "Advertisement", "Updated: 7:31 p.m.".
NAV = "nav"
#: Links to other stories: "Read more: ...", "Related:".
RELATED = "related"
#: Photo credits standing alone: "REUTERS/Ahmed Jadallah", "[Getty]", "Photo: AFP".
CREDIT = "credit"
#: Tag and keyword lines: "Tags: ...", "iraq, rocket, launcher, baghdad, attack".
TAGS = "tags"
#: "author picture" and the author's biography after it.
BIO = "bio"

#: Lines longer than this are article text whatever their first words are.
_MAX_LINE = 300

_START_RE = re.compile(
    r"""(?ix)
    (?P<promo>
        sign[\s-]?up\b | sign[\s-]?in\b.{0,80}$ | log[\s-]?in\b.{0,80}$
      | register\s+(?:now|today|for\s+free|here)\b | subscribe\b
      | already\s+(?:a\s+)?(?:subscriber|member|registered)
      | (?:become|be)\s+a\s+(?:member|subscriber|supporter|patron|donor)\b
      | get\s+(?:unlimited|full|digital)\s+access\b | start\s+(?:your|a)\s+(?:free\s+)?trial\b
      | (?:create|make)\s+(?:an|a\s+free|your)\s+account\b
      | (?:please\s+)?(?:donate|support\s+us|support\s+our\s+\w+)\b
      | make\s+a\s+(?:charitable\s+|tax-deductible\s+|one-time\s+|monthly\s+)?(?:donation|contribution|gift)\b
      | turn\s+up\s+your\s+support\b
      | (?:support|fund)\s+(?:independent|quality|local|public|trusted|nonprofit)
            \s+(?:journalism|news|reporting)\b
      | follow\s+(?:us|@\w+)\b
      | follow\s+[^.!?]{1,40}?\s+on\s+(?:twitter|facebook|instagram|telegram|linkedin|youtube|tiktok|x)\b
      | (?:like|find)\s+us\s+on\s+facebook\b
      | join\s+(?:us|the|our)\b.{0,60}\b(?:mailing\s+list|newsletter|community|channel|whatsapp|telegram)\b
      | (?:get|receive)\b.{0,60}\b(?:newsletters?|in\s+your\s+inbox|to\s+your\s+inbox)\b
      | newsletters?\b.{0,80}$ | download\s+(?:the|our)\b.{0,40}\bapp\b
      | thanks\s+for\s+(?:liking|reading|sharing|subscribing|signing\s+up|your\s+support)\b
      | (?:like|liked)\s+this(?:\s+story|\s+article)?\?$
    )
  | (?P<copyright> (?:©|\(c\)\s|copyright\b).{0,200}$ | all\s+rights\s+reserved\.?$ )
  | (?P<related>
        read\s+(?:more|also|next|the\s+latest|full\s+story|the\s+full\s+story)\s*(?::|»|>|›|-|–|—|$)
      | also\s+read\b\s*:? | see\s+also\s*:
      | related\s*(?::|$|articles?\b|stories\b|coverage\b|content\b|reading\b|topics?\b|news\b|links?\b)
      | (?:watch|video|listen|podcast|gallery|photos|in\s+pictures)\s*:
      | more\s+on\s+this(?:\s+story|\s+topic)?\s*:?\s*$
      | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested)\b | don'?t\s+miss\b.{0,60}$
      | more\s+(?:from|stories\s+from)\b.{0,50}$
      | (?:recommended|editor'?s\s+picks?|trending(?:\s+now)?|latest\s+(?:news|stories))\s*:?\s*$
      | (?:most|top)\s+(?:read|popular|viewed|shared)(?:\s+stories)?\s*:?\s*$
    )
  | (?P<nav>
        \d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$
      | (?:\d+\s+min(?:ute)?s?\s+)?listen(?:\s+to\s+this\s+(?:article|story))?(?:\s*\d+:\d+)?\s*$
      | go\s+deeper\.?$ | (?:first\s+|last\s+)?(?:published|updated|posted)\s*:?\s*$
      | (?:last\s+)?updated\s*:?\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?|\d+\s+\w+\s+ago).{0,40}$
      | (?:published|posted|updated)\s*:?\s*\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?)\s+ago.{0,20}$
      | (?:advertisement|advertising|ad|sponsored(?:\s+content)?|promoted|paid\s+(?:post|content))\s*$
      | (?:story|article)\s+continues\s+(?:below|after)\b.{0,30}$ | continue\s+reading\b.{0,60}$
      | scroll\s+(?:down\s+)?to\s+(?:continue|read)\b | skip\s+(?:to|past)\b.{0,40}$
      | jump\s+to\b.{0,40}$ | click\s+(?:here|to)\b.{0,80}$ | tap\s+here\b.{0,60}$
      | \(?opens\s+in\s+(?:a\s+)?new\s+(?:window|tab)\)?$
      | share(?:\s+(?:this|on|via|the|article|story|page|link)\b.{0,40})?$
      | (?:(?:share|print|e-?mail|tweet|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram
           |flipboard|copy\s+link|comments?|save|bookmark|gift\s+(?:this\s+)?article)
           \s*(?:[|·•/,]\s*)?){1,10}$
      | (?:home|menu|search|close|more|next|previous|back\s+to\s+top|top|loading\.{0,3}
           |print\s+this\s+page|show\s+comments|hide\s+comments|\d+\s+comments?)\s*$
      | we\s+use\s+cookies\b | this\s+(?:site|website)\s+uses\s+cookies\b | accept\s+(?:all\s+)?cookies\b
      | (?:please\s+)?enable\s+javascript\b | your\s+browser\s+does\s+not\s+support\b
      | get\s+short\s+url\b | our\s+standards\s*: | this\s+material\s+may\s+not\s+be\s+published\b
      | image\s+(?:source|caption)\s*, | we\s+have\s+added\s+it\s+to\b
    )
  | (?P<credit>
        (?:photo(?:graph)?|image|picture|video|graphic|illustration|file\s+photo|photo\s+credit|credit)s?
            \s*:\s*.{0,80}$
      | \[[^\]\n]{1,40}\]$
      | \(?(?:getty\s+images|ap\s+photo|afp\s+photo|reuters|epa(?:-efe)?|anadolu(?:\s+agency)?|shutterstock
           |afp\s+via\s+getty\s+images)(?:\s*/\s*\S.{0,50})?\)?$
    )
  | (?P<tags> (?:tags?|topics?|filed\s+under|categories|keywords)\s*: )
  | (?P<bio>
        author\s+picture$ | (?:author|reporter|writer|contributor)(?:'s)?\s+(?:photo|image|picture|headshot)$
      | about\s+the\s+(?:authors?|writers?|reporters?)\s*:?\s*$
    )
    """
)
#: Prompts that can sit in the middle of a short line ("UNITED24 - Make a charitable donation").
_ANYWHERE_RE = re.compile(
    r"""(?ix)
    (?P<promo>
        \bmake\s+a\s+(?:charitable\s+|tax-deductible\s+)?donation\b | \bturn\s+up\s+your\s+support\b
      | \b(?:keep|make)\s+(?:trusted\s+|independent\s+|quality\s+)?journalism
            \s+(?:accessible|free|available)\b
      | \bsupport\s+(?:this|our)\s+(?:public\s+resource|journalism|newsroom|reporting)\b
      | \b(?:donate|subscribe)\s+(?:now|today)\b | \bmailing\s+list\s*$
    )
  | (?P<copyright> \ball\s+rights\s+reserved\b )
    """
)
#: Cheap test before running :data:`_ANYWHERE_RE` over a line.
_ANYWHERE_HINT_RE = re.compile(r"donat|support|journalism|subscri|mailing|reserved")  # on lower case
#: "iraq, rocket, launcher, baghdad, attack": photo keywords left by a CMS.
_KEYWORDS_RE = re.compile(
    r"^(?!(?:and|or) )[a-z][a-z'-]{1,20}(?: [a-z][a-z'-]{1,20})?"
    r"(?:, ?(?!(?:and|or) )[a-z][a-z'-]{1,20}(?: [a-z][a-z'-]{1,20})?){2,12}$"
)
#: "Chad is a Marine Corps veteran who covers ...", "Jane Doe is a reporter for ...".
_BIO_SENTENCE_RE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}\s(?:is|was|has been|joined|covers|reports|writes)\b"
)
_BIO_ROLE_RE = re.compile(
    r"(?i)^[^.]{0,120}\b(?:reporter|correspondent|writer|journalist|editor|columnist|contributor"
    r"|producer|bureau chief|freelance|covers)\b"
)


def classify_line(line: str, *, gentle: bool = False) -> str | None:
    """The boilerplate kind of one stripped line, or None when it is article text.

    ``gentle`` (text already cleaned by a reader such as trafilatura) skips the keyword-list
    rule, the one most likely to hit a real line in text that has no page furniture left.
    """
    if not line or len(line) > _MAX_LINE:
        return None
    first = line[0]
    if first.isalpha() and first.islower():
        if not gentle and _KEYWORDS_RE.match(line):
            return TAGS
        # Otherwise only short furniture ("author picture", "advertisement") is judged: longer
        # lower-case lines are continuations of hard-wrapped prose.
        if len(line) < 40:
            match = _START_RE.match(line)
            if match and match.lastgroup in (NAV, BIO):
                return match.lastgroup
        return None
    match = _START_RE.match(line)
    if match:
        return match.lastgroup
    if _ANYWHERE_HINT_RE.search(line.lower()):
        match = _ANYWHERE_RE.search(line)
        if match:
            return match.lastgroup
    return None


def mark_boilerplate(lines: Sequence[str], *, gentle: bool = False) -> list[str | None]:
    """Kind per line of ``lines`` (stripped), with the rules that span lines:

    * the paragraph after an author-picture marker is the author's bio;
    * a closing paragraph that introduces a reporter ("Jane Doe is a correspondent ...") is a
      bio even without a marker (not in ``gentle`` mode).
    """
    kinds = [classify_line(line, gentle=gentle) for line in lines]
    content = [i for i, line in enumerate(lines) if line and kinds[i] is None]
    for i, kind in enumerate(kinds):
        if kind != BIO:
            continue
        following = [j for j in content if j > i][:1]
        for j in following:
            if _BIO_SENTENCE_RE.match(lines[j]) and len(lines[j]) < 1200:
                kinds[j] = BIO
    if not gentle:
        for j in content[-2:]:
            line = lines[j]
            if kinds[j] is None and len(line) < 800 and _BIO_SENTENCE_RE.match(line):
                if _BIO_ROLE_RE.match(line):
                    kinds[j] = BIO
    return kinds
