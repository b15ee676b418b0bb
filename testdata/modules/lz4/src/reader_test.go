package lz4_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pierrec/lz4/v4"
)

func _o(s ...lz4.Option) []lz4.Option {
	return s
}

func TestReader(t *testing.T) {
	goldenFiles := []struct {
		name   string
		isText bool
	}{
		{
			name:   "testdata/e.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/gettysburg.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/Mark.Twain-Tom.Sawyer.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/Mark.Twain-Tom.Sawyer_long.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/Mark.Twain-Tom.Sawyer_linked.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/pg1661.txt.lz4",
			isText: false,
		},
		{
			name:   "testdata/pi.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/random.data.lz4",
			isText: false,
		},
		{
			name:   "testdata/repeat.txt.lz4",
			isText: true,
		},
		{
			name:   "testdata/pg_control.tar.lz4",
			isText: false,
		},
	}

	for _, golden := range goldenFiles {
		for _, opts := range [][]lz4.Option{
			nil,
			_o(lz4.ConcurrencyOption(-1)),
		} {
			fname := golden.name
			isText := golden.isText
			label := fmt.Sprintf("%s %v", fname, opts)
			t.Run(label, func(t *testing.T) {
				t.Parallel()

				f, err := os.Open(fname)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()

				_raw := loadGolden(t, fname)
				var raw []byte
				if isText && runtime.GOOS == "windows" {
					raw = []byte(strings.ReplaceAll(string(_raw), "\r\n", "\n"))
				} else {
					raw = _raw
				}

				out := new(bytes.Buffer)
				zr := lz4.NewReader(f)
				if err := zr.Apply(opts...); err != nil {
					t.Fatal(err)
				}
				n, err := io.Copy(out, zr)
				if err != nil {
					t.Error(err)
				}

				if got, want := int(n), len(raw); got != want {
					t.Errorf("invalid size: got %d; want %d", got, want)
				}

				if got, want := out.Bytes(), raw; !reflect.DeepEqual(got, want) {
					t.Fatal("uncompressed data does not match original")
				}

				if len(raw) < 20 {
					return
				}

				f2, err := os.Open(fname)
				if err != nil {
					t.Fatal(err)
				}
				defer f2.Close()

				out.Reset()
				zr = lz4.NewReader(f2)
				_, err = io.CopyN(out, zr, 10)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(out.Bytes(), raw[:10]) {
					t.Fatal("partial read does not match original")
				}
			})
		}
	}
}

func TestReader_Reset(t *testing.T) {
	data := pg1661LZ4
	buf := new(bytes.Buffer)
	src := bytes.NewReader(data)
	zr := lz4.NewReader(src)

	// Partial read.
	_, _ = io.CopyN(buf, zr, int64(len(data))/2)

	buf.Reset()
	src.Reset(data)
	// Another time to maybe trigger some edge case.
	src.Reset(data)
	zr.Reset(src)
	if _, err := io.Copy(buf, zr); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(buf.Bytes(), pg1661) {
		t.Fatal("result does not match original")
	}
}

func TestReader_Append(t *testing.T) {
	data := randomAppendedLZ4

	src := bytes.NewReader(data)
	zr := lz4.NewReader(src)

	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, random) {
		t.Fatal("result does not match original")
	}
}

type brokenWriter int

func (w *brokenWriter) Write(p []byte) (n int, err error) {
	n = len(p)
	if n > int(*w) {
		n = int(*w)
		err = errors.New("broken")
	}
	*w -= brokenWriter(n)
	return
}

// WriteTo should report the number of bytes successfully written,
// not the number successfully decompressed.
func TestWriteToBrokenWriter(t *testing.T) {
	const capacity = 10
	w := brokenWriter(capacity)
	r := lz4.NewReader(bytes.NewReader(pg1661LZ4))

	n, err := r.WriteTo(&w)
	switch {
	case n > capacity:
		t.Errorf("reported number of bytes written %d too big", n)
	case err == nil:
		t.Error("no error from broken Writer")
	case err.Error() != "broken":
		t.Errorf("unexpected error %q", err.Error())
	}
}

