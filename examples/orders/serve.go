package main

// Server mode: `orders serve [-addr 127.0.0.1:8080] [-duration 0]` prices orders sent over HTTP and
// exposes Prometheus metrics (client_golang) at /metrics. It is dispatched from init, before the
// batch mode's flags are parsed, so the batch program (and the compiler captures made from it) is
// unchanged.
//
//	POST /orders   body: one order line          → its receipt
//	GET  /summary                               → the per-category summary so far
//	GET  /metrics                               → Prometheus text exposition

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func init() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		os.Exit(serve(os.Args[2:]))
	}
}

var (
	requestSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "orders_http_request_duration_seconds",
		Help:    "Time to answer one HTTP request, by route.",
		Buckets: []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1},
	}, []string{"route", "code"})
	ordersPriced = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "orders_priced_total",
		Help: "Orders parsed and priced.",
	})
)

// server holds one pipeline behind a lock (the pipeline is not safe for concurrent use).
type server struct {
	mu sync.Mutex
	p  *Pipeline
}

func (s *server) order(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST an order line", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	o, amounts, err := s.p.Process(strings.TrimSpace(string(body)))
	if err == nil && len(s.p.orders) > 4096 {
		s.p.orders = s.p.orders[:0] // keep the long-running server's history bounded
	}
	s.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ordersPriced.Inc()
	io.WriteString(w, Receipt(o, amounts))
}

func (s *server) summary(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := s.p.summary()
	s.mu.Unlock()
	io.WriteString(w, out)
}

// statusWriter remembers the status code for the histogram's code label.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func timed(route string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h(sw, r)
		requestSeconds.WithLabelValues(route, fmt.Sprint(sw.code)).Observe(time.Since(start).Seconds())
	}
}

func serve(args []string) int {
	fs := flag.NewFlagSet("orders serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (loopback by default)")
	duration := fs.Duration("duration", 0, "stop after this long (0: run until killed)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	prometheus.MustRegister(requestSeconds, ordersPriced)
	s := &server{p: NewPipeline()}
	mux := http.NewServeMux()
	mux.HandleFunc("/orders", timed("/orders", s.order))
	mux.HandleFunc("/summary", timed("/summary", s.summary))
	mux.Handle("/metrics", promhttp.Handler())
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Fprintln(os.Stderr, "orders: serving on", ln.Addr())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	if *duration > 0 {
		time.AfterFunc(*duration, func() { srv.Close() })
	}
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
