import { info } from './log.js';

const USAGE = `usage: npm run lab -- <command>
  install   build and install every pinned tool into the cache (a warm run takes seconds)
  up        start the lab (etcd, API server, controller manager, scheduler, kwok nodes, registry,
            and the real node when the machine allows it)
            --real-node: require the real node; --no-real-node: kwok nodes only
            and the HTTPS path on the real node (Traefik, Pebble, cert-manager) when installed
            --https: require it; --no-https: leave it out
  down      stop exactly the processes 'up' started and remove the lab's state
  status    what runs, where, which versions
  env       shell exports: eval "$(npm run -s lab -- env)"`;

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'install':
      await (await import('./install/install.js')).install();
      return 0;
    case 'up':
      await (
        await import('./up/up.js')
      ).up({
        realNode: (await import('./node/real-node.js')).realNodeMode(process.argv.slice(3)),
        https: (await import('./https/decide.js')).httpsMode(process.argv.slice(3)),
      });
      return 0;
    case 'down':
      await (await import('./up/down.js')).down();
      return 0;
    case 'status':
      return (await import('./up/status.js')).printStatus();
    case 'env':
      return (await import('./up/env.js')).printEnv();
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    info(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
