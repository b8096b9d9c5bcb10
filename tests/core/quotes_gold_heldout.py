"""Held-out gold quotations, written by reading before any change to the rules it measures.

A second gold for the issue "quotations a reporter can cite without checking", written by reading
stories that ``quotes_gold_real.py`` does not use, before any attribution rule was changed after
that first gold was made: it was measured first and then left alone, and the rules were tuned only
on the first gold's failures. So it shows whether those rules generalise to copy nobody tuned on.
Never edit an entry to match the program's output.

Stories (paths relative to ``../shared/corpora``): FA-KES Syrian-war copy (Reuters, AP via Sputnik,
Anadolu/Daily Sabah, TRT World, FARS, Yeni Safak) and ECB+ news text (a Greek riot, an Alaska arson,
a coach's firing; tokenised text with spaces before punctuation). Each entry is ``(fragment,
speakers)``: a piece of the quoted words as they stand, and the names that count as the right
speaker (a surname alone and the full name are the same person; an anonymous source counts under
the words the story describes it by). ``()`` means the text gives the quotation no speaker.

What they exercise, found by reading: ``"..." Homs Governor Talal Barazi said`` and then ``he told
Reuters`` / ``he added`` / ``Barazi added``; ``Speaking to Syrian state TV Barazi said "..."``
(colon-less introduction); ``"..." said UNICEF director Anthony Lake`` then ``added the UNICEF
director``; ``Asked about the attack Russias UN ambassador Vitaly Churkin responded "..."`` with a
continuation quote; unnamed sources (``the activist said``, ``the sources said``, ``they added``,
``a senior fire department official said`` then ``the official said``); organisations (``UNICEF
said in a statement``, ``the Syrian Observatory for Human Rights said``, ``the SOHR announced in a
statement``, ``the group said``); ``"..." Riad Hijab coordinator of the opposition HNC wrote to
Ban`` then ``he wrote``; present-tense ``says al-Hajj``; ``activist Bahaa al Halabi told dpa``;
``She added "..."``; ``she wrote , "...`` interrupting a quote; ``"..." Merkel told lawmakers``;
titles before names (``Deputy District Attorney``, ``EU Commissioner Olli Rehn``, ``Anchorage
businessman and blogger Andrew Halcro``) and appositions after them (``Robert McFarlane , an
assistant state attorney general said``, ``Ed Fogels , the deputy commissioner of ...``).
"""

from __future__ import annotations

BARAZI = ("Talal Barazi", "Barazi")
SOHR = ("Syrian Observatory for Human Rights", "SOHR", "Observatory", "the Observatory",
        "the Syrian Observatory for Human Rights")
SAEED = ("Mohammed Saeed", "Saeed")
UNICEF = ("UNICEF",)
HIJAB = ("Riad Hijab", "Hijab")
LAKE = ("Anthony Lake", "Lake")
CHURKIN = ("Vitaly Churkin", "Churkin")
ACTIVIST = ("activist", "the activist", "an activist", "an activist with the opposition Idlib Media Centre")
SOURCES = ("military sources", "sources", "the sources", "the military sources")
HAJJ = ("Ibrahim al-Hajj", "al-Hajj", "Hajj")
PSAKI = ("Jen Psaki", "Psaki")
RICE = ("Susan Rice", "Rice")
OPCW = ("OPCW", "Organization for the Prohibition of Chemical Weapons", "global chemical arms watchdog",
        "the global chemical arms watchdog", "watchdog", "the group")
OWEN = ("Jon Owen", "Owen")
HALCRO = ("Andrew Halcro", "Halcro")
OLSON = ("Karen Olson", "Olson")
WHITE_PAPER = ("White Paper", "a White Paper", "the white paper", "white paper")
FOGELS = ("Ed Fogels", "Fogels")
DAVIES = ("Darcy Davies", "Davies")
PAPANDREOU = ("George Papandreou", "Papandreou")
VAN_ROMPUY = ("Herman Van Rompuy", "Van Rompuy")
FIRE_OFFICIAL = ("official", "the official", "senior fire department official", "A senior fire department official",
                 "a senior fire department official")
MERKEL = ("Angela Merkel", "Merkel")
REHN = ("Olli Rehn", "Rehn")
PANAGOPOULOS = ("Yiannis Panagopoulos", "Panagopoulos")
DSK = ("Dominique Strauss - Kahn", "Dominique Strauss-Kahn", "Strauss - Kahn", "Strauss-Kahn")
KING = ("Billy King", "King")
OBRIEN = ("Jim O'Brien", "O'Brien")
SNIDER = ("Ed Snider", "Snider")

