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
LAYOUTS = ["base", "overlays/ingress", "overlays/replicas"]
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
    MERGE_KEYS merge by their key (an item `$patch: delete` removes its match), other lists and
    scalars are replaced."""
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
            if item.get("$patch") == "delete":
                if idx is not None:
                    del out[idx]
            elif idx is None:
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
            if p.get("$patch") == "delete":
                objects.remove(target[0])
            else:
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


def selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def env_of(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def secret_ref(env: dict[str, dict], name: str) -> dict | None:
    return env.get(name, {}).get("valueFrom", {}).get("secretKeyRef")


def hardened_container(sc: dict) -> bool:
    caps = sc.get("capabilities", {})
    return (sc.get("allowPrivilegeEscalation") is False and sc.get("readOnlyRootFilesystem") is True
            and caps.get("drop") == ["ALL"] and not caps.get("add") and sc.get("runAsNonRoot") is True
            and sc.get("runAsUser", 1) != 0)


def has_resources(c: dict) -> bool:
    res = c.get("resources", {})
    return all(res.get(k, {}).get(r) for k in ("requests", "limits") for r in ("cpu", "memory"))


# Volume sources that live on a node's disk or a claim: what a stateless replica must not have.
LOCAL_DISK = ("emptyDir", "hostPath", "persistentVolumeClaim", "ephemeral", "local")


def min_available(pdb: dict, replicas: int) -> int | None:
    spec = pdb["spec"]
    if isinstance(spec.get("minAvailable"), int):
        return spec["minAvailable"]
    if isinstance(spec.get("maxUnavailable"), int):
        return replicas - spec["maxUnavailable"]
    return None


def spreads_over_nodes(pod: dict, labels: dict) -> bool:
    """A topology spread constraint or a pod anti-affinity term on the node, over these pods."""
    hostname = "kubernetes.io/hostname"
    if any(t.get("topologyKey") == hostname and selects(t.get("labelSelector", {}).get("matchLabels", {}), labels)
           for t in pod.get("topologySpreadConstraints", [])):
        return True
    anti = pod.get("affinity", {}).get("podAntiAffinity", {})
    terms = anti.get("requiredDuringSchedulingIgnoredDuringExecution", []) + [
        t.get("podAffinityTerm", {}) for t in anti.get("preferredDuringSchedulingIgnoredDuringExecution", [])]
    return any(t.get("topologyKey") == hostname and selects(t.get("labelSelector", {}).get("matchLabels", {}), labels)
               for t in terms)


def check_deployment(name: str, dep: dict, objects: list[dict]) -> None:
    pod = dep["spec"]["template"]["spec"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    psc = pod.get("securityContext", {})
    check(psc.get("runAsNonRoot") is True and psc.get("runAsUser") == UID and psc.get("fsGroup") == UID
          and psc.get("seccompProfile", {}).get("type") == "RuntimeDefault",
          f"{name}: pod runs as non-root uid {UID}, fsGroup {UID}, seccomp RuntimeDefault", str(psc))
    check(pod.get("enableServiceLinks") is False, f"{name}: service links off (no WORKSPACE_MCP_PORT=tcp://...)")
    check(pod.get("automountServiceAccountToken") is False, f"{name}: no service account token mounted")
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in pod.get("volumes", [])}
    pvcs = {o["metadata"]["name"] for o in by_kind(objects, "PersistentVolumeClaim")}
    secrets = {o["metadata"]["name"] for o in by_kind(objects, "Secret")}
    services = {s["metadata"]["name"]: s for s in by_kind(objects, "Service")}
    replicas = dep["spec"].get("replicas", 1)
    for c in pod["containers"]:
        cn = f"{name}/{c['name']}"
        sc = c.get("securityContext", {})
        check(hardened_container(sc) and sc.get("runAsUser") == UID,
              f"{cn}: read-only root, no privilege escalation, all capabilities dropped", str(sc))
        ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
        for probe, path in (("livenessProbe", "/health"), ("readinessProbe", "/health/ready")):
            get = c.get(probe, {}).get("httpGet", {})
            port = get.get("port")
            check(get.get("path") == path and (port in ports or port in ports.values()),
                  f"{cn}: {probe} GET {path} on the container port", str(get))
        check(has_resources(c), f"{cn}: cpu and memory requests and limits", str(c.get("resources")))
        env = env_of(c)
        value = {k: e.get("value") for k, e in env.items()}
        check(value.get("WORKSPACE_MCP_PORT") == str(ports.get("http")),
              f"{cn}: WORKSPACE_MCP_PORT matches the container port")
        stateless = value.get("WORKSPACE_MCP_STATELESS_MODE") == "true"
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        if stateless:
            local = [v["name"] for v in pod.get("volumes", []) if any(k in v for k in LOCAL_DISK)]
            check(value.get("MCP_ENABLE_OAUTH21") == "true" and not local and not mounts
                  and not any(labels.get("app.kubernetes.io/name") == o["metadata"].get("labels", {}).get("app.kubernetes.io/name")
                              for o in by_kind(objects, "PersistentVolumeClaim")),
                  f"{cn}: stateless (OAuth 2.1): no volume, no claim, nothing on local disk", f"volumes {local}, mounts {mounts}")
        else:
            check(claims.get(mounts.get("/data")) in pvcs, f"{cn}: /data is on a PersistentVolumeClaim of this layout")
        refs = [e["valueFrom"]["secretKeyRef"] for e in env.values() if "secretKeyRef" in e.get("valueFrom", {})]
        check(all(r["name"] in secrets or r.get("optional") for r in refs) and refs,
              f"{cn}: the OAuth client comes from a Secret of this layout")
        if replicas < 2:
            continue
        # Any replica must be able to finish what another began: a code issued by one is
        # redeemed at another, a token signed by one is verified by all.
        check(stateless and value.get("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND") == "valkey",
              f"{cn}: {replicas} replicas: stateless, with the OAuth 2.1 state in Valkey")
        key = secret_ref(env, "FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY")
        check(bool(key) and key["name"] in secrets and not key.get("optional"),
              f"{cn}: {replicas} replicas: one JWT signing key for all, from a Secret of this layout")
        host = value.get("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "")
        port = int(value.get("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT") or 6379)
        svc = services.get(host.split(".")[0])
        check(svc is not None and port in {p["port"] for p in svc["spec"]["ports"]}
              and any(selects(svc["spec"]["selector"], s["spec"]["template"]["metadata"]["labels"])
                      for s in by_kind(objects, "StatefulSet")),
              f"{cn}: the Valkey host {host}:{port} is a Service of this layout in front of a StatefulSet")
        password = secret_ref(env, "WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PASSWORD")
        check(bool(password) and password["name"] in secrets,
              f"{cn}: the Valkey password comes from a Secret of this layout")
    if replicas >= 2:
        check(dep["spec"].get("strategy", {}).get("type") != "Recreate",
              f"{name}: {replicas} replicas are replaced one at a time (no Recreate)")
        pdbs = [p for p in by_kind(objects, "PodDisruptionBudget")
                if selects(p["spec"].get("selector", {}).get("matchLabels", {}), labels)]
        floor = min_available(pdbs[0], replicas) if len(pdbs) == 1 else None
        check(floor is not None and 1 <= floor < replicas,
              f"{name}: a PodDisruptionBudget keeps {floor} of {replicas} replicas up and lets drains proceed",
              f"{len(pdbs)} budgets select the pods")
        check(spreads_over_nodes(pod, labels), f"{name}: replicas are spread across nodes")


def check_valkey(name: str, sts: dict, objects: list[dict]) -> None:
    """Valkey as the layouts run it: non-root, read-only root, a password from a Secret (also
    for its probes), data on the claim template, behind its headless Service."""
    pod = sts["spec"]["template"]["spec"]
    labels = sts["spec"]["template"]["metadata"]["labels"]
    psc = pod.get("securityContext", {})
    check(psc.get("runAsNonRoot") is True and psc.get("runAsUser", 0) != 0
          and psc.get("seccompProfile", {}).get("type") == "RuntimeDefault",
          f"{name}: pod runs as non-root uid {psc.get('runAsUser')}, seccomp RuntimeDefault", str(psc))
    check(pod.get("enableServiceLinks") is False and pod.get("automountServiceAccountToken") is False,
          f"{name}: no service links, no service account token")
    secrets = {o["metadata"]["name"] for o in by_kind(objects, "Secret")}
    templates = {t["metadata"]["name"] for t in sts["spec"].get("volumeClaimTemplates", [])}
    for c in pod["containers"]:
        cn = f"{name}/{c['name']}"
        check(hardened_container(c.get("securityContext", {})),
              f"{cn}: read-only root, no privilege escalation, all capabilities dropped", str(c.get("securityContext")))
        check(has_resources(c), f"{cn}: cpu and memory requests and limits")
        env = env_of(c)
        args = c.get("command", []) + c.get("args", [])
        given = args[args.index("--requirepass") + 1] if "--requirepass" in args[:-1] else ""
        var = given[2:-1] if given.startswith("$(") and given.endswith(")") else None
        password = secret_ref(env, var) if var else None
        check(bool(password) and password["name"] in secrets and not password.get("optional"),
              f"{cn}: requirepass from a Secret of this layout", f"--requirepass {given!r}")
        probe_auth = secret_ref(env, "REDISCLI_AUTH")
        for probe in ("readinessProbe", "livenessProbe"):
            command = " ".join(c.get(probe, {}).get("exec", {}).get("command", []))
            check("valkey-cli" in command and "ping" in command and probe_auth == password,
                  f"{cn}: {probe} runs valkey-cli ping with the password", command)
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        check(mounts.get("/data") in templates, f"{cn}: /data is on the claim template")
    svc = next((s for s in by_kind(objects, "Service") if s["metadata"]["name"] == sts["spec"].get("serviceName")), None)
    check(svc is not None and svc["spec"].get("clusterIP") == "None" and selects(svc["spec"]["selector"], labels),
          f"{name}: its headless Service {sts['spec'].get('serviceName')} selects the pod")
    app_refs = [secret_ref(env_of(c), "WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PASSWORD")
                for d in by_kind(objects, "Deployment") for c in d["spec"]["template"]["spec"]["containers"]]
    requirepass = [secret_ref(env_of(c), v[2:-1]) for c in pod["containers"]
                   for v in (c.get("args", []) + [""])[1:] if v.startswith("$(")]
    check(bool(app_refs) and all(r and r in requirepass for r in app_refs),
          f"{name}: the replicas use the password Valkey requires (same Secret key)")


def check_services(layout: str, objects: list[dict]) -> None:
    pods = [w["spec"]["template"] for w in by_kind(objects, "Deployment") + by_kind(objects, "StatefulSet")]
    for svc in by_kind(objects, "Service"):
        sel = svc["spec"]["selector"]
        selected = [p for p in pods if selects(sel, p["metadata"]["labels"])]
        named = {p.get("name") for t in selected for c in t["spec"]["containers"] for p in c.get("ports", [])}
        check(len(selected) == 1 and all(p["targetPort"] in named for p in svc["spec"]["ports"]),
              f"{layout}: Service {svc['metadata']['name']}: selects one workload's pods and targets its named port")


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
    for sts in by_kind(objects, "StatefulSet"):
        check_valkey(f"{layout}: StatefulSet {sts['metadata']['name']}", sts, objects)
    check_services(layout, objects)
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
