package pricing

import "testing"

func sampleContext() *Context {
	return &Context{
		Customer: "acme",
		Coupon:   "spring10",
		Lines: []Line{
			{SKU: "BK-1", Qty: 2, Unit: 1250, Category: "books"},
			{SKU: "PEN-9", Qty: 40, Unit: 99, Category: "office"},
			{SKU: "GIFT-1", Qty: 12, Unit: 500, Category: "gifts"},
			{SKU: "BK-7", Qty: 1, Unit: 3400, Category: "books"},
		},
	}
}

func TestPrice(t *testing.T) {
	_, total := DefaultEngine().Price(sampleContext())
	if total <= 0 {
		t.Fatalf("total = %v", total)
	}
}

func BenchmarkPrice(b *testing.B) {
	b.ReportAllocs()
	e := DefaultEngine()
	ctx := sampleContext()
	for i := 0; i < b.N; i++ {
		e.Price(ctx)
	}
}
