"""What the browser scripts share: headless Chromium driven through
chromedriver (Debian's chromium, chromium-driver, python3-selenium), a
line per check on stdout, and a run of checks that goes on past a failing
one. Imported by check.py, embed.py and audit.py, which it sits beside.
"""
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service


def say(ok, what, detail="", width=400):
    """PASS<TAB>what, or FAIL<TAB>what<TAB>detail (one line, cut at
    width); returns ok."""
    line = ("PASS\t" if ok else "FAIL\t") + what
    if not ok and detail:
        line += "\t" + " ".join(str(detail).split())[:width]
    print(line, flush=True)
    return ok


def start(profile_dir, size=(1280, 900)):
    """A new browser with an empty profile of its own; its console kept."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    # no background connections: this machine's network is closed
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking",
                "--window-size=%d,%d" % size,
                "--user-data-dir=" + profile_dir):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                           options=opts)
    drv.set_window_size(*size)
    return drv


def console_errors(drv):
    """The console's errors since the last call."""
    return [e["message"] for e in drv.get_log("browser")
            if e.get("level") == "SEVERE"]


def run(profile_dir, checks, out=say):
    """Each check(drv) in turn, an exception being a failed line; DONE at
    the end. The exit status: 0, or 2 when the browser did not start."""
    try:
        drv = start(profile_dir)
    except WebDriverException as e:
        out(False, "the browser starts", e.msg)
        return 2
    try:
        for check in checks:
            try:
                check(drv)
            except Exception as e:  # noqa: BLE001 - any failure is a result
                out(False, check.__name__ + " ran to its end", repr(e))
    finally:
        drv.quit()
    print("DONE", flush=True)
    return 0
