#!/usr/bin/env python3
"""Time from saving one record to its new page being served by `nongsan serve`.

Generates a synthetic site (default 10,000 records) in a tmpfs folder,
starts `nongsan serve`, then repeatedly renames one product and polls its
page until the new name is served. Prints each latency and the median.

    scripts/bench-serve.py [--records 10000] [--runs 15] [--dir /dev/shm/nongsan-serve]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--dir", default="/dev/shm/nongsan-serve")
    a = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nongsan", "--example", "gen-site"], cwd=ROOT, check=True)
    shutil.rmtree(a.dir, ignore_errors=True)
    subprocess.run([os.path.join(ROOT, "target/release/examples/gen-site"), "--records", str(a.records), "--out", a.dir], check=True)

    server = subprocess.Popen(
        [os.path.join(ROOT, "target/release/nongsan"), "serve", "--port", "0", "--lang", "en", "--root", a.dir],
        stderr=subprocess.PIPE, text=True)
    port = None
    started = time.time()
    for line in server.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    print(f"first build and start: {time.time() - started:.2f} s", file=sys.stderr)
    if port is None:
        sys.exit("the server did not start")

    path = os.path.join(a.dir, "content/products/san-pham-123.md")
    url = f"http://127.0.0.1:{port}/en/products/san-pham-123/"
    original = open(path, encoding="utf-8").read()
    latencies = []
    try:
        for run in range(a.runs):
            marker = f"Renamed product {run}"
            text = re.sub(r"en: Product 123 \}|en: Renamed product \d+ \}", f"en: {marker} }}", original if run == 0 else open(path, encoding="utf-8").read())
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                body = urllib.request.urlopen(url).read().decode("utf-8")
                if marker in body:
                    break
                time.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
            print(f"run {run + 1}: {latencies[-1]:.0f} ms")
            time.sleep(0.3)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
    print(f"median save-to-served latency over {len(latencies)} runs on {a.records} records: {statistics.median(latencies):.0f} ms")


if __name__ == "__main__":
    main()
