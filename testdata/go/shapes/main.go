// Program shapes: one generic function instantiated with int, string and an interface type, each
// instance called in a loop; its body inlines a small helper and boxes its argument, so -m=2 prints
// the inlined call and the escape once per instance (go.shape.int, go.shape.string and
// go.shape.interface { Name() string }), and the profile has one function per shape.
package main

import (
	"fmt"
	"os"
)

// Named is the interface type argument.
type Named interface{ Name() string }

type user struct {
	id   int
	name string
}

func (u user) Name() string { return u.name }

// last keeps the most recent boxed value, so that the conversion to any escapes.
var last any

// mix is small: inlined into every instance of Index.
func mix(h, i int) int { return h*31 + i }

// Index gives each distinct x a number and sums the numbers of xs.
func Index[T comparable](xs []T, seen map[T]int) int {
	total := 0
	for i, x := range xs {
		n, ok := seen[x]
		if !ok {
			n = mix(len(seen), i)
			seen[x] = n
			last = x
		}
		total += n
	}
	// a second pass, so that Index is too big to be inlined and each shape keeps its own code
	for i := len(xs) - 1; i >= 0; i-- {
		if seen[xs[i]]%7 == 0 {
			total -= mix(total, i)
		}
	}
	return total
}

func ints(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i % 97
	}
	return xs
}

func strs(n int) []string {
	xs := make([]string, n)
	for i := range xs {
		xs[i] = fmt.Sprint("k", i%89)
	}
	return xs
}

func named(n int) []Named {
	xs := make([]Named, n)
	for i := range xs {
		xs[i] = user{id: i % 83, name: "u"}
	}
	return xs
}

func run(rounds int) int {
	a, b, c := ints(1000), strs(1000), named(1000)
	sum := 0
	for r := 0; r < rounds; r++ {
		sum += Index(a, map[int]int{})
		sum += Index(b, map[string]int{})
		sum += Index(c, map[Named]int{})
	}
	return sum
}

func main() {
	fmt.Fprintln(os.Stdout, run(len(os.Args)))
}
