package sub

import "strings"

var sink any

func Hello() string {
	f := func(s string) string { return strings.ToUpper(s) }
	sink = f
	return f("hi")
}

func Gen[T any](v T) T {
	h := func() T { return v }
	sink = &v
	return h()
}
