"""Gold quotations for the five seed articles, written by reading them (not from the code's output).

Keyed by the seed file's three-digit prefix. Each entry is ``(fragment, speakers)``: a piece of
the quoted words as they stand in the cleaned body the importer stores, and the speaker names
that count as right (several where the text itself supports more than one reading, e.g. "The
U.S. statement" is the Pentagon's statement). ``()`` would mean "no speaker in the text"; no
seed quotation is unattributed. Every direct quotation in the seeds is listed (59), including
short ones a speaker is credited with ("what he called a 'terrorist attack'"): the seeds use
straight double quotes (000, 001, partly 004), curly quotes (003, 004, with two mismatched
pairs in 004) and doubled apostrophes (002).
"""

from __future__ import annotations

PMF = ("Popular Mobilization Forces", "spokesperson for the Popular Mobilization Forces")
JOC = ("Iraq's Joint Operations Command", "Joint Operations Command", "Iraqi Joint Operations Command")
ESPER = ("Mark Esper",)
PENTAGON = ("Pentagon",)
KH = ("Kataib Hezbollah",)

GOLD: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    # Newsweek
    "000": [
        ("there have been raids from unknown sources", PMF),
        ("What was targeted a short while ago", PMF),
        ("The aircraft that targeted Jurf al-Nasr", PMF),
        ("The coalition strike targeted Karbala Airport", ("Ghazwan al-Aysawi",)),
        ("The airport is located on the area bordering Najaf", ("Ghazwan al-Aysawi",)),
        ("conducted defensive precision strikes against Kata'ib Hizbollah", PENTAGON),
        ("These strikes targeted five weapon storage facilities", PENTAGON),
        ("These strikes were defensive, proportional, and in direct response", PENTAGON),
        ("will not tolerate attacks against our people, our interests, or our allies", ESPER),
        ("As we have demonstrated in recent months", ESPER),
        ("an American aggression occurred by aerial bombardment",
         ("Security Media Cell", "Iraqi military's Security Media Cell", "Iraqi Security Media Cell")),
        ("18 107mm Katyusha rockets", ("U.S.-led coalition",)),
        ("those who carried out the accurate jihadi operation", KH),
        ("to expel the evil aggressors from the land of the holy shrines", KH),
        ("hostile forces, most likely Shia militia groups", ("Kenneth McKenzie",)),
        ("While we are still investigating the attack", ("Kenneth McKenzie",)),
        ("serious discussions are taking place", JOC),
        ("impede these efforts and complicate the situation in Iraq", JOC),
        ("dangerous and hostile act", JOC),
        ("terrorist attack", ("Barham Salih",)),
        ("all sides to exercise restraint and calm", ("Barham Salih",)),
    ],
    # VOA
    "001": [
        ("defensive, proportional, and in direct response to the threat", PENTAGON),
        ("significantly degrade their ability to conduct future attacks against Operation", ("Pentagon", "U.S.")),
        ("The U.S. will not tolerate attacks against our people our interests or our allies", ESPER),
        ("You don't get to shoot at our bases", ESPER),
        ("red line", ("Kenneth McKenzie",)),
        ("the only group known to have previously conducted", ("Kenneth McKenzie",)),
        ("Bless those who implemented the precision jihadi operation", KH),
        ("We hold their hands", KH),
        ("now is the most appropriate time for the national and popular forces", KH),
        ("terrorist attack", ("Iraq's presidency", "Iraqi presidency")),
        ("Ample intelligence indicates the [Iranian] regime's desire", ("Kenneth McKenzie",)),
        ("Going forward it is CENTCOM's objective", ("Kenneth McKenzie",)),
        ("in the process of bringing in", ("Kenneth McKenzie",)),
    ],
    # The New Arab (doubled apostrophes)
    "002": [
        ("The United States will not tolerate attacks against our people, our interests, or our allies", ESPER),
        ("As we have demonstrated in recent months", ESPER),
        ("significantly degrade", ("Alyssa Farah",)),
        ("ability to conduct future strikes", ("Alyssa Farah",)),
        ("We will take any action necessary to protect our forces", ESPER),
        ("coalition stands shoulder to shoulder in Iraq", ("Ben Wallace",)),
        ("those who seek to harm our (UK) armed forces", ("Ben Wallace",)),
        ("slap on the face", ("Iran's supreme leader",)),
    ],
    # AP copy, no headline
    "003": [
        ("These strikes were defensive, proportional, & in direct response", ("Alyssa Farah",)),
        ("The United States will not tolerate attacks against our people, our interests, or our allies", ESPER),
        ("As we have demonstrated in recent months", ESPER),
        ("These terror groups must cease their attacks", PENTAGON),
    ],
    # MPR News (AP)
    "004": [
        ("to significantly degrade their ability to conduct future attacks", ("Defense Department", "Pentagon")),
        ("The United States will not tolerate attacks against our people, our interests, or our allies", ESPER),
        ("As we have demonstrated in recent months", ESPER),
        ("defensive, proportional and in direct response to the threat", PENTAGON),
        ("aggression", ("Iraqi military",)),
        ("We're going to take this one step at a time", ESPER),
        ("You don't get to shoot at our bases", ESPER),
        ("We'll see what the response is", ("Trump", "Donald Trump")),
        ("with a high degree of certainty", ("Mark Milley",)),
        ("red line", ("Frank McKenzie",)),
        ("a good understanding of where our red line is", ("Frank McKenzie",)),
        ("We are focused on the group that we believe perpetrated this in Iraq", ESPER),
        ("What has not been changed is their continuing desire", ("Frank McKenzie",)),
    ],
}

#: The Defense Secretary's statement, carried by all five stories.
ESPER_STATEMENT = "will not tolerate attacks against our people"
