// Command controller runs cert-manager's controllers: the lab's entry point, built against the
// released github.com/cert-manager/cert-manager module because upstream's cmd/controller is a
// nested module that the Go module proxy does not serve. The controllers, the issuers and the
// ACME client are cert-manager's own (each registers itself with pkg/controller); this file
// reads the flags the lab needs, under upstream's names and with upstream's defaults
// (internal/apis/config/controller/v1alpha1/defaults.go), and starts them in one process
// without leader election. The Venafi issuer is left out: its client module
// (github.com/Venafi/vcert/v5) is not served here, and upstream's configuration packages import it.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cert-manager/cert-manager/internal/controller/feature"
	"github.com/cert-manager/cert-manager/pkg/controller"
	shimgateways "github.com/cert-manager/cert-manager/pkg/controller/certificate-shim/gateways"
	dnsutil "github.com/cert-manager/cert-manager/pkg/issuer/acme/dns/util"
	logf "github.com/cert-manager/cert-manager/pkg/logs"
	"github.com/cert-manager/cert-manager/pkg/util"
	utilfeature "github.com/cert-manager/cert-manager/pkg/util/feature"
	"github.com/spf13/pflag"
	"golang.org/x/sync/errgroup"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/sets"
	cliflag "k8s.io/component-base/cli/flag"
	logsapi "k8s.io/component-base/logs/api/v1"

	// upstream's default controllers (without Venafi), as its main registers them
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmechallenges"
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmeorders"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificate-shim/ingresses"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/acme"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/approver"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/ca"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/selfsigned"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/vault"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/issuing"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/keymanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/metrics"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/readiness"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/requestmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/revisionmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/trigger"
	_ "github.com/cert-manager/cert-manager/pkg/controller/clusterissuers"
	_ "github.com/cert-manager/cert-manager/pkg/controller/issuers"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/acme"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/ca"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/selfsigned"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/vault"
)

type options struct {
	kubeconfig, namespace, clusterResourceNamespace, metricsAddress string
	leaderElect, gatewayAPI, runAsNonRoot                           bool
	workers, maxChallenges                                          int
	qps                                                             float32
	burst                                                           int
	solverImage, requestCPU, requestMemory, limitsCPU, limitsMemory string
	solverNameservers, dns01Nameservers, disabled                   []string
	featureGates                                                    map[string]bool
	logging                                                         logsapi.LoggingConfiguration
}

