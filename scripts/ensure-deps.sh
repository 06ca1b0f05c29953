#!/usr/bin/env bash
# Installs the Debian packages corpusclean needs when they are missing (as root), or says
# which to install. Idempotent and quiet when everything is there.
set -euo pipefail

packages=(libicu-dev libcld2-dev zlib1g-dev libisal-dev libzstd-dev libxxhash-dev zstd unicode-data bzip2 strace jq slurmctld slurmd slurm-client munge)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "corpusclean needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
