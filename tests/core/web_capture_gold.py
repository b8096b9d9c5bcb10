"""Synthetic web captures from made-up outlets, with the right answers, and a gold read from the seeds.

Written BEFORE the site-line, headline, credit and date rules were tuned, and not changed to fit
them. The synthetic outlets below do not exist; each has its own site furniture (a title suffix,
a "Source:" line, closing lines, a prefix) of a kind real sites have, so a rule that only knows one
outlet's strings cannot pass. A batch mixes the outlets, as a reporter's shared folder would:

* **Harbor Ledger**: "Title | Harbor Ledger Politics" (a section after the site name), a
  "Source: ..." line under the title (the site itself, or AP / Reuters for wire copy) and a
  trailing "See Full Web Article".
* **Northwind Daily**: "Title - Northwind Daily", an opening "Print edition · Northwind Daily"
  line, a closing "Northwind Daily — trusted by readers for a century" line; wire copy opens
  with "CITY (Reuters) -".
* **Cedar Post**: "Title — World | Cedar Post" (section, then site), a closing "Got a tip? Write
  to the Cedar Post desk at tips.cedarpost.example" line; wire copy ends "— AFP".
* **Valley Sentinel**: clean text (like BBC files): headline, "By ..." byline, a "Published ..."
  date line, the story. Nothing may be removed from it.

Headlines include the hard kinds: two sentences ("X happened. Here's what that says about Y"),
a leading curly quote, a question. Some features open with a date in their narrative ("June 12,
1991, is a day she will never forget"): their publication date is missing, not that day.

The seed gold (:data:`SEED_GOLD`) was written by reading the five seed files in
``shared/samples/seeds``: headline, date, the site lines that must leave the body, the credit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SEED_GOLD", "Capture", "SeedGold", "synthetic_batch", "write_batch"]


@dataclass
class Capture:
    """One synthetic file and what a careful reader would say about it."""

    name: str
    text: str
    outlet: str
    headline: str
    #: The agency that wrote it (AP, Reuters, AFP), or None for the outlet's own story.
    credit: str | None
    #: The publication date stated in the file (ISO), or None when it states none.
    date: str | None
    #: Lines of the site that must not be in the body.
    site_lines: list[str] = field(default_factory=list)
    #: A sentence of the story that must stay in the body.
    kept: str = ""
    section: str | None = None


@dataclass
class SeedGold:
    headline: str | None
    date: str | None
    site_lines: list[str]
    credit: str | None
    kept: str


#: Read from the seed files by a person (see the module docstring).
SEED_GOLD: dict[str, SeedGold] = {
    "000": SeedGold(
        "U.S. Airstrikes Target Iraq Militia Following Deadly Attack on Coalition Troops", None, [], None,
        "U.S. airstrikes targeted militias in central Iraq"),
    "001": SeedGold(
        "US Hits Back in Iraq, Targeting Militia Behind Deadly Rocket Attack", "2020-03-12",
        ["UNITED24 - Make a charitable donation in support of Ukraine!", "Join the GlobalSecurity.org mailing list"],
        None, "U.S. warplanes soaring through the skies of Iraq"),
    "002": SeedGold(
        "US launches precision air strikes on Iran-backed militia in Iraq after deadly rocket attack",
        "2020-03-13", ["4 min read", "Follow us on FacebookTwitter and Instagram to stay connected"], None,
        "The United States will not tolerate attacks against our people"),
    "003": SeedGold(
        None, None, ["author picture", "Sign Up for Daily Headlines", "Sign Up Now",
                     "Chad is a Marine Corps veteran"], None,
        "U.S. warplanes struck Iran-backed militias in Iraq early Friday"),
    "004": SeedGold(
        "Pentagon: U.S. strikes Iran-backed group that hit Iraq base", None,
        ["Go Deeper.", "Create an account or log in to save stories.", "Like this?", "Turn Up Your Support"],
        None, "The U.S. launched airstrikes Thursday in Iraq"),
}

_CITIES = ["BEIRUT", "AMMAN", "ISTANBUL", "CAIRO", "BAGHDAD", "ERBIL", "GENEVA", "NAIROBI"]
_PEOPLE = ["Amal Haddad", "Peter Lindqvist", "Sara Okafor", "Daniel Mercer", "Layla Nasser", "Tomas Brandt"]
_SUBJECTS = ["The ministry", "The regional governor", "A spokesman for the coalition", "Aid workers",
             "Local officials", "The United Nations envoy", "Residents of the district", "The army"]
_VERBS = ["said on Tuesday that", "warned that", "told reporters that", "confirmed that", "added that",
          "said in a statement that"]
_CLAUSES = ["the convoy had reached the border crossing before dawn",
            "talks would resume next week in the capital",
            "at least a dozen families had left the village overnight",
            "the bridge over the river would stay closed to traffic",
            "shelling had damaged the water station serving the old town",
            "the hospital was running short of fuel for its generators",
            "negotiators were close to an agreement on prisoner exchanges",
            "the new checkpoints would be removed by the end of the month"]
_TOPICS = [("Convoy reaches border crossing after week of delays", "Politics"),
           ("Talks on prisoner exchange resume in the capital", "World"),
           ("Water station damaged as shelling hits old town", "World"),
           ("Hospital warns fuel will run out within days", "Health"),
           ("Families leave village after night of clashes", "World"),
           ("Bridge closure cuts farmers off from markets", "Business"),
           ("Envoy says ceasefire talks are close to a deal", "Politics"),
           ("Checkpoints to be lifted by the end of the month", "Politics"),
           ("Aid agencies appeal for winter shelter funds", "World"),
           ("Port reopens to grain shipments after blockade", "Business")]
_TWO_SENTENCE = ["The ceasefire collapsed overnight. Here's what that says about the talks",
                 "Prices doubled in a month. This is how families are coping",
                 "The border reopened. Nobody knows for how long"]
_QUOTED = ["\u2018We will rebuild\u2019: Villagers return to ruined homes",
           "\u201cWe have nothing left\u201d, says farmer after floods",
           "\u2019Tis the season of shortages in the besieged city"]
_QUESTIONS = ["Can the ceasefire survive another winter?", "Who will pay to rebuild the old town?",
              "Is the grain corridor about to close?"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}."


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(n)]


def _headline(rng: random.Random, i: int) -> tuple[str, str]:
    kind = i % 7
    if kind == 3:
        return rng.choice(_TWO_SENTENCE), "World"
    if kind == 5:
        return rng.choice(_QUOTED), "World"
    if kind == 6:
        return rng.choice(_QUESTIONS), "Politics"
    title, section = _TOPICS[(i * 3 + rng.randint(0, 9)) % len(_TOPICS)]
    return title, section


def synthetic_batch(count: int = 60, seed: int = 14) -> list[Capture]:
    """``count`` captures from the four made-up outlets, mixed, deterministic for ``seed``."""
    rng = random.Random(seed)
    out: list[Capture] = []
    for i in range(count):
        outlet = ("Harbor Ledger", "Northwind Daily", "Cedar Post", "Valley Sentinel")[i % 4]
        headline, section = _headline(rng, i)
        wire = rng.random() < 0.3 and outlet != "Valley Sentinel"
        credit = rng.choice(["Associated Press", "Reuters", "Agence France-Presse"]) if wire else None
        body = _paragraphs(rng, rng.randint(4, 7))
        feature = i % 9 == 4
        if feature:
            body[0] = (f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(1985, 2005)}, is a day "
                       f"{rng.choice(['she', 'he'])} will never forget. " + body[0])
        kept = body[1][:60]
        date = None
        lines: list[str]
        site: list[str]
        if outlet == "Harbor Ledger":
            credit = rng.choice(["Associated Press", "Reuters"]) if wire else None
            source = {"Associated Press": "AP", "Reuters": "Reuters", None: "Harbor Ledger"}[credit]
            lines = [f"{headline} | Harbor Ledger {section}", "", f"Source: {source}", "", *_join(body),
                     "", "See Full Web Article"]
            site = [f"Source: {source}", "See Full Web Article"]
        elif outlet == "Northwind Daily":
            credit = "Reuters" if wire else None
            if wire:
                body[0] = f"{rng.choice(_CITIES)} (Reuters) - " + body[0]
            lines = [f"{headline} - Northwind Daily", "", "Print edition \u00b7 Northwind Daily", "",
                     *_join(body), "", "Northwind Daily \u2014 trusted by readers for a century"]
            site = ["Print edition \u00b7 Northwind Daily", "trusted by readers for a century"]
        elif outlet == "Cedar Post":
            credit = "Agence France-Presse" if wire else None
            if wire:
                body[-1] += " \u2014 AFP"
            lines = [f"{headline} \u2014 {section} | Cedar Post", "", *_join(body), "",
                     "Got a tip? Write to the Cedar Post desk at tips.cedarpost.example"]
            site = ["Got a tip? Write to the Cedar Post desk"]
        else:
            day = rng.randint(1, 28)
            month = rng.randint(1, 12)
            year = rng.randint(2015, 2023)
            date = f"{year:04d}-{month:02d}-{day:02d}"
            lines = [headline, "", f"By {rng.choice(_PEOPLE)}", "",
                     f"Published {day} {_MONTHS[month - 1]} {year}", "", *_join(body)]
            site = []
        out.append(Capture(
            name=f"capture-{i:03d}.txt", text="\n".join(lines) + "\n", outlet=outlet, headline=headline,
            credit=credit, date=date, site_lines=site, kept=kept,
            section=section if outlet in ("Harbor Ledger", "Cedar Post") else None,
        ))
    return out


def _join(paragraphs: list[str]) -> list[str]:
    lines: list[str] = []
    for p in paragraphs:
        lines += [p, ""]
    return lines[:-1]


def write_batch(folder: Path, captures: list[Capture]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for capture in captures:
        (folder / capture.name).write_text(capture.text, encoding="utf-8")
    return folder


def heldout_batch(count: int = 60, seed: int = 7) -> list[Capture]:
    """Three more made-up outlets, written AFTER the rules were tuned and never used to tune them:
    an en-dash suffix with a "Save article" top line and a newsletter promo at the end
    (Meridian Times), a site-name prefix "Ostrava Wire | Title" with a supporters line, and
    "Title | Section | Blue Ridge Report" with "Source:" lines (AFP wire copy) and a forum prompt."""
    rng = random.Random(seed)
    out: list[Capture] = []
    for i in range(count):
        title, section = _TOPICS[i % len(_TOPICS)]
        if i % 5 == 2:
            title = _TWO_SENTENCE[i % 3]
        if i % 7 == 3:
            title = _QUESTIONS[i % 3]
        body = _paragraphs(rng, rng.randint(3, 6))
        credit = None
        if i % 3 == 0:
            outlet = "Meridian Times"
            lines = [f"{title} \u2013 Meridian Times", "", "Save article", "", *_join(body), "",
                     "Want more stories like this? Sign up for the Meridian briefing"]
            site = ["Save article", "Want more stories like this?"]
        elif i % 3 == 1:
            outlet = "Ostrava Wire"
            lines = [f"Ostrava Wire | {title}", "", *_join(body), "", "Ostrava Wire is supported by readers like you"]
            site = ["Ostrava Wire is supported"]
        else:
            outlet = "Blue Ridge Report"
            credit = "Agence France-Presse" if i % 2 else None
            source = "AFP" if credit else "Blue Ridge Report"
            lines = [f"{title} | {section} | Blue Ridge Report", "", f"Source: {source}", "", *_join(body), "",
                     "Continue the conversation on our forum"]
            site = [f"Source: {source}", "Continue the conversation"]
        out.append(Capture(f"heldout-{i:03d}.txt", "\n".join(lines) + "\n", outlet, title, credit, None, site,
                           body[0][:60]))
    return out