func parseFlags(args []string) (*options, error) {
	o := &options{featureGates: map[string]bool{}}
	logsapi.SetRecommendedLoggingConfiguration(&o.logging)
	fs := pflag.NewFlagSet("controller", pflag.ContinueOnError)
	fs.StringVar(&o.kubeconfig, "kubeconfig", "", "path to a kubeconfig")
	fs.BoolVar(&o.leaderElect, "leader-elect", true, "must be false: the lab runs one instance")
	fs.StringVar(&o.namespace, "namespace", "", "watch only this namespace (disables ClusterIssuers)")
	fs.StringVar(&o.clusterResourceNamespace, "cluster-resource-namespace", "kube-system", "namespace of the Secrets that ClusterIssuers refer to")
	fs.Float32Var(&o.qps, "kube-api-qps", 20, "queries per second to the API server")
	fs.IntVar(&o.burst, "kube-api-burst", 50, "burst of queries to the API server")
	fs.IntVar(&o.workers, "concurrent-workers", 5, "workers per controller")
	fs.IntVar(&o.maxChallenges, "max-concurrent-challenges", 60, "ACME challenges processed at once")
	fs.StringVar(&o.metricsAddress, "metrics-listen-address", "0.0.0.0:9402", "address of the Prometheus metrics endpoint (plain HTTP); 0 turns it off")
	fs.StringVar(&o.solverImage, "acme-http01-solver-image", "", "image of the HTTP-01 solver pods (required)")
	fs.StringVar(&o.requestCPU, "acme-http01-solver-resource-request-cpu", "10m", "CPU request of solver pods")
	fs.StringVar(&o.requestMemory, "acme-http01-solver-resource-request-memory", "64Mi", "memory request of solver pods")
	fs.StringVar(&o.limitsCPU, "acme-http01-solver-resource-limits-cpu", "100m", "CPU limit of solver pods")
	fs.StringVar(&o.limitsMemory, "acme-http01-solver-resource-limits-memory", "64Mi", "memory limit of solver pods")
	fs.BoolVar(&o.runAsNonRoot, "acme-http01-solver-run-as-non-root", true, "run solver pods as non-root")
	fs.StringSliceVar(&o.solverNameservers, "acme-http01-solver-nameservers", nil, "DNS servers (host:port) for the HTTP-01 self check; empty: the system resolver")
	fs.StringSliceVar(&o.dns01Nameservers, "dns01-recursive-nameservers", nil, "DNS servers (host:port) for DNS-01 checks")
	fs.BoolVar(&o.gatewayAPI, "enable-gateway-api", false, "watch Gateway API resources (gateway-shim, HTTPRoute solvers); needs the Gateway API CRDs")
	fs.StringSliceVar(&o.disabled, "disable-controllers", nil, "names of controllers not to start")
	fs.Var(cliflag.NewMapStringBool(&o.featureGates), "feature-gates", "key=true|false pairs")
	logf.AddFlags(&o.logging, fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if o.leaderElect {
		return nil, errors.New("leader election is not supported here: pass --leader-elect=false")
	}
	if o.solverImage == "" {
		return nil, errors.New("--acme-http01-solver-image is required")
	}
	return o, nil
}

func contextOptions(o *options) (controller.ContextOptions, error) {
	var err error
	q := func(name, value string) resource.Quantity {
		v, e := resource.ParseQuantity(value)
		if e != nil {
			err = errors.Join(err, fmt.Errorf("--%s: %w", name, e))
		}
		return v
	}
	dns01 := o.dns01Nameservers
	if len(dns01) == 0 {
		dns01 = dnsutil.RecursiveNameservers
	}
	return controller.ContextOptions{
		Kubeconfig:         o.kubeconfig,
		KubernetesAPIQPS:   o.qps,
		KubernetesAPIBurst: o.burst,
		Namespace:          o.namespace,
		ACMEOptions: controller.ACMEOptions{
			HTTP01SolverImage:                 o.solverImage,
			HTTP01SolverResourceRequestCPU:    q("acme-http01-solver-resource-request-cpu", o.requestCPU),
			HTTP01SolverResourceRequestMemory: q("acme-http01-solver-resource-request-memory", o.requestMemory),
			HTTP01SolverResourceLimitsCPU:     q("acme-http01-solver-resource-limits-cpu", o.limitsCPU),
			HTTP01SolverResourceLimitsMemory:  q("acme-http01-solver-resource-limits-memory", o.limitsMemory),
			ACMEHTTP01SolverRunAsNonRoot:      o.runAsNonRoot,
			HTTP01SolverNameservers:           o.solverNameservers,
			DNS01Nameservers:                  dns01,
			DNS01CheckRetryPeriod:             10 * time.Second,
			DNS01CheckAuthoritative:           true,
		},
		SchedulerOptions: controller.SchedulerOptions{MaxConcurrentChallenges: o.maxChallenges},
		IssuerOptions: controller.IssuerOptions{
			ClusterResourceNamespace:        o.clusterResourceNamespace,
			ClusterIssuerAmbientCredentials: true,
		},
		IngressShimOptions: controller.IngressShimOptions{
			DefaultIssuerKind:                 "Issuer",
			DefaultIssuerGroup:                "cert-manager.io",
			DefaultAutoCertificateAnnotations: []string{"kubernetes.io/tls-acme"},
			GatewayAPIExtraProtocols:          sets.New[string](),
		},
		CertificateOptions: controller.CertificateOptions{
			CopiedAnnotationPrefixes:                 []string{"*", "-kubectl.kubernetes.io/", "-fluxcd.io/", "-argocd.argoproj.io/"},
			CertificateRequestMinimumBackoffDuration: time.Hour,
			CertificateRequestMaximumBackoffDuration: 32 * time.Hour,
		},
		ConfigOptions: controller.ConfigOptions{EnableGatewayAPI: o.gatewayAPI},
	}, err
}

func main() {
	logf.InitLogs()
	defer logf.FlushLogs()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx = logf.NewContext(ctx, logf.Log, "controller")
	if err := run(ctx, os.Args[1:]); err != nil {
		logf.Log.Error(err, "cert-manager controller failed")
		logf.FlushLogs()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if err := utilfeature.DefaultMutableFeatureGate.SetFromMap(o.featureGates); err != nil {
		return fmt.Errorf("--feature-gates: %w", err)
	}
	if err := logf.ValidateAndApply(&o.logging); err != nil {
		return err
	}
	opts, err := contextOptions(o)
	if err != nil {
		return err
	}
	factory, err := controller.NewContextFactory(ctx, opts)
	if err != nil {
		return err
	}
	base, err := factory.Build()
	if err != nil {
		return err
	}
	gateway := o.gatewayAPI && utilfeature.DefaultFeatureGate.Enabled(feature.ExperimentalGatewayAPISupport)
	disabled := sets.New(o.disabled...)
	if !gateway {
		disabled.Insert(shimgateways.ControllerName)
	}

	g, ctx := errgroup.WithContext(ctx)
	if o.metricsAddress != "" && o.metricsAddress != "0" {
		ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", o.metricsAddress)
		if err != nil {
			return fmt.Errorf("metrics listener %s: %w", o.metricsAddress, err)
		}
		base.Metrics.SetupACMECollector(base.SharedInformerFactory.Acme().V1().Challenges().Lister())
		base.Metrics.SetupCertificateCollector(base.SharedInformerFactory.Certmanager().V1().Certificates().Lister())
		base.Metrics.SetupIssuerCollector(base.SharedInformerFactory.Certmanager().V1().Issuers().Lister())
		base.Metrics.SetupClusterIssuerCollector(base.SharedInformerFactory.Certmanager().V1().ClusterIssuers().Lister())
		server := base.Metrics.NewServer(ln)
		g.Go(func() error {
			<-ctx.Done()
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return server.Shutdown(shutdown) //nolint:contextcheck
		})
		g.Go(func() error {
			if err := server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		})
	}

	var started []string
	for name, construct := range controller.Known() {
		if disabled.Has(name) || (o.namespace != "" && name == "clusterissuers") {
			continue
		}
		c, err := construct(factory)
		if err != nil {
			return fmt.Errorf("controller %s: %w", name, err)
		}
		started = append(started, name)
		g.Go(func() error { return c.Run(o.workers, ctx) })
	}
	logf.FromContext(ctx).Info("started cert-manager controllers", "version", util.AppVersion, "controllers", sets.List(sets.New(started...)))
	base.SharedInformerFactory.Start(ctx.Done())
	base.KubeSharedInformerFactory.Start(ctx.Done())
	base.HTTP01ResourceMetadataInformersFactory.Start(ctx.Done())
	if gateway {
		base.GWShared.Start(ctx.Done())
	}
	err = g.Wait()
	if gateway {
		base.GWShared.Shutdown()
	}
	base.HTTP01ResourceMetadataInformersFactory.Shutdown()
	base.KubeSharedInformerFactory.Shutdown()
	base.SharedInformerFactory.Shutdown()
	return err
}
