#!/usr/bin/env python3
"""Renders the kustomize layouts under deploy/kubernetes/ and checks what they produce.

Every rendered object is validated, strictly (unknown fields rejected), against the Kubernetes
OpenAPI schemas of the versions in VERSIONS with kubernetes-validate; then the promises
docs/deployment.md makes are checked: non-root uid 10001, read-only root filesystem, no
privilege escalation, all capabilities dropped, RuntimeDefault seccomp, /health and
/health/ready probes on the container port, requests and limits, /data on the claim, service
links off, Service and Ingress wired to the pod, placeholder-only Secrets.

Layouts are rendered by the small renderer below (resources, namespace, strategic-merge
patches: all these layouts use). When kubectl is installed, `kubectl kustomize` renders them
too and both must agree, which keeps the renderer honest for machines without kubectl.

Usage: python3 deploy/kubernetes/check.py
Needs: pip install -r deploy/kubernetes/requirements.txt (PyYAML, kubernetes-validate).
Prints one line per check; exits 1 when any fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent
LAYOUTS = ["base", "overlays/ingress"]
VERSIONS = ["1.29.0", "1.37.0"]
UID = 10001
# Lists merged element by element on this key by strategic-merge patches (the ones used here).
MERGE_KEYS = {"containers": "name", "initContainers": "name", "env": "name", "ports": "containerPort",
              "volumes": "name", "volumeMounts": "mountPath"}
CLUSTER_SCOPED = {"Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass"}
KNOWN_FIELDS = {"apiVersion", "kind", "namespace", "resources", "patches"}

results: list[tuple[bool, str]] = []


def check(ok: bool, what: str, detail: str = "") -> None:
    results.append((ok, what))
    print(f"  {'ok  ' if ok else 'FAIL'}  {what}{'' if ok or not detail else ': ' + detail}")


# --- rendering ---------------------------------------------------------------------------

def load_docs(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def merge(base, patch, key: str | None = None):
    """Strategic merge as kustomize applies it to these objects: maps merge, lists named in
    MERGE_KEYS merge by their key, other lists and scalars are replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = merge(base[k], v, k) if k in base else v
        return out
    if isinstance(base, list) and isinstance(patch, list) and key in MERGE_KEYS:
        field = MERGE_KEYS[key]
        out = list(base)
        for item in patch:
            idx = next((i for i, b in enumerate(out) if b.get(field) == item.get(field)), None)
            if idx is None:
                out.append(item)
            else:
                out[idx] = merge(out[idx], item)
        return out
    return patch


def render(layout: Path) -> list[dict]:
    kust = yaml.safe_load((layout / "kustomization.yaml").read_text())
    unknown = set(kust) - KNOWN_FIELDS
    if unknown:
        raise SystemExit(f"{layout}: the fallback renderer does not implement {sorted(unknown)}")
    objects: list[dict] = []
    for res in kust.get("resources", []):
        path = (layout / res).resolve()
        objects += render(path) if path.is_dir() else load_docs(path)
    for patch in kust.get("patches", []):
        for p in load_docs(layout / patch["path"]):
            target = [o for o in objects if (o["kind"], o["metadata"]["name"]) == (p["kind"], p["metadata"]["name"])]
            if len(target) != 1:
                raise SystemExit(f"{layout}: patch {patch['path']} matches {len(target)} objects")
            objects[objects.index(target[0])] = merge(target[0], p)
    if "namespace" in kust:
        for o in objects:
            if o["kind"] not in CLUSTER_SCOPED:
                o["metadata"] = {**o["metadata"], "namespace": kust["namespace"]}
    return objects


def normalized(objects: list[dict]):
    """Order-free form for comparing renderers: objects by kind/name, named lists sorted."""
    def norm(v, key=None):
        if isinstance(v, dict):
            return {k: norm(x, k) for k, x in v.items()}
        if isinstance(v, list):
            items = [norm(x) for x in v]
            if key in MERGE_KEYS:
                items.sort(key=lambda x: str(x.get(MERGE_KEYS[key])))
            return items
        return v
    return sorted((norm(o) for o in objects), key=lambda o: (o["kind"], o["metadata"]["name"]))


# --- checks ------------------------------------------------------------------------------

def by_kind(objects: list[dict], kind: str) -> list[dict]:
    return [o for o in objects if o["kind"] == kind]


