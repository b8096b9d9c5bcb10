"""Gold quotations on real stories beyond the seeds, written by reading them before any rule was tuned.

Written for the issue "quotations a reporter can cite without checking" by reading each story in
``../shared/corpora`` (FA-KES Syrian-war stories, Reuters-21578 wire copy and ECB+ news text), not
from the program's output, and before the attribution rules were changed. Keyed by the file's path
relative to ``../shared/corpora``. Each entry is ``(fragment, speakers)``: a piece of the quoted words
as they stand in the story, and the names that count as the right speaker (more than one where the
text supports more than one reading, or where a surname, a full name and the name with its initials
are the same person). ``()`` means the text gives the quotation no speaker.

What the stories exercise, as found by reading: speech verbs after the quote (``"..." said Kurdi``,
``"..." Rudskoi said``) and before it (``Mogherini said the regime bears "..."``); colon introductions
(``James Miller-Day, director of County Securities Asia Ltd, said: "..."``, ``he said: "..."``);
``according to X``; ``told Reuters`` / ``told AFP`` / ``told Anadolu Agency`` / ``told The News``;
``said in a statement``; ``wrote on Facebook`` / ``said on Twitter`` / ``Williams wrote``;
appositions between name and verb, with and without commas (``Mohamad Abu Rajab a nurse based in a
hospital in eastern Aleppo``, ``Ammar al-Selmo the head of the Civil Defense rescue service ... told
Reuters``); multi-word titles before names (``Japanese finance ministry deputy director-general Fumiya
Iwasaki``, ``Russian defence ministry spokesman Igor Konashenkov``, ``New York City Councilman Jumaane
D . Williams``); pronouns resolved by gender and nearness (``she said`` after a woman named in the
sentence before, while a man was quoted last: Ann Clwyd, Susan Hackmann, Michelle Galanter
Applebaum); descriptions (``the minister``, ``the body``, ``the member of parliament from ...``,
``the source``, ``the company``); institutions (``the Russian defence ministry said in a statement``,
``state-run news agency SANA reported``) and continuation quotes (a quotation that is a paragraph or
sentence of its own after the speaker's first one).
"""

from __future__ import annotations

FRAZIER = ("John Frazier", 'John "Bud" Frazier', "Bud Frazier", "Frazier")
HACKMANN = ("Susan Hackmann",)
MEYER = ("Mark Meyer",)
BRADFORD = ("Charles Bradford",)
APPLEBAUM = ("Michelle Galanter Applebaum",)
IWASAKI = ("Fumiya Iwasaki",)
DALLARA = ("Charles H. Dallara", "Charles Dallara")
VENKI = ("S. Venkitaramanan", "Venkitaramanan")
SABAH = ("Sheikh Ali al-Khalifa al-Sabah", "Ali al-Khalifa al-Sabah")
AMC = ("American Motors Corp", "AMC")
ABU_RAJAB = ("Mohamad Abu Rajab",)
KIKI = ("Laila Kiki",)
PESKOV = ("Dmitry Peskov",)
MUHAJIR = ("Abu Yusef Muhajir",)
OBRIEN = ("Stephen OBrien",)
LAVROV = ("Sergei Lavrov",)
MOGHERINI = ("Federica Mogherini",)
HOLLANDE = ("Francois Hollande",)
BORIS = ("Boris Johnson",)
CLWYD = ("Ann Clwyd",)
MITCHELL = ("Andrew Mitchell",)
KONASHENKOV = ("Igor Konashenkov",)
FARIS = ("Leys al-Faris",)
MALAHIFJI = ("Zakaria Malahifji",)
ASSAD = ("Bashar al-Assad", "Bashar Assad", "Assad", "Bashar al Assad")
ADEEB = ("Mohamad Adeeb",)
SELMO = ("Ammar al-Selmo",)
LAERKE = ("Jens Laerke",)
RU_MOD = ("Russian defence ministry", "Russias defence ministry", "defence ministry", "Russian defense ministry")
ZAKHAROVA = ("Maria Zakharova",)
KING = ("Tishana King",)
HICKOK = ("Philip Hickok",)
CHELA = ("Chela Ortiz",)
PERLO = ("Stanley Perlo",)
STIRLING = ("Phil Stirling",)
WILLIAMS = ("Jumaane D . Williams", "Jumaane D. Williams", "Jumaane Williams")
MAHNEFAH = ("Mahnefah Gray",)
BROWN = ("Devonte Brown",)

