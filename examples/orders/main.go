// Command orders prices a batch of orders: it parses them, keeps them in a recency store, runs
// the pricing rules over every line and prints receipts and a per-category summary.
//
//	orders [-n N] [-receipts] [FILE]
//
// Without FILE it prices N generated orders.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"example.com/orders/internal/pricing"
)

// Pipeline wires the parser, the store and the pricing engine together.
type Pipeline struct {
	engine  *pricing.Engine
	store   *Store
	record  func(string, pricing.Cents)
	summary func() string
	orders  []*Order
}

func NewPipeline() *Pipeline {
	record, summary := Recorder()
	return &Pipeline{engine: pricing.DefaultEngine(), store: NewStore(1024), record: record, summary: summary}
}

// Process parses, stores and prices one order line.
func (p *Pipeline) Process(line string) (*Order, []pricing.Cents, error) {
	o, err := ParseOrder(line)
	if err != nil {
		return nil, nil, err
	}
	p.store.Put(o)
	ctx := &pricing.Context{Customer: o.Customer, Coupon: o.Coupon, Lines: o.Lines}
	amounts, total := p.engine.Price(ctx)
	o.Total = total
	for i, l := range o.Lines {
		if p.store.Get(o.ID) == nil {
			break
		}
		p.record(l.Category, amounts[i])
	}
	p.orders = append(p.orders, o)
	return o, amounts, nil
}

// Generate returns n synthetic orders in the line format.
func Generate(n int) []string {
	skus := []string{"BK-1:2@12.50", "PEN-9:40@0.99", "GIFT-1:12@5.00", "BK-7:1@34.00", "MUG-3:6@7.25"}
	var out []string
	for i := 0; i < n; i++ {
		line := "id=" + strconv.Itoa(i) + ";customer=c" + strconv.Itoa(i%37)
		if i%5 == 0 {
			line += ";coupon=SPRING10"
		}
		line += ";items="
		for j := 0; j <= i%len(skus); j++ {
			if j > 0 {
				line += ","
			}
			line += skus[(i+j)%len(skus)]
		}
		out = append(out, line)
	}
	return out
}

func run(in io.Reader, out io.Writer, n int, receipts bool) error {
	p := NewPipeline()
	var lines []string
	if in != nil {
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if err := sc.Err(); err != nil {
			return err
		}
	} else {
		lines = Generate(n)
	}
	for _, line := range lines {
		o, amounts, err := p.Process(line)
		if err != nil {
			return fmt.Errorf("order %q: %w", line, err)
		}
		if receipts {
			fmt.Fprint(out, Receipt(o, amounts))
		}
	}
	p.store.Reverse()
	count, sum := p.store.Totals()
	fmt.Fprintf(out, "%d orders in store, %s total, %d lookups\n", count, sum, p.store.hits)
	fmt.Fprint(out, p.summary())
	fmt.Fprintln(out, "top customers:", TopCustomers(p.orders, 3))
	return nil
}

func main() {
	n := flag.Int("n", 1000, "number of generated orders when no FILE is given")
	receipts := flag.Bool("receipts", false, "print a receipt per order")
	flag.Parse()
	var in io.Reader
	if flag.NArg() > 0 {
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	if err := run(in, w, *n, *receipts); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
