package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// maxAllocateMB bounds DEMO_ALLOCATE_MB (1 TiB) so the byte count cannot overflow.
const maxAllocateMB = 1 << 20

// config is everything the server reads from its environment.
type config struct {
	service string
	version string
	port    int

	startDelay   time.Duration // DEMO_START_DELAY: sleep before listening
	neverReady   bool          // DEMO_NEVER_READY: health paths answer 503 forever
	crashAtStart bool          // DEMO_CRASH_AT_START: exit 1 before listening
	exitAfter    time.Duration // DEMO_EXIT_AFTER: exit 1 this long after listening
	allocateMB   int           // DEMO_ALLOCATE_MB: resident memory taken at start
	errorRate    float64       // DEMO_ERROR_RATE: fraction of requests answered 503
	work         time.Duration // DEMO_WORK: CPU time one request to /work burns (default 50ms)

	// raw holds each behaviour switch as it was set, for the log lines.
	raw map[string]string
}

// loadConfig reads the environment through getenv and returns one message per invalid variable.
func loadConfig(getenv func(string) string) (config, []string) {
	c := config{service: "demo", version: "dev", port: 8080, work: 50 * time.Millisecond, raw: map[string]string{}}
	var problems []string
	bad := func(name, value, expected string) {
		problems = append(problems, fmt.Sprintf("%s=%q is invalid: expected %s", name, value, expected))
	}
	if v := getenv("DEMO_SERVICE"); v != "" {
		c.service = v
	}
	if v := getenv("DEMO_VERSION"); v != "" {
		c.version = v
	}
	if v := getenv("PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil || port < 1 || port > 65535 {
			bad("PORT", v, "a port number from 1 to 65535")
		} else {
			c.port = port
		}
	}

	duration := func(name string, into *time.Duration) {
		v := getenv(name)
		if v == "" {
			return
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			bad(name, v, "a Go duration of 0 or more such as 500ms, 5s or 1m")
			return
		}
		*into = d
		if d > 0 {
			c.raw[name] = v
		}
	}
	boolean := func(name string, into *bool) {
		v := getenv(name)
		switch strings.ToLower(v) {
		case "", "0", "false":
		case "1", "true":
			*into = true
			c.raw[name] = v
		default:
			bad(name, v, "1 or true to switch it on, 0, false or empty to leave it off")
		}
	}

	duration("DEMO_START_DELAY", &c.startDelay)
	boolean("DEMO_NEVER_READY", &c.neverReady)
	boolean("DEMO_CRASH_AT_START", &c.crashAtStart)
	duration("DEMO_EXIT_AFTER", &c.exitAfter)
	duration("DEMO_WORK", &c.work)
	if c.work > 10*time.Second {
		bad("DEMO_WORK", getenv("DEMO_WORK"), "a Go duration of at most 10s")
	}

	if v := getenv("DEMO_ALLOCATE_MB"); v != "" {
		mb, err := strconv.Atoi(v)
		if err != nil || mb < 0 || mb > maxAllocateMB {
			bad("DEMO_ALLOCATE_MB", v, fmt.Sprintf("a whole number of MiB from 0 to %d", maxAllocateMB))
		} else if mb > 0 {
			c.allocateMB = mb
			c.raw["DEMO_ALLOCATE_MB"] = v
		}
	}
	if v := getenv("DEMO_ERROR_RATE"); v != "" {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(rate) || rate < 0 || rate > 1 {
			bad("DEMO_ERROR_RATE", v, "a number from 0 to 1 such as 0.25")
		} else if rate > 0 {
			c.errorRate = rate
			c.raw["DEMO_ERROR_RATE"] = v
		}
	}
	return c, problems
}
