package main

import (
	"fmt"
	"testing"
)

var sink any

func BenchmarkParse(b *testing.B) {
	in := []string{"12345678", "987654321", "42"}
	for i := 0; i < b.N; i++ {
		for _, s := range in {
			n, err := Parse(s)
			if err != nil {
				b.Fatal(err)
			}
			sink = n
		}
	}
}

func BenchmarkSites(b *testing.B) {
	ints := []int{1, 2, 3, 4, 5, 6, 7, 8}
	l := &label{"bench"}
	for i := 0; i < b.N; i++ {
		sink = Sum(ints)
		sink = Describe(l)
		sink = Describe(i)
		sink = lookupA(i) + lookupB(i)
		sink = fmt.Sprint(i) // a finding in test code
	}
}
