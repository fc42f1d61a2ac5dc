#!/usr/bin/env python3
"""Bounded load on loopback: CLIENTS respondents submit TOTAL responses to a running iku-kiosk
(each first opens the form for its cookie and token) while a clerk's `iku survey import` of
IMPORT_ROWS rows runs against the same database. Afterwards every acknowledged response (303)
must be stored exactly once, and nothing may have failed. Prints the latency of the submissions.

usage: kiosk_load.py IKU_BINARY DATABASE KIOSK_URL CLIENTS TOTAL IMPORT_ROWS WORK_DIR
"""
import http.client, os, random, re, sqlite3, subprocess, sys, threading, time, urllib.parse

iku, database, url, clients, total, import_rows, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
parsed = urllib.parse.urlparse(url)
host, port = parsed.hostname, parsed.port
assert host in ("127.0.0.1", "::1", "localhost"), "the load run stays on loopback"

# The clerk's file: dates in 2025, every column.
csv_path = os.path.join(work, "clerk-import.csv")
rng = random.Random(2025)
with open(csv_path, "w", newline="") as out:
    out.write("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\r\n")
    for _ in range(import_rows):
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        scores = ",".join(str(rng.randint(1, 4)) for _ in range(9))
        out.write(f"2025-{month:02d}-{day:02d},{rng.choice(['KTP', 'Kartu Keluarga', 'SKTM'])},{scores},{rng.choice('LP')},"
                  f"{rng.randint(17, 80)},SMA,WIRAUSAHA,\r\n")

latencies, statuses, errors, acknowledged = [], {}, [], []
lock = threading.Lock()
start_gate = threading.Barrier(clients + 1)


def client(number, count):
    try:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        connection.request("GET", "/")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    except Exception as error:  # noqa: BLE001 - every failure is reported
        with lock:
            errors.append(f"client {number}: opening the form failed: {error!r}")
        start_gate.wait()
        return
    start_gate.wait()
    for index in range(count):
        marker = f"load c{number:02d} n{index:04d}"
        fields = [("csrf", token), ("service", "KTP")] + [(f"u{u}", str(1 + (number + index + u) % 4)) for u in range(1, 10)] \
            + [("gender", "LP"[index % 2]), ("age", str(18 + index % 60)), ("suggestion", marker)]
        body = urllib.parse.urlencode(fields)
        began = time.perf_counter()
        try:
            connection.request("POST", "/", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status == 303:
                    acknowledged.append(marker)
                else:
                    errors.append(f"{marker}: HTTP {response.status}")
        except Exception as error:  # noqa: BLE001
            with lock:
                errors.append(f"{marker}: {error!r}")
            connection = http.client.HTTPConnection(host, port, timeout=60)


shares = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]
threads = [threading.Thread(target=client, args=(i, shares[i])) for i in range(clients)]
for thread in threads:
    thread.start()
start_gate.wait()
began = time.perf_counter()
environment = dict(os.environ, IKU_ACTOR="clerk-load")
clerk = subprocess.Popen([iku, "survey", "import", "--db", database, csv_path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True)
for thread in threads:
    thread.join()
submissions_done = time.perf_counter() - began
clerk_out, clerk_err = clerk.communicate()
clerk_done = time.perf_counter() - began
if clerk.returncode != 0:
    errors.append(f"iku survey import exited {clerk.returncode}: {clerk_err.strip()}")

db = sqlite3.connect(database)
stored_markers = [row[0] for row in db.execute(
    "SELECT v.suggestion FROM survey_response_versions v JOIN changes c ON c.id = v.change_id "
    "WHERE c.actor = 'kiosk:load'")]
imported = db.execute("SELECT count(*) FROM survey_response_versions v JOIN changes c ON c.id = v.change_id "
                      "WHERE c.actor = 'clerk-load'").fetchone()[0]
db.close()
missing = sorted(set(acknowledged) - set(stored_markers))
duplicates = len(stored_markers) - len(set(stored_markers))
unacknowledged = sorted(set(stored_markers) - set(acknowledged))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


print(f"clients: {clients}; submissions: {len(latencies)} sent, {len(acknowledged)} acknowledged (303), statuses {statuses}")
print(f"stored by kiosk:load: {len(stored_markers)}; acknowledged but missing: {len(missing)}; duplicates: {duplicates}; "
      f"stored without acknowledgement: {len(unacknowledged)}")
print(f"clerk import: {imported} rows stored, exit {clerk.returncode}, {clerk_done:.2f} s after the start")
print(f"submissions took {submissions_done:.2f} s: {len(latencies) / submissions_done:.1f} responses/s")
print(f"latency p50 {percentile(latencies, 0.50) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
      f"max {max(latencies) * 1000 if latencies else float('nan'):.1f} ms")
for error in errors[:20]:
    print("error:", error)
ok = (not errors and not missing and not duplicates and not unacknowledged and len(acknowledged) == total
      and imported == import_rows)
print("load run:", "ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
