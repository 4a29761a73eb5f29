"""Peak memory of the streamed LIVES zip writer against the number of rows: flat means streamed.

    nice .venv/bin/python bench/lives_export.py 100000 1000000

Each run is a fresh process writing N synthetic businesses.csv rows (the LIVES columns) through
backend.export.zipstream and discarding the chunks, as the HTTP response does."""

import subprocess
import sys

CHILD = """
import resource, sys, time
from backend.export import lives, zipstream
n = int(sys.argv[1])
rows = ([f"9144010{i:011d}", f"商户{i}", f"天河区体育西路{i}号", "天河区", "广东省", "", 23.1, 113.3, ""]
        for i in range(n))
start, size = time.perf_counter(), 0
for chunk in zipstream.zip_of_csvs([("businesses.csv", lives.BUSINESSES, rows)]):
    size += len(chunk)
print(n, size, round(time.perf_counter() - start, 1),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def main() -> None:
    print("rows  zip_bytes  seconds  peak_rss_MiB")
    for n in sys.argv[1:] or ["100000", "1000000"]:
        out = subprocess.run([sys.executable, "-c", CHILD, n], capture_output=True, text=True,
                             check=True).stdout.strip()
        print(out)


if __name__ == "__main__":
    main()
