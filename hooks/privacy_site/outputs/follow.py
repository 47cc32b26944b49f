"""The "Follow changes" page (``/follow/``, every language): how a family hears of each
change without visiting, in the order most families can use it: an e-mail from the
district's mailing list in their language, the dates in their phone's calendar, a feed
reader. Plain data for ``overrides/follow.html``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import urls
from ..reading.notify_config import Notify

FOLLOW = "follow/"
CALENDAR = "changes/calendar.ics"
FEED = "changes/feed.xml"


@dataclass(frozen=True)
class FollowView:
    list_address: str | None  # the mailing list in the page's language, if the district has one
    join: str | None  # where a family joins it, if the district gave the link
    calendar: str  # site path of the calendar (``es/changes/calendar.ics``)
    webcal: str | None  # ``webcal://host/.../calendar.ics``, when the site's address is known
    feed: str  # site path of the Atom feed


def follow_view(notify: Notify, lang: str, default: str, site_url: str | None) -> FollowView:
    prefix = urls.lang_prefix(lang, default)
    mailing_list = notify.for_language(lang)
    return FollowView(
        list_address=mailing_list.address if mailing_list else None,
        join=(mailing_list.join if mailing_list else None) or notify.join.get(lang),
        calendar=prefix + CALENDAR,
        webcal=webcal(prefix + CALENDAR, site_url),
        feed=prefix + FEED,
    )


def webcal(path: str, site_url: str | None) -> str | None:
    """The calendar's subscription link: its https address with the scheme phones
    subscribe with (a calendar app opens ``webcal://`` links; a browser downloads ``.ics``)."""
    if not site_url:
        return None
    absolute = urls.absolute(path, site_url)
    parts = urlsplit(absolute)
    return "webcal://" + absolute[len(parts.scheme) + 3 :]
