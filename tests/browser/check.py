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
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
TOOL = BASE + "/nscheck/"
DESKTOP, PHONE = (1280, 900), (390, 844)


def say(ok, what, detail=""):
    line = ("PASS\t" if ok else "FAIL\t") + what
    if not ok and detail:
        line += "\t" + " ".join(str(detail).split())[:400]
    print(line, flush=True)


def start():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + os.path.join(OUT, "profile")):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=opts)


def console_errors(drv):
    return [e["message"] for e in drv.get_log("browser")
            if e.get("level") == "SEVERE"]


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


def main():
    os.makedirs(OUT, exist_ok=True)
    try:
        drv = start()
    except WebDriverException as e:
        say(False, "the browser starts", e.msg)
        return 2
    try:
        for check in (typed_lookup, keyboard_only, phone, embedded, moving,
                      drill):
            try:
                check(drv)
            except Exception as e:  # noqa: BLE001 - any failure is a result
                say(False, check.__name__ + " ran to its end", repr(e))
    finally:
        drv.quit()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
