package main

import (
	"context"
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var Sink []byte
var SinkS string

//go:noinline
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func sq(x int) int { return x * x } // inlined

func sumSquares(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += sq(i) % 7
	}
	return s
}

func grow(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i)
	}
	return s
}

func concat(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "x"
	}
	return s
}

type T struct{ buf [64]byte }

func (t *T) M() *T { return &T{} }

func main() {
	cpu := flag.String("cpu", "cpu.pprof", "")
	mem := flag.String("mem", "mem.pprof", "")
	mu := flag.String("mutex", "mutex.pprof", "")
	blk := flag.String("block", "block.pprof", "")
	d := flag.Duration("d", 2*time.Second, "")
	flag.Parse()
	runtime.MemProfileRate = 4096
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	f, _ := os.Create(*cpu)
	pprof.StartCPUProfile(f)
	deadline := time.Now().Add(*d)
	var wg sync.WaitGroup
	var m sync.Mutex
	total := 0
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			pprof.Do(context.Background(), pprof.Labels("worker", strings.Repeat("w", w+1)), func(ctx context.Context) {
				for time.Now().Before(deadline) {
					x := fib(18) + sumSquares(20000)
					Sink = make([]byte, 1024)
					_ = grow(200)
					SinkS = concat(50)
					_ = (&T{}).M()
					m.Lock()
					total += x
					time.Sleep(10 * time.Microsecond)
					m.Unlock()
				}
			})
		}(w)
	}
	wg.Wait()
	pprof.StopCPUProfile()
	f.Close()
	for name, path := range map[string]string{"allocs": *mem, "mutex": *mu, "block": *blk} {
		g, _ := os.Create(path)
		pprof.Lookup(name).WriteTo(g, 0)
		g.Close()
	}
	println(total)
}
