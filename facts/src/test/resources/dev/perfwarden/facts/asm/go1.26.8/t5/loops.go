package main

import (
	"fmt"
	"os"
	"strconv"
)

type Shape interface{ Area() float64 }

type Sq struct{ s float64 }

func (q *Sq) Area() float64 { return q.s * q.s }

type Node struct {
	next *Node
	val  int
}

var sink interface{}
var nodes []*Node

//go:noinline
func sumLoop(s []int, idx []int) int {
	t := 0
	for _, i := range idx {
		t += s[i]
	}
	return t
}

//go:noinline
func growLoop(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}

//go:noinline
func concatLoop(words []string) string {
	s := ""
	for _, w := range words {
		s += w + ","
	}
	return s
}

//go:noinline
func ifaceLoop(shapes []Shape) float64 {
	t := 0.0
	for _, sh := range shapes {
		t += sh.Area()
	}
	return t
}

//go:noinline
func closureLoop(fs []func(int) int) int {
	t := 0
	for i, f := range fs {
		t += f(i)
	}
	return t
}

//go:noinline
func linkLoop(n int) {
	for i := 0; i < n; i++ {
		nodes = append(nodes, &Node{val: i})
	}
}

//go:noinline
func boxLoop(n int) {
	for i := 0; i < n; i++ {
		sink = i
	}
}

//go:noinline
func mapLoop(keys []string) map[string]int {
	m := make(map[string]int)
	for _, k := range keys {
		m[k]++
	}
	return m
}

//go:noinline
func deferred(n int) (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = -1
		}
	}()
	return 10 / n
}

//go:noinline
func itoaLoop(n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println(sumLoop(s, []int{0, 1, 2}), len(growLoop(len(os.Args))))
	fmt.Println(concatLoop([]string{"a", "b"}))
	fmt.Println(ifaceLoop([]Shape{&Sq{2}}))
	fmt.Println(closureLoop([]func(int) int{func(i int) int { return i + len(os.Args) }}))
	linkLoop(3)
	boxLoop(300)
	fmt.Println(mapLoop([]string{"x"}), deferred(0), itoaLoop(2))
}
