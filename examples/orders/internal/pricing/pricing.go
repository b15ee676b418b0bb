// Package pricing turns order lines into prices by running a chain of pricing rules.
package pricing

import (
	"fmt"
	"strings"
)

// Cents is an amount of money in hundredths of the currency unit.
type Cents int64

func (c Cents) String() string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// Line is one priced order line.
type Line struct {
	SKU      string
	Qty      int
	Unit     Cents
	Category string
}

// Context is what a rule may look at besides the running amount.
type Context struct {
	Customer string
	Coupon   string
	Lines    []Line
	Index    int // the line being priced
}

// Rule adjusts the running amount of one line.
type Rule interface {
	Name() string
	Apply(ctx *Context, amount Cents) Cents
}

// PercentOff takes a percentage off every line of a category ("" = all).
type PercentOff struct {
	Category string
	Percent  int64
}

func (r PercentOff) Name() string { return fmt.Sprintf("percent-off(%s,%d)", r.Category, r.Percent) }

func (r PercentOff) Apply(ctx *Context, amount Cents) Cents {
	if r.Category != "" && ctx.Lines[ctx.Index].Category != r.Category {
		return amount
	}
	return amount - amount*Cents(r.Percent)/100
}

// Bulk gives a discount per unit above a quantity threshold.
type Bulk struct {
	MinQty   int
	PerUnit  Cents
	Excluded map[string]bool
}

func (r *Bulk) Name() string { return "bulk" }

func (r *Bulk) Apply(ctx *Context, amount Cents) Cents {
	l := ctx.Lines[ctx.Index]
	if l.Qty < r.MinQty || r.Excluded[l.SKU] {
		return amount
	}
	off := Cents(l.Qty-r.MinQty+1) * r.PerUnit
	if off > amount/2 {
		off = amount / 2
	}
	return amount - off
}

// Coupon applies a fixed discount when the order carries the coupon code.
type Coupon struct {
	Code string
	Off  Cents
}

func (r Coupon) Name() string { return "coupon:" + r.Code }

func (r Coupon) Apply(ctx *Context, amount Cents) Cents {
	if ctx.Index != 0 || !strings.EqualFold(ctx.Coupon, r.Code) {
		return amount
	}
	if amount < r.Off {
		return 0
	}
	return amount - r.Off
}

// Tax adds a tax rate in basis points.
type Tax struct{ BasisPoints int64 }

func (r Tax) Name() string { return "tax" }

func (r Tax) Apply(ctx *Context, amount Cents) Cents {
	return amount + (amount*Cents(r.BasisPoints)+5000)/10000
}

// Engine runs its rules in order over every line.
type Engine struct {
	Rules []Rule
	// Trace, when set, receives one entry per rule application.
	Trace func(rule string, before, after Cents)
}

// DefaultEngine is the rule chain used by the service.
func DefaultEngine() *Engine {
	return &Engine{Rules: []Rule{
		PercentOff{Category: "books", Percent: 5},
		&Bulk{MinQty: 10, PerUnit: 3, Excluded: map[string]bool{"GIFT-1": true}},
		Coupon{Code: "SPRING10", Off: 1000},
		PercentOff{Percent: 1},
		Tax{BasisPoints: 825},
	}}
}

// Price prices every line and returns the per-line amounts and the total.
func (e *Engine) Price(ctx *Context) (lines []Cents, total Cents) {
	for i, l := range ctx.Lines {
		ctx.Index = i
		amount := l.Unit * Cents(l.Qty)
		for _, r := range e.Rules {
			next := r.Apply(ctx, amount)
			if e.Trace != nil {
				e.Trace(r.Name(), amount, next)
			}
			amount = next
		}
		lines = append(lines, amount)
		total += amount
	}
	return lines, total
}
