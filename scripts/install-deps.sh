#!/usr/bin/env bash
# Installs ccsim's build, test and plotting dependencies from Debian 12 packages.
# Idempotent: when everything is present it checks and returns quietly.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config
  libsimgrid-dev libboost-program-options-dev libboost-dev
  libhdf5-dev libyaml-cpp-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev
  python3 python3-h5py python3-matplotlib python3-pandas python3-numpy
  chromium
  clang libclang-rt-14-dev
  slurmctld slurmd slurm-client munge
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
