package bench

import (
	"fmt"
	"strings"
	"testing"
)

var Sink []byte

func BenchmarkAlloc(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Sink = make([]byte, 64)
	}
	b.ReportMetric(42, "widgets/op")
}

func BenchmarkLog(b *testing.B) {
	b.Logf("hello from %s\nsecond line", b.Name())
	for i := 0; i < b.N; i++ {
		_ = strings.Repeat("x", 3)
	}
}

func BenchmarkSub(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			for i := 0; i < b.N; i++ {
				Sink = make([]byte, n)
			}
		})
	}
}

func BenchmarkLoop(b *testing.B) {
	for b.Loop() {
		_ = fmt.Sprint(1)
	}
}

func BenchmarkSkip(b *testing.B) { b.Skip("not today") }

func BenchmarkFail(b *testing.B) {
	b.Fatal("boom")
}
