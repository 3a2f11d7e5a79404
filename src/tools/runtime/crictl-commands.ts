/**
 * crictl's commands and flags as cri-tools v1.33.0 declares them (cmd/crictl/*.go; the comment
 * above each command names its file and line), in main.go's order, with their texts as written
 * there (typos and cut-off words included: they are what crictl prints). main.go sorts the
 * commands by name and every command's flags with cli.FlagsByName before the app runs.
 */
import type { CliCommand, CliFlag } from './crictl-cli';

/** main_unix.go defaultRuntimeEndpoints, as %v prints the slice. */
export const DEFAULT_RUNTIME_ENDPOINTS = '[unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]';

/** main.go app.Flags (v1.33.0, lines 241-291). */
export const CRICTL_GLOBAL_FLAGS: CliFlag[] = [
  { name: 'config', aliases: ['c'], kind: 'string', value: '/etc/crictl.yaml', envVars: ['CRI_CONFIG_FILE'], usage: "Location of the client config file. If not specified and the default does not exist, the program's directory is searched as well" },
  {
    name: 'runtime-endpoint',
    aliases: ['r'],
    kind: 'string',
    envVars: ['CONTAINER_RUNTIME_ENDPOINT'],
    usage: `Endpoint of CRI container runtime service (default: uses in order the first successful one of ${DEFAULT_RUNTIME_ENDPOINTS}). Default is now deprecated and the endpoint should be set instead.`,
  },
  { name: 'image-endpoint', aliases: ['i'], kind: 'string', envVars: ['IMAGE_SERVICE_ENDPOINT'], usage: "Endpoint of CRI image manager service (default: uses 'runtime-endpoint' setting)" },
  { name: 'timeout', aliases: ['t'], kind: 'duration', value: '2s', usage: 'Timeout of connecting to the server in seconds (e.g. 2s, 20s.). 0 or less is set to default' },
  { name: 'debug', aliases: ['D'], kind: 'bool', usage: 'Enable debug mode' },
  { name: 'enable-tracing', kind: 'bool', usage: 'Enable OpenTelemetry tracing.' },
  { name: 'tracing-sampling-rate-per-million', kind: 'int', value: -1, usage: 'Number of samples to collect per million OpenTelemetry spans. Set to 1000000 or -1 to always sample.' },
  { name: 'tracing-endpoint', kind: 'string', value: '127.0.0.1:4317', usage: 'Address to which the gRPC tracing collector will send spans to.' },
  { name: 'profile-cpu', kind: 'string', usage: 'Write a pprof CPU profile to the provided path.' },
  { name: 'profile-mem', kind: 'string', usage: 'Write a pprof memory profile to the provided path.' },
];

/** container.go:95 */
const CREATE_PULL_FLAGS: CliFlag[] = [
  { name: 'no-pull', kind: 'bool', usage: 'Do not pull the image on container creation (overrides pull-image-on-create=true in config)' },
  { name: 'with-pull', kind: 'bool', usage: 'Pull the image on container creation (overrides pull-image-on-create=false in config)' },
  { name: 'creds', kind: 'string', usage: 'Use `USERNAME[:PASSWORD]` for accessing the registry' },
  { name: 'auth', kind: 'string', usage: "Use `AUTH_STRING` for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'" },
  { name: 'username', kind: 'string', usage: 'Use `USERNAME` for accessing the registry. The password will be requested on the command line' },
  { name: 'cancel-timeout', aliases: ['T'], kind: 'duration', usage: 'Seconds to wait for a container create request to complete before cancelling the request' },
  { name: 'pull-timeout', aliases: ['pt'], kind: 'duration', envVars: ['CRICTL_PULL_TIMEOUT'], usage: 'Maximum time to be used for pulling the image, disabled if set to 0s' },
];

