"""A person at the sandbox page in a real headless Chromium: Debian's chromium and chromium-driver, via Selenium.

Nothing is downloaded at run time except axe-core from npm, the first time, into a git-ignored directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "sandbox"
AXE_DIR = ROOT / ".cache" / "axe-core"
AXE_VERSION = "4"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1366,900",
)  # fmt: skip
WAIT = 10.0


def missing(what: str) -> None:
    """Without the browser (or axe-core) the test cannot run: a failure in CI, a skip on a developer's machine."""
    message = f"{what} (on Debian: apt-get install chromium chromium-driver npm)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).exists()), None)


def axe_source() -> str:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            missing("npm is not installed, so axe-core cannot be installed for the accessibility check")
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(AXE_DIR)]
        done = subprocess.run([*command, f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=180)
        if done.returncode != 0 or not script.exists():
            missing(f"npm could not install axe-core: {done.stderr.strip()[:300]}")
    return script.read_text(encoding="utf-8")


def chromium() -> Iterator[Any]:
    binary, driver_path = _first(CHROMIUM), _first(DRIVER)
    if binary is None or driver_path is None:
        missing("Chromium and its driver are not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed; install the dev extras: pip install -e '.[dev]'")
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="sandbox-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(str(driver_path)))
        driver.implicitly_wait(0)
        try:
            yield driver
        finally:
            driver.quit()


class Person:
    """Drives the page as a person does: by visible labels, clicks and typing."""

    def __init__(self, driver: Any, url: str, story: str) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.url = url
        self.wait = WebDriverWait(driver, WAIT, poll_frequency=0.1)
        self.shots = 0
        self.artifacts = ARTIFACTS / story  # this run's screenshots only, numbered in the order of the steps
        shutil.rmtree(self.artifacts, ignore_errors=True)
        self.artifacts.mkdir(parents=True)

    # finding things ----------------------------------------------------------------------------------------
    def _xpath_text(self, text: str) -> str:
        return json.dumps(text) if "'" in text else f"'{text}'"

    def find(self, xpath: str, what: str) -> Any:
        from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
        from selenium.webdriver.common.by import By

        def shown(driver: Any) -> Any:
            try:
                return next((e for e in driver.find_elements(By.XPATH, xpath) if e.is_displayed()), None)
            except StaleElementReferenceException:
                return None

        try:
            return self.wait.until(shown)
        except TimeoutException:
            self.screenshot("failed")
            raise AssertionError(f"timed out waiting for {what}; the page says:\n{self.text()[-1500:]}") from None

    def button(self, label: str, within: str = "") -> Any:
        quoted = self._xpath_text(label)
        xpath = f"{within}//button[normalize-space(.)={quoted} or starts-with(normalize-space(.), {quoted})]"
        return self.find(xpath, f"a button {label!r}")

    def press(self, label: str, within: str = "") -> None:
        self._again(lambda: self.button(label, within).click())

    def _again(self, action: Any) -> Any:
        """Do it again if the page redrew the element in between (it redraws whatever the sandbox changed)."""
        from selenium.common.exceptions import StaleElementReferenceException

        for _ in range(20):
            try:
                return action()
            except StaleElementReferenceException:
                continue
        return action()

    def sees(self, pattern: str, where: str = "//body") -> re.Match[str]:
        from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
        from selenium.webdriver.common.by import By

        regex = re.compile(pattern)

        def found(driver: Any) -> re.Match[str] | None:
            try:
                return next((m for e in driver.find_elements(By.XPATH, where) if (m := regex.search(e.text))), None)
            except StaleElementReferenceException:
                return None

        try:
            return self.wait.until(found)
        except TimeoutException:
            self.screenshot("failed")
            raise AssertionError(f"timed out waiting for {pattern!r}; the page says:\n{self.text()[-1500:]}") from None

    def text(self) -> str:
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    # doing things -------------------------------------------------------------------------------------------
    def open(self) -> None:
        self.driver.get(self.url)
        self.find("//body[@data-ready='true']", "the page to load")

    def be(self, name: str) -> None:
        self.press(name, "//ul[@id='people']")
        self.find(f"//button[@aria-pressed='true'][starts-with(normalize-space(.), {self._xpath_text(name)})]", name)

    def go(self, place: str) -> None:
        self.press(place, "//ul[@id='conversations']")
        self.find(f"//h2[@id='conversation-title'][contains(., {self._xpath_text(place.lstrip('# '))})]", place)

    def type(self, text: str, box: str = "message-box") -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        field = self.driver.find_element(By.ID, box)
        field.clear()
        field.send_keys(text)
        field.send_keys(Keys.ENTER)

    def modal(self, title: str) -> Any:
        xpath = f"//form[@role='dialog'][.//h2[contains(., {self._xpath_text(title)})]]"
        return self.find(xpath, f"the {title!r} form")

    def fill(self, label: str, value: str) -> None:
        """Type into, or choose in, the modal's field with this visible label."""
        self._again(lambda: self._fill(label, value))

    def _fill(self, label: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        xpath = "//form[@role='dialog']//*[contains(@class,'bk-label')]"
        label_node = self.find(f"{xpath}[starts-with(normalize-space(.), {self._xpath_text(label)})]", label)
        control = label_node.find_element("xpath", "following-sibling::*[1]")
        if control.tag_name == "select":
            Select(control).select_by_visible_text(value)
        elif control.tag_name == "fieldset":
            control.find_element("xpath", f".//label[contains(., {self._xpath_text(value)})]").click()
        else:
            control.clear()
            control.send_keys(value)

    def message(self, containing: str) -> str:
        """An XPath to the newest message in view that contains this text."""
        return f"(//article[contains(@class,'message')][contains(., {self._xpath_text(containing)})])[last()]"

    def screenshot(self, step: str) -> Path:
        self.shots += 1
        path = self.artifacts / f"{self.shots:02d}-{step}.png"
        self.driver.save_screenshot(str(path))
        return path

    def axe(self, source: str) -> list[dict[str, Any]]:
        """Serious and critical accessibility violations axe-core finds in the page as it is now."""
        self.driver.execute_script(source)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));"
        )
        assert isinstance(result, list), result
        return [v for v in result if v.get("impact") in ("serious", "critical")]
