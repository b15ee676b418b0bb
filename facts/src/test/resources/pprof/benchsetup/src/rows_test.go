package benchsetup

import "testing"

var sink int

// The receiver is not named b: the untimed part is found by the parameter's name.
func BenchmarkSum(bb *testing.B) {
	rows := Table(2048)
	bb.ResetTimer()
	for i := 0; i < bb.N; i++ {
		sink += Sum(rows[:32])
	}
}

func BenchmarkStopped(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		rows := Table(1)
		b.StartTimer()
		sink += Sum(rows)
	}
}

// No untimed part: Table is timed here, and its samples stay.
func BenchmarkTimed(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += Sum(Table(4))
	}
}
