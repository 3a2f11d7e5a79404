/**
 * What an image puts in a container's root filesystem before anything runs: the shell and the
 * programs on its PATH, /etc/passwd, the usual empty directories. Three families cover what CKA
 * tasks run: busybox (and alpine, whose /bin is busybox too, and curlimages/curl on it), Debian-based images (nginx, httpd,
 * ubuntu, debian: bash and coreutils), and everything else (a distroless server with no shell; the
 * control plane's images hold their binaries, see src/sim/runtime/control-plane-images.ts).
 */
import type { FsView } from '../machine/fs';
import { executableContent } from '../machine/image';
import { normalizeImage } from '../runtime/images';
import { controlPlaneImageBinaries } from '../runtime/control-plane-images';
import IMAGE_APPLETS from './busybox/image-applets.json';
import { ubuntuRelease } from './ubuntu-image-release';

export type ImageFamily = 'busybox' | 'alpine' | 'debian' | 'distroless';

/** Busybox applets that this simulation runs (the busybox image holds the rest too: BUSYBOX_IMAGE_BIN). */
export const BUSYBOX_APPLETS = [
  'sh', 'ash', 'ls', 'cat', 'echo', 'printf', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'head', 'tail', 'wc', 'env', 'printenv', 'sleep', 'date',
  'mkdir', 'rmdir', 'touch', 'rm', 'cp', 'mv', 'ln', 'chmod', 'chown', 'find', 'ps', 'kill', 'hostname', 'id', 'whoami', 'df', 'du', 'tr', 'cut',
  'sort', 'uniq', 'xargs', 'tee', 'seq', 'basename', 'dirname', 'readlink', 'realpath', 'stat', 'true', 'false', 'test', '[', 'expr', 'base64',
  'md5sum', 'sha256sum', 'uname', 'free', 'uptime', 'nproc', 'tar', 'gzip', 'gunzip', 'zcat', 'rev', 'tac', 'nl', 'diff', 'which', 'pwd',
  'wget', 'nslookup', 'nc', 'ping', 'yes', 'mktemp', 'install', 'chroot', 'ip', 'ifconfig', 'top', 'netstat',
  'arch', 'chgrp', 'clear', 'cmp', 'comm', 'expand', 'fold', 'hexdump', 'less', 'more', 'nohup', 'od', 'paste', 'pgrep', 'sha1sum', 'sync',
  'timeout', 'watch', 'mount', 'pidof', 'pkill', 'killall', 'dmesg',
];

/**
 * What the busybox image's /bin holds: every applet of its build and busybox itself
 * (scripts/busybox/list-applets.sh). Those this simulation does not run answer that they are not
 * simulated (busybox/not-simulated.ts).
 */
export const BUSYBOX_IMAGE_BIN: readonly string[] = IMAGE_APPLETS;

/** A Debian base image (bash, coreutils, grep, sed, mawk…): no procps (ps, top, free, kill), no net-tools or iproute2. */
export const DEBIAN_PROGRAMS = [
  'bash', 'sh', 'dash', 'ls', 'cat', 'echo', 'printf', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'mawk', 'head', 'tail', 'wc', 'env', 'printenv',
  'sleep', 'date', 'mkdir', 'rmdir', 'touch', 'rm', 'cp', 'mv', 'ln', 'chmod', 'chown', 'chgrp', 'find', 'xargs', 'hostname', 'id', 'whoami', 'df',
  'du', 'tr', 'cut', 'sort', 'uniq', 'tee', 'seq', 'basename', 'dirname', 'readlink', 'realpath', 'stat', 'true', 'false', 'test', '[', 'expr',
  'base64', 'md5sum', 'sha1sum', 'sha256sum', 'uname', 'nproc', 'tar', 'gzip', 'gunzip', 'zcat', 'rev', 'tac', 'nl', 'diff', 'which', 'pwd',
  'yes', 'mktemp', 'install', 'paste', 'fold', 'comm', 'chroot',
];

export interface ImageSkeleton {
  family: ImageFamily;
  /** The interactive shell and how it words errors: ash (`sh: foo: not found`) or bash. */
  shell: 'ash' | 'bash' | 'none';
  /** Program names on PATH (in /bin or /usr/bin, unless `programDir` says otherwise). */
  programs: readonly string[];
  /** Where the programs are (the control plane's images keep theirs in /usr/local/bin). */
  programDir?: string;
}