GOLD: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # The New Arab on the aid convoy attack near Aleppo (no commas anywhere in this corpus).
    "fakes_syria/articles/fakes-0111.txt": [
        ("Were devastated by the deaths of so many people", ("Abdulrahman Attar",)),
        ("It was just a warehouse everyone knew this", ("Mona Kurdi",)),
        ("Aid distribution points like Urum al-Kubra are known locations", KIKI),
        ("not dead.", ("John Kerry",)),
        ("munitions hitting the convoy", KONASHENKOV),
        ("The convoy waiting at Bab al-Hawa never left", ("UN source", "source within the UN", "informed source within the UN")),
        ("It was calmer last week but today there was shelling", ABU_RAJAB),
        ("We lack equipment like CT scans", ABU_RAJAB),
        ("There is no way out", ABU_RAJAB),
        ("The people civilians they want to live in peace", ABU_RAJAB),
        ("blatant disregard for the lives of humanitarian workers", ("Kevin Kennedy",)),
        ("United Nations humanitarian agencies are needed now more than ever", ("OCHA", "Office for the Coordination of Humanitarian Affairs")),
        ("This attack seems like a new low.", KIKI),
        ("The situation will get worse", KIKI),
        ("Humanitarian aid is not a privilege.", KIKI),
    ],
    # AFP on the rebel assault in Aleppo: pronouns, "he told AFP", a statement.
    "fakes_syria/articles/fakes-0251.txt": [
        ("We have appealed to the Supreme Commander-in-Chief", ("Sergei Rudskoi",)),
        ("The Russian president considers it inappropriate", PESKOV),
        ("continue the humanitarian pause", PESKOV),
        ("The Russian side retains the right in case of extreme necessity", PESKOV),
        ("announce the start of the battle to break the siege of Aleppo", MUHAJIR),
        ("will end the regime occupation of western Aleppo", MUHAJIR),
        ("The breaking of the siege is inevitable", ("Yasser al-Yusef",)),
        ("the army has foiled an attempt by terrorists", ("State television", "state television")),
        ("a kill zone", OBRIEN),
        ("nothing is actually happening to stop the war", OBRIEN),
        ("not being professional enough", LAVROV),
        ("Their inaction allowed the medical evacuation to be sabotaged.", LAVROV),
        ("Such attacks if deliberate may amount to war crimes", ("Ban Ki-moon",)),
    ],
    # Khan Shaykhun chemical attack: reactions, "said in a statement", "the body said".
    "fakes_syria/articles/fakes-0056.txt": [
        ("toxic gas attack.", ("medical sources", "Syrian Observatory for Human Rights", "SOHR")),
        ("primary responsibility", MOGHERINI),
        ("Today the news is awful", MOGHERINI),
        ("Once again the Syrian regime will deny the evidence", HOLLANDE),
        ("reprehensible and cannot be ignored by the civilised world.", ("White House",)),
        ("These heinous actions by the Bashar al-Assad regime", ("Sean Spicer",)),
        ("held to account.", BORIS),
        ("President Erdogan touched on the use of chemical weapons", ("Turkish presidential sources", "presidential sources", "top residential sources")),
        ("Planes of the Russian air force have not carried out any strikes", RU_MOD),
        ("The National Coalition demands the [UN] Security Council", ("National Coalition", "Syrias opposition National Coalition")),
        ("calls into question", ("opposition", "National Coalition")),
        ("If the United Nations cannot deter the regime", ("Mohamad Sabra",)),
        ("does not and has not", ("regime military source", "military source")),
    ],
    # Boris Johnson and the Russian embassy: "she said" for the woman named before, descriptions.
    "fakes_syria/articles/fakes-0386.txt": [
        ("picketing", BORIS),
        ("Id certainly like to see demonstrations outside the Russian embassy", BORIS),
        ("wells of outrage are growing exhausted", BORIS),
        ("Where is the Stop the War Coalition at the moment?", BORIS),
        ("I would therefore call once again on everyone", CLWYD),
        ("Two million three million four million people.", CLWYD),
        ("The international community has an avowed responsibility to protect", MITCHELL),
        ("If that means confronting Russian airpower defensively", MITCHELL),
        ("war crime", HOLLANDE),
        ("Russophobic hysteria.", ("Moscow",)),
        ("storm in a teacup.", KONASHENKOV),
        ("The Russophobic hysteria that is regularly fueled", KONASHENKOV),
        ("The alleged evidence you say you have", KONASHENKOV),
        ("truly ashamed for", ZAKHAROVA),
    ],
    # Anadolu / Reuters on Idlib and the Castello road: "told Anadolu Agency", "he said".
    "fakes_syria/articles/fakes-0371.txt": [
        ("At least 36 people were killed and 50 others injured", FARIS),
        ("massacre", FARIS),
        ("Rescuers are looking for survivors following the attack", FARIS),
        ("The regime was not able to cut the road by land", MALAHIFJI),
        ("Whoever wants to go on the Castello road", MALAHIFJI),
        ("Its been this way for 10 or 12 days.", MALAHIFJI),
        ("every inch", ASSAD),
        ("graveyard", ASSAD),
        ("Why this threat?", ("pro-Damascus source", "source")),
        ("Castello is the road to death to Aleppo.", ADEEB),
        ("I saw death with my own eyes", ADEEB),
        ("It is a difficult and dangerous period we are going through.", ("Abu Yassine",)),
    ],
    # Reuters / AP on Aleppo and aid convoys: "told Reuters" after an uncommaed appositive.
    "fakes_syria/articles/fakes-0328.txt": [
        ("Its as if the planes are trying to compensate", SELMO),
        ("It was like there was coordination between the planes", SELMO),
        ("It was the heaviest air strikes for months inside Aleppo city", ("Rami Abdulrahman",)),
        ("We are sending today an inter-agency convoy", LAERKE),
        ("We will advise on the exact locations", LAERKE),
        ("When you talk about it as part of a global conflict", ASSAD),
        ("doesnt have the will", ASSAD),
        ("I dont believe the United States will be ready to join Russia", ASSAD),
    ],
    "fakes_syria/articles/fakes-0711.txt": [
        ("Clashes are too violent.", ("activists", "Syrian activists")),
        ("An army unit engaged with an armed terrorist group", ("SANA",)),
        ("killed many terrorists of Al-Nusra Front", ("SANA",)),
    ],
    "fakes_syria/articles/fakes-0653.txt": [
        ("absolutely baseless", ("Assad regime", "regime")),
        ("armed terrorist groups used chemical weapons.", ("state news agency",)),
        ("The Syrian Army achieved major progress in the past days", ("Syrian state TV", "state TV")),
        ("All the information we have is converging", ("Laurent Fabius",)),
    ],
    # The Russian defence ministry on Belgian jets; Zakharova "wrote on Facebook".
    "fakes_syria/articles/fakes-0094.txt": [
        ("Six people were killed and four people injured", RU_MOD),
        ("Two of Belgiums F-16s were identified at that time", RU_MOD),
        ("There were no Russian and Syrian air force planes in this region.", RU_MOD),
        ("strongly condemning strikes against civilian targets", ZAKHAROVA),
        ("I think that photographs of the dead will not be difficult to find", ZAKHAROVA),
    ],
    # Reuters 1987: analysts, "she said" for the woman named last.
    "reuters21578/articles/reuters-11739.txt": [
        ("the first report we've had for a long time", FRAZIER),
        ("I'm really excited about it", FRAZIER),
        ("if the bell rang right now.", FRAZIER),
        ("We're getting our disappearance up.", FRAZIER),
        ("We're seeing low prices generate some interest in demand", MEYER),
        ("We have the potential for record breaking soybean yields", HACKMANN),
        ("We'll need very good disappearance next year", HACKMANN),
        ("But we still have a long way to go", HACKMANN),
        ("There seems to be no desire", FRAZIER),
        ("We are seeing the program beginning to work", MEYER),
    ],
    "reuters21578/articles/reuters-15639.txt": [
        ("It's that time of year.", BRADFORD),
        ("Orders will be strong for about two months", BRADFORD),
        ("There is still some attractiveness to steels", ("Clarence Morrison",)),
        ("It's not a high-quality investment situation yet", BRADFORD),
        ("We think the stock will do moderately better than the market", BRADFORD),
        ("We had a buy on it below 20", BRADFORD),
        ("But a lot depends on oil prices", BRADFORD),
        ("The company's done a lot", APPLEBAUM),
        ("I think (steel) prices on a bookings basis", ("Peter Marcus",)),
        ("But there are more positives than negatives", APPLEBAUM),
    ],
    "reuters21578/articles/reuters-11782.txt": [
        ("I don't like the concept of", ("James Miller-Day",)),
        ("(The issues) came at a time when world stock markets", ("Barry Yates",)),
    ],
    # Colon introductions, "told Reuters", "told the meeting", "He said:".
    "reuters21578/articles/reuters-17371.txt": [
        ("I am not 100 pct satisfied with the performance of the ADB", IWASAKI),
        ("The Asian economy is now changing.", IWASAKI),
        ("So far, we have confidence in Mr Fujioka's leadership", IWASAKI),
        ("The success of the Bank should not be measured", DALLARA),
        ("Project quality is an area which has attracted attention", DALLARA),
        ("Bad projects benefit neither the Bank nor its borrowers.", ("C. J. Hurford", "C.J. Hurford", "Hurford")),
        ("We are concerned with the Bank's increasing preoccupation", VENKI),
        ("We have expressed our unhappiness", VENKI),
    ],
    # "was quoted by the local daily al-Qabas as saying:", "the minister said".
    "reuters21578/articles/reuters-00236.txt": [
        ("None of the OPEC members has asked for such a meeting.", SABAH),
        ("This rumour is baseless.", SABAH),
        ("If we can sell more than our quota at official prices", SABAH),
        ("a challenge to any international oil company", SABAH),
        ("We expected such pressure.", ("Fernando Santos Alvite",)),
    ],
    # "the company said in a statement", continuation, "Northard said:".
    "reuters21578/articles/reuters-00660.txt": [
        ("alternative location", AMC),
        ("We sincerely regret this outcome", AMC),
        ("We will, therefore, initiate the actions necessary", AMC),
        ("will not be getting new work", AMC),
        ("This unfortunate outcome demonstrates the difficulty", AMC),
        ("If the union came to us and said they would accept", ("Lloyd Northard",)),
    ],
    # "according to Zack" after the quotation.
    "reuters21578/articles/reuters-04503.txt": [
        ("revised, last and best final offer,", ("Allen Zack",)),
    ],
    # ECB+ (tokenised text, one sentence a line): "told the Daily News", "she said", "the source said".
    "ecbplus/text/19_4ecbplus.txt": [
        ("bird ’ s - eye view", KING),
        ("I ’ m certain he didn ’ t have anything in his hands", KING),
        ("His partner went over to him", KING),
        ("I couldn ’ t see what the kids were doing", KING),
        ("They ’ re just asked to say what happened", ("police source", "source")),
        ("from the angle I was at", KING),
        ("Kimani started backing up", KING),
        ("The cop took out his gun and started firing at Kimani", KING),
        ("His ( Gray ’ s ) hands were down", KING),
        ("I couldn ’ t believe he let off", KING),
        ("earwitness", ("Raymond Kelly",)),
    ],
    "ecbplus/text/16_10ecbplus.txt": [
        ("absolutely warrants death instead of life without parole", HICKOK),
        ("a cold - blooded , vicious murder", HICKOK),
        ("colossal", HICKOK),
        ("The murder was committed without regard", HICKOK),
        ("( Orozco ) arranged to have witnesses", HICKOK),
        ("Why did you do it", (*CHELA, "Jeremy Ortiz")),
        ("I want you to know you did not break our family", CHELA),
        ("Our Jerry is in heaven", CHELA),
        ("And you will always be remembered as a coward", CHELA),
        ("very pro death", PERLO),
        ("It's a tragic situation with nothing but a sad ending", ("Robin Yanes",)),
        ("predator", STIRLING),
        ("He is a killer", STIRLING),
        ("He'll probably live a much longer , healthier life", PERLO),
    ],
    # "said on Twitter", "Williams wrote", "told NY1", "according to the New York Times", "quoted ... as saying".
    "ecbplus/text/19_6ecbplus.txt": [
        ("NYPD / KKK / how many kids will you kill today", ("March participants", "participants", "witnesses")),
        ("I'm in the middle of the riot action", WILLIAMS),
        ("Tonight was a peaceful vigil that devolved into a riot", WILLIAMS),
        ("The youth in this community have no outlets for their anger", WILLIAMS),
        ("suspiciously", ("officers", "officers involved in the shooting")),
        ("to squeeze it", MAHNEFAH),
        ("skinny waist", MAHNEFAH),
        ("They thought he was grabbing back to get a gun", MAHNEFAH),
        ("He's 16 years old", MAHNEFAH),
        ("Stay down , or we ’ ll shoot you again", ("police",)),
        ("The cops , they just jumped out of the car so fast", BROWN),
        ("They started shooting him and he went down", BROWN),
    ],
}
