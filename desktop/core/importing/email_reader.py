"""Saved e-mails (.eml): newsletters, wire alerts and copy sent in by stringers.

The body is the text/plain part when there is one (it is what the sender wrote), else the
text/html part through the HTML reader's article extraction. Each part's declared charset is
tried first, with the same decode fallbacks as text files, because mail clients mislabel
charsets often. Headers are hints: Subject is the headline; the From display name is a byline
only when it looks like a person and the mail is not a forward, otherwise a sender such as
"The Daily Ledger Briefing" is a better outlet hint. Attachments are not imported; the report
says they were there.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from .decode import clean_text, decode_text
from .html_reader import extract_html_text, plausible_date
from .limits import Limits, OverLimit, text_too_long
from .types import Extracted, Rejected

__all__ = ["read_email"]

#: RFC 3676 signature separator: "-- " alone on a line; what follows is the sender's card.
_SIGNATURE_RE = re.compile(r"\n-- ?\n(?:.*\n?){0,12}\Z")
_PREFIX_RE = re.compile(r"^\s*((re|fwd?|aw|wg|tr|rv|sv|vs)\s*(\[\d+\])?\s*:\s*)+", re.I)
_FORWARD_RE = re.compile(r"^\s*(re\s*:\s*)*(fwd?|wg|tr)\s*:", re.I)
#: Words that mark a sender as an organisation or a mailing, not a person.
_ORG_WORDS = {
    "news", "newsletter", "daily", "weekly", "digest", "team", "alert", "alerts", "briefing",
    "times", "post", "journal", "editors", "editor", "desk", "updates", "update", "media", "press",
    "magazine", "morning", "evening", "today", "review", "report", "bulletin", "info", "service",
    "support", "the", "herald", "tribune", "gazette", "agency", "office", "group", "inc", "ltd",
    "llc", "club", "foundation", "institute", "center", "centre", "ministry", "council", "network",
    "online", "wire", "podcast", "edition", "reuters", "associated", "subscriptions", "via",
}
#: Lower-case particles that may start a word inside a person's name.
_NAME_PARTICLES = {"de", "da", "del", "della", "der", "van", "von", "bin", "bint", "ibn", "al",
                   "el", "la", "le", "du", "dos", "ter", "ten", "y"}
_BULK_SENDER_RE = re.compile(
    r"^(no-?reply|do-?not-?reply|newsletters?|news|alerts?|digest|info|editors?|updates?|"
    r"bulletins?|mailer|notifications?|hello|team|press|marketing|subscriptions?)\b", re.I)


def read_email(data: bytes, *, name: str, limits: Limits) -> Extracted:
    if not data.strip():
        raise Rejected("empty file" if not data else "file contains only white space")
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except RecursionError:
        raise OverLimit("e-mail nested too deeply (parts inside parts, deeper than can be read)") from None
    except Exception as exc:  # the parser is lenient; anything raised here is real damage
        raise Rejected(f"corrupt e-mail ({type(exc).__name__})") from None
    warnings: list[str] = []
    headers = any(_header(message, key) for key in ("From", "Subject", "Date"))
    if not headers:
        warnings.append("no e-mail headers found; read as plain text")
    body, text, encoding, cleaned = _body(message, warnings, limits, strict=not headers)
    source = message
    if body is None:
        forwarded = _forwarded_message(message)
        if forwarded is not None:
            body, text, encoding, cleaned = _body(forwarded, warnings, limits)
            if body is not None:
                source = forwarded  # its headers say who wrote the text, not the forwarder's
                warnings.append("text taken from the attached (forwarded) message")
    if body is None or not text.strip():
        raise Rejected("e-mail has no text or HTML body (only attachments or nothing)")
    if len(text) > limits.max_text_chars:
        raise text_too_long(len(text), limits)
    attachments = _attachment_names(message, body)
    if attachments:
        shown = ", ".join(attachments[:5]) + (", ..." if len(attachments) > 5 else "")
        warnings.append(f"ignored {len(attachments)} attachment{'s' if len(attachments) != 1 else ''}"
                        f" ({shown})")
    extracted = Extracted(text=text, format="eml", cleaned=cleaned, warnings=warnings,
                          encoding=encoding)
    _fill_metadata(extracted, source)
    return extracted


def _header(message: Any, key: str) -> Any:
    """A parsed header, or None when missing or too malformed for the stdlib to parse."""
    try:
        return message[key]
    except Exception:
        return None


def _body(message: Any, warnings: list[str], limits: Limits, *,
          strict: bool = False) -> tuple[Any, str, str | None, bool]:
    """``(part, text, encoding, cleaned)`` of the preferred body part; part is None if none.

    ``strict``: the "message" has no headers, so it is not mail at all; a body that is not
    text is refused with the text decoder's reason ("binary file, not text").
    """
    for kind in ("plain", "html"):
        try:
            part = message.get_body(preferencelist=(kind,))
        except Exception:
            part = None
        if part is None:
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        part_warnings: list[str] = []
        try:
            # An HTML part is mostly markup: only its extracted text is held to max_text_chars.
            decoded = decode_text(payload, declared=part.get_content_charset(),
                                  limits=limits if kind == "plain" else None)
        except OverLimit:
            raise
        except Rejected:
            if strict and part is message:
                raise
            continue  # empty or binary part: try the other kind
        part_warnings.extend(decoded.warnings)
        text, cleaned = decoded.text, False
        if kind == "plain":
            if (part.get_param("format") or "").lower() == "flowed":
                text = _unflow(text, (part.get_param("delsp") or "").lower() == "yes")
            text, signed = _SIGNATURE_RE.subn("", text, count=1)
            if signed:
                part_warnings.append("removed the e-mail signature")
        else:
            text, cleaned = extract_html_text(text, limits)
        text = clean_text(text.strip(), part_warnings)
        if text:
            warnings.extend(part_warnings)
            declared = part.get_content_charset()
            if declared and _codec(declared) != _codec(decoded.encoding):
                warnings.append(f"charset {declared} did not fit the text; read as {decoded.encoding}")
            return part, text, decoded.encoding, cleaned
    return None, "", None, False


def _codec(label: str) -> str:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label.lower()


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next line."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if out and out[-1].endswith(" ") and out[-1] != "-- ":
            out[-1] = (out[-1][:-1] if delsp else out[-1]) + line
        else:
            out.append(line)
    return "\n".join(out)


def _forwarded_message(message: Any) -> Any:
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is not None:
                return inner
    return None


def _attachment_names(message: Any, body: Any) -> list[str]:
    names: list[str] = []
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        try:
            filename = part.get_filename()
            attached = part.is_attachment()
        except Exception:
            filename, attached = None, True
        if attached or filename:
            names.append(filename or part.get_content_type())
    return names


def _fill_metadata(extracted: Extracted, message: Any) -> None:
    subject = str(_header(message, "Subject") or "")
    forwarded = bool(_FORWARD_RE.match(subject))
    title = " ".join(_PREFIX_RE.sub("", subject).split())
    extracted.title = title or None

    sender = _header(message, "From")
    try:
        address = sender.addresses[0] if sender is not None and sender.addresses else None
    except Exception:
        address = None
    if address is not None and not forwarded:
        display = " ".join((address.display_name or "").split()).strip("'\" ")
        if display and _looks_like_person(display, address.username or ""):
            extracted.authors = [display]
        elif len(display) >= 3 and "@" not in display:
            extracted.outlet = display

    date = _header(message, "Date")
    moment = getattr(date, "datetime", None) if date is not None else None
    if moment is not None:
        extracted.date = plausible_date(moment.year, moment.month, moment.day)
    language = str(_header(message, "Content-Language") or "")
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_,\s]|$)", language)
    extracted.language = match.group(1).lower() if match else None


def _looks_like_person(display: str, local_part: str) -> bool:
    """``"Layla Nasser"`` yes; ``"The Daily Ledger"``, ``"Alerts Desk"``, ``"noreply"`` no."""
    if _BULK_SENDER_RE.match(local_part) or any(c.isdigit() or c in "@|:!" for c in display):
        return False
    if "," in display:  # "Nasser, Layla"
        display = " ".join(reversed([p.strip() for p in display.split(",", 1)]))
    words = display.split()
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        bare = word.strip(".-'’")
        if bare.lower() in _ORG_WORDS:
            return False
        if bare[:1].islower() and bare.lower() not in _NAME_PARTICLES and not bare.lower().startswith("al-"):
            return False
        if bare.isupper() and len(bare) > 3:  # "BBC NEWS", "UNHCR"
            return False
    return True
