"""Blind gold quotations, written by reading before any change to the rules it measures.

A third gold for issue 15 ("quotations a reporter can cite without checking"), written by reading
stories that neither ``quotes_gold_real.py`` (the development gold) nor ``quotes_gold_heldout.py``
uses, before any attribution rule was changed in the round that followed the held-out gold. It is
measured only by its totals and never tuned on: nobody looks at its individual misses while
changing the rules, so it keeps showing how the rules do on copy nobody here has worked from.
Never edit an entry to match the program's output.

Stories (paths relative to ``../shared/corpora``): FA-KES Syrian-war copy (AFP, TRT World, Al
Jazeera style agency copy, Anadolu) and ECB+ news text (a death-penalty verdict, an Endangered
Species Act rule; tokenised text with spaces before punctuation). Each entry is ``(fragment,
speakers)``: a piece of the quoted words as they stand, and the names that count as the right
speaker (a surname alone and the full name are the same person unless the story has several
people of that surname; an anonymous source or an organisation counts under the words the story
describes it by).

What they exercise, found by reading: organisations speaking in statements (``the International
Federation of Red Cross ... (IFRC) said in a statement`` then ``IFRC said``; ``the charity said``;
``the army said in a statement`` then ``said the statement`` / ``it said``); titles and appositions
(``IFRC spokesman Benoit Carpentier told reporters``, ``Peter Maurer head of the International
Committee of the Red Cross said``, ``said Idris Nahsen a Kurdish official``); ``he said`` / ``she
said`` continuations with several people in the story; quotes in a paragraph after the speaker's
introduction; ``told AFP`` / ``told CNN`` / ``told the UN Security Council``; anonymous speakers (``a
pro-regime military source``, ``one juror said`` then ``a second juror added``); family members who
share a surname (``Chela Ortiz``, ``Rosa Ortiz``, ``Jeremy Ortiz``); colon-less ``said , "...``
introductions and ``Loyless said , "...``.
"""

from __future__ import annotations

IFRC = ("International Federation of Red Cross and Red Crescent Societies", "IFRC",
        "the International Federation of Red Cross and Red Crescent Societies")
ATTAR = ("Abdulrahman Attar", "Attar")
QRCS = ("Qatar Red Crescent Society", "QRCS", "the Qatar Red Crescent Society", "charity", "the charity")
LIU = ("Joanne Liu", "Liu")
NAHSEN = ("Idris Nahsen", "Nahsen")
EBDI = ("Mustafa Ebdi", "Ebdi")
MALAHIFJI = ("Zakaria Malahifji", "Malahifji")
KONASHENKOV = ("Igor Konashenkov", "Konashenkov")
KERRY = ("John Kerry", "Kerry")
SOHR = ("Syrian Observatory for Human Rights", "SOHR", "Observatory", "the Observatory", "monitor", "a monitor",
        "the monitor", "the Syrian Observatory for Human Rights", "monitoring group", "a monitoring group")
MATAR = ("Shadi Matar", "Matar")
AYRAULT = ("Jean-Marc Ayrault", "Ayrault")
SYRIAN_ARMY = ("army", "the army", "Syrian army", "the Syrian army")
SPICER = ("Sean Spicer", "Spicer")
MILITARY_SOURCE = ("pro-regime military source", "A pro-regime military source", "a pro-regime military source",
                   "military source", "source", "the source")
PESKOV = ("Dmitry Peskov", "Peskov")
RUSSIAN_ARMY = ("Russian army", "the Russian army", "army", "the army", "statement", "the statement",
                "Russian military", "the Russian military")
SAVCHENKO = ("Vladimir Savchenko", "Savchenko")
RYCROFT = ("Matthew Rycroft", "Rycroft")
SAFRONKOV = ("Vladimir Safronkov", "Safronkov")
CHELA = ("Chela Ortiz", "Chela")
ROSA = ("Rosa Ortiz", "Rosa")
JEREMY = ("Jeremy Ortiz", "Jeremy")
PERLO = ("Stan Perlo", "Perlo")
JUROR = ("juror", "one juror", "a juror")
SECOND_JUROR = ("second juror", "a second juror", "juror")
SALAZAR = ("Ken Salazar", "Salazar")
LOCKE = ("Gary Locke", "Locke")
LOYLESS = ("Betsy Loyless", "Loyless")
HUTCHINS = ("Michael Hutchins", "Hutchins")
GRIFO = ("Francesca Grifo", "Grifo")

