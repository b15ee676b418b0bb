// Package benchsetup is a capture for perfwarden's tests: benchmarks whose untimed setup (before
// b.ResetTimer, between b.StopTimer and b.StartTimer) allocates and computes as much as their loop.
package benchsetup

// Table builds n rows of 1 KiB with a slow hash of their indices: the benchmarks' setup.
func Table(n int) [][]byte {
	rows := make([][]byte, n)
	for i := range rows {
		row := make([]byte, 1024)
		h := uint32(i)
		for j := range row {
			for k := 0; k < 4; k++ {
				h = h*16777619 ^ uint32(j+k)
			}
			row[j] = byte(h)
		}
		rows[i] = row
	}
	return rows
}

// Sum copies every row into a fresh buffer and adds its bytes up: the timed work.
func Sum(rows [][]byte) int {
	s := 0
	for _, r := range rows {
		buf := make([]byte, len(r))
		copy(buf, r)
		for _, c := range buf {
			s += int(c)
		}
	}
	return s
}
