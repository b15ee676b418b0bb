package main

import (
	"io"
	"testing"
)

var sample = Generate(256)

func TestRoundTrip(t *testing.T) {
	for _, line := range sample[:20] {
		o, err := ParseOrder(line)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatOrder(o); got == "" {
			t.Fatalf("empty format for %q", line)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, line := range sample {
			if _, err := ParseOrder(line); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(sample)), "orders/op")
}

func BenchmarkPipeline(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := NewPipeline()
		for _, line := range sample {
			if _, _, err := p.Process(line); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkReceipt(b *testing.B) {
	p := NewPipeline()
	o, amounts, err := p.Process(sample[4])
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fmt", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = Receipt(o, amounts)
		}
	})
	b.Run("format", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = FormatOrder(o)
		}
	})
}

func BenchmarkRun(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := run(nil, io.Discard, 200, true); err != nil {
			b.Fatal(err)
		}
	}
}
