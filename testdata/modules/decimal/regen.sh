#!/bin/sh
# Re-capture this module (Go 1.26.8, linux/amd64 made the committed files): see ../capture.sh. Every benchmark
# except Benchmark_Cmp (sorts 1,000,000 Decimals per op after building them) and Benchmark_DivideOriginal (DivOld, the
# legacy division): NewFrom*, Floor*, DivideNew, RoundCash, NumDigits*, Add/Sub, IsInteger, Pow*, Exp*, Normalize/*,
# Sqrt/*, UnmarshalJSON; 200ms each (Benchmark_DivideNew then runs one op of ~0.9 s: its setup,
# createDivTestCases, is in both profiles).
exec "$(dirname "$0")/../capture.sh" decimal github.com/shopspring/decimal@v1.6.0 200ms \
  'NewFrom|Floor|DivideNew|RoundCash|NumDigits|_Add_|_Sub_|IsInteger|Pow|Exp|Normalize|Sqrt|UnmarshalJSON'