export function imageSkeleton(image: string): ImageSkeleton {
  const repo = normalizeImage(image).repository;
  const last = repo.split('/').pop() ?? '';
  if (last === 'busybox') return { family: 'busybox', shell: 'ash', programs: BUSYBOX_IMAGE_BIN };
  if (last === 'alpine') return { family: 'alpine', shell: 'ash', programs: BUSYBOX_APPLETS };
  if (repo === 'docker.io/curlimages/curl') return { family: 'alpine', shell: 'ash', programs: [...BUSYBOX_APPLETS, 'curl'] };
  if (['nginx', 'httpd', 'ubuntu', 'debian', 'redis', 'mysql', 'postgres', 'php-apache', 'hpa-example', 'python', 'node'].includes(last)) {
    const extra = last === 'nginx' ? ['nginx', 'curl'] : last === 'httpd' ? ['httpd', 'curl'] : [];
    return { family: 'debian', shell: 'bash', programs: [...DEBIAN_PROGRAMS, ...extra] };
  }
  const controlPlane = controlPlaneImageBinaries(repo);
  if (controlPlane) return { family: 'distroless', shell: 'none', programs: controlPlane, programDir: '/usr/local/bin' };
  return { family: 'distroless', shell: 'none', programs: [] };
}

const DEBIAN_OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';

const PASSWD: Record<ImageFamily, string> = {
  busybox: 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
  // alpine-baselayout 3.6's passwd and group (as `cat /etc/passwd` in alpine:3.20 shows them): root is in eleven groups.
  alpine:
    'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
  // Debian 12's base-passwd 3.6.1 (passwd.master), as bookworm images have it.
  debian: 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\nirc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  distroless: 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n',
};

const GROUP: Record<ImageFamily, string> = {
  // buildroot's system/skeleton/etc/group, which the image's builder copies (root is in wheel: `id` says groups=0(root),10(wheel)).
  busybox: 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65533:\nnogroup:x:65534:\n',
  alpine:
    'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n',
  debian: 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nnews:x:9:\nuucp:x:10:\nman:x:12:\nproxy:x:13:\nkmem:x:15:\ndialout:x:20:\nfax:x:21:\nvoice:x:22:\ncdrom:x:24:\nfloppy:x:25:\ntape:x:26:\nsudo:x:27:\naudio:x:29:\ndip:x:30:\nwww-data:x:33:\nbackup:x:34:\noperator:x:37:\nlist:x:38:\nirc:x:39:\nsrc:x:40:\nshadow:x:42:\nutmp:x:43:\nvideo:x:44:\nsasl:x:45:\nplugdev:x:46:\nstaff:x:50:\ngames:x:60:\nusers:x:100:\nnogroup:x:65534:\n',
  distroless: 'root:x:0:\nnogroup:x:65534:\n',
};

/**
 * The directories each family's root holds besides /bin, /dev, /etc, /proc, /root, /sys and /tmp:
 * busybox's are its builder's (lib, and the passwd homes: /home, /usr/sbin, /var/spool/mail,
 * /var/www), alpine's and Debian's their base layouts. The kubelet's mounts add their own (the
 * service-account token makes /var/run/secrets).
 */
