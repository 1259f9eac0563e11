#!/usr/bin/env python3
"""Runs a composite action's steps as GitHub's runner does, for the tests: run-action.py ACTION.yml INPUTS.json.

Each `run:` step runs with `shell: bash` (`bash --noprofile --norc -eo pipefail`), its `env:` values expanded,
GITHUB_OUTPUT/GITHUB_PATH/RUNNER_TEMP set; `${{ inputs.X }}` and `${{ steps.ID.outputs.Y }}` are the only
expressions, `if:` takes `A == 'v'`/`A != 'v'` joined by `&&`; a `uses:` step is not run, only recorded. Prints
one JSON line per step ({"name", "ran", "status"}), exits with the first failing step's status (later steps are
skipped, as on GitHub)."""
import json, os, re, subprocess, sys, tempfile
import yaml

action = yaml.safe_load(open(sys.argv[1]))
inputs = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
inputs.update(json.loads(sys.argv[2]))
outputs = {}
temp = tempfile.mkdtemp(prefix="runner-")
path_file = os.path.join(temp, "path")
open(path_file, "w").close()


def value(ref):
    ref = ref.strip()
    if m := re.fullmatch(r"inputs\.([\w-]+)", ref):
        return inputs[m.group(1)]
    if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", ref):
        return outputs.get(m.group(1), {}).get(m.group(2), "")
    if m := re.fullmatch(r"'([^']*)'", ref):
        return m.group(1)
    raise SystemExit(f"run-action: unsupported expression {ref!r}")


def expand(text):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: value(m.group(1)), str(text))


def condition(text):
    for part in text.split("&&"):
        m = re.fullmatch(r"\s*(\S+)\s*(==|!=)\s*('[^']*')\s*", part)
        if not m:
            raise SystemExit(f"run-action: unsupported condition {text!r}")
        equal = value(m.group(1)) == value(m.group(3))
        if equal != (m.group(2) == "=="):
            return False
    return True


failed = 0
for step in action["runs"]["steps"]:
    name = step.get("name", step.get("id", "?"))
    if failed or ("if" in step and not condition(step["if"])):
        print(json.dumps({"name": name, "ran": False}))
        continue
    if "uses" in step:
        print(json.dumps({"name": name, "ran": True, "uses": step["uses"],
                          "with": {k: expand(v) for k, v in step.get("with", {}).items()}}))
        continue
    assert step.get("shell") == "bash", f"{name}: composite steps need shell: bash"
    out_file = os.path.join(temp, "output")
    open(out_file, "w").close()
    env = dict(os.environ, GITHUB_OUTPUT=out_file, GITHUB_PATH=path_file, RUNNER_TEMP=temp)
    extra = [line.strip() for line in open(path_file) if line.strip()]
    env["PATH"] = os.pathsep.join(reversed(extra)) + os.pathsep + env["PATH"] if extra else env["PATH"]
    env.update({k: expand(v) for k, v in step.get("env", {}).items()})
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env)
    if "id" in step:
        outputs[step["id"]] = dict(line.rstrip("\n").split("=", 1) for line in open(out_file) if "=" in line)
    print(json.dumps({"name": name, "ran": True, "status": result.returncode}), flush=True)
    failed = result.returncode
sys.exit(failed)
