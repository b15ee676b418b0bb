package main

import "fmt"

// Package initialization order differs from declaration order: zz first, then yy, then xx. The
// compiler numbers closures in initializers in that order.
var xx = func() int { return yy() + 1 }()

var yy = func() int { return zz }

var zz = func() int { return len("{ not a brace }") + len(`}`) + int('}') }()

var typ func(int) int // a function type, not a literal

var table = []func() int{func() int { return 7 }}

type worker struct{ n int }

func (w *worker) run(ch chan int) {
	go w.loop(ch, 3) // Go 1.22+: a go wrapper (gowrap1), not a func literal
	defer func() {   // a deferred literal: run.func1
		fmt.Println(w.n, typ == nil, xx, len(table))
	}()
}

func (w *worker) loop(ch chan int, k int) {
	for i := 0; i < k; i++ {
		ch <- i * w.n
	}
	close(ch)
}
