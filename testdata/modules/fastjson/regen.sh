#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. The parser's and
# the validator's benchmarks on the six fixtures of the module's testdata/ (fastjson only, not encoding/json).
exec "$(dirname "$0")/../capture.sh" fastjson github.com/valyala/fastjson@v1.6.10 500ms '^Benchmark(Parse|Validate)$/./fastjson'
