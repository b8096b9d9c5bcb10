"""Word lists the quotation finder and the speaker resolver share.

Kept in one place, as plain frozensets of lowercase words, so that a desk can see (and extend)
what the heuristics know: which verbs attribute speech, which words are titles before a name,
which nouns make a phrase an organisation. They are deliberately small and English-only: the
archive's conflict coverage is English wire copy, and a word missing here costs one attribution,
not a wrong one.
"""

from __future__ import annotations

#: Finite verbs that attribute a quotation or reported speech to their subject.
SPEECH_VERBS: frozenset[str] = frozenset(
    ["said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "wrote", "writes", "asked", "asks", "explained", "explains", "noted", "notes", "insisted", "insists", "argued", "argues", "claimed", "claims", "declared", "declares", "announced", "acknowledged", "affirmed", "warned", "warns", "cautioned", "blamed", "blames", "called", "calls", "described", "describes", "denounced", "condemned", "praised", "urged", "urges", "appealed", "confirmed", "continued", "replied", "responded", "tweeted", "posted", "reported", "recalled", "vowed", "pledged", "threatened", "hinted", "denied", "accused", "stressed", "emphasised", "emphasized", "demanded", "promised", "predicted", "suggested", "admitted", "conceded", "remarked", "observed", "commented", "testified", "shouted", "quipped", "boasted", "complained", "alleged", "charged", "maintained", "reiterated", "repeated", "concluded", "recounted", "estimated", "mentioned", "wrote"]
)

#: Participles ("..., saying", "telling reporters"): their subject is the clause's subject.
SPEECH_PARTICIPLES: frozenset[str] = frozenset(
    ["saying", "telling", "adding", "describing", "calling", "warning", "noting", "arguing", "insisting", "stressing", "writing", "urging", "declaring", "explaining", "claiming", "asking", "vowing", "stating", "threatening", "accusing"]
)

#: Verbs after which an inverted subject may follow a quotation ("..." said Esper).
INVERTABLE_VERBS: frozenset[str] = frozenset(
    ["said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "continued", "explained", "noted", "told", "insisted", "replied"]
)

#: Words skipped between a subject and its verb ("Esper further warned", "had also hinted").
ADVERBS: frozenset[str] = frozenset(
    ["also", "further", "later", "then", "earlier", "again", "meanwhile", "however", "too", "instead", "now", "quickly", "swiftly", "had", "has", "have", "was", "were", "is", "would", "will", "just", "once", "initially", "still", "previously", "reportedly", "repeatedly", "separately", "recently", "subsequently", "publicly", "privately", "yesterday", "today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)

#: Days and times that may sit between a subject and a verb ("Kataib Hezbollah on Thursday denied").
TIME_WORDS: frozenset[str] = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "week", "month", "year", "morning", "evening", "night"]
)
#: Words that introduce a time expression before a verb ("last September", "on Thursday").
TIME_LEADS: frozenset[str] = frozenset(["on", "last", "this", "early", "late", "in", "earlier"])
#: Nouns of the adverbial "in a statement" / "in an interview" that may sit before a verb.
MEDIUM_NOUNS: frozenset[str] = frozenset(
    ["statement", "interview", "tweet", "speech", "letter", "message", "post", "video", "briefing", "conference", "call"]
)
#: Plural speakers that are groups, not one person ("activists said", "the sources added").
GROUP_NOUNS: frozenset[str] = frozenset(
    ["activists", "sources", "officials", "residents", "witnesses", "rebels", "monitors", "diplomats", "medics"]
)

#: Lowercase nouns that name a person by role.
PERSON_ROLES: frozenset[str] = frozenset(
    ["spokesperson", "spokesman", "spokeswoman", "spokespeople", "secretary", "minister", "official", "officer", "commander", "head", "chief", "chairman", "chairwoman", "chair", "leader", "president", "director", "ambassador", "envoy", "general", "colonel", "captain", "sergeant", "adviser", "advisor", "aide", "diplomat", "governor", "mayor", "lawmaker", "senator", "analyst", "resident", "witness", "source", "doctor", "medic", "soldier", "fighter", "activist", "researcher", "prosecutor", "judge", "negotiator", "representative", "deputy", "premier", "monarch", "king", "cleric", "member", "coordinator", "delegate", "nurse", "councilman", "councilwoman", "congressman", "congresswoman", "commissioner", "lawyer", "attorney", "economist", "expert", "journalist", "correspondent", "editor", "manager", "executive", "founder", "campaigner", "worker", "volunteer", "paramedic", "survivor", "victim", "woman", "man", "widow", "mother", "father", "teacher", "student", "farmer", "pair", "duo"]
)

#: Lowercase nouns that make a phrase an institution ("the Iraqi military", "the ministry").
ORG_NOUNS: frozenset[str] = frozenset(
    ["military", "army", "ministry", "government", "presidency", "command", "statement", "group", "militia", "militias", "coalition", "cell", "forces", "police", "agency", "office", "embassy", "department", "council", "committee", "parliament", "authority", "authorities", "administration", "navy", "regime", "movement", "party", "organisation", "organization", "officials", "sources", "units", "brigade", "brigades", "observatory", "commission", "court", "activists", "residents", "witnesses", "rebels", "monitors", "monitor", "network", "media", "company", "firm", "bank", "union", "station", "channel", "broadcaster", "newspaper", "daily", "television", "tv", "agency", "opposition", "regime", "body", "charity"]
)

#: Capitalised words that make a name an organisation ("Joint Operations Command").
ORG_WORDS: frozenset[str] = frozenset(
    ["forces", "command", "cell", "group", "units", "department", "ministry", "army", "navy", "force", "corps", "council", "committee", "office", "agency", "organization", "organisation", "coalition", "government", "presidency", "pentagon", "hezbollah", "hizbollah", "hamas", "taliban", "isis", "isil", "brigade", "brigades", "front", "party", "movement", "authority", "commission", "union", "nations", "embassy", "observatory", "center", "centre", "institute", "association", "network", "service", "services", "police", "guard", "court", "parliament", "congress", "senate", "kremlin", "reuters", "afp", "ap", "newsweek", "times", "post", "network", "bureau", "administration", "military", "ministry", "intelligence", "staff", "mobilization", "mobilisation", "jihad", "qaeda", "houthis", "houthi", "kataib", "kataeb", "daesh", "daish", "nusra", "sana", "corp", "corporation", "inc", "ltd", "plc", "co", "company", "bank", "tv", "television", "union", "alliance", "board"]
)

#: States and capitals that speak as institutions ("Iran said", "Washington warned").
STATES: frozenset[str] = frozenset(
    ["iran", "iraq", "syria", "israel", "russia", "turkey", "lebanon", "jordan", "egypt", "yemen", "saudi", "qatar", "britain", "uk", "u.k.", "us", "u.s.", "usa", "america", "ukraine", "china", "france", "germany", "washington", "tehran", "baghdad", "damascus", "moscow", "ankara", "beirut", "jerusalem", "riyadh", "london", "paris", "kyiv", "beijing", "nato", "un"]
)

#: Capitalised title words before a name, kept as the speaker's role ("Defense Secretary").
TITLE_WORDS: frozenset[str] = frozenset(
    ["secretary", "minister", "president", "vice", "prime", "gen.", "gen", "general", "lt.", "lt", "col.", "col", "maj.", "maj", "capt.", "capt", "sgt.", "sgt", "cpl.", "cpl", "lance", "adm.", "admiral", "marine", "marines", "army", "navy", "air", "chief", "commander", "spokesman", "spokeswoman", "spokesperson", "defense", "defence", "state", "foreign", "interior", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor", "ambassador", "dr.", "mr.", "mrs.", "ms.", "sheikh", "ayatollah", "king", "queen", "prince", "pope", "judge", "justice", "officer", "director", "chairman", "deputy", "supreme", "leader", "lieutenant", "colonel", "major", "captain", "sergeant", "corporal", "private", "brig.", "brigadier", "british", "american", "iraqi", "iranian", "syrian", "israeli", "russian", "turkish", "kurdish", "saudi", "pentagon", "white", "house", "press", "u.s.", "us", "uk", "u.k.", "former", "acting", "top", "senior", "dr", "mr", "mrs", "ms", "prof", "sir", "rev", "commissioner", "councilman", "councilwoman", "congressman", "congresswoman", "police", "oil", "finance", "labour"]
)

#: Name particles that are part of a surname ("al-Aysawi", "bin Salman").
PARTICLES: frozenset[str] = frozenset(["al", "al-", "el", "el-", "bin", "ibn", "abu", "abd", "abdul", "de", "del", "da", "van", "von", "der"])

#: Pronouns that stand for a person or an institution.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
ORG_PRONOUNS: frozenset[str] = frozenset({"it", "they"})

#: Words before a quotation that mark it as the title of a work, not a statement.
WORK_NOUNS: frozenset[str] = frozenset(
    ["book", "film", "movie", "song", "album", "novel", "documentary", "play", "poem", "series", "show", "programme", "program", "titled", "entitled", "headlined", "article", "column", "op-ed", "hashtag", "slogan", "banner", "report", "episode", "newspaper", "magazine"]
)

#: Lowercase words allowed inside a noun phrase naming a speaker.
NP_LINKS: frozenset[str] = frozenset(["of", "for", "with", "at", "in", "the", "a", "an", "from"])
NP_MODIFIERS: frozenset[str] = frozenset(
    ["supreme", "top", "senior", "local", "security", "state", "federal", "media", "relations", "defense", "defence", "foreign", "national", "deputy", "former", "state-sponsored", "paramilitary", "military's", "government's", "iraqi", "iranian", "militant"]
)
DETERMINERS: frozenset[str] = frozenset(["the", "a", "an", "this", "that"])

#: Given names that are usually a woman's, across the languages of international news (general
#: knowledge; the app's shared list of given names says only that a word is a given name).
FEMALE_GIVEN_NAMES: frozenset[str] = frozenset(
    """abby abigail adriana agnes aisha alexandra alice alicia alison alyssa amal amanda amber amina amy
    ana anastasia andrea angela angelina angelique ann anna anne annette annie antonia asma audrey ayesha
    barbara beatrice beatriz bella beth betty beverly bianca brenda bridget brigitte camila carla carmen
    carol caroline carolyn catherine cecilia celine chantal charlotte chela cheryl christina christine
    cindy claire clara claudia colette connie cynthia dalia dana daniela danielle dawn deborah debra
    denise diana diane dina dolores donna doris dorothy edith eileen elaine elena elisabeth elizabeth
    ella ellen elsa emily emma erica esther eva evelyn fatima fatma federica fiona frances francesca
    gabriela gabrielle gail gina gloria grace hana hanan hannah heather heba helen helena hilary hillary
    hind hoda huda ingrid irene iris irina isabel isabella jacqueline jane janet janice jasmine jean
    jennifer jessica jill joan joanna jocelyn josephine joy joyce judith judy julia julie karen
    katarzyna kate katherine kathleen kathryn kathy katie kelly kim kimberly laila lama lara laura lauren
    layla leila lena leyla lina linda lisa liz lorraine louise lucia lucy lydia lynn madeleine magda
    maha mahnefah malak manal margaret margarethe margot maria mariam marian marie marina marion marta
    martha mary maryam maya meghan melanie melissa mia michelle mirna miriam mona monica nada nadia
    nadine nancy naomi natalia natalie natasha nicola nicole nina noor nora nour olga olivia paola
    patricia paula pauline penny rachel rana rania rebecca reem rima rita roberta rosa rose ruth sabine
    salma samantha samar sandra sara sarah shannon sharon sheila shirin silvia simone sofia sonia sophia
    sophie stephanie susan susanne suzanne svetlana sylvia tamara tanya teresa theresa tina tishana
    ursula valentina valerie vanessa vera veronica victoria virginia wendy yasmin yasmine yulia yvonne
    zainab zeinab zoe""".split()
)
#: Given names used for women and men alike: they say nothing about "he" or "she".
UNISEX_GIVEN_NAMES: frozenset[str] = frozenset(
    "alex andrea ashley chris dana jamie jean jordan kim lee leslie nur pat robin sam shannon taylor".split()
)
#: Role and title words that say a person is a woman or a man.
FEMALE_WORDS: frozenset[str] = frozenset(
    """spokeswoman chairwoman congresswoman councilwoman businesswoman policewoman mrs ms miss madam
    queen princess lady dame empress widow mother sister daughter wife woman girl actress grandmother
    aunt niece""".split()
)
MALE_WORDS: frozenset[str] = frozenset(
    """spokesman chairman congressman councilman businessman policeman mr sir king prince lord emperor
    widower father brother son husband man boy grandfather uncle nephew""".split()
)
