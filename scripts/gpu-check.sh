#!/usr/bin/env bash
# The embedder benchmark on the CUDA execution provider, with the CPU figure beside it (issue 4, item 7).
#
#   scripts/gpu-check.sh [BENCH OPTIONS]
#       Build the CUDA flavour here (-p:ModelsExecution=cuda, into out/gpu-check, apart from the normal build) and run it.
#   scripts/gpu-check.sh --publish DIR [--self-contained] [--offline] [--split MIB]
#       Only build: DIR/app holds the published CLI, DIR/data the dev corpus. Copy DIR to the GPU machine.
#       --self-contained  bundle the .NET runtime (for a machine without dotnet); needs the linux-x64 runtime packs
#                         from NuGet or already in ~/.nuget/packages.
#       --offline         restore from ~/.nuget/packages alone (a machine without NuGet access that has the packages).
#       --split MIB       also pack DIR as gzip-compressed parts of at most MIB MiB each in DIR.parts/, for a copy that
#                         limits its size (the CUDA build is ~450 MB, ~560 MB self-contained; packed ~75% of that).
#   scripts/gpu-check.sh --run DIR [BENCH OPTIONS]
#       Only run a DIR made by --publish, or a folder holding its parts (unpacked first, next to them).
#       Prints the CUDA and CPU JSON, then one line of texts/s per provider.
#
# BENCH OPTIONS go to `dataengine bench models` (e.g. --texts 1024 --runs 5 --batch-size 64); --no-cpu skips the
# CPU run. Defaults here: --texts 512 --batch-size 32 for CUDA, which a batch of 8 leaves mostly idle.
#
# What the GPU machine needs (Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0, Linux x64 only):
#   - an NVIDIA GPU and its driver (libcuda.so.1; nvidia-smi works);
#   - CUDA 13 runtime libraries, linked by libonnxruntime_providers_cuda.so: libcudart.so.13, libcublas.so.13,
#     libcublasLt.so.13, libcurand.so.10 (from the CUDA 13 toolkit, or the pip wheels nvidia-cuda-runtime,
#     nvidia-cublas, nvidia-curand that PyTorch cu130 brings);
#   - cuDNN 9 built for CUDA 13: libcudnn.so.9 and its libcudnn_*.so.9 (the toolkit's cuDNN, or pip nvidia-cudnn-cu13);
#   - the .NET 10 runtime, unless DIR was published with --self-contained.
# The script looks for those libraries under /usr/local/nvidia, /usr/local/cuda*, /opt and python3's site-packages,
# and puts the folders it finds on LD_LIBRARY_PATH. Without them the bench stops with ONNX Runtime's error naming the
# missing one and what to install.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=all dir="" self_contained=false offline=false with_cpu=true split_mib=""
bench_args=()
while (($#)); do
  case "$1" in
    --publish) mode=publish dir="${2:?--publish needs a folder}"; shift 2 ;;
    --run) mode=run dir="${2:?--run needs a folder}"; shift 2 ;;
    --self-contained) self_contained=true; shift ;;
    --offline) offline=true; shift ;;
    --split) split_mib="${2:?--split needs a size in MiB}"; shift 2 ;;
    --no-cpu) with_cpu=false; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
[[ $mode == all ]] && dir="$repo/out/gpu-check"

publish() {
  local out="$1"
  command -v dotnet >/dev/null || { echo "gpu-check: publishing needs the .NET 10 SDK (dotnet) on this machine" >&2; exit 1; }
  # linux-x64 alone: the CUDA package is Linux x64 only, and the other platforms' native libraries would triple the size.
  local args=(-c Release -p:ModelsExecution=cuda -r linux-x64 --self-contained "$self_contained" -o "$out/app" --artifacts-path "$out/artifacts" --nologo)
  # The global packages folder is laid out as a NuGet folder feed, so it can stand in for nuget.org offline.
  if $offline; then args+=(--source "${NUGET_PACKAGES:-$HOME/.nuget/packages}"); fi
  rm -rf "$out/app"
  mkdir -p "$out/data"
  echo "gpu-check: publishing the CUDA build to $out/app" >&2
  dotnet publish "$repo/src/DataEngine.Cli" "${args[@]}" >&2
  # The artifacts folder only serves the build; leaving it would double what gets copied to the GPU machine.
  rm -rf "$out/artifacts"
  local corpus="$repo/../shared/data/spamassassin-dev.jsonl.gz"
  if [[ -f $corpus ]]; then cp "$corpus" "$out/data/"; else echo "gpu-check: no $corpus; pass a corpus to --run" >&2; fi
  {
    echo "commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
    echo "published: $(date -u +%FT%TZ), self-contained: $self_contained"
  } >"$out/BUILD-INFO"
  echo "gpu-check: $(du -sh "$out" | cut -f1) in $out" >&2
  if [[ -n $split_mib ]]; then
    local parts="${out%/}.parts"
    rm -rf "$parts" && mkdir -p "$parts"
    tar -C "$out" -cf - app data BUILD-INFO | gzip -5 | split -b "${split_mib}M" -d -a 2 - "$parts/gpu-check.tar.gz.part-"
    echo "gpu-check: $(ls "$parts" | wc -l) parts, $(du -sh "$parts" | cut -f1), in $parts" >&2
  fi
}

