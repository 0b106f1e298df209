#!/usr/bin/env python3
# tests/usage.py -- runs CMD... and writes "PEAK_KB SECONDS" into FILE: the command's peak
# resident memory (getrusage of the children) and its wall time. What GNU time's
# `-f '%M %e' -o FILE` writes, without depending on the `time` package, which a minimal
# Debian lacks. The peak is an upper bound: it can include the ~14 MB of the forked Python
# before it execs CMD. The command keeps this process's standard streams. Exits with the
# command's exit status (128+N after a signal N, as a shell reports it).
#   usage: tests/usage.py -o FILE CMD [ARG...]
import resource
import subprocess
import sys
import time

if len(sys.argv) < 4 or sys.argv[1] != "-o":
    sys.exit("usage: usage.py -o FILE CMD [ARG...]")
start = time.monotonic()
rc = subprocess.call(sys.argv[3:])
secs = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: kilobytes
with open(sys.argv[2], "w") as out:
    out.write("%d %.2f\n" % (peak_kb, secs))
sys.exit(128 - rc if rc < 0 else rc)
