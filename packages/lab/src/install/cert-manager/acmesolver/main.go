// Command acmesolver answers one ACME HTTP-01 challenge: the lab's entry point to cert-manager's
// solver (pkg/issuer/acme/http/solver), built against the released cert-manager module because
// upstream's cmd/acmesolver is a nested module that the Go module proxy does not serve. It takes
// the arguments the controller gives solver pods: --listen-port, --domain, --token, --key.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cert-manager/cert-manager/pkg/issuer/acme/http/solver"
	logf "github.com/cert-manager/cert-manager/pkg/logs"
	"github.com/spf13/pflag"
)

func main() {
	s := &solver.HTTP01Solver{}
	fs := pflag.NewFlagSet("acmesolver", pflag.ExitOnError)
	fs.IntVar(&s.ListenPort, "listen-port", 8089, "the port to listen on for HTTP-01 challenge requests")
	fs.StringVar(&s.Domain, "domain", "", "the domain name to answer for")
	fs.StringVar(&s.Token, "token", "", "the challenge token")
	fs.StringVar(&s.Key, "key", "", "the key authorization to answer with")
	_ = fs.Parse(os.Args[1:])

	logf.InitLogs()
	defer logf.FlushLogs()
	log := logf.Log.WithName("acmesolver")

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(shutdown)
	}()
	if err := s.Listen(log); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(os.Stderr, "acmesolver: %v\n", err)
		os.Exit(1)
	}
}
