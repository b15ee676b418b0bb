package hotabi

import "testing"

var sink uint64

func BenchmarkSum(b *testing.B) {
	buf := make([]byte, 1<<16)
	for i := range buf {
		buf[i] = byte(i)
	}
	for i := 0; i < b.N; i++ {
		sink += Summer(buf)
	}
}