/** container.go:129 */
const RUN_PULL_FLAGS: CliFlag[] = [
  { name: 'no-pull', kind: 'bool', usage: 'Do not pull the image (overrides disable-pull-on-run=false in config)' },
  { name: 'with-pull', kind: 'bool', usage: 'Pull the image (overrides disable-pull-on-run=true in config)' },
  { name: 'creds', kind: 'string', usage: 'Use `USERNAME[:PASSWORD]` for accessing the registry' },
  { name: 'auth', kind: 'string', usage: "Use `AUTH_STRING` for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'" },
  { name: 'username', kind: 'string', usage: 'Use `USERNAME` for accessing the registry. password will be requested' },
  { name: 'runtime', aliases: ['r'], kind: 'string', usage: 'Runtime handler to use. Available options are defined by the container runtime.' },
  { name: 'cancel-timeout', aliases: ['T'], kind: 'duration', usage: 'Seconds to wait for a container create request before cancelling the request' },
  { name: 'pull-timeout', aliases: ['pt'], kind: 'duration', envVars: ['CRICTL_PULL_TIMEOUT'], usage: 'Maximum time to be used for pulling the image, disabled if set to 0s' },
];

/** container.go:168, shared by create and run */
const JSONSCHEMA: CliCommand[] = [
  {
    name: 'jsonschema',
    aliases: ['js'],
    usage: 'Display the JSON schema for the pod or container config',
    shortOptions: true,
    flags: [
      { name: 'pod', aliases: ['p'], kind: 'bool', usage: 'Print the pod JSON schema, which will be generated from the PodSandboxConfig of the CRI API compiled with this version of crictl' },
      { name: 'container', aliases: ['c'], kind: 'bool', usage: 'Print the container JSON schema, which will be generated from the ContainerConfig of the CRI API compiled with this version of crictl' },
    ],
  },
];

