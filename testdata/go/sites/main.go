// Program sites: the shapes of findings the engine must get right on real code — generic
// instances of different shapes, one helper inlined into several callers, a closure renamed by
// inlining, a cold error path inside a hot function, and a recursive call that cannot be inlined.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// Number has a type set: each underlying type gets its own shape (go.shape.int, go.shape.float64).
type Number interface{ ~int | ~float64 }

// Sum is instantiated with int and float64.
func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type label struct{ name string }

func (l *label) String() string { return l.name }

// Describe is instantiated with a pointer type (shape go.shape.*uint8) and int: the boxing of v
// happens in both shapes, at different costs.
func Describe[T any](v T) string {
	return fmt.Sprint(v)
}

// key is small and inlined into both callers: its escape is one site with two inlined copies.
func key(id int, kind string) string {
	return kind + ":" + strconv.Itoa(id)
}

func lookupA(id int) string { return key(id, "a") }

func lookupB(id int) string { return key(id, "b") }

// Parse is hot; its error path is not: the fmt.Errorf arguments escape on a line that never runs.
func Parse(s string) (int, error) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad digit %q at %d in %s", c, i, s)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// Counter returns a closure; inlining Counter into main renames it (main.main.Counter.func1).
func Counter() func(int) []int {
	var seen []int
	return func(x int) []int {
		seen = append(seen, x)
		return seen
	}
}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

var errEmpty = errors.New("empty")

func run(args []string) error {
	if len(args) == 0 {
		return errEmpty
	}
	total := 0
	for _, a := range args {
		n, err := Parse(a)
		if err != nil {
			return err
		}
		total += n
	}
	c := Counter()
	c(total)
	fmt.Println(Sum([]int{total, 1}), Sum([]float64{1.5}), Describe(&label{"x"}), Describe(total),
		lookupA(total), lookupB(total), depth(len(args)))
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
