package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// knownPaths are the paths counted under their own label; every other path is "other",
// so the number of series stays bounded whatever clients ask for.
var knownPaths = map[string]bool{
	"/": true, "/health": true, "/api/health": true, "/healthz": true, "/readyz": true,
	"/version": true, "/metrics": true, "/work": true, "/sse/stream": true, "/env": true,
}

func pathLabel(path string) string {
	if knownPaths[path] {
		return path
	}
	return "other"
}

type seriesKey struct {
	path   string
	status int
}

// metrics counts answered requests by path label and status.
type metrics struct {
	mu       sync.Mutex
	requests map[seriesKey]uint64
	started  time.Time
}

func newMetrics(started time.Time) *metrics {
	return &metrics{requests: map[seriesKey]uint64{}, started: started}
}

func (m *metrics) count(path string, status int) {
	m.mu.Lock()
	m.requests[seriesKey{pathLabel(path), status}]++
	m.mu.Unlock()
}

// escapeLabel escapes a label value per the text exposition format 0.0.4.
func escapeLabel(value string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(value)
}

// render writes the exposition text: the request counter, the readiness gauge and the start time.
func (m *metrics) render(service string, ready bool) string {
	m.mu.Lock()
	keys := make([]seriesKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	counts := make(map[seriesKey]uint64, len(keys))
	for _, k := range keys {
		counts[k] = m.requests[k]
	}
	m.mu.Unlock()
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].path != keys[j].path {
			return keys[i].path < keys[j].path
		}
		return keys[i].status < keys[j].status
	})

	svc := escapeLabel(service)
	var b strings.Builder
	b.WriteString("# HELP http_requests_total HTTP requests answered, by path and status code.\n")
	b.WriteString("# TYPE http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "http_requests_total{service=\"%s\",path=\"%s\",status=\"%d\"} %d\n",
			svc, escapeLabel(k.path), k.status, counts[k])
	}
	readyValue := 0
	if ready {
		readyValue = 1
	}
	b.WriteString("# HELP demo_ready Whether the health paths answer ready (1) or not (0).\n")
	b.WriteString("# TYPE demo_ready gauge\n")
	fmt.Fprintf(&b, "demo_ready{service=\"%s\"} %d\n", svc, readyValue)
	b.WriteString("# HELP process_start_time_seconds Start time of the process since the Unix epoch in seconds.\n")
	b.WriteString("# TYPE process_start_time_seconds gauge\n")
	start := float64(m.started.UnixNano()) / 1e9
	fmt.Fprintf(&b, "process_start_time_seconds %s\n", strconv.FormatFloat(start, 'f', 3, 64))
	return b.String()
}
