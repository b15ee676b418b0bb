// Package gcfix is the gcassert-compatibility fixture: each kind of //gcassert directive once
// upheld by the compiler and once broken. regen.sh runs gcassert itself on it (gcassert.txt)
// and keeps the -m=2 -d=ssa/check_bce/debug=1 output gcassert read (m2.txt).
package gcfix

import "fmt"

type point struct{ x, y int }

//gcassert:inline
func add(a, b int) int {
	return a + b
}

//gcassert:inline
func heavy(xs []int) int {
	defer fmt.Sprint()
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

//gcassert:inline
func (p point) sum() int {
	return p.x + p.y
}

func Sum(xs []int) int {
	s := 0
	for i := range xs {
		s += xs[i] //gcassert:bce
	}
	s += add(s, 1)
	s += heavy(xs)
	s += point{1, 2}.sum()
	return s
}

func Third(xs []int) int {
	return xs[2] //gcassert:bce
}

func Local() int {
	p := point{3, 4} //gcassert:noescape
	return p.sum()
}

var sink *point

func Leak() {
	//gcassert:noescape
	p := &point{5, 6}
	sink = p
}

func Lines(xs []int) int {
	//gcassert:inline
	n := add(len(xs), 1)
	//gcassert:inline
	m := heavy(xs)
	return n + m
}

// Unknown directives: gcassert reports each as an error on the node it is attached to.
func Unknown(xs []int) int {
	n := len(xs) //gcassert:foo
	//gcassert:inline,nocopy
	m := add(n, 1)
	return m
}
