"""Words the templates show around the content, per language, and dates in words.

English is complete; another language falls back to English string by string until its
table is filled in.
"""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "policies": "Policies",
        "policy": "Policy",
        "in_effect_since": "In effect since {date}.",
        "takes_effect_on": "Takes effect on {date}.",
        "posted_on": "Posted {date}.",
        "superseded": "In effect from {start} to {end}; no longer in effect.",
        "archived": "Archived version",
        "read_in_effect": "Read the version in effect",
        "read_until_then": "Read the version in effect until then",
        "change_notice": "Change announced",
        "change_notice_text": "A new version of this policy takes effect on {date}.",
        "what_changes": "What changes:",
        "read_new_version": "Read the new version",
        "see_what_changed": "See what changed",
        "see_what_changes": "See what changes",
        "history": "Version history",
        "history_caption": "Every published version of this policy, newest first.",
        "col_version": "Version",
        "col_posted": "Posted",
        "col_status": "Status",
        "col_summary": "What changed",
        "state_announced": "Announced",
        "state_in-effect": "In effect",
        "state_superseded": "No longer in effect",
        "first_version": "First version published on this site.",
        "effective_label": "Effective",
        "adopted_by": "Adopted by {body}.",
        "none_yet": "No policies are published yet.",
        "redline_title": "{title}: what changed",
        "redline_intro": "This page compares the version that takes effect on {new} with the "
        "version in effect from {old}.",
        "redline_key": "Inserted words have a double underline and a green background; deleted "
        "words are struck through on a red background. Links have a single underline.",
        "redline_stats": "{inserted} words inserted, {deleted} words deleted.",
        "read_full_new": "Read the full new version",
        "read_full_old": "Read the full earlier version",
        "inserted": "Inserted:",
        "inserted_end": "End of insertion.",
        "deleted": "Deleted:",
        "deleted_end": "End of deletion.",
        "feed_title": "{district}: privacy policy changes",
        "takes_effect_plain": "Takes effect on {date}.",
        "calendar_event": "{subject}: new version takes effect",
        "banner_policy": "{subject} changes on {date}.",
        "banner_policy_after": "{subject} changed on {date}.",
        "banner_vendor": "This website starts using {subject} on {date}.",
        "banner_vendor_after": "This website uses {subject} since {date}.",
        "vendor_added": "{name} ({provider}) will be used from {date}: {purpose}",
        "vendor_removed": "{name} is no longer used.",
        "vendors_in_use": "In use",
        "vendors_coming": "In use from {date}",
        "vendor_provider": "Provided by",
        "vendor_purpose": "What it is for",
        "vendor_data": "What it collects",
        "vendor_cookies": "Cookies it sets",
        "vendor_cookies_caption": "Cookies set by {name}",
        "vendor_no_cookies": "None listed.",
        "cookie_name": "Name",
        "cookie_purpose": "Purpose",
        "cookie_expires": "Expires",
        "vendor_student_data": "Student record information",
        "vendor_student_data_yes": "Receives student record information under a {type} signed "
        "{signed}.",
        "vendor_student_data_expires": "The agreement expires {expires}.",
        "vendor_student_data_no": "Does not receive student record information.",
        "vendor_links": "Links",
        "vendor_privacy_policy": "{name} privacy policy",
        "vendor_terms": "{name} terms of use",
        "vendor_opt_out": "Opt out of {name}",
        "vendor_opt_out_how": "How to opt out",
        "vendors_none": "No tools are listed at the moment.",
        "english_only": "(in English)",
        "menu": "Menu",
        "search_archived": "version of {date}, no longer in effect",
        "search_announced": "version taking effect on {date}",
        "all_pages": "Every page, policy version and tool",
        "all_pages_intro": "Search needs JavaScript. Every page of this site is listed here "
        "instead: use your browser's find in page to look for a word.",
        "all_pages_link": "Search needs JavaScript: see every page, policy version and tool",
        "all_pages_site": "Pages",
        "all_pages_tools": "Tools and vendors",
        "all_pages_versions": "Versions of {title}",
        "not_found": "Page not found",
        "title_version": "version of {date}",
        "title_redline_past": "what changed on {date}",
        "title_redline_future": "what changes on {date}",
        "search": "Search",
        "nav_toggle": "{title}: show or hide its pages",
        "table_scrolls": "The table scrolls sideways: swipe or use the arrow keys to see every "
        "column.",
        "took_effect_on": "Took effect on {date}.",
        "change_took_effect_text": "A new version of this policy took effect on {date}.",
        "replaced_on": "No longer in effect: a new version took effect on {date}.",
        "changes_upcoming": "Announced changes",
        "changes_past": "Past changes",
        "changes_none_upcoming": "No change is announced at the moment.",
        "changes_none_past": "No change has been made since the policies were first published.",
        "subscribe": "Follow changes without an account:",
        "subscribe_feed": "Atom feed of changes",
        "subscribe_calendar": "Calendar of effective dates",
        "data_api": "Policies and dates as JSON data",
        "contact_email": "E-mail the Web Administrator:",
        "contact_unset_title": "The Web Administrator's e-mail address is not published here yet",
        "contact_unset_text": "Until it is, you can ask the main office of your child's school, "
        "or the district's central office, to pass your question to the Web Administrator. "
        "Please do not send sensitive personal information by e-mail: e-mail to the district "
        "is not encrypted.",
    },
}


def strings(lang: str) -> dict[str, str]:
    table = dict(STRINGS["en"])
    table.update(STRINGS.get(lang, {}))
    return table


def long_date(day: date, lang: str) -> str:
    """A date in words for ``lang`` (``May 15, 2018``), in English if Babel lacks it."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return format_date(day, format="long", locale=locale)
