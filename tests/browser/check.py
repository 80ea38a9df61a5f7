#!/usr/bin/env python3
"""The page in a real browser: headless Chromium driven through
chromedriver (Debian's chromium, chromium-driver, python3-selenium).

    check.py BASE_URL OUT_DIR

BASE_URL is the web server's root (http://127.0.0.1:8080); the tool is at
/nscheck/, the sample help page with the embed snippet at /sample/. Prints
one line per check, "PASS<TAB>what" or "FAIL<TAB>what<TAB>detail", and
saves screenshots in OUT_DIR. Exit status 0 even when checks fail: the
lines say what failed; 2 when the browser could not start at all.
"""
import base64
import os
import subprocess
import sys

from chromium import console_errors, run, say

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
TOOL = BASE + "/nscheck/"
DESKTOP, PHONE = (1280, 900), (390, 844)
# two.test printed on letter paper; 8 pages before the print stylesheet
PRINT_PAGES = 3


def wait_result(drv):
    WebDriverWait(drv, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "section#result")))
    return drv.find_element(By.CSS_SELECTOR, "section#result")


def shot(drv, name, size):
    """NAME.png: the first screen; NAME-full.png: the whole page."""
    drv.set_window_size(*size)
    path = os.path.join(OUT, name + ".png")
    drv.save_screenshot(path)
    height = drv.execute_script("return document.documentElement.scrollHeight")
    drv.set_window_size(size[0], min(max(height, size[1]), 6000))
    drv.save_screenshot(os.path.join(OUT, name + "-full.png"))
    drv.set_window_size(*size)
    say(os.path.getsize(path) > 10000, "screenshot " + name)


def typed_lookup(drv):
    """Type a name, press the Lookup button, see the table."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL)
    box = drv.find_element(By.ID, "domain")
    box.send_keys("two.test")
    drv.find_element(By.CSS_SELECTOR, "form.lookup button[type=submit]").click()
    result = wait_result(drv)
    say("two.test has 2 name servers." in result.text,
        "typed and pressed Lookup: the result", result.text[:200])
    rows = drv.find_elements(By.CSS_SELECTOR,
                             "section#result table.ns:not(.servers):not(.parents):not(.views) tbody tr")
    say(len(rows) == 2, "the table has a row per name server", len(rows))
    say("domain=two.test" in drv.current_url, "the URL is a permalink",
        drv.current_url)
    errors = console_errors(drv)
    say(not errors, "no console errors on the result page", errors)
    shot(drv, "desktop", DESKTOP)


def keyboard_only(drv):
    """Tab to the field, type, Enter; Tab reaches the button."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL)
    body = drv.find_element(By.TAG_NAME, "body")
    body.click()
    tabs = 0
    while drv.switch_to.active_element.get_attribute("id") != "domain" \
            and tabs < 15:
        drv.switch_to.active_element.send_keys(Keys.TAB)
        tabs += 1
    focused = drv.switch_to.active_element
    say(focused.get_attribute("id") == "domain",
        "Tab reaches the domain field", "after %d tabs" % tabs)
    label = drv.find_element(By.CSS_SELECTOR, "label[for=domain]")
    say(label.text.strip() != "", "the field has a visible label")
    focused.send_keys(Keys.TAB)
    button = drv.switch_to.active_element
    say(button.tag_name == "button" and "Lookup" in button.text,
        "the next Tab reaches the Lookup button", button.tag_name)
    button.send_keys(Keys.SHIFT, Keys.TAB)
    drv.switch_to.active_element.send_keys("four.test" + Keys.ENTER)
    result = wait_result(drv)
    say("four.test has 4 name servers." in result.text,
        "keyboard only: Enter looks the name up", result.text[:200])
    errors = console_errors(drv)
    say(not errors, "no console errors (keyboard)", errors)


def phone(drv):
    """A phone's width: nothing wider than the screen; a screenshot."""
    drv.set_window_size(*PHONE)
    drv.get(TOOL + "?domain=thirteen.test")
    wait_result(drv)
    wide = drv.execute_script(
        "return document.documentElement.scrollWidth - "
        "document.documentElement.clientWidth")
    say(wide <= 1, "phone width: the page does not scroll sideways",
        "%d px too wide" % wide)
    errors = console_errors(drv)
    say(not errors, "no console errors (phone)", errors)
    shot(drv, "phone", PHONE)


