#!/bin/bash
# The pack's entry on a GPU machine (written by `npm run bench:gpu -- --pack DIR`):
#   bash run.sh [bench options]      e.g. --batches 50 --full --profile --json /tmp/gpu.json
# Unpacks Node 22, dawn.node and the bench bundle into $BENCH_TMP (default /tmp/gpu-bench) and runs
# the chapter 5 WebGPU bench (stock tfjs-webgpu vs ours) on the MNIST assets in ./mnist.
set -u
G=$(cd "$(dirname "$0")" && pwd)
W=${BENCH_TMP:-/tmp/gpu-bench}
# No Vulkan loader: unpack the .debs carried in ./debs (libvulkan1, libegl1, libglvnd0, ...).
if ! ldconfig -p 2>/dev/null | grep -q libvulkan.so.1; then
  if ls "$G"/debs/*.deb >/dev/null 2>&1; then
    for f in "$G"/debs/*.deb; do dpkg -x "$f" /; done
    ldconfig
  else
    echo "no libvulkan.so.1 and no ./debs: see README.md 'Measuring WebGPU training' for the Vulkan loader" >&2
  fi
fi
# A loader but no registered driver (containers with the NVIDIA driver mounted): point at its ICD.
if ! ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json >/dev/null 2>&1 && [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
rm -rf "$W" && mkdir -p "$W" || exit 3
if command -v xz >/dev/null; then
  xz -dc "$G/node22.xz" > "$W/node" && tar -xJf "$G/pack.tar.xz" -C "$W" || exit 3
else
  python3 -c 'import lzma, shutil, sys, tarfile
shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))
tarfile.open(sys.argv[3], "r:xz").extractall(sys.argv[4])' "$G/node22.xz" "$W/node" "$G/pack.tar.xz" "$W" || exit 3
fi
chmod +x "$W/node"
# No options: those given to --pack (pack.mjs writes them in place of __DEFAULT_ARGS__).
if [ $# -eq 0 ]; then set -- __DEFAULT_ARGS__; fi
XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} "$W/node" "$W/pack/bench.cjs" --data "$G/mnist" "$@"
