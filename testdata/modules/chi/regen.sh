#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh.
# 2s per benchmark: with 200ms the CPU profile held 850 ms of samples, too few to tell hot lines apart.
exec "$(dirname "$0")/../capture.sh" chi github.com/go-chi/chi/v5@v5.1.0 2s
