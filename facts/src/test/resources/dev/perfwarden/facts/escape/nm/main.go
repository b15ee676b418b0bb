package main

import (
	"fmt"
	"iter"

	"example.com/nm/sub"
)

type T struct{ a int }

func (t *T) Ptr() func() int {
	return func() int { return t.a }
}

func (t T) Val() int {
	f := func() int {
		g := func() int { return t.a + 1 }
		return g() * 2
	}
	return f()
}

var glob = func() int { return 42 }

var globs = []func() int{
	func() int { return 1 },
	func() int { return 2 },
}

func init() {
	go func() { fmt.Println("x") }()
}

type Box[E any] struct{ v E }

func (b *Box[E]) Get() E { return b.v }

func (b *Box[E]) Each(f func(E)) {
	g := func() { f(b.v) }
	g()
}

func Map[E, R any](s []E, f func(E) R) []R {
	out := make([]R, 0, len(s))
	for _, e := range s {
		out = append(out, f(e))
	}
	return out
}

func seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func useSeq() int {
	s := 0
	for v := range seq(3) {
		s += v
		fmt.Println(s)
	}
	return s
}

func outer() func() func() int {
	x := 1
	return func() func() int {
		y := 2
		return func() int { return x + y }
	}
}

func main() {
	w := &worker{2}
	ch := make(chan int, 3)
	w.run(ch)
	t := &T{1}
	fmt.Println(t.Ptr()(), t.Val(), glob(), globs[0]())
	b := &Box[int]{3}
	b.Each(func(i int) { fmt.Println(i) })
	fmt.Println(Map([]int{1}, func(i int) string { return fmt.Sprint(i) }), b.Get())
	fmt.Println(useSeq(), outer()()(), sub.Hello(), sub.Gen[string]("a"))
	defer func() { recover() }()
}
