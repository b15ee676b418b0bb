package main

import "testing"

func BenchmarkIndex(b *testing.B) {
	for i := 0; i < b.N; i++ {
		run(1)
	}
}
