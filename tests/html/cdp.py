"""cdp.py — headless Chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: commands on fd 3, replies and events on fd 4, NUL-separated JSON),
so no port, no display and nothing but the Python standard library. Runs as root (no sandbox)
and is bounded by a deadline: Chromium is killed when it passes.
"""
import base64
import json
import os
import select
import subprocess
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"


class Timeout(Exception):
    pass


class Browser:
    def __init__(self, deadline_s=90, width=1000, height=1400):
        self.deadline = time.monotonic() + deadline_s
        self.profile_dir = tempfile.TemporaryDirectory(prefix="dossier-chromium-")
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # Keep the child's ends clear of 3 and 4 so the dup2 below cannot clobber them.
        hi = [os.dup2(fd, 100 + i, inheritable=False) for i, fd in enumerate((to_r, from_w))]
        os.close(to_r)
        os.close(from_w)

        def child_fds():
            os.dup2(hi[0], 3)
            os.dup2(hi[1], 4)

        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--disable-dev-shm-usage",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile_dir.name}", "--remote-debugging-pipe",
                "about:blank"]
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.stderr, preexec_fn=child_fds, pass_fds=(3, 4),
                                     start_new_session=True)
        os.close(hi[0])
        os.close(hi[1])
        self.w, self.r = to_w, from_r
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _remaining(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Timeout("Chromium did not answer in time")
        return left

    def _read_message(self, wait):
        """One message, or None when nothing came within `wait` seconds."""
        end = time.monotonic() + wait
        while b"\0" not in self.buf:
            left = min(end - time.monotonic(), self._remaining())
            if left <= 0:
                return None
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe: " + self.log()[-2000:])
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        m = json.loads(msg)
        if m.get("method") == "Page.javascriptDialogOpening":
            # A dialog (alert …) blocks the page until answered: dismiss it at once; the event
            # stays among the page's problems.
            self._write({"id": 1000000 + self.next_id, "method": "Page.handleJavaScriptDialog",
                         "params": {"accept": False}, "sessionId": m.get("sessionId")})
        return m

    def _write(self, msg):
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.w, data):]

    def send(self, method, params=None, session=None):
        """Sends a command and returns its result; events met meanwhile are kept."""
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._write(msg)
        while True:
            m = self._read_message(self._remaining())
            if m is None:
                continue
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None):
        for i, m in enumerate(self.events):
            if m.get("method") == method and m.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            m = self._read_message(self._remaining())
            if m is None:
                continue
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)

    def drain(self, seconds):
        """Collects events for `seconds` (late console messages, failed loads)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            m = self._read_message(end - time.monotonic())
            if m is not None:
                self.events.append(m)

    def open_page(self, url):
        """A new page with console, log and network events on, loaded with `url`;
        returns its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=s)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=s)
        self.wait_event("Page.loadEventFired", s)
        # The load event could be about:blank's, late: wait until the page itself is loaded.
        ready = f"location.href === {json.dumps(url)} && document.readyState === 'complete'"
        while not self.evaluate(s, ready):
            self.drain(0.1)
        self.drain(0.5)
        return s

    def evaluate(self, session, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                      session=session)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, session):
        r = self.send("Page.captureScreenshot", {"format": "png"}, session=session)
        return base64.b64decode(r["data"])

    def problems(self, session, page_url):
        """What a reader would see in the DevTools console, and every load of something other
        than the page itself (a self-contained page loads nothing)."""
        out = []
        for m in self.events:
            if m.get("sessionId") != session:
                continue
            p = m.get("params", {})
            meth = m.get("method")
            if meth == "Runtime.exceptionThrown":
                out.append("exception: " + p["exceptionDetails"].get("text", ""))
            elif meth == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning",
                                                                           "assert"):
                out.append(f"console.{p['type']}: " +
                           " ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif meth == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append(f"log {p['entry']['level']}: {p['entry']['text']}")
            elif meth == "Page.javascriptDialogOpening":
                out.append(f"dialog {p.get('type')}: {p.get('message')}")
            elif meth == "Network.loadingFailed":
                out.append(f"load failed: {p.get('errorText')}")
            elif meth == "Network.requestWillBeSent":
                u = p["request"]["url"]
                if u != page_url and not u.startswith("data:"):
                    out.append("external resource: " + u)
        return out

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.deadline = max(self.deadline, time.monotonic() + 5)
                    self.send("Browser.close")
                except Exception:  # closing anyway
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(self.proc.pid, 9)
                    self.proc.wait()
        finally:
            os.close(self.w)
            os.close(self.r)
            self.stderr.close()
            self.profile_dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
