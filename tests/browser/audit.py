#!/usr/bin/env python3
"""Every kind of page, held to two outside judges: axe-core (WCAG 2.x A
and AA, and axe's best practices) in headless Chromium, once in the light
colour scheme and once in the dark, and the Nu HTML Checker (vnu.jar) on
the HTML as the server sent it, with the stylesheet checked as CSS.

    audit.py BASE_URL OUT_DIR NODE_DIR

BASE_URL is the web server's root; the tool is at /nscheck/, and /own/ is
an nscheck that t98-audit.sh started with a rate limit (one request per
client, clients told apart by X-Forwarded-For) and one upstream lookup at
a time, for the 429 and 503 pages. NODE_DIR holds node_modules with
axe-core and vnu-jar (tests/browser/package.json). Prints one line per
check, "PASS<TAB>what" or "FAIL<TAB>what<TAB>detail": a failure names
the page, the scheme, the rule and the node. The HTML goes to
OUT_DIR/html/. Exit status 0 even when checks fail; 2 when the browser
could not start.
"""
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import chromium

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT, NODE = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
TOOL = BASE + "/nscheck/"
OWN = BASE + "/own/"
AXE = os.path.join(NODE, "node_modules", "axe-core", "axe.min.js")
VNU = os.path.join(NODE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
SCHEMES = ("light", "dark")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
            "best-practice"]

# name, URL (relative to the tool), HTTP status, words the headline holds
PAGES = [
    ("form", "", 200, "NS lookup"),
    ("two", "?domain=two.test", 200, "two.test has 2 name servers"),
    ("thirteen", "?domain=thirteen.test", 200, "13 name servers"),
    ("notcp", "?domain=notcp.test", 200, "notcp.test has 1 name server"),
    ("idn", "?domain=b%C3%BCcher.test", 200, "name servers"),
    ("hostile", "?domain=hostile.test", 200, "name servers"),
    ("nxdomain", "?domain=nx.test", 200, "does not exist"),
    ("no-ns", "?domain=www.two.test", 200, "no NS records"),
    ("servfail", "?domain=lame.test", 502, ""),
    ("timeout", "?domain=dead.test", 504, ""),
    ("bad-domain", "?domain=exa%20mple..com", 400, "not a domain name"),
    ("move", "?domain=two.test&expect=ns1.alpha-dns.test,ns2.alpha-dns.test",
     200, "two.test has 2 name servers"),
    ("drill", None, 200, "What ns1.alpha-dns.test"),
    ("embed", "?domain=two.test&format=embed", 200,
     "two.test has 2 name servers"),
    ("embed-form", "?format=embed", 200, ""),
    ("german", "?domain=thirteen.test&lang=de", 200, "13 Nameserver"),
    ("spanish-bad-domain", "?domain=exa%20mple..com&lang=es", 400,
     "no es un nombre de dominio"),
    ("busy", None, 503, "nscheck is busy"),
    ("rate-limited", None, 429, "Please slow down"),
]
ERROR_PAGES = []  # the URLs loaded with a status other than 200


def say(ok, what, detail=""):
    return chromium.say(ok, what, detail, 600)


def start():
    drv = chromium.start(os.path.join(OUT, "profile"))
    drv.set_script_timeout(120)
    return drv


def fetch(url, client=None):
    """Status and body of one GET; CLIENT is an X-Forwarded-For value."""
    req = urllib.request.Request(url)
    if client:
        req.add_header("X-Forwarded-For", client)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def poll(what, cond, tries=400):
    """Until COND() holds (each try at most a second's wait)."""
    for _ in range(tries):
        if cond():
            return True
        threading.Event().wait(0.025)
    return say(False, what, "gave up waiting")


def as_client(drv, client):
    """The browser's requests from now on come from CLIENT (or, with
    None, from the proxy itself)."""
    drv.execute_cdp_cmd("Network.enable", {})
    drv.execute_cdp_cmd("Network.setExtraHTTPHeaders", {
        "headers": {"X-Forwarded-For": client} if client else {}})


def busy_lookup(n):
    """One lookup that holds /own/'s only upstream slot until its
    deadline; returns the thread asking it, once it is in flight. Each
    N asks from a client of its own (one request per client)."""
    t = threading.Thread(target=fetch, daemon=True,
                         args=(OWN + "?domain=busy%d.dead.test" % n,
                               "192.0.2.1%d" % n))
    t.start()

    def inflight():
        _, body = fetch(OWN + "status")
        return b"\nnscheck_inflight_lookups 1\n" in b"\n" + body
    poll("a slow lookup holds the only slot", inflight)
    return t


# names /own/ has not looked up: a busy page is for a name not cached
BUSY_NAMES = ("four.test", "one.test", "xn--bcher-kva.test")


def load_busy(drv, name, status, words):
    """The busy page, its slot held by another request. That request may
    end (its deadline) between the server's answer and the browser's:
    then again, with a new name and new clients, at most three times."""
    for n, domain in enumerate(BUSY_NAMES):
        holder = busy_lookup(n)
        last = n == len(BUSY_NAMES) - 1
        shown = load(drv, name, OWN + "?domain=" + domain, status, words,
                     "192.0.2.2%d" % (2 * n),
                     lambda: holder.is_alive() or last)
        holder.join(30)
        if shown:
            return
        print("NOTE\tbusy: the held lookup ended before the browser"
              " asked; once more", flush=True)