def check_deployment(name: str, dep: dict, objects: list[dict]) -> None:
    pod = dep["spec"]["template"]["spec"]
    psc = pod.get("securityContext", {})
    check(psc.get("runAsNonRoot") is True and psc.get("runAsUser") == UID and psc.get("fsGroup") == UID
          and psc.get("seccompProfile", {}).get("type") == "RuntimeDefault",
          f"{name}: pod runs as non-root uid {UID}, fsGroup {UID}, seccomp RuntimeDefault", str(psc))
    check(pod.get("enableServiceLinks") is False, f"{name}: service links off (no WORKSPACE_MCP_PORT=tcp://...)")
    check(pod.get("automountServiceAccountToken") is False, f"{name}: no service account token mounted")
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in pod.get("volumes", [])}
    pvcs = {o["metadata"]["name"] for o in by_kind(objects, "PersistentVolumeClaim")}
    for c in pod["containers"]:
        cn = f"{name}/{c['name']}"
        sc = c.get("securityContext", {})
        check(sc.get("allowPrivilegeEscalation") is False and sc.get("readOnlyRootFilesystem") is True
              and sc.get("capabilities", {}).get("drop") == ["ALL"] and not sc.get("capabilities", {}).get("add")
              and sc.get("runAsNonRoot") is True and sc.get("runAsUser") == UID,
              f"{cn}: read-only root, no privilege escalation, all capabilities dropped", str(sc))
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        for probe, path in (("livenessProbe", "/health"), ("readinessProbe", "/health/ready")):
            get = c.get(probe, {}).get("httpGet", {})
            port = get.get("port")
            check(get.get("path") == path and (port in ports or port in ports.values()),
                  f"{cn}: {probe} GET {path} on the container port", str(get))
        res = c.get("resources", {})
        check(all(res.get(k, {}).get(r) for k in ("requests", "limits") for r in ("cpu", "memory")),
              f"{cn}: cpu and memory requests and limits", str(res))
        env = {e["name"]: e for e in c.get("env", [])}
        check(env.get("WORKSPACE_MCP_PORT", {}).get("value") == str(ports.get("http")),
              f"{cn}: WORKSPACE_MCP_PORT matches the container port")
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        check(claims.get(mounts.get("/data")) in pvcs, f"{cn}: /data is on a PersistentVolumeClaim of this layout")
        secrets = {o["metadata"]["name"] for o in by_kind(objects, "Secret")}
        refs = [e["valueFrom"]["secretKeyRef"] for e in env.values() if "secretKeyRef" in e.get("valueFrom", {})]
        check(all(r["name"] in secrets or r.get("optional") for r in refs) and refs,
              f"{cn}: the OAuth client comes from a Secret of this layout")
    labels = dep["spec"]["template"]["metadata"]["labels"]
    for svc in by_kind(objects, "Service"):
        sel = svc["spec"]["selector"]
        named = {p.get("name") for c in pod["containers"] for p in c.get("ports", [])}
        check(all(labels.get(k) == v for k, v in sel.items())
              and all(p["targetPort"] in named for p in svc["spec"]["ports"]),
              f"Service {svc['metadata']['name']}: selects the pod and targets its named port")


def check_layout(layout: str) -> None:
    path = ROOT / layout
    objects = render(path)
    print(f"{layout}: {', '.join(o['kind'] + '/' + o['metadata']['name'] for o in objects)}")
    kubectl = shutil.which("kubectl")
    if kubectl:
        out = subprocess.run([kubectl, "kustomize", str(path)], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            check(False, f"{layout}: kubectl kustomize renders", out.stderr.strip())
        else:
            check(normalized(load_all(out.stdout)) == normalized(objects),
                  f"{layout}: kubectl kustomize and the fallback renderer agree")
    for version in VERSIONS:
        errors = []
        for o in objects:
            try:
                kubernetes_validate.validate(o, version, strict=True)
            except kubernetes_validate.ValidationError as e:
                errors.append(f"{o['kind']}/{o['metadata']['name']}: {e.message} at {'.'.join(map(str, e.path))}")
        check(not errors, f"{layout}: {len(objects)} objects valid for Kubernetes {version} (strict)", "; ".join(errors))
    check(all(o["metadata"].get("namespace") for o in objects if o["kind"] not in CLUSTER_SCOPED),
          f"{layout}: every namespaced object has a namespace")
    for dep in by_kind(objects, "Deployment"):
        check_deployment(f"{layout}: Deployment {dep['metadata']['name']}", dep, objects)
    for sec in by_kind(objects, "Secret"):
        values = {**sec.get("stringData", {}), **sec.get("data", {})}
        check(bool(values) and all("REPLACE_ME" in str(v) for v in values.values()),
              f"{layout}: Secret {sec['metadata']['name']} holds placeholders only")
    services = {s["metadata"]["name"]: s for s in by_kind(objects, "Service")}
    for ing in by_kind(objects, "Ingress"):
        env = {e["name"]: e.get("value", "") for d in by_kind(objects, "Deployment")
               for c in d["spec"]["template"]["spec"]["containers"] for e in c.get("env", [])}
        for rule in ing["spec"]["rules"]:
            host = rule["host"]
            backends = [p["backend"]["service"] for p in rule["http"]["paths"]]
            check(all(b["name"] in services and b["port"].get("name") in {p.get("name") for p in services[b["name"]]["spec"]["ports"]}
                      for b in backends),
                  f"{layout}: Ingress {host} routes to the Service's named port")
            check(env.get("WORKSPACE_EXTERNAL_URL") == f"https://{host}" and host in env.get("WORKSPACE_MCP_ALLOWED_HOSTS", "").split(","),
                  f"{layout}: WORKSPACE_EXTERNAL_URL and WORKSPACE_MCP_ALLOWED_HOSTS name the Ingress host {host}")
            check(any(host in t.get("hosts", []) for t in ing["spec"].get("tls", [])), f"{layout}: Ingress {host} has TLS")


def load_all(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def main() -> int:
    for layout in LAYOUTS:
        check_layout(layout)
    failed = sum(1 for ok, _ in results if not ok)
    print(f"kubernetes manifests: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
