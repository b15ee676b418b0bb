//go:build race

package lz4_test

const raceEnabled = true
