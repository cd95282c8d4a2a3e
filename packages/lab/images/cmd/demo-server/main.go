// Command demo-server is one small HTTP server that stands in for each Todo service
// (frontend, backend, mcp, notification, sse-gateway) in the lab. It is configured only by
// environment variables (see README.md) and built static to run in an image FROM scratch.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// ballast keeps the DEMO_ALLOCATE_MB memory referenced, so it stays resident.
var ballast []byte

const shutdownTimeout = 10 * time.Second

func main() {
	os.Exit(run())
}

func run() int {
	started := time.Now()
	cfg, problems := loadConfig(os.Getenv)
	name := "demo-server " + cfg.service
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "%s: %s\n", name, p)
		}
		return 2
	}
	logf := func(format string, args ...any) { fmt.Fprintf(os.Stdout, name+": "+format+"\n", args...) }

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if cfg.crashAtStart {
		fmt.Fprintf(os.Stderr, "%s: crashing at start because DEMO_CRASH_AT_START=%s\n", name, cfg.raw["DEMO_CRASH_AT_START"])
		return 1
	}
	if cfg.allocateMB > 0 {
		ballast = make([]byte, cfg.allocateMB<<20)
		for i := 0; i < len(ballast); i += 4096 {
			ballast[i] = 1
		}
		logf("DEMO_ALLOCATE_MB=%s: allocated and touched %d MiB", cfg.raw["DEMO_ALLOCATE_MB"], len(ballast)>>20)
	}
	if cfg.neverReady {
		logf("DEMO_NEVER_READY=%s: health paths answer 503 not ready", cfg.raw["DEMO_NEVER_READY"])
	}
	if cfg.errorRate > 0 {
		logf("DEMO_ERROR_RATE=%s: answering that fraction of requests (all but /metrics) with 503", cfg.raw["DEMO_ERROR_RATE"])
	}
	if cfg.startDelay > 0 {
		logf("DEMO_START_DELAY=%s: waiting %s before listening", cfg.raw["DEMO_START_DELAY"], cfg.startDelay)
		select {
		case <-time.After(cfg.startDelay):
		case <-ctx.Done():
			logf("stopped by a signal before listening")
			return 0
		}
	}

	addr := ":" + strconv.Itoa(cfg.port)
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: cannot listen on %s: %v\n", name, addr, err)
		return 1
	}
	server := &http.Server{
		Handler:           &handler{cfg: cfg, metrics: newMetrics(started), environ: os.Environ},
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()
	fmt.Fprintf(os.Stdout, "demo-server %s %s listening on %s\n", cfg.service, cfg.version, addr)

	var exitTimer <-chan time.Time
	if cfg.exitAfter > 0 {
		logf("DEMO_EXIT_AFTER=%s: exiting with status 1 %s after listening", cfg.raw["DEMO_EXIT_AFTER"], cfg.exitAfter)
		exitTimer = time.After(cfg.exitAfter)
	}

	select {
	case err := <-served:
		fmt.Fprintf(os.Stderr, "%s: server failed: %v\n", name, err)
		return 1
	case <-exitTimer:
		fmt.Fprintf(os.Stderr, "%s: exiting with status 1 because DEMO_EXIT_AFTER=%s has passed\n", name, cfg.raw["DEMO_EXIT_AFTER"])
		return 1
	case <-ctx.Done():
	}

	logf("signal received, shutting down (waiting up to %s for requests in flight)", shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(os.Stderr, "%s: requests still in flight after %s, closing them: %v\n", name, shutdownTimeout, err)
		_ = server.Close()
		return 1
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(os.Stderr, "%s: server failed: %v\n", name, err)
		return 1
	}
	logf("stopped")
	return 0
}
