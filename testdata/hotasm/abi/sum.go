// Package hotabi holds an assembly function that Go code also takes as a func value, so the linker
// keeps two symbols of one name: the assembly body (ABI0, printed sumBytes.abi0 by objdump and nm)
// and the compiler-made ABIInternal wrapper (sumBytes), as lz4's decodeBlock has them. The runtime's
// function table names both sumBytes, so a CPU profile does too.
package hotabi

// sumBytes adds the bytes of b (sum_amd64.s).
//
//go:noescape
func sumBytes(b []byte) uint64

// Summer is sumBytes as a func value: the reference that needs the ABIInternal wrapper.
var Summer func([]byte) uint64 = sumBytes
