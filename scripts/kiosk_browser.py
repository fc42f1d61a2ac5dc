#!/usr/bin/env python3
"""Drive a real headless Chromium through the kiosk like a respondent: open the questionnaire,
tap a service, an answer to each of the nine questions and the profile, type an age and a
suggestion, tap "Kirim jawaban", land on the thank-you page, open the results page, and take a
screenshot of each page. Talks to Chromium over its DevTools protocol with a minimal WebSocket
client from the standard library (no packages needed).

usage: kiosk_browser.py CHROMIUM BASE_URL OUT_DIR WIDTH HEIGHT
"""
import base64, json, os, socket, struct, subprocess, sys, tempfile, time, urllib.request


class WebSocket:
    """Just enough of RFC 6455 for DevTools: text frames, client masking, no extensions."""

    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("DevTools closed the WebSocket handshake")
            response += chunk
        head, self.pending = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"WebSocket handshake refused: {head!r}")

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, count):
        while len(self.pending) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("DevTools closed the WebSocket")
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            data = self._read(length)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            opcode = first & 0x0F
            if opcode == 8:
                raise RuntimeError("DevTools closed the WebSocket")
            if opcode in (0, 1, 2):
                message += data
                if first & 0x80:
                    return message.decode()


class Page:
    def __init__(self, ws):
        self.ws, self.next_id, self.events = ws, 0, []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[: index + 1]
                    return message
            self.events.append(json.loads(self.ws.receive()))
        raise RuntimeError(f"timed out waiting for {event}")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def tap(self, selector):
        """Scroll the element into view and tap its centre with a real (emulated) touch/mouse press."""
        box = self.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        if box is None:
            raise RuntimeError(f"nothing matches {selector}")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, selector, text):
        self.tap(selector)
        self.call("Input.insertText", text=text)

    def screenshot(self, path):
        size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        print(f"screenshot {path} ({size[0]}x{size[1]})")


def main():
    chromium, base, out, width, height = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    profile = tempfile.mkdtemp(prefix="kiosk-chromium-")
    browser = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if time.time() > deadline or browser.poll() is not None:
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        target = next(t for t in targets if t["type"] == "page")
        page = Page(WebSocket(target["webSocketDebuggerUrl"]))
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Log.enable")
        mobile = width < 800
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)

        page.navigate(base + "/")
        title = page.evaluate("document.title")
        questions = page.evaluate("document.querySelectorAll('fieldset.question').length")
        print(f"form: {title!r}, {questions} questions")
        if questions != 9:
            raise RuntimeError("the form does not show nine questions")
        page.screenshot(os.path.join(out, "1-form-empty.png"))

        page.tap("fieldset#service label.option:nth-of-type(1) span")
        answers = [4, 3, 4, 4, 3, 4, 4, 2, 3]
        for number, score in enumerate(answers, start=1):
            page.tap(f"fieldset#u{number} label.option:nth-of-type({score}) span")
        page.tap("fieldset#gender label.option:nth-of-type(2) span")
        page.type("input[name=age]", "42")
        page.type("textarea[name=suggestion]", "Ruang tunggu sudah nyaman, terima kasih <b>petugas</b>!")
        checked = page.evaluate("Array.from(document.querySelectorAll('input[type=radio]:checked')).map(e => e.name + '=' + e.value)")
        print("checked:", ", ".join(checked))
        if len([c for c in checked if c.startswith("u")]) != 9:
            raise RuntimeError("not every question got its answer from the taps")
        page.screenshot(os.path.join(out, "2-form-filled.png"))

        page.events.clear()
        page.tap("div.submit button")
        page.wait_for("Page.loadEventFired")
        location = page.evaluate("location.pathname")
        heading = page.evaluate("document.querySelector('h1') && document.querySelector('h1').textContent")
        print(f"after submit: {location} {heading!r}")
        if location != "/terima-kasih" or heading != "Terima kasih":
            raise RuntimeError("the submission did not end on the thank-you page")
        page.screenshot(os.path.join(out, "3-thanks.png"))

        page.navigate(base + "/hasil")
        bars = page.evaluate("document.querySelectorAll('svg.nrr-chart rect.bar').length")
        limits = page.evaluate("document.querySelectorAll('svg.nrr-chart line.band-limit').length")
        ikm = page.evaluate("document.querySelector('dd.ikm').textContent")
        print(f"results: IKM {ikm}, {bars} NRR bars, {limits} band limits")
        if bars != 9 or limits != 3:
            raise RuntimeError("the results chart is incomplete")
        page.screenshot(os.path.join(out, "4-results.png"))

        problems = [e for e in page.events if e.get("method") in ("Log.entryAdded", "Runtime.exceptionThrown")]
        for problem in problems:
            print("browser console:", json.dumps(problem.get("params", {}))[:300])
        if problems:
            raise RuntimeError("the browser reported console messages")
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()


if __name__ == "__main__":
    main()
