#!/usr/bin/env python3
"""A provider's look and frame around the tool, in headless Chromium.

    embed.py strict|widened TOOL_URL SECOND_URL OUT_DIR

TOOL_URL is an nscheck whose header_file loads a stylesheet (with a web
font), a logo and a script from SECOND_URL, another origin, which also
serves frame.html: a help page that frames TOOL_URL?format=embed.
"strict": nscheck runs with the default policy, which must block all four
and the frame; "widened": with csp_*_src and frame_ancestors naming
SECOND_URL, all of it must load, with no console error. Prints
"PASS<TAB>what" or "FAIL<TAB>what<TAB>detail" per check, then DONE.
"""
import os
import sys

import chromium

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

MODE, TOOL, SECOND, OUT = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/"), sys.argv[4]
WIDE = MODE == "widened"


def say(ok, what, detail=""):
    return chromium.say(ok, MODE + ": " + what, detail)


def severe(drv):
    return chromium.console_errors(drv)


def csp_errors(errors):
    return [e for e in errors if "Content Security Policy" in e]


# what the provider's header brought, as the page sees it
STATE = """
const done = arguments[arguments.length - 1];
document.fonts.ready.then(() => {
  const logo = document.getElementById('brand-logo');
  const head = document.querySelector('header.brand-header');
  const fonts = [...document.fonts].filter(f => f.family.includes('BrandFont'));
  done({
    script: document.documentElement.getAttribute('data-brand') === 'ran',
    style: head ? getComputedStyle(head).borderTopWidth : 'no header',
    logo: logo ? logo.complete && logo.naturalWidth > 0 : false,
    font: fonts.some(f => f.status === 'loaded'),
  });
});
"""


def themed(drv):
    drv.get(TOOL + "?domain=two.test")
    WebDriverWait(drv, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "section#result")))
    state = drv.execute_async_script(STATE)
    errors = severe(drv)
    blocked = csp_errors(errors)
    for part, loaded in (("stylesheet", state["style"] == "7px"),
                         ("logo", state["logo"]), ("script", state["script"]),
                         ("web font", state["font"])):
        if WIDE:
            say(loaded, "the header's " + part + " from the other origin loads",
                state)
        else:
            say(not loaded, "the header's " + part + " from the other origin "
                "is blocked", state)
    if WIDE:
        say(not errors, "no console errors with the header's sources allowed",
            errors)
    else:
        say(len(blocked) >= 4, "the console names each blocked source "
            "(at least 4 policy reports)", errors)
    drv.save_screenshot(os.path.join(OUT, "header-" + MODE + ".png"))


def framed(drv):
    drv.get(SECOND + "/frame.html")
    frame = WebDriverWait(drv, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "iframe#nscheck")))
    # a frame that is refused holds Chromium's error page instead
    WebDriverWait(drv, 15).until(lambda d: d.execute_script(
        "const f = document.getElementById('nscheck');"
        "try { return f.contentDocument === null ||"
        " f.contentDocument.readyState === 'complete'; }"
        " catch (e) { return true; }"))
    drv.switch_to.frame(frame)
    text = drv.find_element(By.TAG_NAME, "body").text
    drv.switch_to.default_content()
    errors = severe(drv)
    if not WIDE:
        say("two.test has 2 name servers." not in text,
            "a page of another origin cannot frame the tool", text[:200])
        say(any("frame-ancestors" in e for e in errors),
            "the console says frame-ancestors refused it", errors)
        return
    say("two.test has 2 name servers." in text,
        "a page of another origin frames the result", text[:200])
    drv.save_screenshot(os.path.join(OUT, "framed.png"))
    drv.switch_to.frame(frame)
    box = drv.find_element(By.ID, "domain")
    box.clear()
    box.send_keys("four.test" + Keys.ENTER)
    WebDriverWait(drv, 15).until(lambda d: "four.test has 4 name servers."
                                 in d.find_element(By.TAG_NAME, "body").text)
    inner = drv.execute_script("return location.href")
    drv.switch_to.default_content()
    say(drv.current_url == SECOND + "/frame.html" and "format=embed" in inner,
        "a lookup typed in the frame stays in the frame",
        "top %s, frame %s" % (drv.current_url, inner))
    drv.switch_to.frame(frame)
    drv.find_element(By.LINK_TEXT, "Open in the full NS lookup").click()
    drv.switch_to.default_content()
    WebDriverWait(drv, 15).until(lambda d: "frame.html" not in d.current_url)
    say("/nscheck/?domain=four.test" in drv.current_url and
        "format=" not in drv.current_url,
        "its link opens the full page in the top window", drv.current_url)
    errors = severe(drv)
    say(not errors, "no console errors in the framed tool", errors)


def main():
    os.makedirs(OUT, exist_ok=True)
    return chromium.run(os.path.join(OUT, "profile-" + MODE), (themed, framed),
                        say)


if __name__ == "__main__":
    sys.exit(main())
