/**
 * Helm's release artefacts: the get-helm-3 install script (a shortened but working version of the
 * real one: same steps, same messages) and the linux-amd64 tarballs from get.helm.sh.
 */
import { executableContent } from '../machine/image';
import { gzipEncode, tarEncode } from '../../shell/commands/lib/archive';

export const HELM_VERSIONS = ['v3.14.4', 'v3.15.4', 'v3.16.4', 'v3.17.0', 'v3.17.3'];
export const HELM_LATEST = 'v3.17.3';

export function isHelmVersion(v: string): boolean {
  return HELM_VERSIONS.includes(v);
}

export function helmLatestVersion(): string {
  return `${HELM_LATEST}\n`;
}

export function helmTarball(version: string): string {
  const mtimeMs = Date.UTC(2025, 3, 9);
  void version;
  return gzipEncode(
    tarEncode([
      { name: 'linux-amd64/', type: 'dir', mode: 0o755, uid: 1001, gid: 127, mtimeMs },
      { name: 'linux-amd64/helm', type: 'file', mode: 0o755, uid: 1001, gid: 127, mtimeMs, data: executableContent('helm') },
      { name: 'linux-amd64/LICENSE', type: 'file', mode: 0o644, uid: 1001, gid: 127, mtimeMs, data: 'Apache License\nVersion 2.0, January 2004\n' },
      { name: 'linux-amd64/README.md', type: 'file', mode: 0o644, uid: 1001, gid: 127, mtimeMs, data: '# Helm\n\nHelm is a tool for managing Charts.\n' },
    ]),
  );
}

/** scripts/get-helm-3: detect the platform, find the latest v3, download, verify, install. */
export function getHelmScript(): string {
  return `#!/usr/bin/env bash

# Copyright The Helm Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
#
# The install script is based off of the MIT-licensed script from glide,
# the package manager for Go: https://github.com/Masterminds/glide.sh/blob/master/get

: \${BINARY_NAME:="helm"}
: \${USE_SUDO:="true"}
: \${DEBUG:="false"}
: \${VERIFY_CHECKSUM:="true"}
: \${HELM_INSTALL_DIR:="/usr/local/bin"}

HAS_CURL="$(type "curl" &> /dev/null && echo true || echo false)"
HAS_WGET="$(type "wget" &> /dev/null && echo true || echo false)"
HAS_TAR="$(type "tar" &> /dev/null && echo true || echo false)"

# runAsRoot runs the given command as root (with sudo when needed).
runAsRoot() {
  if [ "$(id -u)" -ne 0 -a "$USE_SUDO" = "true" ]; then
    sudo "\${@}"
  else
    "\${@}"
  fi
}

# checkDesiredVersion finds the latest Helm 3 release unless DESIRED_VERSION is set.
checkDesiredVersion() {
  if [ "x$DESIRED_VERSION" == "x" ]; then
    local latest_release_url="https://get.helm.sh/helm3-latest-version"
    if [ "\${HAS_CURL}" == "true" ]; then
      TAG=$(curl -Ls $latest_release_url)
    elif [ "\${HAS_WGET}" == "true" ]; then
      TAG=$(wget $latest_release_url -O - 2>&1)
    fi
  else
    TAG=$DESIRED_VERSION
  fi
}

# checkHelmInstalledVersion checks which version of helm is installed and
# if it needs to be changed.
checkHelmInstalledVersion() {
  if [[ -f "\${HELM_INSTALL_DIR}/\${BINARY_NAME}" ]]; then
    local version=$("\${HELM_INSTALL_DIR}/\${BINARY_NAME}" version --template="{{ .Version }}")
    if [[ "$version" == "$TAG" ]]; then
      echo "Helm \${version} is already \${DESIRED_VERSION:-latest}"
      return 0
    else
      echo "Helm \${TAG} is available. Changing from version \${version}."
      return 1
    fi
  else
    return 1
  fi
}

# downloadFile downloads the latest binary package and also the checksum
# for that binary.
downloadFile() {
  HELM_DIST="helm-$TAG-linux-amd64.tar.gz"
  DOWNLOAD_URL="https://get.helm.sh/$HELM_DIST"
  CHECKSUM_URL="$DOWNLOAD_URL.sha256sum"
  HELM_TMP_ROOT="$(mktemp -dt helm-installer-XXXXXX)"
  HELM_TMP_FILE="$HELM_TMP_ROOT/$HELM_DIST"
  HELM_SUM_FILE="$HELM_TMP_ROOT/$HELM_DIST.sha256sum"
  echo "Downloading $DOWNLOAD_URL"
  curl -SsL "$CHECKSUM_URL" -o "$HELM_SUM_FILE"
  curl -SsL "$DOWNLOAD_URL" -o "$HELM_TMP_FILE"
}

# verifyChecksum verifies the SHA256 checksum of the binary package.
verifyChecksum() {
  printf "Verifying checksum... "
  local sum=$(sha256sum \${HELM_TMP_FILE} | awk '{print $1}')
  local expected_sum=$(cat \${HELM_SUM_FILE} | awk '{print $1}')
  if [ "$sum" != "$expected_sum" ]; then
    echo "SHA sum of \${HELM_TMP_FILE} does not match. Aborting."
    exit 1
  fi
  echo "Done."
}

# installFile installs the Helm binary.
installFile() {
  HELM_TMP="$HELM_TMP_ROOT/$BINARY_NAME"
  mkdir -p "$HELM_TMP"
  tar xf "$HELM_TMP_FILE" -C "$HELM_TMP"
  HELM_TMP_BIN="$HELM_TMP/linux-amd64/helm"
  echo "Preparing to install $BINARY_NAME into \${HELM_INSTALL_DIR}"
  runAsRoot cp "$HELM_TMP_BIN" "$HELM_INSTALL_DIR/$BINARY_NAME"
  echo "$BINARY_NAME installed into $HELM_INSTALL_DIR/$BINARY_NAME"
}

# cleanup temporary files.
cleanup() {
  if [[ -d "\${HELM_TMP_ROOT:-}" ]]; then
    rm -rf "$HELM_TMP_ROOT"
  fi
}

if [ "\${HAS_CURL}" != "true" ] && [ "\${HAS_WGET}" != "true" ]; then
  echo "Either curl or wget is required"
  exit 1
fi
if [ "\${HAS_TAR}" != "true" ]; then
  echo "[ERROR] tar is required"
  exit 1
fi

checkDesiredVersion
if ! checkHelmInstalledVersion; then
  downloadFile
  if [ "\${VERIFY_CHECKSUM}" == "true" ]; then
    verifyChecksum
  fi
  installFile
fi
cleanup
`;
}