GOLD: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # AFP: an aid convoy hit; an organisation's statement, a spokesman, a Red Crescent chief, the ICRC head.
    "fakes_syria/articles/fakes-0245.txt": [
        ("Around twenty civilians and one SARC", IFRC),
        ("Much of the aid was destroyed", IFRC),
        ("the attack deprives thousands of civilians", IFRC),
        ("succumbed to his injuries and died", ("Benoit Carpentier", "Carpentier")),
        ("totally devastated by the deaths", ATTAR),
        ("a committed and brave member of our family.", ATTAR),
        ("It is totally unacceptable that our staff", ATTAR),
        ("From what we know of yesterdays attack", ("Peter Maurer", "Maurer")),
    ],
    # A clinic bombed in Aleppo: a charity's statement, a doctor, MSF's president before the Security Council.
    "fakes_syria/articles/fakes-0103.txt": [
        ("Two patients killed and eight injured due to four bombs", QRCS),
        ("intervene and put an end to such direct attacks", QRCS),
        ("war crime", ("Hashem Darwish", "Darwish", "Dr. Hashem Darwish")),
        ("demanding", ("Doctors Without Borders", "MSF", "Doctors Without Borders [MSF]")),
        ("horrifically transformed", LIU),
        ("plainly failed to take any effect on the ground", LIU),
        ("This endeavor has failed due to a lack of political will", LIU),
        ("There can be no more waiting.", LIU),
    ],
    # Kobane street battles: a Kurdish official and an activist, each with "he said" continuations.
    "fakes_syria/articles/fakes-0572.txt": [
        ("are trying hard to capture the city", NAHSEN),
        ("We need help from the international community", NAHSEN),
        ("Either we finish them (IS) or they will finish us.", NAHSEN),
        ("They are fighting to defend their town", EBDI),
        ("The strikes hit the Mishtenur area", EBDI),
        ("arent gathered there", EBDI),
    ],
    # TRT World: the ceasefire ends; an opposition head, a UN official, a Russian general, Kerry.
    "fakes_syria/articles/fakes-0325.txt": [
        ("practically failed and has ended.", MALAHIFJI),
        ("There is no hope. It has been a number of days", MALAHIFJI),
        ("I am pained and disappointed", ("Stephen OBrien", "OBrien", "Stephen O'Brien", "O'Brien")),
        ("terrorists and the opposition", KONASHENKOV),
        ("boost their forces and prepare for renewed hostilities", KONASHENKOV),
        ("stop the grandstanding", KERRY),
        ("Russias client Russias supported friend", KERRY),
    ],
    # A gas attack: the monitor's words and the opposition's accusation.
    "fakes_syria/articles/fakes-0082.txt": [
        ("toxic gas", SOHR),
        ("toxic substances", ("opposition", "the opposition")),
    ],
    # TRT World: Daraya bombed after aid; an activist, a State Department spokesman, a French minister.
    "fakes_syria/articles/fakes-0323.txt": [
        ("because of the intensity of the raids.", MATAR),
        ("The last time people were filling the streets", MATAR),
        ("Such attacks are unacceptable in any circumstance", ("Mark Toner", "Toner")),
        ("extraordinary duplicity", AYRAULT),
        ("outraged beyond words", AYRAULT),
    ],
    # AFP: Khan Sheikhun; the army's statement, the White House and its spokesman, the UN envoy.
    "fakes_syria/articles/fakes-0288.txt": [
        ("terrorist groups", SYRIAN_ARMY),
        ("chemical and toxic substances", SYRIAN_ARMY),
        ("reprehensible", ("White House", "the White House")),
        ("confident in its assessment", SPICER),
        ("best interest", SPICER),
        ("clear identification of responsibilities", ("Staffan de Mistura", "de Mistura", "Mistura")),
        ("toxic gas", SOHR),
    ],
    # AFP: a rebel assault on Aleppo; the Observatory's head, a rebel, an anonymous source, the Kremlin.
    "fakes_syria/articles/fakes-0250.txt": [
        ("Rebel fighters have launched hundreds of rockets", ("Rami Abdel Rahman", "Abdel Rahman")),
        ("The advance will be from Dahiyet al-Assad", ("Yasser al-Youssef", "al-Youssef", "Youssef")),
        ("massive and coordinated", MILITARY_SOURCE),
        ("using Grad missiles and car bombs", MILITARY_SOURCE),
        ("considers it inappropriate at the current moment", PESKOV),
        ("continue the humanitarian pause", PESKOV),
    ],
    # AFP: the Russian army's statement quoted at length, then a general.
    "fakes_syria/articles/fakes-0246.txt": [
        ("Warplanes from the international anti-jihadist coalition", RUSSIAN_ARMY),
        ("Sixty-two Syrian soldiers were killed", RUSSIAN_ARMY),
        ("Straight after the coalitions strikes", RUSSIAN_ARMY),
        ("fierce fighting against the terrorists", RUSSIAN_ARMY),
        ("If these strikes were due to an error", RUSSIAN_ARMY),
        ("in support of the Syrian army by targeting IS", SAVCHENKO),
        ("A total of 10 strikes were carried out", SAVCHENKO),
    ],
    # Sarin findings at the Security Council: the British and the Russian ambassadors.
    "fakes_syria/articles/fakes-0087.txt": [
        ("Samples obtained from Khan Sheikhun", RYCROFT),
        ("tested positive for the nerve agent", RYCROFT),
        ("The United Kingdom therefore shares the US assessment", RYCROFT),
        ("amazed at this conclusion.", SAFRONKOV),
        ("No one has yet visited the site", SAFRONKOV),
        ("How do you know that?", SAFRONKOV),
    ],
    # ECB+: a death sentence; a family sharing a surname, jurors, a defence attorney, a prosecutor.
    "ecbplus/text/16_9ecbplus.txt": [
        ("We understand and we appreciate the gravity", CHELA),
        ("We appreciate everything they did", CHELA),
        ("I think , for all of us", CHELA),
        ("I just say thank God it is over", ROSA),
        ("It was too much some days", ROSA),
        ("to me it was too hard", ROSA),
        ("I had to hear that tape again", JUROR),
        ("Because if we were going to send him to jail", SECOND_JUROR),
        ("This way he can't harm anyone anymore", SECOND_JUROR),
        ("Our problem was we had no one to tell his story", PERLO),
        ("We were counting on his mom", PERLO),
        ("We made a lot of decisions", PERLO),
        ("I would add , personally", PERLO),
        ("The decision today made the family happy", PERLO),
        ("I've dealt with issues of death", PERLO),
        ("the death penalty rarely offers", PERLO),
        ("I'm kind of relieved that it's over", JEREMY),
        ("I'm happy with the verdict", JEREMY),
        ("It's not a happy day for anybody", ("Lowell Anger", "Anger")),
        ("We could never repay them", CHELA),
    ],
    # ECB+: an Endangered Species Act rule revoked; two secretaries, scientists, advocates.
    "ecbplus/text/9_11ecbplus.txt": [
        ("By rolling back this 11th hour regulation", SALAZAR),
        ("Because science must serve as the foundation", SALAZAR),
        ("For decades , the Endangered Species Act has protected", LOCKE),
        ("Our decision affirms the administration's commitment", LOCKE),
        ("The Obama administration has given a great gift", LOYLESS),
        ("The President has capped his first hundred days", LOYLESS),
        ("Many federal agencies do not have the scientific expertise", ("Stuart Pimm", "Pimm")),
        ("As the threats we face continue to evolve", ("Alan Thornhill", "Thornhill")),
        ("Politics plays a huge role in such decisions", HUTCHINS),
        ("Expert review and oversight are critical", HUTCHINS),
        ("Several last - minute Bush administration regulatory changes", GRIFO),
        ("The message from tens of thousands of scientists", GRIFO),
        ("Today , the Obama administration restored critical checks", GRIFO),
        ("But there is much more to be done", GRIFO),
    ],
}