const LAYOUT: Record<ImageFamily, readonly string[]> = {
  busybox: ['/home', '/lib', '/usr/bin', '/usr/sbin', '/var/spool/mail', '/var/www'],
  alpine: ['/home', '/lib', '/media', '/mnt', '/opt', '/run', '/sbin', '/srv', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/share', '/var/cache', '/var/empty', '/var/lib', '/var/local', '/var/lock', '/var/log', '/var/mail', '/var/opt', '/var/spool', '/var/tmp'],
  debian: ['/boot', '/home', '/media', '/mnt', '/opt', '/run', '/srv', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/local', '/usr/share', '/var/backups', '/var/cache', '/var/lib', '/var/local', '/var/log', '/var/mail', '/var/opt', '/var/spool', '/var/tmp'],
  distroless: ['/home', '/usr/bin', '/usr/sbin', '/var', '/var/log', '/var/tmp'],
};

/**
 * /dev as runc makes it in every container (libcontainer's default devices, its /dev symlinks,
 * /dev/pts, /dev/shm and /dev/mqueue) with the kubelet's termination-log file.
 */
function writeDev(fs: FsView): void {
  for (const d of ['null', 'zero', 'full', 'random', 'urandom', 'tty']) fs.mknod(`/dev/${d}`, d);
  const links: [string, string][] = [['fd', '/proc/self/fd'], ['stdin', '/proc/self/fd/0'], ['stdout', '/proc/self/fd/1'], ['stderr', '/proc/self/fd/2'], ['core', '/proc/kcore'], ['ptmx', 'pts/ptmx']];
  for (const [name, target] of links) fs.symlink(target, `/dev/${name}`);
  fs.mkdir('/dev/pts');
  for (const d of ['/dev/shm', '/dev/mqueue']) {
    fs.mkdir(d);
    fs.chmod(d, 0o1777);
  }
  fs.writeFile('/dev/termination-log', '');
  fs.chmod('/dev/termination-log', 0o666);
  // /dev is a tmpfs (so are shm and mqueue's like it): no blocks, directory sizes by entry.
  for (const d of ['/dev', '/dev/shm', '/dev/mqueue', '/dev/pts']) {
    const node = fs.inode(d);
    if (node) node.tmpfs = true;
  }
}

/** Write the image's files into an empty root (as root). */
export function writeImage(fs: FsView, skeleton: ImageSkeleton, image: string): void {
  for (const d of ['/bin', '/dev', '/etc', '/proc', '/root', '/sys', '/tmp', ...LAYOUT[skeleton.family]]) fs.mkdir(d, { recursive: true });
  fs.chmod('/tmp', 0o1777);
  fs.chmod('/root', 0o700);
  writeDev(fs);
  fs.writeFile('/etc/passwd', PASSWD[skeleton.family]);
  fs.writeFile('/etc/group', GROUP[skeleton.family]);
  if (skeleton.family === 'busybox') {
    // The glibc build's libraries (libnss for DNS) live in /lib, with lib64 pointing at it.
    fs.symlink('lib', '/lib64');
    fs.symlink('../../bin/env', '/usr/bin/env');
  }
  if (skeleton.family === 'alpine') {
    fs.writeFile('/etc/alpine-release', '3.20.3\n');
    fs.writeFile('/etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n');
  }
  if (skeleton.family === 'debian') {
    const ref = normalizeImage(image);
    const ubuntu = ref.repository === 'docker.io/library/ubuntu' ? ubuntuRelease(ref.tag) : undefined;
    fs.writeFile('/usr/lib/os-release', ubuntu?.osRelease ?? DEBIAN_OS_RELEASE);
    fs.symlink('../usr/lib/os-release', '/etc/os-release');
    fs.writeFile('/etc/debian_version', ubuntu?.debianVersion ?? '12.8\n');
  }
  const dir = skeleton.programDir ?? (skeleton.family === 'debian' ? '/usr/bin' : '/bin');
  fs.mkdir(dir, { recursive: true });
  for (const p of skeleton.programs) fs.writeFile(`${dir}/${p}`, executableContent(p === 'ash' ? 'sh' : p), { mode: 0o755 });
  if (skeleton.family === 'debian') {
    // usrmerge: /bin/bash and /bin/sh resolve through the /bin → usr/bin link on bookworm.
    fs.remove('/bin', { recursive: true });
    fs.symlink('usr/bin', '/bin');
    for (const [link, target] of [['/sbin', 'usr/sbin'], ['/lib', 'usr/lib'], ['/lib64', 'usr/lib64']]) fs.symlink(target, link);
  }
  const repo = normalizeImage(image).repository;
  if (repo.endsWith('/nginx')) {
    // The image's Dockerfile: groupadd --system --gid 101 nginx && useradd --system --gid nginx
    // --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx
    fs.writeFile('/etc/passwd', `${PASSWD.debian}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`);
    fs.writeFile('/etc/group', `${GROUP.debian}nginx:x:101:\n`);
    fs.mkdir('/usr/share/nginx/html', { recursive: true });
    fs.mkdir('/etc/nginx/conf.d', { recursive: true });
    fs.writeFile('/usr/share/nginx/html/50x.html', NGINX_50X, { mode: 0o644 });
    fs.writeFile('/etc/nginx/nginx.conf', NGINX_CONF);
    fs.writeFile('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF);
    // The image's entrypoint and the scripts it runs before nginx starts (see behaviour.ts's NGINX_START).
    fs.writeFile('/docker-entrypoint.sh', executableContent('docker-entrypoint.sh'), { mode: 0o775 });
    fs.mkdir('/docker-entrypoint.d');
    for (const script of ['10-listen-on-ipv6-by-default.sh', '15-local-resolvers.envsh', '20-envsubst-on-templates.sh', '30-tune-worker-processes.sh'])
      fs.writeFile(`/docker-entrypoint.d/${script}`, executableContent(script), { mode: 0o775 });
    fs.mkdir('/var/log/nginx', { recursive: true });
    fs.symlink('/dev/stdout', '/var/log/nginx/access.log');
    fs.symlink('/dev/stderr', '/var/log/nginx/error.log');
  }
}

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** The page default.conf's error_page serves: nginx's docs/html/50x.html (the same at every 1.27.x tag), which the nginx package installs. */
const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;
