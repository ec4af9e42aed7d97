"""Bench-only hook: Python imports `sitecustomize` at start from PYTHONPATH.

The bench puts this folder on PYTHONPATH only for the MiniStack process it
starts itself (tests/bench/support/bench-stack.ts), together with
BENCH_DDB_PROBE_LOG. Every other Python process (pip, MiniStack's own Python
Lambda workers, which inherit the environment) skips it. It shadows the
system's sitecustomize (on Debian only an apport crash hook) for those
processes, which the emulator does not need.
"""
import os
import sys

if os.environ.get("BENCH_DDB_PROBE_LOG") and os.path.basename(sys.argv[0] if sys.argv else "") == "ministack":
    import ddb_probe

    ddb_probe.install(os.environ["BENCH_DDB_PROBE_LOG"])