def german(drv):
    """The page in German, asked by the browser's language: at a phone's
    width long German words must not push it wider than the screen."""
    for name, rel in (("result", "?domain=thirteen.test&lang=de"),
                      ("report", "?domain=glueparent.test&lang=de"),
                      ("error", "?domain=-bad-.test&lang=de"),
                      ("form", "?lang=de")):
        drv.set_window_size(*PHONE)
        drv.get(TOOL + rel)
        WebDriverWait(drv, 15).until(
            ec.presence_of_element_located((By.TAG_NAME, "h1")))
        lang = drv.execute_script("return document.documentElement.lang")
        say(lang == "de", "German %s: <html lang=de>" % name, lang)
        wide = drv.execute_script(
            "return document.documentElement.scrollWidth - "
            "document.documentElement.clientWidth")
        say(wide <= 1, "German %s at a phone's width: no sideways scroll"
            % name, "%d px too wide" % wide)
        if name == "result":
            shot(drv, "german-phone", PHONE)
    # the refusal comes with its 400, which the console logs as such
    errors = [e for e in console_errors(drv)
              if "-bad-.test&lang=de - Failed to load resource" not in e]
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL + "?domain=two.test&lang=de")
    wait_result(drv)
    errors += console_errors(drv)
    say(not errors, "no console errors (German)", errors)
    shot(drv, "german", DESKTOP)


def embedded(drv):
    """The embed snippet inside a sample help page leads to the result."""
    drv.set_window_size(*DESKTOP)
    drv.get(BASE + "/sample/help.html")
    say("Example Hosting" in drv.title, "the sample help page loads",
        drv.title)
    shot(drv, "embed", DESKTOP)
    box = drv.find_element(By.ID, "nscheck-domain")
    box.send_keys("two.test" + Keys.ENTER)
    result = wait_result(drv)
    say("two.test has 2 name servers." in result.text,
        "embed: the form leads to the result", result.text[:200])
    say(drv.current_url.startswith(TOOL + "?domain=two.test"),
        "embed: at the tool's permalink", drv.current_url)
    errors = console_errors(drv)
    say(not errors, "no console errors (embed)", errors)


def moving(drv):
    """A move of name servers: both fields typed, the verdict shown."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL)
    drv.find_element(By.ID, "domain").send_keys("two.test")
    drv.find_element(By.ID, "expect").send_keys(
        "ns1.alpha-dns.test, ns2.alpha-dns.test")
    drv.find_element(By.CSS_SELECTOR, "form.lookup button[type=submit]").click()
    wait_result(drv)
    verdict = drv.find_element(By.CSS_SELECTOR, "section.transfer").text
    say("Waiting for caches" in verdict,
        "expected servers typed: the verdict is shown", verdict[:200])
    errors = console_errors(drv)
    say(not errors, "no console errors (move)", errors)
    shot(drv, "transfer", DESKTOP)


def drill(drv):
    """From the report, a server's address leads to its raw replies."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL + "?domain=two.test")
    wait_result(drv)
    drv.find_element(By.CSS_SELECTOR, "table.servers td.addr a").click()
    result = wait_result(drv)
    answers = drv.find_elements(By.CSS_SELECTOR, "section.answer")
    title = result.find_element(By.TAG_NAME, "h2").text
    say(len(answers) >= 4 and title.startswith("What ns1.alpha-dns.test"),
        "a server's address in the report opens its replies",
        "%d answers, title %r" % (len(answers), title))
    errors = console_errors(drv)
    say(not errors, "no console errors (server detail)", errors)
    shot(drv, "drill", DESKTOP)
    path = os.path.join(OUT, "drill-result.png")
    drv.set_window_size(*DESKTOP)
    drv.execute_script("arguments[0].scrollIntoView()",
                       drv.find_element(By.CSS_SELECTOR, "section#result"))
    drv.save_screenshot(path)
    say(os.path.getsize(path) > 10000, "screenshot drill-result")


