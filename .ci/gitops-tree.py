#!/usr/bin/env python3
"""YAML questions .ci/gitops-check asks of a Flux GitOps tree (a real YAML parser, not grep).

  gitops-tree.py entries TREE CLUSTER
      one line per directory Flux builds: NAME<TAB>PATH (PATH relative to TREE, no "./"). The first
      is the bootstrap's own entry, clusters/CLUSTER; then every Flux Kustomization
      (kustomize.toolkit.fluxcd.io/v1) in clusters/CLUSTER/*.yaml and previews/CLUSTER/*.yaml.
  gitops-tree.py lists TREE
      every kustomization.yaml must list exactly the YAML files beside it, plus only directories
      that hold a kustomization.yaml; one "FAILED: ..." line per mismatch, exit 1 when any.
  gitops-tree.py namespaces BUILT.yaml...
      the Namespace objects of the built files, as one YAML stream on stdout.
  gitops-tree.py releases OUT_DIR CLUSTER ENTRY_NAME=BUILT.yaml...
      the HelmReleases of chart ./charts/ghillie built from previews/CLUSTER/<id>/: writes each
      one's spec.values to OUT_DIR/<namespace>-<name>.values.yaml and prints
      VALUES_FILE<TAB>NAMESPACE<TAB>RELEASE<TAB>ORIGIN, NAMESPACE being spec.targetNamespace or
      metadata.namespace and RELEASE spec.releaseName or metadata.name.
  gitops-tree.py where KIND NAME ENTRY_NAME=BUILT.yaml...
      which built paths hold an object KIND/NAME, for naming the origin of an object the API server rejected.

Errors are "FAILED: ..." lines on stderr and exit 1.
"""
import os
import sys

import yaml

FLUX_KUSTOMIZATION = "kustomize.toolkit.fluxcd.io/v1"
APP_CHART = "./charts/ghillie"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: the same documents, faster


def failed(message):
    print("FAILED: " + message, file=sys.stderr)


def documents(path):
    try:
        with open(path) as f:
            return [d for d in yaml.load_all(f, Loader=LOADER) if d is not None]
    except yaml.YAMLError as e:
        raise SystemExit("FAILED: %s is not YAML: %s" % (path, str(e).replace("\n", " ")))


def yaml_files(directory):
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.join(directory, n) for n in os.listdir(directory)
                  if n.endswith((".yaml", ".yml")) and os.path.isfile(os.path.join(directory, n)))


def entries(tree, cluster):
    root = os.path.join("clusters", cluster)
    if not os.path.isdir(os.path.join(tree, root)):
        raise SystemExit("FAILED: %s has no %s/" % (tree, root))
    rows = [("flux-system", root)]
    problems = 0
    for folder in (root, os.path.join("previews", cluster)):
        for path in yaml_files(os.path.join(tree, folder)):
            if os.path.basename(path) == "kustomization.yaml":
                continue
            for doc in documents(path):
                if doc.get("kind") != "Kustomization" or doc.get("apiVersion") != FLUX_KUSTOMIZATION:
                    continue
                name = (doc.get("metadata") or {}).get("name", "?")
                spec_path = (doc.get("spec") or {}).get("path")
                where = "%s (Kustomization %s)" % (os.path.relpath(path, tree), name)
                if not isinstance(spec_path, str) or not spec_path:
                    failed("%s has no spec.path" % where)
                    problems += 1
                    continue
                normal = os.path.normpath(spec_path)
                if os.path.isabs(normal) or normal.startswith(".."):
                    failed("%s: spec.path %s leaves the tree" % (where, spec_path))
                    problems += 1
                    continue
                rows.append((name, normal))
    for name, path in rows:
        print("%s\t%s" % (name, path))
    return 1 if problems else 0


def lists(tree):
    problems = 0
    count = 0
    for directory, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if "kustomization.yaml" not in files:
            continue
        count += 1
        where = os.path.relpath(os.path.join(directory, "kustomization.yaml"), tree)
        docs = documents(os.path.join(directory, "kustomization.yaml"))
        resources = (docs[0] if docs else {}).get("resources") or []
        beside = {n for n in files if n.endswith((".yaml", ".yml")) and n != "kustomization.yaml"}
        listed = set()
        for entry in resources:
            name = str(entry).rstrip("/")
            if name in listed:
                failed("%s lists %s twice" % (where, entry))
                problems += 1
            listed.add(name)
            target = os.path.join(directory, name)
            if os.sep in name or name in (".", ".."):
                failed("%s lists %s, which is not beside it" % (where, entry))
                problems += 1
            elif os.path.isdir(target):
                if not os.path.isfile(os.path.join(target, "kustomization.yaml")):
                    failed("%s lists directory %s, which has no kustomization.yaml" % (where, entry))
                    problems += 1
            elif name not in beside:
                failed("%s lists %s, which does not exist" % (where, entry))
                problems += 1
        for name in sorted(beside - listed):
            failed("%s does not list %s" % (where, name))
            problems += 1
    if count == 0:
        failed("%s holds no kustomization.yaml" % tree)
        problems += 1
    return 1 if problems else 0


def namespaces(built):
    found = {}
    for path in built:
        for doc in documents(path):
            if doc.get("kind") == "Namespace" and doc.get("apiVersion") == "v1":
                found[doc["metadata"]["name"]] = doc
    yaml.safe_dump_all([found[n] for n in sorted(found)], sys.stdout, sort_keys=True)
    return 0


def releases(out, cluster, named_builds):
    previews = os.path.join("previews", cluster) + os.sep
    problems = 0
    for named in named_builds:
        origin, _, path = named.partition("=")
        entry_path = origin.split("@", 1)[1] if "@" in origin else ""
        if not entry_path.startswith(previews):
            continue
        for doc in documents(path):
            if doc.get("kind") != "HelmRelease" or not str(doc.get("apiVersion", "")).startswith("helm.toolkit.fluxcd.io/"):
                continue
            meta = doc.get("metadata") or {}
            spec = doc.get("spec") or {}
            chart = ((spec.get("chart") or {}).get("spec") or {}).get("chart")
            if chart != APP_CHART:
                continue
            namespace = spec.get("targetNamespace") or meta.get("namespace")
            release = spec.get("releaseName") or meta.get("name")
            if not namespace or not release:
                failed("HelmRelease %s in %s: no namespace or name" % (meta.get("name"), entry_path))
                problems += 1
                continue
            values = os.path.join(out, "%s-%s.values.yaml" % (namespace, release))
            with open(values, "w") as f:
                yaml.safe_dump(spec.get("values") or {}, f, sort_keys=True)
            print("%s\t%s\t%s\t%s" % (values, namespace, release, "HelmRelease %s/%s" % (meta.get("namespace"), meta.get("name"))))
    return 1 if problems else 0


def where(kind, name, named_builds):
    origins = []
    for named in named_builds:
        origin, _, path = named.partition("=")
        for doc in documents(path):
            if doc.get("kind") == kind and (doc.get("metadata") or {}).get("name") == name:
                meta = doc["metadata"]
                origins.append("%s/%s from %s" % (meta.get("namespace", "-"), name, origin.split("@", 1)[-1]))
    print(", ".join(origins) or "not in the builds")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "entries" and len(argv) == 3:
        return entries(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "lists":
        return lists(argv[1])
    if len(argv) >= 1 and argv[0] == "namespaces":
        return namespaces(argv[1:])
    if len(argv) >= 3 and argv[0] == "releases":
        return releases(argv[1], argv[2], argv[3:])
    if len(argv) >= 3 and argv[0] == "where":
        return where(argv[1], argv[2], argv[3:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
