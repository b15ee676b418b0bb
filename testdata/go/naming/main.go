// Program naming: symbol shapes for the parsers — value and pointer receivers, nested closures,
// closures in a global initializer, generic functions and methods with two instantiations, an
// inlined closure, and a small function inlined into several callers (duplicated messages).
package main

import (
	"fmt"
	"os"
	"strings"
)

type Point struct{ X, Y int }

// Value receiver.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Pointer receiver.
func (p *Point) Scale(k int) { p.X *= k; p.Y *= k }

// A pointer-receiver method whose result escapes.
func (p *Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

// Closures in a global variable initializer: named glob..func1, glob..func2 (and nested).
var handlers = map[string]func(int) int{
	"double": func(x int) int { return 2 * x },
	"square": func(x int) int { return x * x },
	"nested": func(x int) int {
		inner := func(y int) int { return y + x }
		return inner(inner(x))
	},
}

// Nested closures: counter.func1 returns counter.func1.1.
func counter(start int) func() func() int {
	n := start
	return func() func() int {
		n++
		return func() int {
			n *= 2
			return n
		}
	}
}

// A generic function, instantiated for int and string.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// A generic type with a value-receiver method and a pointer-receiver method, two instantiations.
type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s Stack[T]) Peek() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	return s.items[len(s.items)-1], true
}

// clamp is small: it is inlined into every caller below, so its messages repeat per call site.
func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func norm(p Point) Point { return Point{clamp(p.X, 0, 100), clamp(p.Y, 0, 100)} }

func percent(v int) int { return clamp(v, 0, 100) }

func byte8(v int) int { return clamp(v, 0, 255) }

func main() {
	p := Point{len(os.Args), 2}
	q := p.Add(Point{3, 4})
	q.Scale(2)

	// An inlined closure: called once in place.
	sq := func(x int) int { return x * x }(q.X)

	next := counter(sq)
	step := next()

	ints := Map([]int{1, 2, 3}, func(x int) string { return strings.Repeat("*", x) })
	strs := Map([]string{"a", "bb"}, func(s string) int { return len(s) })

	var si Stack[int]
	si.Push(percent(sq))
	var ss Stack[string]
	ss.Push(q.String())
	top, _ := si.Peek()
	word, _ := ss.Peek()

	fmt.Println(norm(q), byte8(step()), handlers["nested"](top), word, ints, strs)
}