func TestReaderLegacy(t *testing.T) {
	goldenFiles := []string{
		"testdata/vmlinux_LZ4_19377.lz4",
		"testdata/Mark.Twain-Tom.Sawyer_legacy.txt.lz4",
	}

	for _, fname := range goldenFiles {
		for _, opts := range [][]lz4.Option{
			nil,
			_o(lz4.ConcurrencyOption(-1)),
		} {
			label := fmt.Sprintf("%s %v", fname, opts)
			t.Run(label, func(t *testing.T) {
				fname := fname
				t.Parallel()

				var out bytes.Buffer
				rawfile := strings.Replace(fname, ".lz4", ".gz", 1)
				raw := loadGolden(t, rawfile)

				f, err := os.Open(fname)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()

				zr := lz4.NewReader(f)
				if err := zr.Apply(opts...); err != nil {
					t.Fatal(err)
				}
				n, err := io.Copy(&out, zr)
				if err != nil {
					t.Log(err, n) // Both sample files are followed by undecodable data.
				}

				if got, want := int(n), len(raw); got != want {
					t.Errorf("invalid sizes: got %d; want %d", got, want)
				}

				if got, want := out.Bytes(), raw; !bytes.Equal(got, want) {
					t.Fatal("uncompressed data does not match original")
				}

				if len(raw) < 20 {
					return
				}

				f2, err := os.Open(fname)
				if err != nil {
					t.Fatal(err)
				}
				defer f2.Close()

				out.Reset()
				zr = lz4.NewReader(f2)
				_, err = io.CopyN(&out, zr, 10)
				if err != nil {
					t.Fatal(err)
				}

				if !bytes.Equal(out.Bytes(), raw[:10]) {
					t.Fatal("partial read does not match original")
				}

				out.Reset()
				_, err = io.CopyN(&out, zr, 10)
				if err != nil {
					t.Fatal(err)
				}

				if !bytes.Equal(out.Bytes(), raw[10:20]) {
					t.Fatal("after seek, partial read does not match original")
				}
			})
		}
	}
}

