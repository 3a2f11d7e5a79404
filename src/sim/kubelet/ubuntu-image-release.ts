/**
 * What the ubuntu image says it is (/usr/lib/os-release, /etc/debian_version), by tag: `latest`
 * is 24.04 (noble). The releases are the point releases their images were last built from.
 */
interface UbuntuRelease {
  osRelease: string;
  debianVersion: string;
}

const COMMON = 'HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n';

const NOBLE: UbuntuRelease = {
  osRelease: `PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.3 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n${COMMON}UBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n`,
  debianVersion: 'trixie/sid\n',
};

const JAMMY: UbuntuRelease = {
  osRelease: `PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.5 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n${COMMON}UBUNTU_CODENAME=jammy\n`,
  debianVersion: 'bookworm/sid\n',
};

// focal's os-release still had the older order of fields.
const FOCAL: UbuntuRelease = {
  osRelease: `NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\n${COMMON}VERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n`,
  debianVersion: 'bullseye/sid\n',
};

const BY_TAG: Record<string, UbuntuRelease> = { latest: NOBLE, '24.04': NOBLE, noble: NOBLE, '22.04': JAMMY, jammy: JAMMY, '20.04': FOCAL, focal: FOCAL };

/** The release of an ubuntu image tag (noble for a tag we do not know). */
export function ubuntuRelease(tag: string): UbuntuRelease {
  return BY_TAG[tag] ?? NOBLE;
}