/** The app's commands in main.go's order (its slice is sorted by name before the app runs). */
export const CRICTL_COMMANDS: CliCommand[] = [
  // attach.go:31
  {
    name: 'attach',
    usage: 'Attach to a running container',
    argsUsage: 'CONTAINER-ID',
    shortOptions: true,
    flags: [
      { name: 'tty', aliases: ['t'], kind: 'bool', usage: 'Allocate a pseudo-TTY' },
      { name: 'stdin', aliases: ['i'], kind: 'bool', usage: 'Keep STDIN open' },
      { name: 'transport', aliases: ['r'], kind: 'string', value: 'spdy', usage: 'Transport protocol to use, one of: spdy|websocket' },
      { name: 'tls-sni', aliases: ['tls-server-name'], kind: 'string', value: 'localhost', usage: 'Server name used in the TLS client to check server certificates against' },
      { name: 'tls-ca', kind: 'string', usage: 'Path to the streaming TLS CA certificate' },
      { name: 'tls-cert', kind: 'string', usage: 'Path to the streaming TLS certificate' },
      { name: 'tls-key', kind: 'string', usage: 'Path to the streaming TLS key' },
    ],
  },
  // container.go:206
  {
    name: 'create',
    usage: 'Create a new container',
    argsUsage: 'POD container-config.[json|yaml] pod-config.[json|yaml]',
    flags: CREATE_PULL_FLAGS,
    subcommands: JSONSCHEMA,
  },
  // exec.go:49
  {
    name: 'exec',
    usage: 'Run a command in a running container',
    argsUsage: '[CONTAINER-ID] COMMAND [ARG...]',
    description: 'The CONTAINER-ID is only required if none of the following filter flags are set:\n--image, --label, --last, --latest, --name, --pod, --state',
    shortOptions: true,
    flags: [
      { name: 'sync', aliases: ['s'], kind: 'bool', usage: 'Run the command synchronously' },
      { name: 'timeout', kind: 'int64', usage: 'Timeout in seconds' },
      { name: 'tty', aliases: ['t'], kind: 'bool', usage: 'Allocate a pseudo-TTY' },
      { name: 'interactive', aliases: ['i'], kind: 'bool', usage: 'Keep STDIN open' },
      { name: 'transport', aliases: ['r'], kind: 'string', value: 'spdy', usage: 'Transport protocol to use, one of: spdy|websocket' },
      { name: 'name', kind: 'string', usage: 'Exec command for all containers matching this name filter regular expression pattern' },
      { name: 'pod', aliases: ['p'], kind: 'string', usage: 'Exec command for all containers matching this pod ID filter' },
      { name: 'image', kind: 'string', usage: 'Exec command for all containers matching this container image filter' },
      { name: 'state', kind: 'string', usage: 'Exec command for all containers matching this container state filter' },
      { name: 'label', kind: 'stringSlice', usage: 'Exec command for all containers matching this key=value label filter' },
      { name: 'latest', aliases: ['l'], kind: 'bool', usage: 'Exec command for the most recently created container' },
      { name: 'last', aliases: ['n'], kind: 'int', usage: 'Exec command for all last n containers, set to 0 for unlimited' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Do not print the container ID if multiple containers are selected' },
      { name: 'ignore-errors', aliases: ['e'], kind: 'bool', usage: 'Ignore errors during command execution' },
      { name: 'parallel', aliases: ['x'], kind: 'bool', usage: 'Run the command in parallel if multiple containers are selected' },
      { name: 'tls-sni', aliases: ['tls-server-name'], kind: 'string', value: 'localhost', usage: 'Server name used in the TLS client to check server certificates against' },
      { name: 'tls-ca', kind: 'string', usage: 'Path to the streaming TLS CA certificate' },
      { name: 'tls-cert', kind: 'string', usage: 'Path to the streaming TLS certificate' },
      { name: 'tls-key', kind: 'string', usage: 'Path to the streaming TLS key' },
    ],
  },
  // version.go:30
  {
    name: 'version',
    usage: 'Display runtime version information',
    flags: [],
  },
  // image.go:148
  {
    name: 'images',
    aliases: ['image', 'img'],
    usage: 'List images',
    argsUsage: '[REPOSITORY[:TAG]]',
    shortOptions: true,
    flags: [
      { name: 'verbose', aliases: ['v'], kind: 'bool', usage: 'Show verbose info for images' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Only show image IDs' },
      { name: 'filter', aliases: ['f'], kind: 'stringSlice', usage: 'Filter output based on provided conditions.\nAvailable filters: \n* dangling=(boolean - true or false)\n* reference=/regular expression/\n* before=<image-name>[:<tag>]|<image id>|<image@digest>\n* since=<image-name>[:<tag>]|<image id>|<image@digest>\nMultiple filters can be combined together.' },
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|table' },
      { name: 'digests', kind: 'bool', usage: 'Show digests' },
      { name: 'no-trunc', kind: 'bool', usage: 'Show output without truncating the ID' },
      { name: 'pinned', kind: 'bool', usage: 'Show whether the image is pinned or not' },
    ],
  },
  // container.go:491
  {
    name: 'inspect',
    usage: 'Display the status of one or more containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|go-template|table' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Do not show verbose information' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
      { name: 'name', kind: 'string', usage: 'Filter by container name regular expression pattern' },
      { name: 'namespace', kind: 'string', usage: 'Filter by pod namespace regular expression pattern' },
      { name: 'pod', aliases: ['p'], kind: 'string', usage: 'Filter by pod id' },
      { name: 'image', kind: 'string', usage: 'Filter by container image' },
      { name: 'state', aliases: ['s'], kind: 'string', usage: 'Filter by container state' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'latest', aliases: ['l'], kind: 'bool', usage: 'Show the most recently created container (includes all states)' },
      { name: 'last', aliases: ['n'], kind: 'int', usage: 'Show last n recently created containers (includes all states). Set 0 for unlimited.' },
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Show all containers' },
    ],
  },
  // image.go:284
  {
    name: 'inspecti',
    usage: 'Return the status of one or more images',
    argsUsage: 'IMAGE-ID [IMAGE-ID...]',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|go-template|table' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Do not show verbose information' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
      { name: 'name', kind: 'string', usage: 'Filter by image name' },
      { name: 'filter', aliases: ['f'], kind: 'stringSlice', usage: 'Filter output based on provided conditions.\nAvailable filters: \n* dangling=(boolean - true or false)\n* reference=/regular expression/\n* before=<image-name>[:<tag>]|<image id>|<image@digest>\n* since=<image-name>[:<tag>]|<image id>|<image@digest>\nMultiple filters can be combined together.' },
    ],
  },
  // image.go:529
  {
    name: 'imagefsinfo',
    usage: 'Return image filesystem info',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|go-template|table' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
    ],
  },
  // sandbox.go:204
  {
    name: 'inspectp',
    usage: 'Display the status of one or more pods',
    argsUsage: 'POD-ID [POD-ID...]',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|go-template|table' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Do not show verbose information' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
      { name: 'name', kind: 'string', usage: 'Filter by pod name regular expression pattern' },
      { name: 'namespace', kind: 'string', usage: 'Filter by pod namespace regular expression pattern' },
      { name: 'state', aliases: ['s'], kind: 'string', usage: 'Filter by pod state' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'latest', aliases: ['l'], kind: 'bool', usage: 'Show the most recently created pod' },
      { name: 'last', aliases: ['n'], kind: 'int', usage: 'Show last n recently created pods. Set 0 for unlimited' },
    ],
  },
  // logs.go:44
  {
    name: 'logs',
    usage: 'Fetch the logs of a container',
    argsUsage: 'CONTAINER-ID',
    shortOptions: true,
    flags: [
      { name: 'follow', aliases: ['f'], kind: 'bool', usage: 'Follow log output' },
      { name: 'previous', aliases: ['p'], kind: 'bool', usage: 'Print the logs for the previous instance of the container in a pod if it exists' },
      { name: 'reopen', aliases: ['r'], kind: 'bool', usage: 'Reopen the container logs for the provided container' },
      { name: 'tail', kind: 'int64', value: -1, usage: 'Number of lines to show from the end of the logs. Defaults to all' },
      { name: 'limit-bytes', kind: 'int64', value: -1, usage: 'Maximum bytes of logs to return. Defaults to no limit' },
      { name: 'since', kind: 'string', usage: 'Show logs since timestamp (e.g. 2013-01-02T13:23:37) or relative (e.g. 42m for 42 minutes)' },
      { name: 'timestamps', aliases: ['t'], kind: 'bool', usage: 'Show timestamps' },
      { name: 'stream', aliases: ['s'], kind: 'string', usage: 'Show specified stream (stdout or stderr). Defaults to both.' },
    ],
  },
  // portforward.go:37
  {
    name: 'port-forward',
    usage: 'Forward local port to a pod',
    argsUsage: 'POD-ID [LOCAL_PORT:]REMOTE_PORT',
    flags: [
      { name: 'transport', aliases: ['r'], kind: 'string', value: 'spdy', usage: 'Transport protocol to use, one of: spdy|websocket' },
      { name: 'tls-sni', aliases: ['tls-server-name'], kind: 'string', value: 'localhost', usage: 'Server name used in the TLS client to check server certificates against' },
      { name: 'tls-ca', kind: 'string', usage: 'Path to the streaming TLS CA certificate' },
      { name: 'tls-cert', kind: 'string', usage: 'Path to the streaming TLS certificate' },
      { name: 'tls-key', kind: 'string', usage: 'Path to the streaming TLS key' },
    ],
  },
  // container.go:610
  {
    name: 'ps',
    usage: 'List containers',
    shortOptions: true,
    flags: [
      { name: 'verbose', aliases: ['v'], kind: 'bool', usage: 'Show verbose information for containers' },
      { name: 'id', kind: 'string', usage: 'Filter by container id' },
      { name: 'name', kind: 'string', usage: 'Filter by container name regular expression pattern' },
      { name: 'pod', aliases: ['p'], kind: 'string', usage: 'Filter by pod id' },
      { name: 'image', kind: 'string', usage: 'Filter by container image' },
      { name: 'state', aliases: ['s'], kind: 'string', usage: 'Filter by container state' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Only display container IDs' },
      { name: 'output', aliases: ['o'], kind: 'string', value: 'table', usage: 'Output format, One of: json|yaml|table' },
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Show all containers' },
      { name: 'latest', aliases: ['l'], kind: 'bool', usage: 'Show the most recently created container (includes all states)' },
      { name: 'last', aliases: ['n'], kind: 'int', usage: 'Show last n recently created containers (includes all states). Set 0 for unlimited.' },
      { name: 'no-trunc', kind: 'bool', usage: 'Show output without truncating the ID' },
      { name: 'resolve-image-path', aliases: ['r'], kind: 'bool', usage: 'Show image path instead of image id' },
      { name: 'namespace', kind: 'string', usage: 'Filter by pod namespace regular expression pattern' },
    ],
  },
  // image.go:56
  {
    name: 'pull',
    usage: 'Pull an image from a registry',
    argsUsage: 'NAME[:TAG|@DIGEST]',
    shortOptions: true,
    flags: [
      { name: 'creds', kind: 'string', envVars: ['CRICTL_CREDS'], usage: 'Use `USERNAME[:PASSWORD]` for accessing the registry' },
      { name: 'auth', kind: 'string', envVars: ['CRICTL_AUTH'], usage: "Use `AUTH_STRING` for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'" },
      { name: 'username', aliases: ['u'], kind: 'string', usage: 'Use `USERNAME` for accessing the registry. The password will be requested on the command line' },
      { name: 'pod-config', kind: 'string', usage: 'Use `pod-config.[json|yaml]` to override the pull c' },
      { name: 'annotation', aliases: ['a'], kind: 'stringSlice', usage: 'Annotation to be set on the pulled image' },
      { name: 'pull-timeout', aliases: ['pt'], kind: 'duration', envVars: ['CRICTL_PULL_TIMEOUT'], usage: 'Maximum time to be used for pulling the image, disabled if set to 0s' },
    ],
    subcommands: [
      {
        name: 'jsonschema',
        aliases: ['js'],
        usage: 'Display the JSON schema for the pod-config.json, ',
        usageText: 'The schema will be generated from the PodSandboxConfig of the CRI API compiled with this version of crictl',
        flags: [],
      },
    ],
  },
  // container.go:730
  {
    name: 'run',
    usage: 'Run a new container inside a sandbox',
    argsUsage: 'container-config.[json|yaml] pod-config.[json|yaml]',
    flags: RUN_PULL_FLAGS,
    subcommands: JSONSCHEMA,
  },
  // sandbox.go:48
  {
    name: 'runp',
    usage: 'Run a new pod',
    argsUsage: 'pod-config.[json|yaml]',
    flags: [
      { name: 'runtime', aliases: ['r'], kind: 'string', usage: 'Runtime handler to use. Available options are defined by the container runtime.' },
      { name: 'cancel-timeout', aliases: ['T'], kind: 'duration', usage: 'Seconds to wait for a run pod sandbox request to complete before cancelling the request' },
    ],
    subcommands: [
      {
        name: 'jsonschema',
        aliases: ['js'],
        usage: 'Display the JSON schema for the pod-config.json',
        usageText: 'The schema will be generated from the PodSandboxConfig of the CRI API compiled with this version of crictl',
        flags: [],
      },
    ],
  },
  // container.go:391
  {
    name: 'rm',
    usage: 'Remove one or more containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    shortOptions: true,
    flags: [
      { name: 'force', aliases: ['f'], kind: 'bool', usage: 'Force removal of the container, disregarding if running' },
      { name: 'keep-logs', aliases: ['k'], kind: 'bool', usage: 'Preserve the container log file and its rotations' },
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Remove all containers' },
    ],
  },
  // image.go:392
  {
    name: 'rmi',
    usage: 'Remove one or more images',
    argsUsage: 'IMAGE-ID [IMAGE-ID...]',
    shortOptions: true,
    flags: [
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Remove all images' },
      { name: 'prune', aliases: ['q'], kind: 'bool', usage: 'Remove all unused images' },
    ],
  },
  // sandbox.go:125
  {
    name: 'rmp',
    usage: 'Remove one or more pods',
    argsUsage: 'POD-ID [POD-ID...]',
    shortOptions: true,
    flags: [
      { name: 'force', aliases: ['f'], kind: 'bool', usage: 'Force removal of the pod sandbox, disregarding if running' },
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Remove all pods' },
    ],
  },
  // sandbox.go:301
  {
    name: 'pods',
    usage: 'List pods',
    shortOptions: true,
    flags: [
      { name: 'id', kind: 'string', usage: 'filter by pod id' },
      { name: 'name', kind: 'string', usage: 'Filter by pod name regular expression pattern' },
      { name: 'namespace', kind: 'string', usage: 'Filter by pod namespace regular expression pattern' },
      { name: 'state', aliases: ['s'], kind: 'string', usage: 'Filter by pod state' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'verbose', aliases: ['v'], kind: 'bool', usage: 'Show verbose info for pods' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'List only pod IDs' },
      { name: 'output', aliases: ['o'], kind: 'string', value: 'table', usage: 'Output format, One of: json|yaml|table' },
      { name: 'latest', aliases: ['l'], kind: 'bool', usage: 'Show the most recently created pod' },
      { name: 'last', aliases: ['n'], kind: 'int', usage: 'Show last n recently created pods. Set 0 for unlimited' },
      { name: 'no-trunc', kind: 'bool', usage: 'Show output without truncating the ID' },
    ],
  },
  // container.go:261
  {
    name: 'start',
    usage: 'Start one or more created containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    flags: [],
  },
  // info.go:30
  {
    name: 'info',
    usage: 'Display information of the container runtime',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', value: 'json', usage: 'Output format, One of: json|yaml|go-template' },
      { name: 'quiet', aliases: ['q'], kind: 'bool', usage: 'Do not show verbose information' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
    ],
  },
  // container.go:359
  {
    name: 'stop',
    usage: 'Stop one or more running containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    shortOptions: true,
    flags: [
      { name: 'timeout', aliases: ['t'], kind: 'int64', usage: 'Seconds to wait to kill the container after a graceful stop is requested' },
    ],
  },
  // sandbox.go:101
  {
    name: 'stopp',
    usage: 'Stop one or more running pods',
    argsUsage: 'POD-ID [POD-ID...]',
    flags: [],
  },
  // container.go:285
  {
    name: 'update',
    usage: 'Update one or more running containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    flags: [
      { name: 'cpu-count', kind: 'int64', usage: '(Windows only) Number of CPUs available to the container' },
      { name: 'cpu-maximum', kind: 'int64', usage: '(Windows only) Portion of CPU cycles specified as a percentage * 100' },
      { name: 'cpu-period', kind: 'int64', usage: 'CPU CFS period to be used for hardcapping (in usecs). 0 to use system default' },
      { name: 'cpu-quota', kind: 'int64', usage: 'CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period' },
      { name: 'cpu-share', kind: 'int64', usage: 'CPU shares (relative weight vs. other containers)' },
      { name: 'memory', kind: 'int64', usage: 'Memory limit (in bytes)' },
      { name: 'cpuset-cpus', kind: 'string', usage: 'CPU(s) to use' },
      { name: 'cpuset-mems', kind: 'string', usage: 'Memory node(s) to use' },
      { name: 'oom-score-adj', kind: 'string', usage: 'OOM Killer score to use' },
    ],
  },
  // config.go:31
  {
    name: 'config',
    usage: 'Get, set and list crictl configuration options',
    argsUsage: '[<crictl options>]\n\nEXAMPLES:\n   # Set the key "debug" to "true"\n   crictl config --set debug=true\n\n   # Set the key "debug" to "true"\n   crictl config debug true\n\n   # Get the value of "debug"\n   crictl config --get debug\n\n   # Show the full configuration\n   crictl config --list\n\nCRICTL OPTIONS:\n\t runtime-endpoint:\tContainer Runtime Interface (CRI) runtime endpoint (default: "")\n\t image-endpoint:\tContainer Runtime Interface (CRI) image endpoint (default: "")\n\t timeout:\tTimeout of connecting to server (default: 2)\n\t debug:\tEnable debug output (default: false)\n\t pull-image-on-create:\tEnable pulling image on create requests (default: false)\n\t disable-pull-on-run:\tDisable pulling image on run requests (default: false)',
    shortOptions: true,
    flags: [
      { name: 'get', kind: 'string', usage: 'Show the option value' },
      { name: 'set', kind: 'stringSlice', usage: 'Set option (can specify multiple or separate values with commas: opt1=val1,opt2=val2)' },
      { name: 'list', kind: 'bool', usage: 'Show all option value' },
    ],
  },
  // container_stats.go:51
  {
    name: 'stats',
    usage: 'List container(s) resource usage statistics',
    argsUsage: '[ID]',
    shortOptions: true,
    flags: [
      { name: 'all', aliases: ['a'], kind: 'bool', usage: 'Show all containers (default shows just running)' },
      { name: 'id', kind: 'string', usage: 'Filter by container id' },
      { name: 'pod', aliases: ['p'], kind: 'string', usage: 'Filter by pod id' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|table' },
      { name: 'seconds', aliases: ['s'], kind: 'int', value: 1, usage: 'Sample duration for CPU usage in seconds' },
      { name: 'watch', aliases: ['w'], kind: 'bool', usage: 'Watch pod resources' },
    ],
  },
  // pod_stats.go:50
  {
    name: 'statsp',
    usage: "List pod statistics. Stats represent a structured API that will fulfill the Kubelet's /stats/summary endpoint.",
    argsUsage: '[ID]',
    shortOptions: true,
    flags: [
      { name: 'id', kind: 'string', usage: 'Filter by pod id' },
      { name: 'label', kind: 'stringSlice', usage: 'Filter by key=value label' },
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml|table' },
      { name: 'seconds', aliases: ['s'], kind: 'int', value: 1, usage: 'Sample duration for CPU usage in seconds' },
      { name: 'watch', aliases: ['w'], kind: 'bool', usage: 'Watch pod resources' },
    ],
  },
  // pod_metrics.go:37
  {
    name: 'metricsp',
    usage: "List pod metrics. Metrics are unstructured key/value pairs gathered by CRI meant to replace cAdvisor's /metrics/cadvisor endpoint.",
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml' },
      { name: 'watch', aliases: ['w'], kind: 'bool', usage: 'Watch pod metrics' },
    ],
  },
  // metric_descs.go:34
  {
    name: 'metricdescs',
    usage: 'List metric descriptors. Returns information about the metrics available through the CRI.',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', usage: 'Output format, One of: json|yaml' },
    ],
  },
  // completion.go:110
  {
    name: 'completion',
    usage: 'Output shell completion code',
    argsUsage: 'SHELL',
    description: 'Output shell completion code for bash, zsh or fish.\n\nExamples:\n\n    # Installing bash completion on Linux\n    source <(crictl completion bash)\n\n    # Installing zsh completion on Linux\n    source <(crictl completion zsh)\n\n    # Installing fish completion on Linux\n    crictl completion fish | source\n\t',
    flags: [],
  },
  // container.go:780
  {
    name: 'checkpoint',
    usage: 'Checkpoint one or more running containers',
    argsUsage: 'CONTAINER-ID [CONTAINER-ID...]',
    shortOptions: true,
    flags: [
      { name: 'export', aliases: ['e'], kind: 'string', usage: 'Specify the name of the tar archive (/path/to/checkpoint.tar) used to export the checkpoint image.' },
    ],
  },
  // runtime_config.go:28
  {
    name: 'runtime-config',
    usage: 'Retrieve the container runtime configuration',
    shortOptions: true,
    flags: [],
  },
  // events.go:31
  {
    name: 'events',
    aliases: ['event'],
    usage: 'Stream the events of containers',
    shortOptions: true,
    flags: [
      { name: 'output', aliases: ['o'], kind: 'string', value: 'json', usage: 'Output format, One of: json|yaml|go-template' },
      { name: 'template', kind: 'string', usage: 'The template string is only used when output is go-template; The Template format is golang template' },
    ],
  },
  // update_runtime_config.go:32
  {
    name: 'update-runtime-config',
    usage: 'Update the runtime configuration',
    shortOptions: true,
    flags: [
      { name: 'pod-cidr', aliases: ['p'], kind: 'string', usage: 'The new Classless Inter-Domain Routing (CIDR) value to be used for pod IP addresses. If the CIDR is empty, runtimes should omit it.' },
    ],
  },
];