// TestReaderLegacyBlockSizes reads hand-built legacy frames of one block. A
// compressed block may be larger than 8MB, as lz4 -l writes for
// incompressible data; an uncompressed one, which only older versions of
// this package wrote, must fit in 8MB.
func TestReaderLegacyBlockSizes(t *testing.T) {
	src := make([]byte, 8<<20)
	_, _ = rand.New(rand.NewSource(156)).Read(src)
	var c lz4.Compressor
	compressed := make([]byte, lz4.CompressBlockBound(len(src)))
	n, err := c.CompressBlock(src, compressed)
	if err != nil {
		t.Fatal(err)
	}
	compressed = compressed[:n]
	if n <= len(src) {
		t.Fatalf("random block compressed to %d bytes; want more than %d", n, len(src))
	}

	const uncompressed = 1 << 31
	tests := []struct {
		name   string
		header uint32
		data   []byte
		want   []byte // nil for an error
	}{
		{"compressed past 8MB", uint32(n), compressed, src},
		{"uncompressed 8MB", uncompressed | uint32(len(src)), src, src},
		{"uncompressed past 8MB", uncompressed | uint32(n), compressed, nil},
	}
	reads := []struct {
		name string
		read func(io.Reader) ([]byte, error)
	}{
		{"Read", io.ReadAll},
		{"WriteTo", func(r io.Reader) ([]byte, error) {
			var buf bytes.Buffer
			_, err := r.(io.WriterTo).WriteTo(&buf)
			return buf.Bytes(), err
		}},
	}
	for _, tt := range tests {
		for _, rd := range reads {
			for _, opts := range [][]lz4.Option{nil, _o(lz4.ConcurrencyOption(4))} {
				t.Run(fmt.Sprintf("%s/%s/%v", tt.name, rd.name, opts), func(t *testing.T) {
					frame := binary.LittleEndian.AppendUint32(nil, 0x184C2102)
					frame = binary.LittleEndian.AppendUint32(frame, tt.header)
					frame = append(frame, tt.data...)
					zr := lz4.NewReader(bytes.NewReader(frame))
					if err := zr.Apply(opts...); err != nil {
						t.Fatal(err)
					}
					got, err := rd.read(zr)
					if tt.want == nil {
						if err == nil {
							t.Fatalf("got %d bytes and no error", len(got))
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, tt.want) {
						t.Fatalf("got %d bytes; want %d", len(got), len(tt.want))
					}
				})
			}
		}
	}
}

func TestUncompressBadBlock(t *testing.T) {
	f, err := os.Open("testdata/malformed.block.lz4")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr := lz4.NewReader(f)
	if err := zr.Apply(lz4.ConcurrencyOption(4)); err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(zr)
	if err == nil || !strings.Contains(err.Error(), "invalid block checksum") {
		t.Error("bad block is not detected")
	}
}

func TestValidFrameHeader(t *testing.T) {
	for _, tt := range []struct {
		name    string
		inBytes []byte
		want    bool
		errNil  bool
	}{
		{
			name:    "It is a LZ4",
			inBytes: []byte{4, 34, 77, 24, 96, 112, 115, 113, 199, 14, 0, 194, 48, 55, 48, 55, 48, 49, 48, 48, 48, 48, 48, 48, 8, 0, 67, 52, 49, 101, 100, 16, 0, 12, 2, 0, 139, 49, 51, 53, 102, 48, 51, 56, 98, 23, 0, 15, 2, 0, 14, 20, 50, 33, 0, 41, 46, 0, 112, 0, 31, 50, 112, 0},
			want:    true,
			errNil:  true,
		},
		{
			name:    "Not a LZ4",
			inBytes: []byte("I am not a lz4 header"),
			want:    false,
			errNil:  true,
		},
		{
			name:    "It is a legacy lz4",
			inBytes: []byte{2, 33, 76, 24, 191, 4, 0, 0, 240, 18, 32, 32, 70, 111, 117, 114, 32, 115, 99, 111, 114, 101, 32, 97, 110, 100, 32, 115, 101, 118, 101, 110, 32, 121, 101, 97, 114, 115, 32, 97, 103, 111, 32, 30, 0, 240, 39, 102, 97, 116, 104, 101, 114, 115, 32, 98, 114, 111, 117, 103, 104, 116, 32, 102},
			want:    true,
			errNil:  true,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := lz4.ValidFrameHeader(tt.inBytes)
			if err != nil {
				if tt.errNil {
					t.Errorf("ValidFrameHeader(bytes.NewReader(%v)) returned error %v, want nil", tt.inBytes, err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("ValidFrameHeader(bytes.NewReader(%v)) returned %t, want %t", tt.inBytes, got, tt.want)
			}
		})
	}
}

func TestReader_WriteTo(t *testing.T) {
	data := pg1661LZ4
	buf := new(bytes.Buffer)
	src := bytes.NewReader(data)
	zr := lz4.NewReader(src)

	// Read header only
	n, err := zr.Read(nil)
	if err != nil {
		t.Fatalf("error reading header: %v", err)
	}
	if n != 0 {
		t.Fatalf("expecting zero byte read, got %d bytes", n)
	}

	n64, err := zr.WriteTo(buf)
	if err != nil {
		t.Fatalf("error during WriteTo: %v", err)
	}
	if n64 != int64(len(pg1661)) {
		t.Fatalf("expecting to read %d bytes, got %d", len(pg1661), n64)
	}

	if !reflect.DeepEqual(buf.Bytes(), pg1661) {
		t.Fatal("result does not match original")
	}
}

func TestReader_WriteToAfterPartialRead(t *testing.T) {
	for _, conc := range []int{1, 4} {
		zr := lz4.NewReader(bytes.NewReader(pg1661LZ4))
		zr.Apply(lz4.ConcurrencyOption(conc))

		const prefix = 10
		if _, err := io.ReadFull(zr, make([]byte, prefix)); err != nil {
			t.Fatalf("concurrency=%d: %v", conc, err)
		}

		buf := new(bytes.Buffer)
		n, err := zr.WriteTo(buf)
		if err != nil {
			t.Fatalf("concurrency=%d: %v", conc, err)
		}
		if want := int64(len(pg1661) - prefix); n != want {
			t.Fatalf("concurrency=%d: expecting to write %d bytes, got %d", conc, want, n)
		}
		if !reflect.DeepEqual(buf.Bytes(), pg1661[prefix:]) {
			t.Fatalf("concurrency=%d: result does not match original", conc)
		}
	}
}

// WriteTo must write out every frame of a stream, including frames whose
// block size is larger than the first frame's.
func TestReader_WriteToMultipleFrames(t *testing.T) {
	small := bytes.Repeat([]byte("abc"), 100)
	big := bytes.Repeat([]byte("0123456789abcdef-"), 6000)

	for _, tc := range []struct {
		name   string
		frames [][]lz4.Option
	}{
		{"64K then 64K", [][]lz4.Option{
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
		}},
		{"4M then 64K", [][]lz4.Option{
			_o(lz4.BlockSizeOption(lz4.Block4Mb)),
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
		}},
		{"64K then 4M", [][]lz4.Option{
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
			_o(lz4.BlockSizeOption(lz4.Block4Mb)),
		}},
		{"256K then 1M then 64K", [][]lz4.Option{
			_o(lz4.BlockSizeOption(lz4.Block256Kb)),
			_o(lz4.BlockSizeOption(lz4.Block1Mb)),
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
		}},
		{"64K then legacy", [][]lz4.Option{
			_o(lz4.BlockSizeOption(lz4.Block64Kb)),
			_o(lz4.LegacyOption(true)),
		}},
	} {
		// Frames alternate between small and big contents.
		var stream, want []byte
		for i, opts := range tc.frames {
			in := small
			if i%2 == 1 {
				in = big
			}
			var buf bytes.Buffer
			zw := lz4.NewWriter(&buf)
			if err := zw.Apply(opts...); err != nil {
				t.Fatal(err)
			}
			if _, err := zw.Write(in); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			stream = append(stream, buf.Bytes()...)
			want = append(want, in...)
		}

		for _, conc := range []int{1, 4} {
			t.Run(fmt.Sprintf("%s concurrency=%d", tc.name, conc), func(t *testing.T) {
				zr := lz4.NewReader(bytes.NewReader(stream))
				if err := zr.Apply(lz4.ConcurrencyOption(conc)); err != nil {
					t.Fatal(err)
				}
				all, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(all, want) {
					t.Fatalf("Read: got %d bytes, want %d", len(all), len(want))
				}

				var done int
				zr = lz4.NewReader(bytes.NewReader(stream))
				if err := zr.Apply(lz4.ConcurrencyOption(conc), lz4.OnBlockDoneOption(func(n int) { done += n })); err != nil {
					t.Fatal(err)
				}
				buf := new(bytes.Buffer)
				n, err := zr.WriteTo(buf)
				if err != nil {
					t.Fatal(err)
				}
				if n != int64(buf.Len()) {
					t.Fatalf("WriteTo: reported %d bytes, wrote %d", n, buf.Len())
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Fatalf("WriteTo: got %d bytes, want %d", buf.Len(), len(want))
				}
				if done != len(want) {
					t.Fatalf("WriteTo: OnBlockDone got %d bytes, want %d", done, len(want))
				}
			})
		}
	}
}

// A frame with dependent blocks turns off concurrency: WriteTo must still
// write it out when it follows a frame read concurrently.
func TestReader_WriteToConcurrentThenLinkedFrame(t *testing.T) {
	linked := mustLoadFile("testdata/Mark.Twain-Tom.Sawyer_linked.txt.lz4")
	linkedRaw, err := io.ReadAll(lz4.NewReader(bytes.NewReader(linked)))
	if err != nil {
		t.Fatal(err)
	}

	first := []byte("an independent frame read concurrently")
	var buf bytes.Buffer
	zw := lz4.NewWriter(&buf)
	if _, err := zw.Write(first); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	stream := append(buf.Bytes(), linked...)
	want := append(first, linkedRaw...)

	zr := lz4.NewReader(bytes.NewReader(stream))
	if err := zr.Apply(lz4.ConcurrencyOption(4)); err != nil {
		t.Fatal(err)
	}
	out := new(bytes.Buffer)
	n, err := zr.WriteTo(out)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(out.Len()) {
		t.Fatalf("reported %d bytes, wrote %d", n, out.Len())
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("got %d bytes, want %d", out.Len(), len(want))
	}
}

// TestReader_DirectModeStaleData verifies that a zero-length uncompressed block
// in direct mode does not cause stale pool data to be returned. Before the fix,
// r.data was not cleared after a direct-mode decompress, so a subsequent
// zero-length block would copy stale data from r.data.
func TestReader_DirectModeStaleData(t *testing.T) {
	// Build a minimal LZ4 frame containing:
	//   1. A normal uncompressed block with known data
	//   2. A zero-length uncompressed block (0x80000000)
	//   3. End-of-stream marker (0x00000000)
	//
	// First, compress real data to get a valid frame, then append the
	// zero-length block before the end marker.
	payload := []byte("hello, world! this is test data for direct mode stale check.")
	var compressed bytes.Buffer
	zw := lz4.NewWriter(&compressed)
	if err := zw.Apply(lz4.ConcurrencyOption(-1), lz4.ChecksumOption(false)); err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(payload); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}

	// The frame ends with: [end mark: 00 00 00 00].
	// Insert a zero-length uncompressed block (0x80000000) before the end mark.
	raw := compressed.Bytes()
	endMark := raw[len(raw)-4:] // last 4 bytes = end mark
	prefix := raw[:len(raw)-4]  // everything before end mark
	var frame bytes.Buffer
	frame.Write(prefix)
	frame.Write([]byte{0x00, 0x00, 0x00, 0x80}) // zero-length uncompressed block
	frame.Write(endMark)                        // end mark

	// Read with a large buffer to force the direct path (buf >= block size)
	// and concurrency=1. The zero-length block triggers the bn==0 fallback
	// in Reader.Read, which would copy stale r.data if the fix is missing.
	zr := lz4.NewReader(&frame)
	if err := zr.Apply(lz4.ConcurrencyOption(-1)); err != nil {
		t.Fatal(err)
	}
	var result bytes.Buffer
	buf := make([]byte, 64*1024) // >= default block size (64KB)
	for {
		n, readErr := zr.Read(buf)
		if n > 0 {
			result.Write(buf[:n])
		}
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			t.Fatal(readErr)
		}
	}
	if !bytes.Equal(result.Bytes(), payload) {
		t.Fatalf("decompressed data mismatch: got %d bytes %q, want %d bytes %q",
			result.Len(), result.Bytes(), len(payload), payload)
	}
}

// Ensure a Reset mid-stream does not leak the goroutines and buffers of the
// abandoned read if concurrency is > 1.
func TestReaderConcurrentResetMidStream(t *testing.T) {
	in := bytes.Repeat([]byte("payload "), 500000)
	var buf bytes.Buffer
	zw := lz4.NewWriter(&buf)
	if err := zw.Apply(lz4.BlockSizeOption(lz4.Block64Kb)); err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(in); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	compressed := buf.Bytes()

	before := runtime.NumGoroutine()
	zr := lz4.NewReader(nil)
	if err := zr.Apply(lz4.ConcurrencyOption(4)); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		zr.Reset(bytes.NewReader(compressed))
		if _, err := io.ReadFull(zr, make([]byte, 100)); err != nil {
			t.Fatal(err)
		}
	}
	zr.Reset(nil)
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines leaked by mid-stream resets", n-before)
	}

	zr.Reset(bytes.NewReader(compressed))
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, in) {
		t.Fatal("output mismatch after resets")
	}
}
