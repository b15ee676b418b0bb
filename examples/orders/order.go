package main

import (
	"errors"
	"strconv"
	"strings"

	"example.com/orders/internal/pricing"
)

// Order is one parsed order.
type Order struct {
	ID       int
	Customer string
	Coupon   string
	Lines    []pricing.Line
	Total    pricing.Cents
}

var errSyntax = errors.New("orders: syntax error")

// catalog maps a SKU prefix to its category.
var catalog = map[string]string{"BK": "books", "PEN": "office", "GIFT": "gifts", "MUG": "kitchen"}

// ParseOrder reads one order in the line format
//
//	id=17;customer=acme;coupon=SPRING10;items=BK-1:2@12.50,PEN-9:40@0.99
func ParseOrder(s string) (*Order, error) {
	o := &Order{}
	for _, field := range strings.Split(s, ";") {
		key, val, ok := strings.Cut(field, "=")
		if !ok {
			return nil, errSyntax
		}
		switch key {
		case "id":
			id, err := strconv.Atoi(val)
			if err != nil {
				return nil, err
			}
			o.ID = id
		case "customer":
			o.Customer = val
		case "coupon":
			o.Coupon = val
		case "items":
			for _, item := range strings.Split(val, ",") {
				l, err := parseItem(item)
				if err != nil {
					return nil, err
				}
				o.Lines = append(o.Lines, l)
			}
		}
	}
	return o, nil
}

// parseItem reads SKU:QTY@PRICE.
func parseItem(item string) (pricing.Line, error) {
	sku, rest, ok := strings.Cut(item, ":")
	if !ok {
		return pricing.Line{}, errSyntax
	}
	qty, price, ok := strings.Cut(rest, "@")
	if !ok {
		return pricing.Line{}, errSyntax
	}
	n, err := strconv.Atoi(qty)
	if err != nil {
		return pricing.Line{}, err
	}
	unit, err := parseCents(price)
	if err != nil {
		return pricing.Line{}, err
	}
	prefix, _, _ := strings.Cut(sku, "-")
	return pricing.Line{SKU: sku, Qty: n, Unit: unit, Category: catalog[prefix]}, nil
}

// parseCents reads 12.50 as 1250.
func parseCents(s string) (pricing.Cents, error) {
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.Atoi(whole)
	if err != nil {
		return 0, err
	}
	c := 0
	for i := 0; i < 2; i++ {
		c *= 10
		if i < len(frac) {
			d := frac[i]
			if d < '0' || d > '9' {
				return 0, errSyntax
			}
			c += int(d - '0')
		}
	}
	return pricing.Cents(w*100 + c), nil
}

// FormatOrder writes an order back in the line format.
func FormatOrder(o *Order) string {
	s := "id=" + strconv.Itoa(o.ID) + ";customer=" + o.Customer
	if o.Coupon != "" {
		s += ";coupon=" + o.Coupon
	}
	s += ";items="
	for i, l := range o.Lines {
		if i > 0 {
			s += ","
		}
		s += l.SKU + ":" + strconv.Itoa(l.Qty) + "@" + l.Unit.String()
	}
	return s
}
