// Package hotasm is the program behind the hot-instruction captures: three loops whose hot
// instructions are an interface call, a kept bounds check and a write-barrier test.
package hotasm

// Shape is called through its itab in sumAreas.
type Shape interface{ Area() float64 }

type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

type Rect struct{ w, h float64 }

func (r *Rect) Area() float64 { return r.w * r.h }

// sumAreas calls Area through the interface: an indirect CALL in the loop.
//
//go:noinline
func sumAreas(shapes []Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

// square is inlined into gather: its instructions carry an inlined frame.
func square(x int) int { return x * x }

// gather indexes xs with values the compiler knows nothing about: the bounds check stays.
//
//go:noinline
func gather(xs []int, idx []int) int {
	s := 0
	for _, i := range idx {
		s += square(xs[i])
	}
	return s
}

type node struct {
	next *node
	v    int
}

// link stores a pointer into a heap slice in a loop: a write-barrier test per store.
//
//go:noinline
func link(ns []*node, n *node) {
	for i := range ns {
		ns[i] = n
	}
}