def media(drv, kind="", scheme="light"):
    """Emulates print (kind "print") or the screen, in a colour scheme."""
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": kind,
        "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def style_of(drv, css, prop, pseudo=None):
    return drv.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "return e ? getComputedStyle(e, arguments[2]).getPropertyValue("
        "arguments[1]) : null", css, prop, pseudo)


def luminance(rgb):
    """Relative luminance (WCAG 2) of "rgb(r, g, b)" or "rgba(...)"."""
    parts = rgb[rgb.index("(") + 1:rgb.index(")")].split(",")
    chans = []
    for c in parts[:3]:
        c = float(c) / 255
        chans.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * chans[0] + 0.7152 * chans[1] + 0.0722 * chans[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark(drv):
    """The dark scheme: other colours than the light, readable; a shot."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL + "?domain=thirteen.test")
    wait_result(drv)
    colours = {}
    for scheme in ("light", "dark"):
        media(drv, "", scheme)
        colours[scheme] = (style_of(drv, "body", "background-color"),
                           style_of(drv, "body", "color"))
    say(colours["light"][0] != colours["dark"][0],
        "dark scheme: another background than the light", colours)
    say(luminance(colours["dark"][0]) < luminance(colours["dark"][1]),
        "dark scheme: light text on a dark background", colours["dark"])
    errors = console_errors(drv)
    say(not errors, "no console errors (dark)", errors)
    shot(drv, "dark", DESKTOP)
    media(drv)


PRINT_HIDDEN = ("form.lookup", "section.help", "footer.site", "a.skip",
                "a.why")
PRINT_SHOWN = ("section#result", "ul.checks", "section.report",
               "table.servers")


def printed(drv):
    """Print media: the result, checks and report, none of the form, the
    help or the footer, dark ink on white even in the dark scheme; the
    page count of two.test, and its first page as a picture."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL + "?domain=two.test")
    wait_result(drv)
    media(drv, "print", "dark")
    hidden = [c for c in PRINT_HIDDEN if style_of(drv, c, "display") != "none"]
    say(not hidden, "print: no form, help text, footer or help links", hidden)
    shown = [c for c in PRINT_SHOWN if style_of(drv, c, "display") == "none"]
    say(not shown, "print: the result, its checks and report", shown)
    bg, fg = style_of(drv, "body", "background-color"), style_of(drv, "body", "color")
    say(bg in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") and contrast(
        "rgb(255, 255, 255)", fg) >= 7, "print: dark text on white, dark "
        "scheme or not", (bg, fg))
    # a link elsewhere is followed by its address, one within the page not
    drv.execute_script(
        "const r = document.querySelector('section#result');"
        "for (const h of ['https://example.net/x', '#result']) {"
        "  const a = document.createElement('a'); a.href = h;"
        "  a.textContent = 'x'; a.className = 'probe'; r.append(a); }")
    after = drv.execute_script(
        "return [...document.querySelectorAll('a.probe')].map("
        "a => getComputedStyle(a, '::after').content)")
    say("https://example.net/x" in after[0] and after[1] in ("none", "normal"),
        "print: a link's address after its text, not an in-page link's", after)
    drv.execute_script(
        "document.querySelectorAll('a.probe').forEach(a => a.remove())")
    pdf = base64.b64decode(drv.execute_cdp_cmd(
        "Page.printToPDF", {"printBackground": True})["data"])
    path = os.path.join(OUT, "print.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True,
                          check=False).stdout
    pages = int(next((l.split()[1] for l in info.splitlines()
                      if l.startswith("Pages:")), "0"))
    say(0 < pages <= PRINT_PAGES, "print: two.test on at most %d pages"
        % PRINT_PAGES, "%d pages" % pages)
    with open(os.path.join(OUT, "print-pages"), "w") as f:
        f.write("%d\n" % pages)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
                    "-singlefile", path, os.path.join(OUT, "print")],
                   check=False)
    png = os.path.join(OUT, "print.png")
    say(os.path.exists(png) and os.path.getsize(png) > 10000,
        "screenshot print")
    media(drv)


