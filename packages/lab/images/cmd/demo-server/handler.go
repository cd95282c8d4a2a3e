package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// handler answers every path itself (no ServeMux, so no redirects) and counts each answer.
type handler struct {
	cfg     config
	metrics *metrics
	// environ lists the process environment as NAME=value (os.Environ); /env shows the names only.
	environ func() []string
	// requests numbers the requests subject to error injection (all but /metrics), from 1.
	requests atomic.Uint64
}

type reply struct {
	status      int
	contentType string
	body        string
	allow       string
}

const (
	textType = "text/plain; charset=utf-8"
	jsonType = "application/json"
	htmlType = "text/html; charset=utf-8"
	promType = "text/plain; version=0.0.4; charset=utf-8"
)

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/sse/stream" && r.Method == http.MethodGet {
		h.stream(w, r)
		return
	}
	rep := h.route(r)
	header := w.Header()
	header.Set("Content-Type", rep.contentType)
	header.Set("Content-Length", strconv.Itoa(len(rep.body)))
	header.Set("X-Content-Type-Options", "nosniff")
	if rep.allow != "" {
		header.Set("Allow", rep.allow)
	}
	w.WriteHeader(rep.status)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, rep.body)
	}
	h.metrics.count(r.URL.Path, rep.status)
}

// injectError reports whether request n fails: when floor(n*rate) > floor((n-1)*rate), so
// exactly floor(n*rate) of the first n requests fail, spread evenly (0.5: every second one).
func injectError(n uint64, rate float64) bool {
	if rate <= 0 {
		return false
	}
	return math.Floor(float64(n)*rate) > math.Floor(float64(n-1)*rate)
}

func (h *handler) route(r *http.Request) reply {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return reply{status: http.StatusMethodNotAllowed, contentType: textType, body: "method not allowed\n", allow: "GET, HEAD"}
	}
	path := r.URL.Path
	if path != "/metrics" && injectError(h.requests.Add(1), h.cfg.errorRate) {
		return reply{status: http.StatusServiceUnavailable, contentType: textType, body: "injected error\n"}
	}
	switch path {
	case "/health", "/api/health", "/healthz", "/readyz":
		if h.cfg.neverReady {
			return reply{status: http.StatusServiceUnavailable, contentType: jsonType, body: `{"status":"not ready"}` + "\n"}
		}
		body, _ := json.Marshal(struct {
			Status  string `json:"status"`
			Service string `json:"service"`
			Version string `json:"version"`
		}{"ok", h.cfg.service, h.cfg.version})
		return reply{status: http.StatusOK, contentType: jsonType, body: string(body) + "\n"}
	case "/":
		return reply{status: http.StatusOK, contentType: htmlType, body: page(h.cfg.service, h.cfg.version)}
	case "/work":
		// CPU for a HorizontalPodAutoscaler to see: spin for the configured time
		spin(h.cfg.work)
		return reply{status: http.StatusOK, contentType: textType, body: fmt.Sprintf("worked %s\n", h.cfg.work)}
	case "/env":
		body, _ := json.Marshal(envNames(h.environ()))
		return reply{status: http.StatusOK, contentType: jsonType, body: string(body) + "\n"}
	case "/version":
		return reply{status: http.StatusOK, contentType: textType, body: fmt.Sprintf("%s %s\n", h.cfg.service, h.cfg.version)}
	case "/metrics":
		return reply{status: http.StatusOK, contentType: promType, body: h.metrics.render(h.cfg.service, !h.cfg.neverReady)}
	default:
		return reply{status: http.StatusNotFound, contentType: textType, body: "not found\n"}
	}
}

// envNames returns the sorted, distinct names of NAME=value entries and never a value, so a
// test can see which variables (secrets included) a container was given without reading them.
func envNames(environ []string) []string {
	seen := map[string]bool{}
	names := []string{}
	for _, entry := range environ {
		name, _, _ := strings.Cut(entry, "=")
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func page(service, version string) string {
	s, v := html.EscapeString(service), html.EscapeString(version)
	return fmt.Sprintf(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Todo %s</title></head>
<body>
<h1>Todo %s</h1>
<p>Service <code>%s</code>, version <code>%s</code>. This is the lab's demo server standing in for it.</p>
</body>
</html>
`, s, s, s, v)
}

// spin burns d of this thread's CPU time (a busy loop, not a sleep: it is CPU usage that is
// wanted). It counts CPU time, not wall time, so a loaded machine slows it rather than
// shrinking the work; 20 × d of wall time bounds it.
func spin(d time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	for deadline := time.Now().Add(20 * d); threadCPU()-start < d && time.Now().Before(deadline); {
		for i := 0; i < 100000; i++ {
			_ = i * i
		}
	}
}

// threadCPU is the calling thread's user and system CPU time (getrusage RUSAGE_THREAD, Linux).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The events of /sse/stream and the time between two of them.
const (
	sseEvents = 3
	sseGap    = 300 * time.Millisecond
)

// stream answers /sse/stream as Server-Sent Events: sseEvents events sseGap apart, each
// flushed on its own, so a proxy that buffers the stream shows as one late burst.
func (h *handler) stream(w http.ResponseWriter, r *http.Request) {
	header := w.Header()
	header.Set("Content-Type", "text/event-stream")
	header.Set("Cache-Control", "no-cache")
	header.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	h.metrics.count(r.URL.Path, http.StatusOK)
	flusher, _ := w.(http.Flusher)
	for n := 1; n <= sseEvents; n++ {
		data, _ := json.Marshal(struct {
			Service string `json:"service"`
			N       int    `json:"n"`
		}{h.cfg.service, n})
		if _, err := fmt.Fprintf(w, "id: %d\nevent: tick\ndata: %s\n\n", n, data); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		if n < sseEvents {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(sseGap):
			}
		}
	}
}