GOLD: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # Reuters: a governor quoted by several outlets, pronouns and "added" continuations.
    "fakes_syria/articles/fakes-0002.txt": [
        ("big human casualties", BARAZI),
        ("armed terrorist groups", BARAZI),
        ("I believe - God willing - that the human casualties are not big", BARAZI),
        ("support for the armed terrorist groups and it is an attempt", BARAZI),
        ("The Syrian leadership and Syrian policy will not change.", BARAZI),
        ("This targeting was not the first", BARAZI),
        ("The war against terrorism will continue.", BARAZI),
        ("national security interest", ("Donald Trump", "Trump")),
        ("targeted military positions in Syria and in Homs specifically", BARAZI),
        ("serve the goals of terrorism in Syria", BARAZI),
    ],
    # AP via Sputnik: a state agency quoting an unnamed official, an observatory, an activist.
    "fakes_syria/articles/fakes-0654.txt": [
        ("They are an attempt by to divert the UN commission", ("SANA", "SANA news agency", "state-run SANA news agency",
                                                                 "the state-run SANA news agency",
                                                                 "unnamed government official", "government official")),
        ("rockets with poisonous gas heads", ("activists",) + SOHR),
        ("to visit the stricken areas and to guarantee", SOHR),
        ("This is a massacre by chemical weapons", SAEED),
        ("The visit by the UN team is a joke", SAEED),
    ],
    # Yeni Safak: UNICEF statement, a letter, a statement "added", a director, HRW interview.
    "fakes_syria/articles/fakes-0377.txt": [
        ("Three attacks reportedly hit heavily crowded areas", UNICEF),
        ("UNICEF deplores these attacks", UNICEF),
        ("Russian and Syrian regime air raids on the region of Al-Quriyah", SOHR),
        ("Russian air forces have repeatedly deployed incendiary weapons", HIJAB),
        ("They have violated the Convention on Certain Conventional Weapons", HIJAB),
        ("The Syrian regime is responsible for 99 percent", ("Syrian Network for Human Rights", "SNHR", "statement",
                                                             "the statement")),
        ("The regime has committed crimes against humanity", ("Fadl Abdel-Ghani", "Abdel-Ghani")),
        ("We know large numbers of people have died in detention", ("Nadim Houry", "Houry")),
    ],
    # TRT World: a UN agency head, an anonymous activist, an ambassador's continuation quote.
    "fakes_syria/articles/fakes-0329.txt": [
        ("This is a tragedy. It is an outrage.", LAKE),
        ("warplanes either Russia or Syrian carried out six strikes", SOHR),
        ("One rocket hit the entrance of the school", ACTIVIST),
        ("repeatedly attacked", LAKE),
        ("When will the worlds revulsion", LAKE),
        ("Its horrible horrible. I hope we were not involved.", CHURKIN),
        ("Its the easiest thing for me to say no", CHURKIN),
        ("targeted children in their schools deliberately", ("National Coalition", "the National Coalition",
                                                             "Istanbul-based National Coalition")),
    ],
    # FARS: an observatory statement, then a run of quotes from "military sources" / "they".
    "fakes_syria/articles/fakes-0602.txt": [
        ("50 militants were killed during infighting", SOHR),
        ("The farms of Douma in the Eastern part", SOURCES),
        ("Abu Nasr the commander of Faylaq al-Sham", SOURCES),
        ("A vast wave of bomb attacks", SOURCES),
        ("Ahrar al-Sham also launched an operation", SOURCES),
        ("Suicide attacks killed at least 15 members", SOURCES),
        ("The ISIL and its terrorist rivals also engaged", SOURCES),
        ("The ISIL positions in al-Sham desert", SOURCES),
    ],
    # Daily Sabah: residents described by first name or role, present-tense "says".
    "fakes_syria/articles/fakes-0392.txt": [
        ("At least 27 civilians including three children", SOHR),
        ("Nothing about what the regime said about corridors is real", ("Mustafa",)),
        ("They want only a humanitarian corridor", HAJJ),
        ("People are waiting on Gods mercy.", HAJJ),
        ("We feel the earth trembling", ("Bahaa al Halabi", "Halabi", "al Halabi")),
        ("People are not safe anymore even in shelters", ("Yassin Abu Raed", "Abu Raed")),
        ("I am now going to eat my last potato", ("Rami",)),
    ],
    # Daily Sabah: a voice off camera (no speaker), a spokeswoman, "She added".
    "fakes_syria/articles/fakes-0364.txt": [
        ("Its a massacre of refugees", ()),
        ("Let the whole world see this", ()),
        ("The attack on the Abedin camp was nothing short of barbaric", PSAKI),
        ("Unfortunately if it is confirmed to be the work of the", PSAKI),
        ("ultimately have to result in Assads departure", RICE),
        ("You have an illegitimate and exceedingly violent leadership", RICE),
        ("glue holding them together", ("Tony Blinken", "Blinken")),
    ],
    # Daily Sabah: a watchdog "the group said", an unnamed foreign minister "he added".
    "fakes_syria/articles/fakes-0350.txt": [
        ("seriously concerned", OPCW),
        ("The Organization for the Prohibition of Chemical Weapons (OPCW) is seriously concerned", OPCW),
        ("gathering and analyzing information from all available sources", OPCW),
        ("In the face of such serious actions", ("foreign minister", "Frances foreign minister")),
    ],
    # ECB+ (tokenised): officials, a letter, a thesis, a white paper.
    "ecbplus/text/13_5ecbplus.txt": [
        ("You can't call it arson yet", OWEN),
        ("There was no lightning strike", OWEN),
        ("In July alone , they lost $300 , 000", HALCRO),
        ("Dissolution of the corporation has taken four years", ("Robert McFarlane", "McFarlane")),
        ("We will be making no further payment on our ARLF notes", OLSON),
        ("All our attempts to deal with our ARLF loans", OLSON),
        ("There are some who would say that Matanuska Creamery", OLSON),
        ("had we ignored our commitment back in 2007", OLSON),
        ("for 23 years without one single dime from the state", HALCRO),
        ("The Creamery Corporation has operated without financial assistance", WHITE_PAPER),
        ("In 2004 , 39 percent of the milk", WHITE_PAPER),
        ("It's all kind of a long and complicated story", FOGELS),
        ("That's kind of a good question", FOGELS),
        ("over $76 million", DAVIES),
        ("It is debatable", DAVIES),
        ("The state owns that", FOGELS),
    ],
    # ECB+ (tokenised): riots in Athens, leaders quoted across Europe, an anonymous official.
    "ecbplus/text/8_3ecbplus.txt": [
        ("A demonstration is one thing and murder is quite another", PAPANDREOU),
        ("We are all concerned by Greece's economic", VAN_ROMPUY),
        ("Several crucial minutes were lost", FIRE_OFFICIAL),
        ("If we had intervened earlier", FIRE_OFFICIAL),
        ("Nothing less than the future of Europe", MERKEL),
        ("We are at a fork in the road", MERKEL),
        ("absolutely nothing to do with the situation in Greece", VAN_ROMPUY),
        ("Greece is a unique and particular case in the EU", REHN),
        ("has cheated with its statistics for years", REHN),
        ("There was only one other solution for the country", PAPANDREOU),
        ("That was a real possibility", PAPANDREOU),
        ("These people are losing their rights", PANAGOPOULOS),
        ("The country cannot surrender without a fight", PANAGOPOULOS),
        ("Everyone must remain extremely vigilant", DSK),
        ("I completely understand the Greek population's anger", DSK),
        ("the situation would be infinitely more serious", DSK),
    ],
    # ECB+ (tokenised): a general manager quoted at length, a coach declining, an owner.
    "ecbplus/text/5_1ecbplus.txt": [
        ("In talking with Ed , we felt", KING),
        ("We think we owe it to our fans", KING),
        ("perfect fit", KING),
        ("not one of them said they wouldn't play for Jim", KING),
        ("In the interview process with Jim", KING),
        ("But in watching the season", KING),
        ("I'm not going to have any discussion about this", OBRIEN),
        ("He asked why , and I told him", KING),
        ("I really don't question Billy at all", SNIDER),
        ("I know what went on in the process", SNIDER),
        ("Mo is family", KING),
        ("Mo bleeds 76ers", KING),
        ("I look at Mo Cheeks and I know Mo Cheeks", KING),
        ("If players have problems with Mo Cheeks", KING),
        ("I look in the mirror every day", KING),
        ("I'm not somebody that's above scrutiny", KING),
    ],
}