def skip_link(drv):
    """The first Tab stop is the skip link, shown then; Enter moves the
    focus to the result (to the field on the form)."""
    drv.set_window_size(*DESKTOP)
    for url, target, words in ((TOOL + "?domain=two.test", "result",
                                "Skip to the result"),
                               (TOOL, "domain", "Skip to the form")):
        drv.get(url)
        link = drv.find_element(By.CSS_SELECTOR, "a.skip")
        rect = drv.execute_script(
            "return arguments[0].getBoundingClientRect().bottom", link)
        say(rect <= 0, "skip link (%s): out of sight until focused" % target,
            "bottom at %s px" % rect)
        ActionChains(drv).send_keys(Keys.TAB).perform()
        first = drv.switch_to.active_element
        say(first == link and first.text == words,
            "skip link (%s): the first Tab stop" % target,
            "%s %r" % (first.tag_name, first.text))
        seen = drv.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.top >= 0 && r.width > 20 && r.height > 10 &&"
            " document.elementFromPoint(r.left + r.width / 2,"
            " r.top + r.height / 2) === arguments[0]", link)
        say(seen, "skip link (%s): in sight when focused" % target)
        first.send_keys(Keys.ENTER)
        WebDriverWait(drv, 5).until(
            lambda d: d.switch_to.active_element.get_attribute("id") == target)
        say(True, "skip link (%s): Enter moves the focus there" % target)


def why_names(drv):
    """Each "What this means" link has a name of its own."""
    drv.set_window_size(*DESKTOP)
    drv.get(TOOL + "?domain=two.test")
    wait_result(drv)
    names = [" ".join(a.accessible_name.split()) for a in
             drv.find_elements(By.CSS_SELECTOR, "ul.checks a.why")]
    say(len(names) == 15 and len(set(names)) == len(names) and
        all(n.startswith("What this means (") for n in names),
        "the 15 check links have 15 accessible names", names)


FOCUS_STYLE = """
const e = document.activeElement, s = getComputedStyle(e);
let b = e.parentElement, bg = 'rgba(0, 0, 0, 0)';
for (; b; b = b.parentElement) {
  bg = getComputedStyle(b).backgroundColor;
  if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') break;
}
if (!b) bg = getComputedStyle(document.body).backgroundColor;
return [e === document.body ? null : e, e.tagName.toLowerCase() +
        (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''),
        s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,
        s.boxShadow, bg];
"""


def focus_rings(drv):
    """Tab through the whole page, in both schemes: each stop shows an
    outline of 2 px or more, at 3:1 or better against what is behind (or
    a box shadow)."""
    drv.set_window_size(*DESKTOP)
    for scheme in ("light", "dark"):
        media(drv, "", scheme)
        drv.get(TOOL + "?domain=two.test")
        wait_result(drv)
        bad, stops, kinds, first = [], 0, set(), None
        for _ in range(400):
            ActionChains(drv).send_keys(Keys.TAB).perform()
            elem, what, style, width, colour, shadow, bg = \
                drv.execute_script(FOCUS_STYLE)
            if elem is None or elem == first:
                break
            first = first or elem
            stops += 1
            kinds.add(what.split(".")[0].split("#")[0])
            ring = style not in ("none", "") and width >= 2 and \
                contrast(colour, bg) >= 3
            if not ring and shadow in ("none", ""):
                bad.append("%s: %s %spx %s on %s" % (what, style, width,
                                                      colour, bg))
        say(stops > 30 and {"a", "input", "button", "summary"} <= kinds,
            "focus (%s): Tab reaches links, fields, the button and the FAQ"
            % scheme, "%d stops: %s" % (stops, sorted(kinds)))
        say(not bad, "focus (%s): a visible ring on each of %d stops"
            % (scheme, stops), bad[:6])
    media(drv)


def main():
    os.makedirs(OUT, exist_ok=True)
    return run(os.path.join(OUT, "profile"),
               (typed_lookup, keyboard_only, phone, german, embedded, moving,
                drill, dark, printed, skip_link, why_names, focus_rings))


if __name__ == "__main__":
    sys.exit(main())
