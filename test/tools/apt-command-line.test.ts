/**
 * apt, apt-get, apt-cache and apt-mark read their command lines as apt 2.4 on Ubuntu 22.04 does:
 * each command's own options (anything else "not understood in combination with the other
 * options", before or after the command), -o and -q values, --help, --version and the usage.
 * Replayed from jammy's apt (test/golden/apt/command-line.json, recorded by running the real
 * programs as an unprivileged user, stopping at the command line; 2.4.15 there, 2.4.14 here).
 */
import { describe } from 'vitest';
import cases from '../golden/apt/command-line.json';
import { replayRecorded } from './replay-recorded';

describe('apt: what the real one prints for its command lines', () => replayRecorded(cases));
