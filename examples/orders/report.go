package main

import (
	"fmt"
	"sort"
	"strings"

	"example.com/orders/internal/pricing"
)

// stats is a fixed-size table of per-category counters: about 2 KB.
type stats struct {
	names  [64]string
	counts [64]int
	sums   [64]pricing.Cents
	used   int
}

func (st *stats) add(category string, amount pricing.Cents) {
	for i := 0; i < st.used; i++ {
		if st.names[i] == category {
			st.counts[i]++
			st.sums[i] += amount
			return
		}
	}
	if st.used < len(st.names) {
		st.names[st.used] = category
		st.counts[st.used] = 1
		st.sums[st.used] = amount
		st.used++
	}
}

// Recorder returns a callback that records priced lines. The callback captures the whole
// stats table by reference and outlives the call, so the table moves to the heap.
func Recorder() (record func(category string, amount pricing.Cents), summary func() string) {
	var st stats
	record = func(category string, amount pricing.Cents) { st.add(category, amount) }
	summary = func() string {
		var b strings.Builder
		for i := 0; i < st.used; i++ {
			fmt.Fprintf(&b, "%-10s %6d %12s\n", st.names[i], st.counts[i], st.sums[i])
		}
		return b.String()
	}
	return record, summary
}

// Receipt renders an order with fmt: every argument is boxed into an interface.
func Receipt(o *Order, amounts []pricing.Cents) string {
	var lines []string
	for i, l := range o.Lines {
		lines = append(lines, fmt.Sprintf("%3d x %-8s %10s", l.Qty, l.SKU, amounts[i]))
	}
	header := fmt.Sprintf("order %d for %s", o.ID, o.Customer)
	out := header + "\n"
	for _, l := range lines {
		out += l + "\n"
	}
	out += fmt.Sprintf("total %v\n", o.Total)
	return out
}

// TopCustomers returns the n customers with the highest totals.
func TopCustomers(orders []*Order, n int) []string {
	totals := map[string]pricing.Cents{}
	for _, o := range orders {
		totals[o.Customer] += o.Total
	}
	var names []string
	for name := range totals {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if totals[names[i]] != totals[names[j]] {
			return totals[names[i]] > totals[names[j]]
		}
		return names[i] < names[j]
	})
	if len(names) > n {
		names = names[:n]
	}
	return names
}
