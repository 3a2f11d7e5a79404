/**
 * The command lines of the node's system tools as Ubuntu 22.04's own binaries read them: procps-ng
 * 3.3.17's sysctl, util-linux 2.37.2's swapon and swapoff, conntrack-tools 1.4.6, iproute2 5.15's ss and ip, systemd 249.11's
 * hostnamectl and timedatectl. Errors, --help and --version replayed from the real programs
 * (test/golden/node-tools/options.json, recorded from jammy's packages, LC_ALL=C, as an
 * unprivileged user where that changes nothing the cases reach).
 */
import { describe } from 'vitest';
import cases from '../golden/node-tools/options.json';
import { replayRecorded } from './replay-recorded';

describe("the node's system tools: what the real ones print for their options", () => replayRecorded(cases));