def load(drv, name, url, status, words, client=None, held=None):
    """The page as served (saved for vnu) and in the browser. With HELD,
    the page needs a slot held by another request: False, and nothing
    said, when HELD() says it ended before the browser had the page (the
    caller tries again with a new one)."""
    got, body = fetch(url, client)
    with open(os.path.join(OUT, "html", name + ".html"), "wb") as f:
        f.write(body)
    if client:
        as_client(drv, client + "1")  # a client of its own, as unused
    if status != 200:
        ERROR_PAGES.append(url)
    drv.get(url)
    if client:
        as_client(drv, None)
    WebDriverWait(drv, 15).until(
        ec.presence_of_element_located((By.TAG_NAME, "h1")))
    text = drv.find_element(By.TAG_NAME, "main").text
    if held and (got != status or words not in text) and not held():
        return False
    say(got == status, "%s: the server answers %d" % (name, status),
        "got %d" % got)
    return say(words in text, "%s: the browser shows the page" % name,
               text[:200])


def scheme(drv, which):
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "",
        "features": [{"name": "prefers-color-scheme", "value": which}]})
    return drv.execute_script(
        "return matchMedia('(prefers-color-scheme: %s)').matches" % which)


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                   resultTypes: ['violations']})
  .then(r => done(JSON.stringify({violations: r.violations,
                                  incomplete: r.incomplete})))
  .catch(e => done(JSON.stringify({error: String(e)})));
"""


def axe(drv, src, name):
    """Both schemes on the loaded page, the FAQ's answers open."""
    drv.execute_script(src)
    say(drv.execute_script("return typeof axe === 'object'"),
        "%s: axe-core runs in the page (its CSP notwithstanding)" % name)
    drv.execute_script(
        "document.querySelectorAll('details').forEach(d => d.open = true)")
    for which in SCHEMES:
        if not say(scheme(drv, which), "%s (%s): the scheme is emulated"
                   % (name, which)):
            continue
        res = json.loads(drv.execute_async_script(RUN_AXE, AXE_TAGS))
        if "error" in res:
            say(False, "axe %s (%s) ran" % (name, which), res["error"])
            continue
        bad = 0
        for v in res["violations"]:
            for node in v["nodes"]:
                bad += 1
                say(False, "axe %s (%s): %s" % (name, which, v["id"]),
                    "%s: %s" % (" ".join(map(str, node["target"])),
                                node.get("failureSummary", "")))
        # contrast axe could not decide counts too: it must be decidable
        for v in res["incomplete"]:
            if v["id"] != "color-contrast":
                continue
            for node in v["nodes"]:
                bad += 1
                say(False, "axe %s (%s): %s undecided" % (name, which, v["id"]),
                    "%s: %s" % (" ".join(map(str, node["target"])),
                                node.get("failureSummary", "")))
        if not bad:
            say(True, "axe %s (%s): no violations" % (name, which))
    scheme(drv, "light")


def vnu(names):
    """The Nu HTML Checker on every saved page and on the stylesheet."""
    files = [os.path.join(OUT, "html", n + ".html") for n in names]
    css = os.path.join(OUT, "html", "nscheck.css")
    _, body = fetch(TOOL + "static/nscheck.css")
    with open(css, "wb") as f:
        f.write(body)
    out = []
    for args in (files, ["--css", css]):
        p = subprocess.run(["java", "-jar", VNU, "--format", "json",
                            "--exit-zero-always", "--stdout"] + args,
                           capture_output=True, text=True, check=False)
        try:
            out += json.loads(p.stdout)["messages"]
        except ValueError:
            say(False, "vnu ran", p.stdout[-300:] + p.stderr[-300:])
            return
    seen = {}
    for m in out:
        # errors and warnings both: the page is to be clean, not passable
        if m.get("type") == "info" and m.get("subType") != "warning":
            continue
        page = os.path.basename(m.get("url", "?")).rsplit(".", 1)[0]
        seen[page] = seen.get(page, 0) + 1
        say(False, "vnu %s: %s" % (page, m.get("message", "")),
            "line %s: %s" % (m.get("lastLine"), m.get("extract", "")))
    for page in list(names) + ["nscheck"]:
        if page not in seen:
            say(True, "vnu %s: no errors or warnings" % page)


def main():
    os.makedirs(os.path.join(OUT, "html"), exist_ok=True)
    with open(AXE, encoding="utf-8") as f:
        src = f.read()
    try:
        drv = start()
    except WebDriverException as e:
        say(False, "the browser starts", e.msg)
        return 2
    done = []
    try:
        for name, rel, status, words in PAGES:
            try:
                client = None
                if name == "drill":
                    drv.get(TOOL + "?domain=two.test")
                    url = drv.find_element(
                        By.CSS_SELECTOR, "table.servers td.addr a"
                    ).get_attribute("href")
                elif name == "busy":
                    # /own/ with its slot taken: a new name gets 503
                    load_busy(drv, name, status, words)
                    url = None
                elif name == "rate-limited":
                    # each client's one request spent: the next gets 429
                    client = "192.0.2.30"
                    fetch(OWN, client)
                    fetch(OWN, client + "1")
                    url = OWN + "?domain=two.test"
                else:
                    url = TOOL + rel
                if url:
                    load(drv, name, url, status, words, client)
                axe(drv, src, name)
                done.append(name)
            except Exception as e:  # noqa: BLE001 - any failure is a result
                say(False, name + ": the audit ran to its end", repr(e))
        # a page sent with its error status is logged as a failed load
        errors = [e["message"] for e in drv.get_log("browser")
                  if e.get("level") == "SEVERE" and not any(
                      e["message"].startswith(u + " - Failed to load resource:")
                      for u in ERROR_PAGES)]
        say(not errors, "no console errors (a CSP report among them)", errors)
    finally:
        drv.quit()
    vnu(done)
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