unpack_parts() {
  # A folder of parts from --split: join and unpack them into its unpacked/ subfolder once.
  local parts="$1"
  if [[ ! -x "$parts/unpacked/app/dataengine" ]]; then
    rm -rf "$parts/unpacked" && mkdir -p "$parts/unpacked"
    cat "$parts"/gpu-check.tar.gz.part-* | gzip -d | tar -C "$parts/unpacked" -xf -
  fi
  dir="$parts/unpacked"
}

cuda_library_path() {
  # Folders holding the driver's, CUDA 13's and cuDNN 9's libraries, wherever the driver, the toolkit or the pip wheels put them.
  local roots=(/usr/local/nvidia /usr/local/cuda* /opt /usr/lib/x86_64-linux-gnu)
  if command -v python3 >/dev/null; then
    mapfile -t -O ${#roots[@]} roots < <(python3 -c 'import site; print("\n".join(site.getsitepackages()))' 2>/dev/null || true)
  fi
  # libcuda.so.1 must be the driver's own: a toolkit's compat/ or stubs/ copy next to a different driver fails with
  # CUDA error 803 ("unsupported display driver / cuda driver combination"), seen on the lent H200.
  { find "${roots[@]}" -maxdepth 8 \( -path '*/compat/*' -o -path '*/stubs/*' \) -prune -o \( -name 'libcuda.so.1' -o -name 'libcudart.so.13*' -o -name 'libcublas.so.13*' -o -name 'libcublasLt.so.13*' \
      -o -name 'libcurand.so.10*' -o -name 'libcudnn.so.9*' \) -printf '%h\n' 2>/dev/null || true; } | sort -u | paste -sd: -
}

check_libraries() {
  local lib folder found missing=()
  for lib in libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9; do
    found=false
    if ldconfig -p 2>/dev/null | grep -qF "$lib"; then found=true; fi
    IFS=: read -ra folders <<<"${LD_LIBRARY_PATH:-}"
    for folder in "${folders[@]}"; do [[ -e "$folder/$lib" ]] && found=true; done
    $found || missing+=("$lib")
  done
  ((${#missing[@]} == 0)) || echo "gpu-check: not found: ${missing[*]} (see the header of $0 for what to install)" >&2
}

run() {
  local out="$1" exe="$1/app/dataengine"
  [[ -x $exe ]] || { echo "gpu-check: no $exe; make it with --publish" >&2; exit 1; }
  if [[ ! -e "$out/app/libcoreclr.so" ]] && ! command -v dotnet >/dev/null; then
    echo "gpu-check: $out/app is framework-dependent and this machine has no dotnet; publish with --self-contained" >&2
    exit 1
  fi
  local found
  found="$(cuda_library_path)"
  export LD_LIBRARY_PATH="${found}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  check_libraries
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2 || true
  [[ -f "$out/BUILD-INFO" ]] && cat "$out/BUILD-INFO" >&2

  # A corpus among the arguments wins; otherwise the one --publish copied, else the app's default (../shared/data).
  local corpus=() arg given=false
  for arg in "${bench_args[@]}"; do [[ $arg == *.jsonl || $arg == *.jsonl.gz ]] && given=true; done
  if ! $given && [[ -f "$out/data/spamassassin-dev.jsonl.gz" ]]; then corpus=("$out/data/spamassassin-dev.jsonl.gz"); fi

  local cuda_json="$out/bench-cuda.json" cpu_json="$out/bench-cpu.json"
  "$exe" bench models "${corpus[@]}" --only embedder --provider cuda --texts 512 --batch-size 32 "${bench_args[@]}" | tee "$cuda_json"
  if $with_cpu; then
    "$exe" bench models "${corpus[@]}" --only embedder --provider cpu "${bench_args[@]}" | tee "$cpu_json"
  fi
  summary "$cuda_json"
  $with_cpu && summary "$cpu_json"
  return 0
}

summary() {
  command -v python3 >/dev/null || return 0
  python3 - "$1" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))["embedder"]
parts = [f'{k[9:]} tokens: engine {v["engine"]["textsPerSecond"]} texts/s, raw {v["raw"]["textsPerSecond"]}, ratio {v["ratio"]}'
         for k, v in e.items() if k.startswith("maxTokens")]
print(f'{e["provider"]} (batch {e["batchSize"]}, {e["intraOpThreads"]} threads, {e["texts"]} texts): ' + "; ".join(parts))
PY
}

case "$mode" in
  publish) publish "$dir" ;;
  run)
    if [[ ! -d "$dir/app" ]] && compgen -G "$dir/gpu-check.tar.gz.part-*" >/dev/null; then unpack_parts "$dir"; fi
    run "$dir" ;;
  all) publish "$dir"; run "$dir" ;;
esac
