#!/usr/bin/env python3
"""Checks application images written as `docker save` tarballs (infra/image/build.sh): for each NAME.tar, the image is
approval-bridge/NAME, runs as a non-root user, its entrypoint starts quarkus-run.jar and that jar is in a layer at the
path the entrypoint uses, its JVM takes half the container's memory limit as heap (-XX:MaxRAMPercentage=50), it
exposes 8080/tcp, and it carries the OCI labels title (= NAME), description, version and vendor. Prints one line per
problem and exits 1 if there is any.

usage: check-image.py IMAGE.tar...        check-image.py --self-test   (the check rejects a broken image)
"""
import io
import json
import os
import posixpath
import sys
import tarfile
import tempfile

PORT = "8080/tcp"
LABELS = ("org.opencontainers.image.title", "org.opencontainers.image.description",
          "org.opencontainers.image.version", "org.opencontainers.image.vendor")
RUN_JAVA = "/opt/jboss/container/java/run/run-java.sh"
HEAP = "-XX:MaxRAMPercentage=50"


def layer_files(image, manifest):
    files = set()
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=image.extractfile(layer), mode="r:*") as tar:
            files.update("/" + m.name.lstrip("./") for m in tar.getmembers() if m.isfile())
    return files


def check(path):
    name = os.path.basename(path)[:-len(".tar")]
    problems = []

    def problem(message):
        problems.append(f"{path}: {message}")

    with tarfile.open(path) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"])).get("config") or {}
        tags = manifest.get("RepoTags") or []
        if not tags or tags[0].rsplit(":", 1)[0] != "approval-bridge/" + name:
            problem(f"image {tags} is not approval-bridge/{name} (the templates deploy that name)")
        user = str(config.get("User") or "")
        if user.split(":")[0] in ("", "0", "root"):
            problem(f"user {user or '(none)'} is root: the image must run as a non-root user")
        entrypoint = config.get("Entrypoint") or []
        env = dict(e.split("=", 1) for e in config.get("Env") or [])
        if entrypoint[:1] == [RUN_JAVA]:
            jar = env.get("JAVA_APP_JAR", "")
        elif entrypoint[:1] == ["java"] and "-jar" in entrypoint[:-1]:
            jar = posixpath.join(config.get("WorkingDir") or "/", entrypoint[entrypoint.index("-jar") + 1])
        else:
            jar = ""
            problem(f"entrypoint {entrypoint} starts neither java -jar nor {RUN_JAVA}")
        if entrypoint and not jar.endswith("/quarkus-run.jar"):
            problem(f"entrypoint {entrypoint} does not start quarkus-run.jar (jar: {jar or 'none'})")
        elif jar and jar not in layer_files(image, manifest):
            problem(f"the entrypoint's {jar} is in no layer of the image")
        # the heap as a share of the container's memory limit, on the java command line or in run-java's append
        jvm = " ".join(entrypoint) + " " + env.get("JAVA_OPTS_APPEND", "")
        if HEAP not in jvm:
            problem(f"the JVM is not given {HEAP} (entrypoint {entrypoint}, JAVA_OPTS_APPEND "
                    f"{env.get('JAVA_OPTS_APPEND', '(none)')})")
        if PORT not in (config.get("ExposedPorts") or {}):
            problem(f"port {PORT} is not exposed (exposed: {sorted(config.get('ExposedPorts') or {})})")
        labels = config.get("Labels") or {}
        for label in LABELS:
            if not labels.get(label):
                problem(f"label {label} is missing")
        if labels.get(LABELS[0]) not in (None, name):
            problem(f"label {LABELS[0]} is {labels[LABELS[0]]}, expected {name}")
    return problems


def write_image(path, config, files):
    """A minimal docker-save tarball: one layer holding `files`, the given container config."""
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w:gz") as tar:
        for file in files:
            info = tarfile.TarInfo(file.lstrip("/"))
            tar.addfile(info, io.BytesIO(b""))
    with tarfile.open(path, "w") as image:
        for member, data in (("layer.tar.gz", layer.getvalue()),
                             ("config.json", json.dumps({"config": config}).encode()),
                             ("manifest.json", json.dumps([{"Config": "config.json", "Layers": ["layer.tar.gz"],
                                                            "RepoTags": ["approval-bridge/hub:1"]}]).encode())):
            info = tarfile.TarInfo(member)
            info.size = len(data)
            image.addfile(info, io.BytesIO(data))


def self_test():
    good = {"User": "185", "Entrypoint": ["java", HEAP, "-jar", "quarkus-run.jar"], "WorkingDir": "/home/jboss",
            "ExposedPorts": {PORT: {}}, "Labels": {label: "hub" for label in LABELS}}
    broken = {
        "root user": (dict(good, User="0"), "is root"),
        "no user": ({k: v for k, v in good.items() if k != "User"}, "is root"),
        "shell entrypoint": (dict(good, Entrypoint=["sh"]), "starts neither"),
        "jar missing": (dict(good, WorkingDir="/app"), "in no layer"),
        "no heap share": (dict(good, Entrypoint=["java", "-jar", "quarkus-run.jar"]), "is not given"),
        "no port": (dict(good, ExposedPorts={}), "is not exposed"),
        "no labels": (dict(good, Labels={}), "label org.opencontainers.image.title is missing"),
        "wrong title": (dict(good, Labels=dict(good["Labels"], **{LABELS[0]: "approval-hub"})), "expected hub"),
    }
    failures = []
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "hub.tar")
        write_image(path, good, ["/home/jboss/quarkus-run.jar"])
        if check(path):
            failures.append(f"the good image fails: {check(path)}")
        for case, (config, expected) in broken.items():
            write_image(path, config, ["/home/jboss/quarkus-run.jar"])
            problems = check(path)
            if not any(expected in p for p in problems):
                failures.append(f"{case}: expected a problem with '{expected}', got {problems}")
    for failure in failures:
        print("self-test: " + failure)
    print(f"check-image self-test: {len(broken) + 1 - len(failures)} passed, {len(failures)} failed")
    return not failures


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if not sys.argv[1:]:
        sys.exit(__doc__)
    problems = [p for path in sys.argv[1:] for p in check(path)]
    for p in problems:
        print(p)
    for path in sys.argv[1:]:
        if not any(p.startswith(path + ":") for p in problems):
            print(f"{path}: ok (non-root user, entrypoint, {HEAP}, {PORT}, OCI labels)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
