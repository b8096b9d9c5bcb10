"""The kinds of entity a conflict desk tags, with the labels the GUI and exports show.

Kept as plain strings (stored in SQLite, written to CSV/JSON) rather than an Enum so that a
desk's shared entity list stays readable and forward compatible.
"""

from __future__ import annotations

PERSON = "person"
ORGANISATION = "organisation"
ARMED_GROUP = "armed_group"
PLACE = "place"
WEAPON = "weapon"
EVENT = "event"
OTHER = "other"

#: Every kind, in the order the GUI lists them.
KINDS: tuple[str, ...] = (PERSON, ORGANISATION, ARMED_GROUP, PLACE, WEAPON, EVENT, OTHER)

#: What a reporter reads for each kind.
KIND_LABELS: dict[str, str] = {
    PERSON: "Person",
    ORGANISATION: "Organisation",
    ARMED_GROUP: "Armed group or unit",
    PLACE: "Place",
    WEAPON: "Weapon or equipment",
    EVENT: "Event",
    OTHER: "Other",
}


#: Short labels for narrow columns (the full label goes in the tooltip).
KIND_SHORT_LABELS: dict[str, str] = {
    PERSON: "Person", ORGANISATION: "Org.", ARMED_GROUP: "Group", PLACE: "Place",
    WEAPON: "Weapon", EVENT: "Event", OTHER: "Other",
}


def normalise_kind(value: str) -> str:
    """Map a label or loose spelling ("Armed group", "org", "location") to a stored kind."""
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "per": PERSON, "people": PERSON, "org": ORGANISATION, "organization": ORGANISATION,
        "armed_group_or_unit": ARMED_GROUP, "group": ARMED_GROUP, "militia": ARMED_GROUP,
        "unit": ARMED_GROUP, "loc": PLACE, "location": PLACE, "gpe": PLACE,
        "weapon_or_equipment": WEAPON, "equipment": WEAPON, "misc": OTHER,
    }
    v = aliases.get(v, v)
    if v not in KINDS:
        raise ValueError(f"unknown entity kind {value!r}; expected one of {', '.join(KINDS)}")
    return v
