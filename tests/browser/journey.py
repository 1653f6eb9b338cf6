"""Shared steps for the end-to-end journeys in Chromium: page basics, keyboard, sign-in, e-mail.

Every page a journey visits goes through ``Visitor.visit``: the basics every page must have
(``check_page_basics``), an axe-core scan, and a note of its address so the same page can be
scanned again in English by the same role.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyotp
from django.core import mail

DOCS_SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
STAFF_PASSWORD = "journey-staff-password-2026"
HEADINGS_IN_ORDER = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .filter(h => h.getClientRects().length > 0 || h.closest('details'))
    .map(h => Number(h.tagName[1]));
  const skips = [];
  levels.forEach((level, i) => {
    const before = i === 0 ? 0 : levels[i - 1];
    if (level > before + 1) skips.push(`h${before} -> h${level}`);
  });
  return {h1: document.querySelectorAll('h1').length, first: levels[0], skips};
}"""
UNNAMED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
  .filter(el => {
    if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
    if (el.labels && [...el.labels].some(l => l.textContent.trim())) return false;
    if (el.title) return false;
    return true;
  })
  .map(el => el.name || el.id || el.outerHTML.slice(0, 80))"""
FOCUS_OUTLINE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
          shadow: style.boxShadow};
}"""


def check_page_basics(page, lang: str) -> None:
    """Language, skip link, visible focus, one h1, headings in order, every field labelled."""
    # A click that navigates returns once the new page has started: wait for its stylesheet,
    # or the focus style below is the browser's default ring, not ours.
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == lang, page.url
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.getSelection().removeAllRanges()")
    # Start the tab order at the top of the document, as a fresh page load does.
    page.evaluate(
        "() => { const a = document.body; a.setAttribute('tabindex', '-1'); a.focus();"
        " a.removeAttribute('tabindex'); }"
    )
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "() => ({cls: document.activeElement.className,"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert skip == {"cls": "skip-link", "href": "#main"}, (page.url, skip)
    focus = page.evaluate(FOCUS_OUTLINE)
    assert focus["outline"] != "none" and focus["width"] >= 2, (page.url, focus)
    page.keyboard.press("Tab")  # the next link (the brand) must show its focus too
    focus = page.evaluate(FOCUS_OUTLINE)
    assert focus["outline"] != "none" and focus["width"] >= 2, (page.url, focus)
    page.evaluate("document.activeElement.blur()")
    headings = page.evaluate(HEADINGS_IN_ORDER)
    assert headings["h1"] == 1 and headings["first"] == 1, (page.url, headings)
    assert headings["skips"] == [], (page.url, headings)
    assert page.evaluate(UNNAMED_FIELDS) == [], page.url


def fits(page, width: int = 320) -> None:
    """No horizontal scrolling at this viewport width."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``selector`` (at most ``limit`` presses)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector!r} not reached by {limit} presses of Tab on {page.url}")


def keyboard_fill(page, selector: str, text: str, limit: int = 60) -> None:
    """Tab to a field and type into it, as a keyboard user does."""
    tab_to(page, selector, limit)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def tab_to_text(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused link or button says ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"{text!r} not reached by {limit} presses of Tab on {page.url}")


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that submits or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


@dataclass
class Visitor:
    """Checks every page a role visits and remembers it for the English pass."""

    axe_check: object
    visited: list[tuple[str, str]] = field(default_factory=list)

    def visit(
        self, page, role: str, name: str | None = None, lang: str = "sv", again: bool = True
    ) -> None:
        """Check the page; ``again=False`` for a page only reached by posting a form."""
        check_page_basics(page, lang)
        self.axe_check(page, name)
        path = re.sub(r"^https?://[^/]+", "", page.url)
        if again and (role, path) not in self.visited:
            self.visited.append((role, path))


def docs_screenshot(page, name: str) -> None:
    """Write a viewport-sized screenshot for the README when REVMENTOR_SCREENSHOTS=1."""
    if os.environ.get("REVMENTOR_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))


def staff_with_authenticator(user) -> pyotp.TOTP:
    """Give a staff member a password and a confirmed authenticator app; return the app."""
    from django.utils import timezone

    from revmentor.core.models import TOTPDevice

    user.set_password(STAFF_PASSWORD)
    user.save()
    secret = pyotp.random_base32()
    TOTPDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())
    return pyotp.TOTP(secret)


def last_mail_to(address: str, subject_part: str = ""):
    for message in reversed(mail.outbox):
        if address in message.to and subject_part in message.subject:
            return message
    raise AssertionError(
        f"no e-mail to {address} about {subject_part!r}: {[(m.to, m.subject) for m in mail.outbox]}"
    )


def link_in(message, pattern: str) -> str:
    """The path of the first link in the e-mail whose path matches ``pattern``."""
    found = re.search(r"https?://[^/\s]+(\S*" + pattern + r"\S*)", message.body)
    assert found, message.body
    return found.group(1).rstrip(".,)>")


def code_in(message) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found, message.body
    return found.group(1)
