package hotasm

import "testing"

var sinkF float64
var sinkI int

func BenchmarkSumAreas(b *testing.B) {
	shapes := make([]Shape, 1024)
	for i := range shapes {
		if i%2 == 0 {
			shapes[i] = Sq{float64(i)}
		} else {
			shapes[i] = &Rect{float64(i), 2}
		}
	}
	for i := 0; i < b.N; i++ {
		sinkF += sumAreas(shapes)
	}
}

func BenchmarkGather(b *testing.B) {
	xs := make([]int, 4096)
	idx := make([]int, 4096)
	for i := range idx {
		xs[i] = i
		idx[i] = (i * 7919) % len(xs)
	}
	for i := 0; i < b.N; i++ {
		sinkI += gather(xs, idx)
	}
}

func BenchmarkLink(b *testing.B) {
	ns := make([]*node, 4096)
	n := &node{v: 1}
	for i := 0; i < b.N; i++ {
		link(ns, n)
	}
}
