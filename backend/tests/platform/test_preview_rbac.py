"""What a pull request's code can do in the cluster: the preview deployer's RBAC, as OpenTofu
applies it (tofu/modules/cashbook/preview-deployer.yaml) plus the RoleBinding deploy-pr.yml
creates in pr-<n>, evaluated the way the API server's RBAC authorizer does."""

import re

import pytest
import yaml
from conftest import REPO, TOOLS_VENV_BIN, load_all, run, tool

pytestmark = pytest.mark.platform

MANIFEST = REPO / "tofu/modules/cashbook/preview-deployer.yaml"
WORKFLOW = REPO / ".github/workflows/deploy-pr.yml"
ACCOUNT = ("cashbook-deploy", "preview-deployer")
USERNAME = "system:serviceaccount:cashbook-deploy:preview-deployer"


def objects() -> list[dict]:
    return load_all(MANIFEST.read_text())


def workflow_rolebindings() -> list[dict]:
    """The RoleBindings deploy-pr.yml creates (kubectl create rolebinding ... in $NAMESPACE)."""
    text = WORKFLOW.read_text().replace("\\\n", " ")
    found = []
    for match in re.finditer(r"kubectl -n \"\$NAMESPACE\" create rolebinding (\S+) ([^|]+)", text):
        flags = dict(re.findall(r"--([\w-]+)=(\S+)", match.group(2)))
        namespace, name = flags["serviceaccount"].split(":")
        found.append({
            "kind": "RoleBinding",
            "metadata": {"name": match.group(1), "namespace": "pr-7"},
            "roleRef": {"kind": "ClusterRole", "name": flags["clusterrole"]},
            "subjects": [{"kind": "ServiceAccount", "namespace": namespace, "name": name}],
        })  # fmt: skip
    return found


def allowed(verb: str, group: str, resource: str, namespace: str | None, name: str = "") -> bool:
    """RBAC's answer for the preview deployer (bindings from the manifest and the workflow)."""
    documents = objects() + workflow_rolebindings()
    roles = {d["metadata"]["name"]: d for d in documents if d["kind"] == "ClusterRole"}
    for binding in documents:
        if binding["kind"] not in ("ClusterRoleBinding", "RoleBinding"):
            continue
        if not any((s.get("namespace"), s["name"]) == ACCOUNT for s in binding["subjects"]):
            continue
        scope = binding["metadata"].get("namespace")
        if binding["kind"] == "RoleBinding" and scope != namespace:
            continue
        for rule in roles[binding["roleRef"]["name"]]["rules"]:
            if (
                group in rule["apiGroups"]
                and resource in rule["resources"]
                and (verb in rule["verbs"] or "*" in rule["verbs"])
                and (not rule.get("resourceNames") or name in rule["resourceNames"])
            ):
                return True
    return False


def test_the_manifest_passes_the_kubernetes_schemas(tmp_path):
    result = run(tool(TOOLS_VENV_BIN / "kubernetes-validate"), "--strict", "-k", "1.33.0",
                 str(MANIFEST))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("namespace", ["cashbook", "mariadb", "rabbitmq", "kube-system"])
def test_production_secrets_and_workloads_are_out_of_reach(namespace):
    for verb in ("get", "list", "watch"):
        assert not allowed(verb, "", "secrets", namespace)
        assert not allowed(verb, "", "configmaps", namespace)
    assert not allowed("create", "", "pods", namespace)  # a pod could mount any Secret
    assert not allowed("patch", "apps", "deployments", namespace)
    assert not allowed("create", "", "serviceaccounts/token", namespace)
    # Binding any other role (cluster-admin, say) is refused by RBAC itself.
    assert not allowed("bind", "rbac.authorization.k8s.io", "clusterroles", None, "cluster-admin")


def test_everything_the_preview_needs_is_allowed_in_its_namespace():
    for group, resource in [
        ("", "secrets"), ("", "configmaps"), ("", "services"), ("apps", "deployments"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("networking.k8s.io", "networkpolicies"),
        ("policy", "poddisruptionbudgets"), ("k8s.mariadb.com", "databases"),
        ("rabbitmq.com", "vhosts"), ("rabbitmq.com", "permissions"),
    ]:  # fmt: skip
        for verb in ("get", "create", "patch", "delete"):
            assert allowed(verb, group, resource, "pr-7"), f"{verb} {group}/{resource}"
    assert allowed("create", "", "namespaces", None)
    assert allowed("bind", "rbac.authorization.k8s.io", "clusterroles", None,
                   "cashbook-preview-deployer")  # fmt: skip


def test_cluster_wide_writes_are_limited_to_pr_namespaces_by_admission():
    """Namespaces and RoleBindings are cluster-wide grants; the admission policy confines the
    account's writes to them to pr-<n>, and to binding its own role to itself."""
    by_kind = {d["kind"]: d for d in objects()}
    policy = by_kind["ValidatingAdmissionPolicy"]["spec"]
    assert policy["failurePolicy"] == "Fail"
    (condition,) = policy["matchConditions"]
    assert condition["expression"] == f'request.userInfo.username == "{USERNAME}"'
    matched = {r for rule in policy["matchConstraints"]["resourceRules"] for r in rule["resources"]}
    assert matched == {"namespaces", "rolebindings"}
    expressions = " ".join(v["expression"] for v in policy["validations"])
    assert 'request.namespace.matches("^pr-[0-9]+$")' in expressions
    assert 'object.roleRef.name == "cashbook-preview-deployer"' in expressions
    assert 's.name == "preview-deployer"' in expressions
    binding = by_kind["ValidatingAdmissionPolicyBinding"]["spec"]
    assert binding == {"policyName": "cashbook-preview-namespaces", "validationActions": ["Deny"]}
    cluster_wide = [d for d in objects() if d["kind"] == "ClusterRoleBinding"]
    assert [b["roleRef"]["name"] for b in cluster_wide] == ["cashbook-preview-namespaces"]


def test_previews_use_the_preview_environments_credentials():
    """KUBE_CONFIG is an environment secret: `preview` holds the preview deployer's."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    for name, job in workflow["jobs"].items():
        if "KUBE_CONFIG" in str(job):
            environment = job.get("environment")
            assert (environment if isinstance(environment, str) else environment["name"]) == (
                "preview"
            ), name
    prod = yaml.safe_load((REPO / ".github/workflows/deploy-prod.yml").read_text())
    for name, job in prod["jobs"].items():
        if "KUBE_CONFIG" in str(job):
            assert job["environment"]["name"] == "production", name
    assert workflow_rolebindings()[0]["roleRef"]["name"] == "cashbook-preview-deployer"
