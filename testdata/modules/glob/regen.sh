#!/usr/bin/env bash
# Re-make this capture (session 16): the root package's test binary, every package of the module with the diagnostic
# flags (the hot code is in match/); its benchmarks compare glob against regexp, so 40 % of the CPU samples are
# regexp's.
set -euo pipefail
"$(dirname "$0")/../capture.sh" glob github.com/gobwas/glob@v0.2.3 300ms . all
