#!/usr/bin/env bash
# preview:gitops benchmark inside Maven: the goal's own time (its summary line, "gitops tree ... in N ms")
# and Maven's whole run, rendering the whole tree and one preview into an empty checkout, then again with
# nothing to change (checked: no file's modification time moves). Then, for scale, `kubectl kustomize` of
# the paths the cluster's Flux Kustomizations build from the rendered tree.
# Usage (from the repository root, after ./mvnw -o install -DskipTests -Dinvoker.skip):
#   ghillie-runtime/bench/gitops-bench.sh [runs=5]
# The image is a stand-in image.json (target registry) in a work directory of its own
# (ghillie.preview.workDir and imageOutputDirectory), so the module's target/ghillie-preview is not touched; nothing is pushed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ghillie-preview"
cat > "$work/ghillie-preview/image.json" <<'EOF'
{
  "reference": "registry.example.test/team/ghillie-runtime:0.1.0-0123456789ab",
  "digest": "sha256:abababababababababababababababababababababababababababababababab",
  "imageId": "sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
  "tags": ["0.1.0-0123456789ab"],
  "target": "registry",
  "tar": null
}
EOF
# What `tofu output -json` prints for the modules (wrapped form): CloudNativePG's release and one module file.
python3 - "$work/rendered.json" <<'EOF'
import json, sys
cnpg = """apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: cnpg
  namespace: cnpg-system
spec:
  interval: 1h
  chart:
    spec:
      chart: cloudnative-pg
      version: 0.29.0
      sourceRef: {kind: HelmRepository, name: cloudnative-pg, namespace: flux-system}
  values:
    monitoring: {podMonitorEnabled: false}
"""
zone = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns-zone\n  namespace: external-dns\ndata:\n  zone: preview.example.test\n"
value = {"platform/databases/cloudnative-pg.yaml": cnpg, "modules/dns/zone.yaml": zone}
json.dump({"rendered_manifests": {"sensitive": False, "type": ["map", "string"], "value": value}}, open(sys.argv[1], "w"), indent=2)
EOF

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Runs the goal on tree $1; prints "<goal ms> <maven ms>" and keeps the summary line in $work/last.
gitops() {
  local start end out
  start=$(now_ms)
  out=$(cd "$root/ghillie-runtime" && "$root/mvnw" -B -o preview:gitops -Dinvoker.skip \
    -Dghillie.preview.workDir="$work/ghillie-preview" -Dghillie.preview.imageOutputDirectory="$work/ghillie-preview" -Dghillie.preview.gitops.dir="$1" \
    -Dghillie.preview.gitops.cluster=preview-eu -Dghillie.preview.gitops.rendered="$work/rendered.json" \
    -Dghillie.preview.gitops.preview=pr-123 -Dghillie.preview.gitops.domain=preview.example.test \
    -Dghillie.preview.gitops.chartRepository=https://example.test/team/ghillie.git) \
    || { echo "$out" >&2; exit 1; }
  end=$(now_ms)
  echo "$out" | grep -o 'gitops tree .*' > "$work/last"
  echo "$out" | grep -oE '^\[INFO\]   (created|updated|removed) .*' | sed 's/^\[INFO\]   //' > "$work/changes" || true
  grep -q ' in [0-9]* ms$' "$work/last" || { echo "no 'in N ms' on the goal's summary line: is the plugin installed from this tree?" >&2; exit 1; }
  echo "$(grep -o '[0-9]* ms$' "$work/last" | cut -d' ' -f1) $((end - start))"
}

echo "Empty checkout, whole tree + one preview ($runs runs, a new Maven JVM each):"
: > "$work/empty"
for i in $(seq "$runs"); do
  tree="$work/tree-$i"; mkdir "$tree"
  read -r goal maven < <(gitops "$tree")
  echo "  goal $goal ms, Maven $maven ms: $(sed 's/.*: //' "$work/last")"
  echo "$goal $maven" >> "$work/empty"
done
tree="$work/tree-1"
echo "No change, same tree ($runs runs):"
: > "$work/nochange"
for i in $(seq "$runs"); do
  find "$tree" -type f -exec touch -d '2020-01-01 00:00:00' {} +
  count=$(find "$tree" -type f | wc -l)
  read -r goal maven < <(gitops "$tree")
  moved=$(find "$tree" -type f -newermt '2020-01-02' | wc -l)
  echo "  goal $goal ms, Maven $maven ms: $(sed 's/.*: //' "$work/last"); files $count -> $(find "$tree" -type f | wc -l), modification times moved: $moved"
  [ ! -s "$work/changes" ] || echo "    changed: $(tr '\n' ' ' < "$work/changes")(the preview's chart revision is git's HEAD: a commit during the run changes it)"
  echo "$goal $maven" >> "$work/nochange"
done
echo "Medians (goal ms, Maven ms):"
echo "  empty checkout: $(cut -d' ' -f1 "$work/empty" | median) $(cut -d' ' -f2 "$work/empty" | median)"
echo "  no change:      $(cut -d' ' -f1 "$work/nochange" | median) $(cut -d' ' -f2 "$work/nochange" | median)"

# For scale (not an alternative: no tool renders this tree from these inputs): the build Flux's
# kustomize-controller does of each Kustomization's path, with kubectl's built-in kustomize.
if command -v kubectl >/dev/null; then
  paths=$(grep -ho 'path: .*' "$tree"/clusters/preview-eu/*.yaml | sed 's/path: //' | sort -u)
  : > "$work/kustomize"
  for i in $(seq "$runs"); do
    start=$(now_ms)
    for path in $paths; do kubectl kustomize "$tree/$path" > /dev/null; done
    echo $(( $(now_ms) - start )) >> "$work/kustomize"
  done
  echo "kubectl kustomize of $(echo $paths | tr ' ' ','): median $(median < "$work/kustomize") ms ($(sort -n "$work/kustomize" | tr '\n' ' '))"
fi
